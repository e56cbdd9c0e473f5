"""The scan baseline: known false positives a team has reviewed and accepted, so the
pre-commit hook can be adopted on a repository that already holds such text.

In the spirit of detect-secrets' baseline, but with nothing readable in it. Version 1::

    {
      "version": 1,
      "comment": "...",
      "salt": "<random hex, made once per baseline>",
      "results": [{"path": "<hash>", "type": "NAME", "hash": "<hash>"}, ...]
    }

Each finding is keyed by ``sha256(salt, path, entity type, text of its line)``:

* no line numbers, so moving unrelated lines (or the finding's own line) keeps the entry;
* the whole line rather than the detected value: PHI values are low-entropy (a date of
  birth has ~40,000 possible values), so a hash of the value alone could be reversed by
  trying them all; and the exact span a model marks can shift when distant text
  changes, while the line does not. Editing the line itself makes its findings new
  again, to be reviewed again. Two findings of one type on one line share an entry;
* the path is hashed too, since clinical file names can themselves hold identifiers;
* the random salt stops one precomputed table from working on every baseline.

Plaintext PHI must never be written to this file: it is meant to be committed.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from redactphi.errors import ConfigError
from redactphi.pipeline.write import atomic_write_bytes

BASELINE_VERSION = 1
DEFAULT_BASELINE = ".redactphi-baseline.json"
_COMMENT = (
    "RedactPHI scan baseline: reviewed false positives. Entries are salted sha256 hashes of "
    "(file, type, line text); no PHI or file name is stored in plaintext, and none may be. "
    "Regenerate with `redactphi scan --update-baseline PATH...`."
)


def _h(*parts: str) -> str:
    h = hashlib.sha256()
    for p in parts:
        data = p.encode("utf-8")
        h.update(len(data).to_bytes(8, "big"))  # length-prefixed: no ambiguity between parts
        h.update(data)
    return h.hexdigest()


@dataclass
class Baseline:
    """A loaded (or new) baseline; ``root`` is the folder paths are relative to."""

    salt: str
    root: Path
    results: dict[str, dict[str, str]] = field(default_factory=dict)  # finding hash -> entry

    @classmethod
    def new(cls, root: Path) -> Baseline:
        return cls(secrets.token_hex(16), root)

    @classmethod
    def load(cls, path: Path) -> Baseline:
        """Read a baseline file; a malformed one is a :class:`ConfigError`."""
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ConfigError(f"baseline not found: {path} (create it with `redactphi scan --update-baseline`)") from None
        except (json.JSONDecodeError, UnicodeDecodeError):
            raise ConfigError(f"{path}: not a valid baseline (JSON expected)") from None
        if not isinstance(data, dict) or data.get("version") != BASELINE_VERSION:
            raise ConfigError(f"{path}: unsupported baseline version {data.get('version') if isinstance(data, dict) else '?'}; expected {BASELINE_VERSION}")
        salt = data.get("salt")
        results = data.get("results", [])
        if not isinstance(salt, str) or not isinstance(results, list):
            raise ConfigError(f"{path}: baseline needs a 'salt' string and a 'results' list")
        b = cls(salt, path.resolve().parent)
        for r in results:
            if not isinstance(r, dict) or not all(isinstance(r.get(k), str) for k in ("path", "type", "hash")):
                raise ConfigError(f"{path}: each result needs string 'path', 'type' and 'hash'")
            b.results[r["hash"]] = {"path": r["path"], "type": r["type"], "hash": r["hash"]}
        return b

    def rel(self, path: str | Path) -> str:
        """The path as stored: relative to the baseline's folder, POSIX separators."""
        p = Path(path).resolve()
        try:
            return p.relative_to(self.root).as_posix()
        except ValueError:
            return Path(os.path.relpath(p, self.root)).as_posix()

    def path_hash(self, path: str | Path) -> str:
        return _h("path", self.salt, self.rel(path))

    def fingerprint(self, path: str | Path, entity: str, line_text: str) -> str:
        """The key of a finding of type ``entity`` on a line reading ``line_text``
        (leading and trailing whitespace ignored)."""
        return _h("finding", self.salt, self.rel(path), entity, line_text.strip())

    def allows(self, fingerprint: str) -> bool:
        return fingerprint in self.results

    def replace_paths(self, paths: Iterable[str | Path], findings: Iterable[tuple[str | Path, str, str]]) -> None:
        """Forget every entry for ``paths`` and record ``findings`` (path, entity, hash)."""
        gone = {self.path_hash(p) for p in paths}
        self.results = {k: v for k, v in self.results.items() if v["path"] not in gone}
        for path, entity, fp in findings:
            self.results[fp] = {"path": self.path_hash(path), "type": entity, "hash": fp}

    def to_json(self) -> str:
        # Sorted and without timestamps: an update that finds nothing new changes nothing.
        data: dict[str, Any] = {
            "version": BASELINE_VERSION,
            "comment": _COMMENT,
            "salt": self.salt,
            "results": sorted(self.results.values(), key=lambda r: (r["path"], r["type"], r["hash"])),
        }
        return json.dumps(data, indent=2) + "\n"

    def save(self, path: Path) -> None:
        atomic_write_bytes(path, self.to_json().encode("utf-8"))
