"""The stream job: redact a byte stream (stdin, a JSONL or CSV file) into another,
in order and with flat memory. Used by ``redactphi redact -``; callable without click::

    import sys
    from redactphi import Config
    from redactphi.io.stream import redact_stream

    summary = redact_stream(sys.stdin.buffer, sys.stdout.buffer, fmt="jsonl",
                            fields=["text", "meta.comment"], config=Config())
    sys.exit(summary.exit_code)

Failing closed: a record that cannot be fully processed (bad encoding, invalid JSON,
wrong type, too large, a detection error) is **dropped** from the output - it is never
emitted, not even with a marker, so everything downstream receives only records that
were redacted in full. Its location and reason go to ``on_failure`` and the audit, and
the exit code is 1. Dropping rather than marking keeps "every emitted record was
redacted" a property a consumer can rely on without parsing anything.

Plain text is not read whole: it goes through the same overlapping windows as a long
note in folder mode (see :mod:`redactphi.io.text`), so both modes find the same PHI, and
output is cut only where no redaction crosses, so PHI on a window boundary is redacted
in one piece. A line that is not valid UTF-8 or holds NUL is dropped and reported; a
stream that starts like UTF-16/32 or binary data is refused. Records and text windows
alike are recorded by the run loop of :mod:`redactphi.io.run`.
"""

from __future__ import annotations

import codecs
import contextlib
import hashlib
import io
import os
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import BinaryIO

from redactphi.api import Redactor
from redactphi.config import Config
from redactphi.errors import UsageError
from redactphi.io.csvrows import read_csv
from redactphi.io.jsonl import read_jsonl
from redactphi.io.records import FORMATS, MAX_RECORD_BYTES, Record
from redactphi.io.run import FailureFn, ProgressFn, Result, Run, Step, Summary
from redactphi.io.text import TextJob
from redactphi.pipeline.read import sha256_bytes

#: Failures kept in the summary (all are reported through ``on_failure`` and the audit).
MAX_KEPT_FAILURES = 1000
#: Records read ahead per batch (bounds memory when most records have nothing to redact).
MAX_BATCH_RECORDS = 1000


class _HashingReader:
    """Wraps a binary stream and hashes what is read (for the audit). ``head`` reads
    the first line (at most ``HEAD_BYTES``) ahead, so the stream can be judged before
    anything is written; later reads replay it first."""

    def __init__(self, stream: BinaryIO):
        self._s = stream
        self.sha = hashlib.sha256()
        self._buf = b""

    def head(self) -> bytes:
        if not self._buf:
            self._buf = self._s.readline(HEAD_BYTES)
        return self._buf

    def readline(self, size: int = -1) -> bytes:
        if self._buf:
            data = self._buf if size < 0 else self._buf[:size]
            self._buf = self._buf[len(data) :]
            if not self._buf and not data.endswith(b"\n") and (size < 0 or len(data) < size):
                data += self._s.readline(-1 if size < 0 else size - len(data))
        else:
            data = self._s.readline(size)
        self.sha.update(data)
        return data


#: How much of the stream is looked at before anything is written.
HEAD_BYTES = 4096
_WIDE_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def refuse_wide_or_binary(head: bytes, name: str) -> None:
    """Refuse a stream that starts like UTF-16/32 or binary data (a byte-order mark, or
    NUL bytes in its first line). Line by line such input would be decoded as garbage
    or, worse, its later lines would pass as text that nothing is detected in."""
    if head.startswith(_WIDE_BOMS) or b"\x00" in head:
        raise UsageError(
            f"{name}: looks like UTF-16/UTF-32 or binary data (a byte-order mark or NUL bytes "
            "at the start); nothing was written. Convert it to UTF-8 first (iconv -f UTF-16 -t UTF-8)."
        )


def _same_file(a: str | os.PathLike, b: str | os.PathLike) -> bool:
    try:
        if Path(a).resolve() == Path(b).resolve():
            return True
        return os.path.exists(a) and os.path.exists(b) and os.path.samefile(a, b)
    except OSError:
        return False


def check_stream_paths(src: str | None, out: str | None, audit: str | None) -> None:
    """Refuse (UsageError, before anything is opened) when the input, the output and the
    audit name the same file: opening the output or the audit would truncate the input.
    ``None`` or "-" means a standard stream; those are checked by :func:`redact_stream`."""
    named = [(what, p) for what, p in (("input", src), ("output", out), ("audit", audit)) if p and p != "-"]
    for i, (wa, pa) in enumerate(named):
        for wb, pb in named[i + 1 :]:
            if _same_file(pa, pb):
                raise UsageError(f"the {wb} file is the {wa} file; choose another {'--audit' if wb == 'audit' else '-o'}")


