"""The folder job: read -> detect -> resolve -> redact -> write + audit, for a tree of notes.

Used by ``redactphi redact SRC... -o OUT``; callable without click.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from redactphi.api import Outcome, Redactor
from redactphi.config import Config
from redactphi.errors import UsageError
from redactphi.io import interrupt
from redactphi.io.names import hashed_name, key_path_for, load_or_create_key, name_phi_types, printable
from redactphi.io.run import ProgressFn, Result, Run, Step, Summary
from redactphi.io.walk import Discovery, describe_skipped, discover
from redactphi.pipeline.audit import read_audit
from redactphi.pipeline.decode import check_encoding_name
from redactphi.pipeline.read import Note, NoteFile, read_bytes, read_note, sha256_bytes
from redactphi.pipeline.write import atomic_write_bytes, output_lock, remove_stale_temporaries


def check_paths(sources: Sequence[str | Path], out_dir: Path, audit_path: Path | None = None) -> None:
    """Refuse layouts that could overwrite or re-read inputs: OUT inside (or equal to)
    an input folder, an input folder inside OUT, OUT being an input file, the audit
    inside an input folder or equal to an input file. One file may be redacted into a
    folder beside it; :func:`plan_outputs` checks that no output path is an input."""
    out = out_dir.resolve()
    for src in sources:
        s = Path(src).resolve()
        if s.is_dir():
            if out == s or s in out.parents:
                raise UsageError(f"output folder {printable(str(out_dir))} is inside (or equal to) the input {printable(str(src))}; choose a folder outside it")
            if out in s.parents:
                raise UsageError(f"input {printable(str(src))} is inside the output folder {printable(str(out_dir))}; choose a separate output folder")
        elif out == s or s in out.parents:
            raise UsageError(f"the output folder {printable(str(out_dir))} is the input file {printable(str(src))}; choose another -o")
        if audit_path is not None:
            a = audit_path.resolve()
            if (s.is_dir() and s in a.parents) or a == s:
                raise UsageError(f"audit file {printable(str(audit_path))} is inside the input {printable(str(src))}; put it elsewhere")


@dataclass(frozen=True)
class Task:
    """One file to process: ``item.rel`` is its output id (its relative path, or the
    hashed name), ``name`` its relative path as found (checked for PHI), ``prev`` what
    an earlier run recorded for it (input and output sha256), for --resume."""

    item: NoteFile
    name: str
    prev: tuple[str, str] | None = None


def plan_outputs(
    found: Discovery, out: Path, audit: Path | None, hash_names: bool = False
) -> tuple[list[Task], list[tuple[str, str]]]:
    """Tasks with their output ids, and the walk's failures under the same ids. Raises
    when two inputs map to one output, or an output would land on an input or the audit."""
    key = load_or_create_key(key_path_for(out)) if hash_names else None
    inputs = {os.path.realpath(i.path) for i in found.items}
    audit_real = os.path.realpath(audit) if audit is not None else None
    tasks: list[Task] = []
    seen: dict[str, str] = {}
    for item in found.items:
        oid = hashed_name(key, item.rel) if key else item.rel
        real = os.path.realpath(item.path)
        if oid in seen:
            if seen[oid] != real:
                raise UsageError(f"two inputs map to the same output path '{printable(oid)}'; redact the sources separately")
            continue
        seen[oid] = real
        target = os.path.realpath(out / oid)
        if target in inputs or target == audit_real:
            raise UsageError(f"output '{printable(oid)}' would overwrite an input or the audit; choose another -o")
        tasks.append(Task(NoteFile(item.path, oid, item.shown), item.rel))
    failures = [(hashed_name(key, rel) if key else rel, reason) for rel, _, reason in found.failures]
    return tasks, failures


def _resume_key(header: Mapping[str, Any]) -> tuple:
    """What must be equal for an earlier run's output to stand for this run's."""
    model = header.get("model") or {}
    return (
        header.get("tool_version"),
        header.get("config_digest"),
        model.get("name"),
        model.get("version"),
        header.get("input_encoding"),
        header.get("names"),
    )


def completed(audit_path: Path, key: tuple) -> tuple[dict[str, tuple[str, str]], int]:
    """note id -> (input sha256, output sha256) for notes whose last record says a run
    with this ``key`` (tool version, config digest, model, encoding, naming) finished
    them; and how many notes an earlier run finished under other settings (redone)."""
    done: dict[str, tuple[str, str]] = {}
    other: set[str] = set()
    current: tuple | None = None
    for rec in read_audit(audit_path):
        if rec.get("type") == "header":
            current = _resume_key(rec)
        elif rec.get("type") == "note":
            nid = str(rec.get("note", ""))
            if current == key and rec.get("status") in ("redacted", "skipped"):
                done[nid] = (rec.get("input_sha256", ""), rec.get("output_sha256", ""))
            else:
                done.pop(nid, None)
            (other.add if current != key and rec.get("status") in ("redacted", "skipped") else other.discard)(nid)
    return done, len(other)


def _sha256_file(path: Path) -> str:
    try:
        return sha256_bytes(read_bytes(path))
    except (OSError, ValueError):
        return ""


def default_workers(files: int) -> int:
    """One worker per core, never more than there are files; at least one."""
    return max(1, min(os.cpu_count() or 1, files))


@dataclass(frozen=True)
class _Settings:
    config: Config
    out: Path
    audit: Path | None
    resume: bool
    encoding: str | None
    hash_names: bool


def redact_folder(
    sources: Sequence[str | Path],
    out_dir: str | Path,
    *,
    config: Config,
    audit_path: str | Path | None = None,
    glob: str | Sequence[str] = "*.txt",
    resume: bool = False,
    redactor: Redactor | None = None,
    progress: ProgressFn | None = None,
    workers: int | None = 1,
    encoding: str | None = None,
    hash_names: bool = False,
) -> Summary:
    """Redact every note under ``sources`` into the same relative path under ``out_dir``
    (with ``hash_names``, flat under a keyed hash of that path: see :mod:`redactphi.io.names`).

    Fails closed: a note that cannot be fully processed is not written (and a stale
    output from an earlier run is removed), it is recorded as failed, and the summary's
    exit code is 1; so is every path the walk could not take (see :mod:`redactphi.io.walk`).
    Raises :class:`UsageError` when no input matched at all, and
    :class:`~redactphi.pipeline.write.OutputBusy` when another run holds ``out_dir``. With
    ``resume``, notes whose output and audit record already match the current input,
    config, tool version and model are skipped; the others are redone.

    ``workers`` > 1 runs that many processes, each with its own engine (``None``: one
    per core); a worker that dies (killed, out of memory) is replaced and its notes are
    retried once, then reported failed. This process writes the audit in input order,
    so outputs and audit are the same whatever the number of workers (apart from
    timings). A given ``redactor`` always runs in this process. Inputs are never
    modified; temporary files are removed however the run ends.
    """
    out = Path(out_dir)
    audit = Path(audit_path) if audit_path is not None else None
    globs = (glob,) if isinstance(glob, str) else tuple(glob)
    if resume and audit is None:
        raise UsageError("--resume needs the audit file of the interrupted run (--audit)")
    if workers is not None and workers < 1:
        raise UsageError("--workers must be at least 1")
    encoding = check_encoding_name(encoding) if encoding else None
    check_paths(sources, out, audit)
    found = discover(sources, globs)
    if not found.items and not found.failures:
        skipped = f" (passed over: {describe_skipped(found.skipped)})" if found.skipped else ""
        raise UsageError(f"no input file matched the --glob pattern(s){skipped}; nothing to do")
    tasks, failures = plan_outputs(found, out, audit, hash_names)
    settings = _Settings(config, out, audit, resume, encoding, hash_names)
    with output_lock(out, audit):
        remove_stale_temporaries(out)
        try:
            return _run(settings, tasks, failures, found, redactor, progress, workers)
        finally:
            remove_stale_temporaries(out)  # e.g. left by a worker that was killed


def _run(
    s: _Settings,
    tasks: list[Task],
    failures: list[tuple[str, str]],
    found: Discovery,
    redactor: Redactor | None,
    progress: ProgressFn | None,
    workers: int | None,
) -> Summary:
    summary = Summary(notes=len(tasks) + len(failures), passed_over=Counter(found.skipped))
    n_workers = default_workers(len(tasks)) if workers is None else min(workers, max(1, len(tasks)))
    if redactor is not None or not tasks:
        n_workers = 1
    append = bool(s.resume and s.audit is not None and s.audit.exists() and s.audit.stat().st_size)
    with Run(s.audit, summary, append=append, progress=progress, total=summary.notes) as run, contextlib.ExitStack() as stack:
        if n_workers == 1:
            redactor = redactor or Redactor(s.config)
            model, names = redactor.engine.model, list(redactor.engine.recognizer_names)
        else:
            from redactphi.io.parallel import WorkerPool

            pool = stack.enter_context(WorkerPool(s.config, n_workers))
            model, names = pool.info
        # input_encoding and names are read by --resume: outputs made under another
        # encoding or naming do not count
        header = run.header(
            s.config, model, names, resumed=s.resume,
            input_encoding=s.encoding or "auto", names="hashed" if s.hash_names else "relative paths",
        )
        run.consume(_walk_failures(s.out, failures))
        chunks = _chunks(_with_prev(s, tasks, header, summary), n_workers, s.config.batch_size)
        if redactor is not None:
            r = redactor
            results: Iterable[list[Result]] = (process_files(r, c, s.out, s.encoding) for c in chunks)
        else:
            results = pool.run(chunks, s.out, s.encoding)
        run.consume(_numbered(results))
        return run.finish()


def _walk_failures(out: Path, failures: list[tuple[str, str]]) -> Iterator[Step]:
    """The paths the walk could not take, as failed notes (no progress: none was read)."""
    for rel, reason in failures:
        if not rel.endswith("/"):  # an earlier run's output must not pass for this one
            with contextlib.suppress(OSError):
                (out / rel).unlink()
        yield (Result(rel, "failed", reason=reason),), None


def _numbered(chunks: Iterable[list[Result]]) -> Iterator[Step]:
    """One step per note, counted for progress."""
    done = 0
    for chunk in chunks:
        for res in chunk:
            done += 1
            yield (res,), done


def _pool_task(args: tuple[list[Task], Path, str | None]) -> list[Result]:
    from redactphi.io.parallel import worker_redactor

    chunk, out, encoding = args
    return process_files(worker_redactor(), chunk, out, encoding)


def _with_prev(s: _Settings, tasks: list[Task], header: Mapping[str, Any], summary: Summary) -> list[Task]:
    """Tasks paired with what an earlier run under the same settings recorded."""
    if not (s.resume and s.audit is not None and s.audit.exists()):
        return tasks
    done, summary.redone = completed(s.audit, _resume_key(header))
    return [dataclasses.replace(t, prev=done.get(t.item.rel)) for t in tasks]


def _chunks(tasks: list[Task], workers: int, batch_size: int) -> list[list[Task]]:
    size = max(1, min(batch_size, len(tasks) // (workers * 4) or 1))
    return [tasks[i : i + size] for i in range(0, len(tasks), size)]


def process_files(redactor: Redactor, tasks: Sequence[Task], out: Path, encoding: str | None = None) -> list[Result]:
    """Read, redact and atomically write one chunk of files (batched through spaCy),
    and check each relative path for PHI with the same detector."""
    results: dict[str, Result] = {}

    def notes() -> Iterator[Note]:
        for t in tasks:
            note = read_note(t.item, encoding)
            prev = t.prev
            if prev and note.error is None and prev[0] == note.input_sha256:
                if prev[1] and _sha256_file(out / t.item.rel) == prev[1]:
                    results[t.item.rel] = Result(t.item.rel, "skipped", prev[0], prev[1])
                    continue
            yield note

    for outcome in redactor.process(notes()):
        results[outcome.note.id] = _write(outcome, out)
    types = name_phi_types(redactor, [t.name for t in tasks])
    return [dataclasses.replace(results[t.item.rel], name_types=ty) for t, ty in zip(tasks, types, strict=True)]


def _write(outcome: Outcome, out: Path) -> Result:
    # a signal whose exception was swallowed mid-detection must not let this note out
    interrupt.check()
    note = outcome.note
    target = out / note.id
    if outcome.error is not None or outcome.result is None:
        # A stale output from an earlier run must not pass for this input's redaction.
        try:
            target.unlink()
        except OSError:
            pass
        return Result(note.id, "failed", note.input_sha256, reason=outcome.error or "not processed")
    try:
        data = note.encode(outcome.result.text)
        atomic_write_bytes(target, data)
    except UnicodeEncodeError:
        return Result(note.id, "failed", note.input_sha256, reason="redacted text cannot be encoded back in the input's encoding")
    except OSError as exc:
        reason = f"cannot write output ({exc.strerror or type(exc).__name__})"
        return Result(note.id, "failed", note.input_sha256, reason=reason)
    return Result(note.id, "redacted", note.input_sha256, sha256_bytes(data), outcome.result.redactions)
