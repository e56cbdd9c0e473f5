"""Scan: detect PHI in files without writing anything (``redactphi scan``, the pre-commit
hook). A finding carries its position, type, recognizer and score - never the value.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from redactphi.api import Redactor
from redactphi.config import Config
from redactphi.errors import EXIT_ERROR, EXIT_FOUND, EXIT_OK, UsageError
from redactphi.io.baseline import Baseline
from redactphi.io.names import name_phi_types
from redactphi.io.walk import describe_skipped, discover
from redactphi.pipeline.read import Note, read_note

SCAN_VERSION = 1


@dataclass(frozen=True)
class Finding:
    """Where PHI was found: 1-based line and column (in characters) of its start."""

    path: str
    line: int
    col: int
    end_line: int
    end_col: int
    entity: str
    recognizer: str
    score: float
    fingerprint: str = field(default="", repr=False)

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "line": self.line,
            "col": self.col,
            "end_line": self.end_line,
            "end_col": self.end_col,
            "type": self.entity,
            "recognizer": self.recognizer,
            "score": self.score,
        }


@dataclass
class ScanReport:
    files: int = 0
    findings: list[Finding] = field(default_factory=list)
    allowed: int = 0
    errors: list[tuple[str, str]] = field(default_factory=list)
    passed_over: Counter = field(default_factory=Counter)
    #: files whose path itself looks like PHI (a count: the paths are the user's own)
    names_with_phi: int = 0

    @property
    def exit_code(self) -> int:
        if self.errors:
            return EXIT_ERROR
        return EXIT_FOUND if self.findings else EXIT_OK

    def to_dict(self) -> dict[str, Any]:
        return {
            "version": SCAN_VERSION,
            "files": self.files,
            "findings": [f.to_dict() for f in self.findings],
            "allowed_by_baseline": self.allowed,
            "errors": [{"path": p, "reason": r} for p, r in self.errors],
            "passed_over": dict(sorted(self.passed_over.items())),
            "names_with_phi": self.names_with_phi,
            "exit_code": self.exit_code,
        }


class LineIndex:
    """Offsets to (line, column), both 1-based; \\r\\n and \\n both end a line."""

    def __init__(self, text: str):
        self.text = text
        self.starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]

    def position(self, offset: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.starts, offset) - 1
        return i + 1, offset - self.starts[i] + 1

    def lines_text(self, start: int, end: int) -> str:
        """The full text of the line(s) holding ``text[start:end]``."""
        a = self.starts[bisect.bisect_right(self.starts, start) - 1]
        b = self.text.find("\n", max(end - 1, a))
        return self.text[a : len(self.text) if b < 0 else b]


def scan_paths(
    paths: Sequence[str | Path],
    *,
    config: Config,
    redactor: Redactor | None = None,
    glob: str | Sequence[str] = "*",
    baseline: Baseline | None = None,
    update_baseline: bool = False,
) -> ScanReport:
    """Detect PHI in ``paths`` without writing anything (except the baseline, when
    ``update_baseline``). Findings allowed by ``baseline`` are counted, not listed; with
    ``update_baseline`` every finding is recorded in ``baseline`` instead (save it
    afterwards). Raises :class:`UsageError` when no file matched at all: a scan that
    looked at nothing must not pass."""
    found = discover(paths, (glob,) if isinstance(glob, str) else tuple(glob)).as_given()
    items = found.items
    report = ScanReport(files=len(items), passed_over=Counter(found.skipped))
    report.errors.extend((shown, reason) for _, shown, reason in found.failures)
    if not items:
        if report.errors:
            return report
        skipped = f" (passed over: {describe_skipped(found.skipped)})" if found.skipped else ""
        raise UsageError(f"no file matched the --glob pattern(s){skipped}; nothing was scanned")
    redactor = redactor or Redactor(config)
    recorded: list[tuple[str, str, str]] = []
    scanned: list[str] = []
    for outcome in redactor.process(read_note(i) for i in items):
        note: Note = outcome.note
        if outcome.error is not None or outcome.result is None:
            report.errors.append((note.id, outcome.error or "not processed"))
            continue
        scanned.append(note.id)
        index = LineIndex(note.text)
        for r in outcome.result.redactions:
            line, col = index.position(r.start)
            end_line, end_col = index.position(max(r.end - 1, r.start))
            fp = ""
            if baseline is not None:
                fp = baseline.fingerprint(note.id, r.entity, index.lines_text(r.start, r.end))
                if update_baseline:
                    recorded.append((note.id, r.entity, fp))
                    continue
                if baseline.allows(fp):
                    report.allowed += 1
                    continue
            report.findings.append(
                Finding(note.id, line, col, end_line, end_col + 1, r.entity, r.recognizer, r.score, fp)
            )
    report.names_with_phi = sum(1 for types in name_phi_types(redactor, [i.rel for i in items]) if types)
    if update_baseline and baseline is not None:
        baseline.replace_paths(scanned, recorded)
        report.allowed = len(recorded)
    return report
