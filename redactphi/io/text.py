"""Plain text streams (``redact -``): read piece by piece and redacted in the shared
overlapping windows of :func:`redactphi.pipeline.detect.iter_windows`, so a stream finds
what the same text given whole would. Output is written as soon as no later window can
change it, cut only where no redaction could still grow; about one window of text is held
at a time. A line that is not valid UTF-8 or holds NUL is dropped and reported.
"""

from __future__ import annotations

import bisect
import codecs
import dataclasses
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import BinaryIO, Protocol

from redactphi.api import Redactor, redact_detections
from redactphi.io.records import NUL_REASON
from redactphi.io.run import Result, Step
from redactphi.pipeline.decode import bad_character
from redactphi.pipeline.detect import CHUNK_OVERLAP, DetectOutcome, Window, iter_windows
from redactphi.pipeline.resolve import Detection, Redaction, resolve


class _Sink(Protocol):
    def write(self, data: bytes) -> None: ...


@dataclass
class TextPiece:
    """Decoded text from a plain-text stream, or a line that could not be decoded."""

    text: str
    line: int  # line number where the piece starts
    error: str | None = None


def read_text(stream: BinaryIO, max_line_piece: int = 1 << 16) -> Iterator[TextPiece]:
    """Decoded pieces of a text stream: whole lines, or pieces of at most
    ``max_line_piece`` bytes of a longer line, so memory stays flat. A line that is not
    valid UTF-8 comes back as an error piece (its text is dropped)."""
    decoder = codecs.getincrementaldecoder("utf-8")("strict")
    line = 1
    bad = False
    while True:
        raw = stream.readline(max_line_piece)
        if not raw:
            if not bad:
                try:
                    tail = decoder.decode(b"", final=True)
                except UnicodeDecodeError:
                    yield TextPiece("", line, "not valid UTF-8 (truncated character at end of input)")
                else:
                    if tail:
                        yield TextPiece(tail, line)
            return
        ends = raw.endswith(b"\n")
        if not bad and b"\x00" in raw:
            bad = True
            decoder.reset()
            yield TextPiece("", line, NUL_REASON)
        if not bad:
            try:
                text = decoder.decode(raw)
            except UnicodeDecodeError as exc:
                bad = True
                decoder.reset()
                yield TextPiece("", line, f"not valid UTF-8 (byte offset {exc.start} of the line piece)")
            else:
                if text:
                    yield TextPiece(text, line)
        if ends:
            line += 1
            bad = False
            decoder.reset()


class TextJob:
    """One text stream through the windows: each window's detections are final once it
    is processed, so the text before the next window's earliest possible start is
    redacted and written (see :func:`safe_cut`). Results: a "part" per stretch written,
    a failure per line dropped or window whose detection failed."""

    def __init__(self, redactor: Redactor, name: str, out: _Sink):
        self.redactor, self.name, self.out = redactor, name, out
        self.buf, self.buf_start = "", 0  # text not yet written; buf[0] is at offset buf_start
        self.pending: list[Detection] = []
        self.counts: Counter = Counter()
        self.lines: list[tuple[int, int]] = [(0, 1)]  # (offset, line number) where pieces start
        self.lines_seen = 0
        self.dropped: list[Result] = []  # lines refused since the last step

    def steps(self, stream: BinaryIO) -> Iterator[Step]:
        """One step per window: the lines dropped while reading up to it, then what it let
        out; progress counts lines read."""
        pieces = read_text(stream, max_line_piece=CHUNK_OVERLAP)
        windows = iter_windows(self._pieces(pieces), self.redactor.config.chunk_chars)
        for w, outcome in self.redactor.detector.detect_windows(windows):
            yield self.take_dropped() + self._window(w, outcome), self.lines_seen

    def take_dropped(self) -> list[Result]:
        dropped, self.dropped = self.dropped, []
        return dropped

    def closing(self, failed: bool, input_sha256: str, output_sha256: str) -> Result:
        """The stream's own note record: its hashes and every redaction's type, counted."""
        status = "failed" if failed else "redacted"
        return Result(self.name, status, input_sha256, output_sha256, counts=self.counts, tally=False)

    def _pieces(self, pieces: Iterable[TextPiece]) -> Iterator[str]:
        offset = 0
        for piece in pieces:
            self.lines_seen = max(self.lines_seen, piece.line)
            if piece.error is None:  # the shared rule (redactphi.pipeline.decode): NUL/control bytes refused
                piece.error = bad_character(piece.text)
            if piece.error:
                self.dropped.append(Result(f"{self.name}:line {piece.line}", "failed", reason=piece.error))
                continue
            self.lines.append((offset, piece.line))
            offset += len(piece.text)
            yield piece.text

    def _window(self, w: Window, outcome: DetectOutcome) -> list[Result]:
        self.buf += w.text[self.buf_start + len(self.buf) - w.start :]
        if outcome.error is not None:
            first, last = self._line(self.buf_start), self._line(w.end - 1)
            self._drop(w.end)  # never written unredacted; carry on after it
            return [Result(f"{self.name}:lines {first}-{last}", "failed", reason=outcome.error)]
        self.pending.extend(outcome.detections)
        # a later window's trusted detections all start at or after its start, which lies
        # more than 1.5 overlaps before this window's end (see iter_windows)
        part = self._emit(w.end if w.last else w.end - CHUNK_OVERLAP * 3 // 2 - 1, final=w.last)
        return [part] if part is not None else []

    def _emit(self, limit: int, final: bool) -> Result | None:
        base = self.buf_start
        rel = [dataclasses.replace(d, start=d.start - base, end=d.end - base) for d in self.pending if d.end > base]
        cut = limit - base if final else safe_cut(resolve(rel, self.buf), limit - base)
        if cut <= 0:
            return None
        seg = [dataclasses.replace(d, start=max(d.start, 0), end=min(d.end, cut)) for d in rel if d.start < cut]
        result = redact_detections(self.buf[:cut], seg, self.redactor.config)
        self.out.write(result.text.encode("utf-8"))
        self.counts.update(r.entity for r in result.redactions)
        self._drop(base + cut)
        shifted = tuple(dataclasses.replace(r, start=r.start + base, end=r.end + base) for r in result.redactions)
        return Result(self.name, "part", redactions=shifted)

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


def safe_cut(regions: Sequence[Redaction], limit: int) -> int:
    """The largest cut at or before ``limit`` that no region crosses or comes within the
    three blanks resolve() may join across (regions sorted, relative offsets)."""
    cut = limit
    for r in regions:
        if r.start < cut <= r.end + 3:
            cut = r.start
    return cut
