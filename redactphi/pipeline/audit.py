"""Audit: one JSONL record per decision, for a compliance officer.

Records hold offsets, types, scores, recognizer names and hashes - never the PHI, nor
any other text taken from a note (the way detect-secrets' baseline stores only hashes).
Version 2 layout::

    {"type": "header", "version": 2, ...}         once per run (a resumed run adds another)
    {"type": "redaction", "note": ..., ...}       one per redacted region
    {"type": "note", "note": ..., "status": ...}  one per note, after its redactions
    {"type": "summary", ...}                      once, at the end

Version 2 added to the header what the run did NOT redact: the effective ``settings``,
``entities`` redacted (with the recognizers that find each) and not redacted (with the
reason), and ``safe_harbor``, the eighteen HIPAA Safe Harbor categories with the status
of each under these settings. Deny and allow words appear only as counts, id_patterns
only by name, entity and score (a regex or a word can spell a real identifier).
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from redactphi import __version__
from redactphi.entities import ENTITIES, SAFE_HARBOR_CATEGORIES, safe_harbor_category
from redactphi.pipeline.redact import OPERATOR
from redactphi.pipeline.resolve import Redaction

if TYPE_CHECKING:
    from redactphi.config import Config

AUDIT_VERSION = 2


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
    config: Config,
    resumed: bool = False,
) -> dict[str, Any]:
    """The run's header: who ran what, with which settings, and what those settings leave
    unredacted (``config`` is required so a header can never omit that)."""
    redacted, not_redacted = entity_coverage(config)
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
        "settings": settings_record(config),
        "entities": {"redacted": redacted, "not_redacted": not_redacted},
        "safe_harbor": safe_harbor_record(redacted, not_redacted),
    }


def settings_record(config: Config) -> dict[str, Any]:
    """The effective settings, without any word or regex the user typed."""
    return {
        "engine": config.engine,
        "model": config.model,
        "score_threshold": config.score_threshold,
        "entities": list(config.entities) or "all",
        "redact_years": config.redact_years,
        "keep_titles": config.keep_titles,
        "placeholder": config.placeholder,
        "batch_size": config.batch_size,
        "chunk_chars": config.chunk_chars,
        "recognizers_disabled": sorted(config.disabled_recognizers),
        "id_patterns": [{"name": p.name, "entity": p.entity, "score": p.score} for p in config.id_patterns],
        "deny_word_counts": {e: len(words) for e, words in sorted(config.deny.items())},
        "allow_word_count": len(config.allow),
    }


_COVERAGE: dict[str, dict[str, list[str]]] = {}


def _recognizers_by_entity(config: Config) -> dict[str, list[str]]:
    """entity -> the enabled recognizers that detect it (built once per config digest)."""
    key = config.digest()
    if key not in _COVERAGE:
        from redactphi.pipeline.engine import build_recognizers

        found: dict[str, set[str]] = {}
        for rec in build_recognizers(config):
            for entity in rec.supported_entities:
                found.setdefault(entity, set()).add(str(rec.name))  # type: ignore[has-type]  # Presidio sets it untyped
        _COVERAGE[key] = {e: sorted(names) for e, names in found.items()}
    return _COVERAGE[key]


def entity_coverage(config: Config) -> tuple[dict[str, list[str]], dict[str, str]]:
    """``(redacted, not_redacted)``: each entity redacted, with the recognizers that find
    it, and each entity not redacted, with the reason (not selected, or no recognizer)."""
    by_entity = _recognizers_by_entity(config)
    universe = list(ENTITIES) + sorted({p.entity for p in config.id_patterns} - set(ENTITIES))
    selected = set(config.entities) or set(universe)
    redacted: dict[str, list[str]] = {}
    not_redacted: dict[str, str] = {}
    for entity in universe:
        if entity not in selected:
            not_redacted[entity] = "not among the selected entities"
        elif not by_entity.get(entity):
            not_redacted[entity] = "no enabled recognizer detects it"
        else:
            redacted[entity] = by_entity[entity]
    return redacted, not_redacted


def safe_harbor_record(redacted: Mapping[str, Any], not_redacted: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The eighteen Safe Harbor categories, each with the entities that stand for it and
    its status under these settings: redacted, partly redacted, not redacted, or not
    detected by RedactPHI at all (biometrics and photographs are not text). The status
    says what the settings ask for; how much is caught is what ``redactphi bench`` measures."""
    out = []
    for code, identifier in SAFE_HARBOR_CATEGORIES.items():
        done = [e for e in redacted if safe_harbor_category(e) == code]
        left = [e for e in not_redacted if safe_harbor_category(e) == code]
        if not done and not left:
            status = "not detected by RedactPHI"
        elif not left:
            status = "redacted"
        else:
            status = "partly redacted" if done else "not redacted"
        out.append({"category": code, "identifier": identifier, "status": status, "redacted": done, "not_redacted": left})
    return out


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
