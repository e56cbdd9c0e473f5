"""The one run loop every source feeds: folder runs (:mod:`~redactphi.io.job`) and streams
of text, JSONL or CSV (:mod:`~redactphi.io.stream`) alike.

A source turns its input into :class:`Result` values (what happened to one note, one
record's field, one dropped line) grouped in steps, one step per file or record. The
:class:`Run` records each step: the redaction records and note record of every result
go to the audit in one write, the :class:`Summary` counts them, and progress is told.
So the audit header, the per-note records, the failure list and the exit code are made
in one place whatever the input was. No note text reaches a result, the summary or the
audit: only ids (paths, record locations), offsets, types and hashes.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from redactphi.config import Config
from redactphi.errors import EXIT_FOUND, EXIT_OK
from redactphi.pipeline.audit import AuditWriter, header_record, note_record, now_iso, redaction_record
from redactphi.pipeline.resolve import Redaction

#: ``progress(done, total)``: notes or records done so far, out of ``total`` when known.
ProgressFn = Callable[[int, int | None], None]
#: ``on_failure(location, reason)``: called as each note or record fails.
FailureFn = Callable[[str, str], None]

#: Summary.format of a folder run (a stream's is its input format).
FOLDER = "folder"


@dataclass(frozen=True)
class Result:
    """What happened to one note (a file, a record's field, a stretch of a text stream).

    ``status`` is "redacted", "failed", "skipped" or "part": a part is a stretch of a
    text stream written out, whose redactions are recorded as they come; its note record
    follows at the end, with ``tally`` False (its parts and failures were counted
    already) and ``counts`` for the whole stream. Small and picklable: workers send these
    back. ``name_types``: PHI types found in the note's file name."""

    note: str
    status: str
    input_sha256: str = ""
    output_sha256: str = ""
    redactions: tuple[Redaction, ...] = ()
    reason: str | None = None
    name_types: tuple[str, ...] = ()
    counts: Mapping[str, int] | None = None
    tally: bool = True


@dataclass
class Summary:
    """Counts for one run, folder or stream; ``failures`` holds (location, reason) pairs,
    never note text. ``notes`` counts the notes found (folder) or the records read
    (stream: lines, for text), ``redacted`` the notes or record fields redacted; a
    stream knows them as ``records`` and ``units``."""

    format: str = FOLDER
    notes: int = 0
    redacted: int = 0
    failed: int = 0
    skipped: int = 0
    redactions: int = 0
    counts: Counter = field(default_factory=Counter)
    failures: list[tuple[str, str]] = field(default_factory=list)
    seconds: float = 0.0
    #: folder: entries the walk passed over, per reason (counts only, never names)
    passed_over: Counter = field(default_factory=Counter)
    #: folder: notes whose relative path itself looks like PHI, and the types found there
    names_with_phi: int = 0
    name_counts: Counter = field(default_factory=Counter)
    #: folder, --resume: notes an earlier run finished under another config/version, redone
    redone: int = 0
    #: stream: records written, --field paths no record had, hashes of the bytes in and out
    emitted: int = 0
    unseen_fields: list[str] = field(default_factory=list)
    input_sha256: str = ""
    output_sha256: str = ""
    #: failures kept in ``failures`` (None: all); every one reaches the audit regardless
    keep_failures: int | None = field(default=None, repr=False)

    @property
    def records(self) -> int:
        return self.notes

    @records.setter
    def records(self, n: int) -> None:
        self.notes = n

    @property
    def units(self) -> int:
        return self.redacted

    @units.setter
    def units(self, n: int) -> None:
        self.redacted = n

    @property
    def exit_code(self) -> int:
        return EXIT_FOUND if (self.failed or self.unseen_fields) else EXIT_OK

    @property
    def notes_per_second(self) -> float:
        done = self.redacted + self.failed
        return done / self.seconds if self.seconds > 0 else 0.0

    @property
    def records_per_second(self) -> float:
        return self.records / self.seconds if self.seconds > 0 else 0.0

    def to_record(self) -> dict[str, Any]:
        """The audit's closing record (its fields depend on the run's kind, as in audit v2)."""
        if self.format == FOLDER:
            body: dict[str, Any] = {
                "notes": self.notes,
                "redacted": self.redacted,
                "failed": self.failed,
                "skipped": self.skipped,
                "redactions": self.redactions,
                "counts": dict(sorted(self.counts.items())),
                "passed_over": dict(sorted(self.passed_over.items())),
                "names_with_phi": self.names_with_phi,
                "redone_other_config": self.redone,
            }
        else:
            body = {
                "format": self.format,
                "records": self.records,
                "emitted": self.emitted,
                "failed": self.failed,
                "units": self.units,
                "redactions": self.redactions,
                "counts": dict(sorted(self.counts.items())),
                "unseen_fields": self.unseen_fields,
            }
        return {"type": "summary", **body, "seconds": round(self.seconds, 3), "finished": now_iso(), "exit_code": self.exit_code}


#: One step of a source: the results of one file or record, and the progress count
#: after it (None: do not report progress for this step).
Step = tuple[Sequence[Result], int | None]


class Run:
    """One run's audit file, summary and progress. Use as a context manager: write the
    :meth:`header`, feed the source's steps to :meth:`consume`, then :meth:`finish`."""

    def __init__(
        self,
        audit_path: Path | None,
        summary: Summary,
        *,
        append: bool = False,
        progress: ProgressFn | None = None,
        on_failure: FailureFn | None = None,
        total: int | None = None,
    ):
        self.summary = summary
        self.progress = progress
        self.on_failure = on_failure
        self.total = total
        self._audit_path, self._append = audit_path, append
        self._writer: AuditWriter | None = None
        self._started = time.perf_counter()

    def __enter__(self) -> Run:
        self._writer = AuditWriter(self._audit_path, append=self._append)
        self._started = time.perf_counter()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._writer is not None:
            self._writer.close()

    def header(
        self, config: Config, model: Mapping[str, Any], recognizers: Iterable[str], *, resumed: bool = False, **extra: Any
    ) -> dict[str, Any]:
        """Write the audit header (``extra`` keys go at its end) and return it."""
        rec = header_record(
            command="redact",
            config_digest=config.digest(),
            engine=config.engine,
            model=model,
            recognizers=recognizers,
            score_threshold=config.score_threshold,
            config=config,
            resumed=resumed,
        )
        rec.update(extra)
        self._write([rec])
        return rec

    def consume(self, steps: Iterable[Step]) -> None:
        """The run loop: record each step, then report progress."""
        for results, done in steps:
            self.record(results)
            if done is not None and self.progress:
                self.progress(done, self.total)

    def record(self, results: Sequence[Result]) -> None:
        """Count ``results`` and write their audit records in one write (a crash cuts at
        most the last line, which a resumed run ignores)."""
        lines: list[dict[str, Any]] = []
        for res in results:
            self._count(res)
            lines.extend(redaction_record(res.note, r) for r in res.redactions)
            if res.status != "part":
                lines.append(_note_line(res))
        self._write(lines)

    def finish(self) -> Summary:
        """Close the summary (its duration) and write it as the audit's last record."""
        self.summary.seconds = time.perf_counter() - self._started
        self._write([self.summary.to_record()])
        return self.summary

    def _count(self, res: Result) -> None:
        s = self.summary
        if res.name_types:
            s.names_with_phi += 1
            s.name_counts.update(res.name_types)
        if res.status in ("redacted", "part") and res.tally:
            s.redactions += len(res.redactions)
            s.counts.update(r.entity for r in res.redactions)
        if not res.tally:
            return
        if res.status == "redacted":
            s.redacted += 1
        elif res.status == "skipped":
            s.skipped += 1
        elif res.status == "failed":
            reason = res.reason or "not processed"
            s.failed += 1
            if s.keep_failures is None or len(s.failures) < s.keep_failures:
                s.failures.append((res.note, reason))
            if self.on_failure:
                self.on_failure(res.note, reason)

    def _write(self, records: Sequence[Mapping[str, Any]]) -> None:
        if records and self._writer is not None:
            self._writer.write(*records)


def _note_line(res: Result) -> dict[str, Any]:
    rec = note_record(
        res.note,
        status=res.status,
        input_sha256=res.input_sha256,
        output_sha256=res.output_sha256,
        redactions=res.redactions,
        reason=(res.reason or "not processed") if res.status == "failed" and res.tally else None,
    )
    if res.counts is not None:
        rec["counts"] = dict(sorted(res.counts.items()))
    if res.name_types:
        rec["name_phi"] = list(res.name_types)
    return rec
