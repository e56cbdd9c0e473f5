"""Audit: one JSONL record per decision, for a compliance officer.

Records hold offsets, types, scores, recognizer names and hashes - never the PHI, nor
any other text taken from a note (the way detect-secrets' baseline stores only hashes).
Version 1 layout::

    {"type": "header", "version": 1, ...}         once per run (a resumed run adds another)
    {"type": "redaction", "note": ..., ...}       one per redacted region
    {"type": "note", "note": ..., "status": ...}  one per note, after its redactions
    {"type": "summary", ...}                      once, at the end
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from redactphi import __version__
from redactphi.redact import OPERATOR
from redactphi.resolve import Redaction

AUDIT_VERSION = 1


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def header_record(
    *,
    command: str,
    config_digest: str,
    engine: str,
    model: Mapping[str, Any],
    recognizers: Iterable[str],
    score_threshold: float,
    resumed: bool = False,
) -> dict[str, Any]:
    return {
        "type": "header",
        "version": AUDIT_VERSION,
        "tool": "redactphi",
        "tool_version": __version__,
        "command": command,
        "config_digest": config_digest,
        "engine": engine,
        "model": {"name": model.get("name"), "version": model.get("version")},
        "recognizers": sorted(recognizers),
        "score_threshold": score_threshold,
        "started": now_iso(),
        "resumed": resumed,
    }


def redaction_record(note_id: str, r: Redaction) -> dict[str, Any]:
    return {
        "type": "redaction",
        "note": note_id,
        "entity": r.entity,
        "start": r.start,
        "end": r.end,
        "score": r.score,
        "recognizer": r.recognizer,
        "pattern": r.pattern,
        "sources": list(r.sources),
        "operator": OPERATOR,
    }


def note_record(
    note_id: str,
    *,
    status: str,
    input_sha256: str = "",
    output_sha256: str = "",
    redactions: Iterable[Redaction] = (),
    reason: str | None = None,
) -> dict[str, Any]:
    counts = Counter(r.entity for r in redactions)
    rec: dict[str, Any] = {
        "type": "note",
        "note": note_id,
        "status": status,
        "input_sha256": input_sha256,
        "output_sha256": output_sha256,
        "counts": dict(sorted(counts.items())),
    }
    if reason:
        rec["reason"] = reason
    return rec


class AuditWriter:
    """Appends audit records; each note's records go out in one write so a crash can
    cut at most the last line, which :func:`read_audit` then ignores."""

    def __init__(self, path: Path | None, append: bool = False):
        self.path = path
        self._fh: IO[str] | None = None
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            if append:
                _truncate_partial_line(path)
            self._fh = open(path, "a" if append else "w", encoding="utf-8", newline="\n")

    def write(self, *records: Mapping[str, Any]) -> None:
        if self._fh is None:
            return
        self._fh.write("".join(json.dumps(r, sort_keys=False, ensure_ascii=True) + "\n" for r in records))
        self._fh.flush()

    def sync(self) -> None:
        if self._fh is not None:
            self._fh.flush()
            os.fsync(self._fh.fileno())

    def close(self) -> None:
        if self._fh is not None:
            self.sync()
            self._fh.close()
            self._fh = None

    def __enter__(self) -> AuditWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _truncate_partial_line(path: Path) -> None:
    """Drop a last line that a crash left without its newline."""
    if not path.exists():
        return
    with open(path, "rb+") as fh:
        data = fh.read()
        if data and not data.endswith(b"\n"):
            fh.truncate(data.rfind(b"\n") + 1)


def read_audit(path: Path) -> Iterator[dict[str, Any]]:
    """Complete records of an audit file (a crash-truncated last line is skipped)."""
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if not line.endswith("\n"):
                return
            try:
                yield json.loads(line)
            except json.JSONDecodeError:
                continue
