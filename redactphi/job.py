"""The folder job: read -> detect -> resolve -> redact -> write + audit, for a tree of notes.

Used by ``redactphi redact SRC... -o OUT``; callable without click.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from redactphi.api import Outcome, Redactor
from redactphi.audit import AuditWriter, header_record, note_record, now_iso, read_audit, redaction_record
from redactphi.config import Config
from redactphi.errors import EXIT_FOUND, EXIT_OK, UsageError
from redactphi.read import Note, NoteFile, discover, read_note
from redactphi.resolve import Redaction
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


def check_paths(sources: Sequence[str | Path], out_dir: Path, audit_path: Path | None = None) -> None:
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


def default_workers(files: int) -> int:
    """One worker per core, never more than there are files; at least one."""
    return max(1, min(os.cpu_count() or 1, files))


def redact_folder(
    sources: Sequence[str | Path],
    out_dir: str | Path,
    *,
    config: Config,
    audit_path: str | Path | None = None,
    glob: str = "*.txt",
    resume: bool = False,
    redactor: Redactor | None = None,
    progress: ProgressFn | None = None,
    workers: int | None = 1,
) -> RunSummary:
    """Redact every note under ``sources`` into the same relative path under ``out_dir``.

    Fails closed: a note that cannot be fully processed is not written (and a stale
    output from an earlier run is removed), it is recorded as failed, and the summary's
    exit code is 1. With ``resume``, notes whose output and audit record already match
    the current input are skipped.

    ``workers`` > 1 runs that many processes, each with its own engine (``None``: one
    per core). Notes go out in order-preserving chunks and this process writes the
    audit in input order, so outputs and audit are the same whatever the number of
    workers (apart from timings). A given ``redactor`` always runs in this process.
    """
    out = Path(out_dir)
    audit = Path(audit_path) if audit_path is not None else None
    check_paths(sources, out, audit)
    items = discover(sources, glob)
    if resume and audit is None:
        raise UsageError("--resume needs the audit file of the interrupted run (--audit)")
    if workers is not None and workers < 1:
        raise UsageError("--workers must be at least 1")
    done = _completed(audit) if (resume and audit is not None and audit.exists()) else {}
    remove_stale_temporaries(out)
    n_workers = default_workers(len(items)) if workers is None else min(workers, max(1, len(items)))
    if redactor is not None:
        n_workers = 1
    summary = RunSummary(notes=len(items))
    tasks = [(item, done.get(item.rel)) for item in items]
    size = max(1, min(config.batch_size, len(tasks) // (n_workers * 4) or 1))
    chunks = [tasks[i : i + size] for i in range(0, len(tasks), size)]
    started = time.perf_counter()
    with AuditWriter(audit, append=bool(resume and audit and audit.exists())) as writer:
        if n_workers == 1:
            redactor = redactor or Redactor(config)
            writer.write(_header(config, redactor.engine.model, redactor.engine.recognizer_names, resume))
            results: Iterator[list[FileResult]] = (process_files(redactor, c, out) for c in chunks)
            _collect(results, writer, summary, progress)
        else:
            from redactphi.parallel import run_pool

            with run_pool(config, n_workers) as (pool, info):
                writer.write(_header(config, info[0], info[1], resume))
                _collect(pool.imap(_pool_task, [(c, out) for c in chunks]), writer, summary, progress)
        summary.seconds = time.perf_counter() - started
        writer.write(summary.to_record())
    return summary


def _pool_task(args: tuple[list[tuple[NoteFile, tuple[str, str] | None]], Path]) -> list[FileResult]:
    from redactphi.parallel import worker_redactor

    chunk, out = args
    return process_files(worker_redactor(), chunk, out)


def _header(config: Config, model: dict, recognizers: Iterable[str], resume: bool) -> dict:
    return header_record(
        command="redact",
        config_digest=config.digest(),
        engine=config.engine,
        model=model,
        recognizers=recognizers,
        score_threshold=config.score_threshold,
        config=config,
        resumed=resume,
    )


def _collect(
    results: Iterable[list[FileResult]], writer: AuditWriter, summary: RunSummary, progress: ProgressFn | None
) -> None:
    processed = 0
    for chunk in results:
        for res in chunk:
            _record(res, writer, summary)
            processed += 1
            if progress:
                progress(processed, summary.notes)


@dataclass(frozen=True)
class FileResult:
    """What happened to one file; small and picklable (no note text), so workers send
    these back rather than outcomes."""

    rel: str
    status: str  # "redacted" | "failed" | "skipped"
    input_sha256: str = ""
    output_sha256: str = ""
    redactions: tuple[Redaction, ...] = ()
    reason: str | None = None


def process_files(
    redactor: Redactor, tasks: Sequence[tuple[NoteFile, tuple[str, str] | None]], out: Path
) -> list[FileResult]:
    """Read, redact and atomically write one chunk of files (batched through spaCy).
    ``tasks`` pairs each file with what an earlier run recorded for it, for --resume."""
    results: dict[str, FileResult] = {}
    order = [item.rel for item, _ in tasks]

    def notes() -> Iterator[Note]:
        for item, prev in tasks:
            note = read_note(item)
            if prev and note.error is None and prev[0] == note.input_sha256:
                if prev[1] and _sha256_file(out / item.rel) == prev[1]:
                    results[item.rel] = FileResult(item.rel, "skipped", prev[0], prev[1])
                    continue
            yield note

    for outcome in redactor.process(notes()):
        results[outcome.note.id] = _write(outcome, out)
    return [results[rel] for rel in order]


def _write(outcome: Outcome, out: Path) -> FileResult:
    note = outcome.note
    target = out / note.id
    if outcome.error is not None or outcome.result is None:
        # A stale output from an earlier run must not pass for this input's redaction.
        try:
            target.unlink()
        except FileNotFoundError:
            pass
        except OSError:
            pass
        return FileResult(note.id, "failed", note.input_sha256, reason=outcome.error or "not processed")
    data = outcome.result.text.encode("utf-8")
    try:
        atomic_write_bytes(target, data)
    except OSError as exc:
        reason = f"cannot write output ({exc.strerror or type(exc).__name__})"
        return FileResult(note.id, "failed", note.input_sha256, reason=reason)
    return FileResult(
        note.id, "redacted", note.input_sha256, hashlib.sha256(data).hexdigest(), outcome.result.redactions
    )


def _record(res: FileResult, writer: AuditWriter, summary: RunSummary) -> None:
    if res.status == "skipped":
        summary.skipped += 1
        writer.write(note_record(res.rel, status="skipped", input_sha256=res.input_sha256, output_sha256=res.output_sha256))
        return
    if res.status == "failed":
        reason = res.reason or "not processed"
        summary.failed += 1
        summary.failures.append((res.rel, reason))
        writer.write(note_record(res.rel, status="failed", input_sha256=res.input_sha256, reason=reason))
        return
    reds = res.redactions
    summary.redacted += 1
    summary.redactions += len(reds)
    summary.counts.update(r.entity for r in reds)
    writer.write(
        *(redaction_record(res.rel, r) for r in reds),
        note_record(
            res.rel,
            status="redacted",
            input_sha256=res.input_sha256,
            output_sha256=res.output_sha256,
            redactions=reds,
        ),
    )