def _check_audit_not_a_stream(audit_path: str | None, *streams: object) -> None:
    """The audit must not be the file behind stdin or stdout (``< notes.txt --audit notes.txt``)."""
    if not audit_path or not os.path.exists(audit_path):
        return
    st = os.stat(audit_path)
    for stream in streams:
        try:
            fst = os.fstat(stream.fileno())  # type: ignore[attr-defined]
        except (AttributeError, OSError, ValueError, io.UnsupportedOperation):
            continue
        if (fst.st_dev, fst.st_ino) == (st.st_dev, st.st_ino):
            raise UsageError("the audit file is the input or output stream's file; choose another --audit")


class _HashingWriter:
    def __init__(self, stream: BinaryIO):
        self._s = stream
        self.sha = hashlib.sha256()

    def write(self, data: bytes) -> None:
        self.sha.update(data)
        self._s.write(data)


def redact_stream(
    instream: BinaryIO,
    outstream: BinaryIO,
    *,
    fmt: str = "text",
    fields: Sequence[str] = (),
    config: Config | None = None,
    redactor: Redactor | None = None,
    name: str = "stdin",
    audit_path: str | None = None,
    on_failure: FailureFn | None = None,
    progress: ProgressFn | None = None,
    max_record_bytes: int = MAX_RECORD_BYTES,
    workers: int = 1,
) -> Summary:
    """Redact ``instream`` into ``outstream`` (both binary) and return a summary.

    ``fmt`` is "text", "jsonl", "csv" or "tsv"; ``fields`` names the JSONL fields
    (dotted paths) or CSV columns to redact, and must be empty for text. Records keep
    their order; failed records are dropped (see the module docstring). Raises
    :class:`UsageError` before writing anything when the arguments or the CSV header
    do not fit.

    ``workers`` > 1 detects in that many processes, each with its own engine (ignored
    when ``redactor`` is given); records and text keep their order, and the output and
    audit are the same for any number of workers.
    """
    _check_arguments(fmt, fields)
    if workers < 1:
        raise UsageError("--workers must be at least 1")
    config = config or (redactor.config if redactor else Config())
    _check_audit_not_a_stream(audit_path, instream, outstream)
    reader = _HashingReader(instream)
    refuse_wide_or_binary(reader.head(), name)
    writer = _HashingWriter(outstream)
    summary = Summary(format=fmt, keep_failures=MAX_KEPT_FAILURES)
    records = _open_records(reader, fmt, fields, name, max_record_bytes)
    with contextlib.ExitStack() as stack:
        if redactor is None and workers > 1:
            from redactphi.io.parallel import PoolDetector, WorkerPool

            redactor = Redactor(detector=PoolDetector(stack.enter_context(WorkerPool(config, workers))))
        _run_stream(redactor or Redactor(config), config, records, reader, writer, summary, fmt, fields, name, audit_path, progress, on_failure)
    outstream.flush()
    return summary


def _run_stream(
    redactor: Redactor,
    config: Config,
    records: Iterator[Record] | None,
    reader: _HashingReader,
    writer: _HashingWriter,
    summary: Summary,
    fmt: str,
    fields: Sequence[str],
    name: str,
    audit_path: str | None,
    progress: ProgressFn | None,
    on_failure: FailureFn | None,
) -> None:
    with Run(_path(audit_path), summary, progress=progress, on_failure=on_failure) as run:
        run.header(config, redactor.engine.model, redactor.engine.recognizer_names)
        if records is None:
            _text_run(run, redactor, reader, writer, name)
        else:
            seen: set[str] = set()
            run.consume(_record_steps(redactor, records, writer, summary, seen))
            if fmt == "jsonl":
                summary.unseen_fields = [f for f in fields if f not in seen]
        summary.input_sha256 = reader.sha.hexdigest()
        summary.output_sha256 = writer.sha.hexdigest()
        run.finish()


def _check_arguments(fmt: str, fields: Sequence[str]) -> None:
    if fmt not in FORMATS:
        raise UsageError(f"unknown format '{fmt}'; choose one of {', '.join(FORMATS)}")
    if fmt == "text" and fields:
        raise UsageError("--field/--column apply to jsonl and csv input; plain text is redacted whole")
    if fmt != "text" and not fields:
        what = "--field NAME (a dotted path)" if fmt == "jsonl" else "--column NAME"
        raise UsageError(f"{fmt} input needs {what} to say which values to redact")
    if fmt == "jsonl":
        for f in fields:
            if not f or any(not part for part in f.split(".")):
                raise UsageError(f"invalid field path '{f}'; use dotted names like 'note.text'")


