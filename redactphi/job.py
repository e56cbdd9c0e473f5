"""The folder job: read -> detect -> resolve -> redact -> write + audit, for a tree of notes.

Used by ``redactphi redact SRC... -o OUT``; callable without click.
"""

from __future__ import annotations

import hashlib
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator, Optional, Sequence

from redactphi.api import Outcome, Redactor
from redactphi.audit import AuditWriter, header_record, note_record, now_iso, read_audit, redaction_record
from redactphi.config import Config
from redactphi.errors import EXIT_FOUND, EXIT_OK, UsageError
from redactphi.read import Note, NoteFile, discover, read_note
from redactphi.write import atomic_write_bytes, remove_stale_temporaries

ProgressFn = Callable[[int, int], None]


@dataclass
class RunSummary:
    """Counts for one run; ``failures`` holds (note id, reason) pairs, never note text."""

    notes: int = 0
    redacted: int = 0
    failed: int = 0
    skipped: int = 0
    redactions: int = 0
    counts: Counter = field(default_factory=Counter)
    failures: list[tuple[str, str]] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def exit_code(self) -> int:
        return EXIT_FOUND if self.failed else EXIT_OK

    @property
    def notes_per_second(self) -> float:
        done = self.redacted + self.failed
        return done / self.seconds if self.seconds > 0 else 0.0

    def to_record(self) -> dict:
        return {
            "type": "summary",
            "notes": self.notes,
            "redacted": self.redacted,
            "failed": self.failed,
            "skipped": self.skipped,
            "redactions": self.redactions,
            "counts": dict(sorted(self.counts.items())),
            "seconds": round(self.seconds, 3),
            "finished": now_iso(),
            "exit_code": self.exit_code,
        }


def check_paths(sources: Sequence[str | Path], out_dir: Path, audit_path: Optional[Path] = None) -> None:
    """Refuse layouts that could overwrite or re-read inputs."""
    out = out_dir.resolve()
    for src in sources:
        s = Path(src).resolve()
        root = s if s.is_dir() else s.parent
        if out == root or root in out.parents:
            raise UsageError(f"output folder {out_dir} is inside (or equal to) the input {src}; choose a folder outside it")
        if s.is_dir() and out in s.parents:
            raise UsageError(f"input {src} is inside the output folder {out_dir}; choose a separate output folder")
        if audit_path is not None:
            a = audit_path.resolve()
            if (s.is_dir() and s in a.parents) or a == s:
                raise UsageError(f"audit file {audit_path} is inside the input {src}; put it elsewhere")


def _completed(audit_path: Path) -> dict[str, tuple[str, str]]:
    """note id -> (input sha256, output sha256) for notes a previous run finished."""
    done: dict[str, tuple[str, str]] = {}
    for rec in read_audit(audit_path):
        if rec.get("type") == "note" and rec.get("status") in ("redacted", "skipped"):
            done[rec["note"]] = (rec.get("input_sha256", ""), rec.get("output_sha256", ""))
        elif rec.get("type") == "note":
            done.pop(rec.get("note", ""), None)
    return done


def _sha256_file(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return ""


def redact_folder(
    sources: Sequence[str | Path],
    out_dir: str | Path,
    *,
    config: Config,
    audit_path: Optional[str | Path] = None,
    glob: str = "*.txt",
    resume: bool = False,
    redactor: Optional[Redactor] = None,
    progress: Optional[ProgressFn] = None,
) -> RunSummary:
    """Redact every note under ``sources`` into the same relative path under ``out_dir``.

    Fails closed: a note that cannot be fully processed is not written (and a stale
    output from an earlier run is removed), it is recorded as failed, and the summary's
    exit code is 1. With ``resume``, notes whose output and audit record already match
    the current input are skipped.
    """
    out = Path(out_dir)
    audit = Path(audit_path) if audit_path is not None else None
    check_paths(sources, out, audit)
    items = discover(sources, glob)
    if resume and audit is None:
        raise UsageError("--resume needs the audit file of the interrupted run (--audit)")
    done = _completed(audit) if (resume and audit is not None and audit.exists()) else {}
    remove_stale_temporaries(out)
    redactor = redactor or Redactor(config)
    summary = RunSummary(notes=len(items))
    started = time.perf_counter()
    with AuditWriter(audit, append=bool(resume and audit and audit.exists())) as writer:
        eng = redactor.engine
        writer.write(
            header_record(
                command="redact",
                config_digest=config.digest(),
                engine=config.engine,
                model=eng.model,
                recognizers=eng.recognizer_names,
                score_threshold=config.score_threshold,
                resumed=resume,
            )
        )
        processed = 0

        def notes() -> Iterator[Note]:
            for item in items:
                note = read_note(item)
                prev = done.get(item.rel)
                if prev and note.error is None and prev[0] == note.input_sha256:
                    if prev[1] and _sha256_file(out / item.rel) == prev[1]:
                        summary.skipped += 1
                        writer.write(
                            note_record(item.rel, status="skipped", input_sha256=prev[0], output_sha256=prev[1])
                        )
                        _tick()
                        continue
                yield note

        def _tick() -> None:
            nonlocal processed
            processed += 1
            if progress:
                progress(processed, len(items))

        for outcome in redactor.process(notes()):
            _record(outcome, out, writer, summary)
            _tick()
        summary.seconds = time.perf_counter() - started
        writer.write(summary.to_record())
    return summary


def _record(outcome: Outcome, out: Path, writer: AuditWriter, summary: RunSummary) -> None:
    note = outcome.note
    target = out / note.id
    if outcome.error is not None or outcome.result is None:
        reason = outcome.error or "not processed"
        # A stale output from an earlier run must not pass for this input's redaction.
        try:
            target.unlink()
        except FileNotFoundError:
            pass
        summary.failed += 1
        summary.failures.append((note.id, reason))
        writer.write(note_record(note.id, status="failed", input_sha256=note.input_sha256, reason=reason))
        return
    data = outcome.result.text.encode("utf-8")
    try:
        atomic_write_bytes(target, data)
    except OSError as exc:
        reason = f"cannot write output ({exc.strerror or type(exc).__name__})"
        summary.failed += 1
        summary.failures.append((note.id, reason))
        writer.write(note_record(note.id, status="failed", input_sha256=note.input_sha256, reason=reason))
        return
    reds = outcome.result.redactions
    summary.redacted += 1
    summary.redactions += len(reds)
    summary.counts.update(r.entity for r in reds)
    writer.write(
        *(redaction_record(note.id, r) for r in reds),
        note_record(
            note.id,
            status="redacted",
            input_sha256=note.input_sha256,
            output_sha256=hashlib.sha256(data).hexdigest(),
            redactions=reds,
        ),
    )


def iter_outcomes(redactor: Redactor, items: Iterable[NoteFile]) -> Iterator[Outcome]:
    """Outcomes for files without writing anything (used by ``scan``)."""
    return redactor.process(read_note(i) for i in items)
