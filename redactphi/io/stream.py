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
note in folder mode (redactphi.pipeline.detect.iter_windows), so both modes find the same PHI,
and output is cut only where no redaction crosses, so PHI on a window boundary is
redacted in one piece. A line that is not valid UTF-8 or holds NUL is dropped and
reported; a stream that starts like UTF-16/32 or binary data is refused.
"""

from __future__ import annotations

import bisect
import codecs
import dataclasses
import hashlib
import io
import os
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from redactphi.api import Redactor, redact_detections
from redactphi.config import Config
from redactphi.errors import EXIT_FOUND, EXIT_OK, UsageError
from redactphi.io.records import FORMATS, MAX_RECORD_BYTES, Record, TextPiece, read_csv, read_jsonl, read_text
from redactphi.pipeline.audit import AuditWriter, header_record, note_record, now_iso, redaction_record
from redactphi.pipeline.decode import bad_character
from redactphi.pipeline.detect import CHUNK_OVERLAP, DetectOutcome, Window, iter_windows
from redactphi.pipeline.resolve import Detection, Redaction, resolve

FailureFn = Callable[[str, str], None]
ProgressFn = Callable[[int, int | None], None]

#: Failures kept in the summary (all are reported through ``on_failure`` and the audit).
MAX_KEPT_FAILURES = 1000
#: Records read ahead per batch (bounds memory when most records have nothing to redact).
MAX_BATCH_RECORDS = 1000


@dataclass
class StreamSummary:
    """Counts for one stream; failures are (location, reason), never content."""

    format: str
    records: int = 0
    emitted: int = 0
    failed: int = 0
    units: int = 0
    redactions: int = 0
    counts: Counter = field(default_factory=Counter)
    failures: list[tuple[str, str]] = field(default_factory=list)
    unseen_fields: list[str] = field(default_factory=list)
    seconds: float = 0.0
    input_sha256: str = ""
    output_sha256: str = ""

    @property
    def exit_code(self) -> int:
        return EXIT_FOUND if (self.failed or self.unseen_fields) else EXIT_OK

    @property
    def records_per_second(self) -> float:
        return self.records / self.seconds if self.seconds > 0 else 0.0

    def to_record(self) -> dict:
        return {
            "type": "summary",
            "format": self.format,
            "records": self.records,
            "emitted": self.emitted,
            "failed": self.failed,
            "units": self.units,
            "redactions": self.redactions,
            "counts": dict(sorted(self.counts.items())),
            "unseen_fields": self.unseen_fields,
            "seconds": round(self.seconds, 3),
            "finished": now_iso(),
            "exit_code": self.exit_code,
        }


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
) -> StreamSummary:
    """Redact ``instream`` into ``outstream`` (both binary) and return a summary.

    ``fmt`` is "text", "jsonl", "csv" or "tsv"; ``fields`` names the JSONL fields
    (dotted paths) or CSV columns to redact, and must be empty for text. Records keep
    their order; failed records are dropped (see the module docstring). Raises
    :class:`UsageError` before writing anything when the arguments or the CSV header
    do not fit.
    """
    _check_arguments(fmt, fields)
    config = config or (redactor.config if redactor else Config())
    _check_audit_not_a_stream(audit_path, instream, outstream)
    reader = _HashingReader(instream)
    refuse_wide_or_binary(reader.head(), name)
    writer = _HashingWriter(outstream)
    summary = StreamSummary(format=fmt)
    records = _open_records(reader, fmt, fields, name, max_record_bytes)
    redactor = redactor or Redactor(config)
    started = time.perf_counter()

    def fail(location: str, reason: str) -> None:
        summary.failed += 1
        if len(summary.failures) < MAX_KEPT_FAILURES:
            summary.failures.append((location, reason))
        if on_failure:
            on_failure(location, reason)

    with AuditWriter(_path(audit_path)) as audit:
        eng = redactor.engine
        audit.write(
            header_record(
                command="redact",
                config_digest=config.digest(),
                engine=config.engine,
                model=eng.model,
                recognizers=eng.recognizer_names,
                score_threshold=config.score_threshold,
                config=config,
            )
        )
        if records is None:
            _text_stream(redactor, config, reader, writer, name, summary, audit, fail, progress)
        else:
            seen: set[str] = set()
            _record_stream(redactor, records, writer, summary, audit, fail, progress, seen)
            if fmt == "jsonl":
                summary.unseen_fields = [f for f in fields if f not in seen]
        summary.seconds = time.perf_counter() - started
        summary.input_sha256 = reader.sha.hexdigest()
        summary.output_sha256 = writer.sha.hexdigest()
        audit.write(summary.to_record())
    outstream.flush()
    return summary


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


def _batches(records: Iterable[Record], units: int) -> Iterator[list[Record]]:
    batch: list[Record] = []
    n = 0
    for rec in records:
        batch.append(rec)
        n += len(rec.units)
        if n >= units or len(batch) >= MAX_BATCH_RECORDS:
            yield batch
            batch, n = [], 0
    if batch:
        yield batch


def _record_stream(
    redactor: Redactor,
    records: Iterable[Record],
    out: _HashingWriter,
    summary: StreamSummary,
    audit: AuditWriter,
    fail: FailureFn,
    progress: ProgressFn | None,
    seen: set[str],
) -> None:
    for batch in _batches(records, redactor.config.batch_size):
        notes = [u.note for rec in batch for u in rec.units]
        outcomes = iter(redactor.process(notes))
        for rec in batch:
            summary.records += 1
            if rec.error is not None:
                fail(rec.location, rec.error)
                audit.write(note_record(rec.location, status="failed", reason=rec.error))
                continue
            results = [next(outcomes) for _ in rec.units]
            bad = next((o for o in results if o.error is not None or o.result is None), None)
            if bad is not None:
                reason = bad.error or "not processed"
                fail(bad.note.id, reason)
                audit.write(note_record(bad.note.id, status="failed", input_sha256=bad.note.input_sha256, reason=reason))
                continue
            values = [o.result.text for o in results]  # type: ignore[union-attr]
            data = rec.render(values)
            out.write(data)
            summary.emitted += 1
            lines: list[dict] = []
            for unit, o in zip(rec.units, results, strict=True):
                seen.add(unit.note.id.rsplit(", field ", 1)[-1])
                reds = o.result.redactions  # type: ignore[union-attr]
                summary.units += 1
                summary.redactions += len(reds)
                summary.counts.update(r.entity for r in reds)
                lines.extend(redaction_record(unit.note.id, r) for r in reds)
                lines.append(
                    note_record(
                        unit.note.id,
                        status="redacted",
                        input_sha256=unit.note.input_sha256,
                        output_sha256=hashlib.sha256(o.result.text.encode("utf-8")).hexdigest(),  # type: ignore[union-attr]
                        redactions=reds,
                    )
                )
            audit.write(*lines)
            if progress:
                progress(summary.records, None)


class _TextJob:
    """Plain text through the shared windows (detect.iter_windows): each window's
    detections are final once it is processed, so the text before the next window's
    earliest possible start is redacted and written, cut only where no redaction could
    still grow (see ``_safe_cut``). About one window of text is held at a time."""

    def __init__(self, redactor: Redactor, name: str, out: _HashingWriter, summary: StreamSummary, audit: AuditWriter, fail: FailureFn):
        self.redactor, self.name, self.out, self.summary, self.audit, self.fail = redactor, name, out, summary, audit, fail
        self.buf, self.buf_start = "", 0  # text not yet written; buf[0] is at offset buf_start
        self.pending: list[Detection] = []
        self.counts: Counter = Counter()
        self.lines: list[tuple[int, int]] = [(0, 1)]  # (offset, line number) where pieces start
        self.lines_seen = 0

    def pieces(self, pieces: Iterable[TextPiece]) -> Iterator[str]:
        offset = 0
        for piece in pieces:
            self.lines_seen = max(self.lines_seen, piece.line)
            if piece.error is None:  # the shared rule (redactphi.pipeline.decode): NUL/control bytes refused
                piece.error = bad_character(piece.text)
            if piece.error:
                self.fail(f"{self.name}:line {piece.line}", piece.error)
                self.audit.write(note_record(f"{self.name}:line {piece.line}", status="failed", reason=piece.error))
                continue
            self.lines.append((offset, piece.line))
            offset += len(piece.text)
            yield piece.text

    def window(self, w: Window, outcome: DetectOutcome) -> None:
        self.buf += w.text[self.buf_start + len(self.buf) - w.start :]
        if outcome.error is not None:
            first, last = self._line(self.buf_start), self._line(w.end - 1)
            where = f"{self.name}:lines {first}-{last}"
            self.fail(where, outcome.error)
            self.audit.write(note_record(where, status="failed", reason=outcome.error))
            self._drop(w.end)  # never written unredacted; carry on after it
            return
        self.pending.extend(outcome.detections)
        # a later window's trusted detections all start at or after its start, which lies
        # more than 1.5 overlaps before this window's end (see iter_windows)
        self._emit(w.end if w.last else w.end - CHUNK_OVERLAP * 3 // 2 - 1, final=w.last)

    def _emit(self, limit: int, final: bool) -> None:
        base = self.buf_start
        rel = [dataclasses.replace(d, start=d.start - base, end=d.end - base) for d in self.pending if d.end > base]
        cut = limit - base if final else _safe_cut(resolve(rel, self.buf), limit - base)
        if cut <= 0:
            return
        seg = [dataclasses.replace(d, start=max(d.start, 0), end=min(d.end, cut)) for d in rel if d.start < cut]
        result = redact_detections(self.buf[:cut], seg, self.redactor.config)
        self.out.write(result.text.encode("utf-8"))
        for r in result.redactions:
            self.audit.write(redaction_record(self.name, dataclasses.replace(r, start=r.start + base, end=r.end + base)))
        self.summary.redactions += len(result.redactions)
        self.summary.counts.update(r.entity for r in result.redactions)
        self.counts.update(r.entity for r in result.redactions)
        self._drop(base + cut)

    def _drop(self, upto: int) -> None:
        """Forget the text before absolute offset ``upto`` and detections that start there."""
        upto = max(upto, self.buf_start)
        self.buf, self.buf_start = self.buf[upto - self.buf_start :], upto
        self.pending = [d for d in self.pending if d.start >= upto]
        while len(self.lines) > 1 and self.lines[1][0] <= upto:
            self.lines.pop(0)

    def _line(self, offset: int) -> int:
        k = bisect.bisect_right(self.lines, (offset, 1 << 62)) - 1
        start, line = self.lines[max(k, 0)]
        return line + self.buf.count("\n", max(start, self.buf_start) - self.buf_start, max(offset - self.buf_start, 0))


def _safe_cut(regions: Sequence[Redaction], limit: int) -> int:
    """The largest cut at or before ``limit`` that no region crosses or comes within the
    three blanks resolve() may join across (regions sorted, relative offsets)."""
    cut = limit
    for r in regions:
        if r.start < cut <= r.end + 3:
            cut = r.start
    return cut


def _text_stream(
    redactor: Redactor,
    config: Config,
    reader: _HashingReader,
    out: _HashingWriter,
    name: str,
    summary: StreamSummary,
    audit: AuditWriter,
    fail: FailureFn,
    progress: ProgressFn | None,
) -> None:
    """Plain text in the shared overlapping windows (see the module docstring)."""
    job = _TextJob(redactor, name, out, summary, audit, fail)
    pieces = read_text(reader, max_line_piece=CHUNK_OVERLAP)  # type: ignore[arg-type]
    windows = iter_windows(job.pieces(pieces), config.chunk_chars)
    for w, outcome in redactor.detector.detect_windows(windows):
        job.window(w, outcome)
        summary.records = job.lines_seen
        if progress:
            progress(job.lines_seen, None)
    summary.records = job.lines_seen
    summary.units = 1
    summary.emitted = job.lines_seen - summary.failed
    rec = note_record(
        name,
        status="failed" if summary.failed else "redacted",
        input_sha256=reader.sha.hexdigest(),
        output_sha256=out.sha.hexdigest(),
    )
    rec["counts"] = dict(sorted(job.counts.items()))
    audit.write(rec)