def _open_records(
    reader: _HashingReader, fmt: str, fields: Sequence[str], name: str, max_bytes: int
) -> Iterator[Record] | None:
    """The records of a JSONL/CSV stream (None for text), with the first record or the
    header already checked, so a wrong --field/--column raises before any output."""
    if fmt == "jsonl":
        return _first_has_fields(read_jsonl(reader, name, fields, max_bytes), name)  # type: ignore[arg-type]
    if fmt in ("csv", "tsv"):
        return _prime(read_csv(reader, name, fields, "\t" if fmt == "tsv" else ",", max_bytes))  # type: ignore[arg-type]
    return None


def _path(p: str | None) -> Path | None:
    return Path(p) if p is not None else None


#: Records looked at, before any output, for one that shows whether --field is right.
_FIELD_CHECK_RECORDS = 100


def _first_has_fields(records: Iterator[Record], name: str) -> Iterator[Record]:
    """Refuse the stream (UsageError, nothing written) when the first JSONL record that
    parses lacks a named field, as a wrong --column is refused by the CSV header."""
    ahead: list[Record] = []
    for rec in records:
        ahead.append(rec)
        if rec.missing:
            raise UsageError(
                f"{name}: the first record ({rec.location.rsplit(':', 1)[-1]}) has no field "
                f"{', '.join(repr(f) for f in rec.missing)}; check --field (nothing was written)"
            )
        if (rec.error is None and rec.text.strip()) or len(ahead) >= _FIELD_CHECK_RECORDS:
            break

    def chain() -> Iterator[Record]:
        yield from ahead
        yield from records

    return chain()


def _prime(records: Iterator[Record]) -> Iterator[Record]:
    """Run a generator up to its first record so errors in the header surface now."""
    first = next(records, None)

    def chain() -> Iterator[Record]:
        if first is not None:
            yield first
        yield from records

    return chain()


def _batches(records: Iterable[Record], units: int, most: int = MAX_BATCH_RECORDS) -> Iterator[list[Record]]:
    batch: list[Record] = []
    n = 0
    for rec in records:
        batch.append(rec)
        n += len(rec.units)
        if n >= units or len(batch) >= most:
            yield batch
            batch, n = [], 0
    if batch:
        yield batch


def _record_steps(
    redactor: Redactor, records: Iterable[Record], out: _HashingWriter, summary: Summary, seen: set[str]
) -> Iterator[Step]:
    """One step per record: written whole once all its units are redacted, or dropped
    (one failure: the record's, or its first unit's)."""
    # with workers, a batch holds several of their batches, so they stay busy while
    # this process writes the records that came back (output order is unchanged)
    workers = redactor.detector.workers
    for batch in _batches(records, redactor.config.batch_size * (workers * 4 if workers > 1 else 1), MAX_BATCH_RECORDS * workers):
        outcomes = iter(redactor.process([u.note for rec in batch for u in rec.units]))
        for rec in batch:
            summary.records += 1
            if rec.error is not None:
                yield (Result(rec.location, "failed", reason=rec.error),), None
                continue
            results = [next(outcomes) for _ in rec.units]
            bad = next((o for o in results if o.error is not None or o.result is None), None)
            if bad is not None:
                yield (Result(bad.note.id, "failed", bad.note.input_sha256, reason=bad.error),), None
                continue
            texts = [o.result.text for o in results]  # type: ignore[union-attr]
            out.write(rec.render(texts))
            summary.emitted += 1
            done = []
            for unit, o, text in zip(rec.units, results, texts, strict=True):
                seen.add(unit.note.id.rsplit(", field ", 1)[-1])
                out_sha = sha256_bytes(text.encode("utf-8"))
                done.append(Result(unit.note.id, "redacted", unit.note.input_sha256, out_sha, o.result.redactions))  # type: ignore[union-attr]
            yield done, summary.records


def _text_run(run: Run, redactor: Redactor, reader: _HashingReader, out: _HashingWriter, name: str) -> None:
    """Plain text in the shared overlapping windows (see :mod:`redactphi.io.text`)."""
    job = TextJob(redactor, name, out)
    run.consume(job.steps(reader))  # type: ignore[arg-type]
    run.record(job.take_dropped())
    summary = run.summary
    summary.records = job.lines_seen
    summary.units = 1
    summary.emitted = job.lines_seen - summary.failed
    run.record([job.closing(bool(summary.failed), reader.sha.hexdigest(), out.sha.hexdigest())])
