"""Gold-standard corpora: notes with exact PHI span annotations.

The on-disk format is the shared JSONL described in ``/work/shared/corpora/README.md``:
one object per line, ``{"id", "text", "spans": [{"start", "end", "type", "text"}]}``,
with Python string offsets and ``text[start:end] == span["text"]``. We add an optional
``"style"`` key (the synthetic note style); readers that do not know it ignore it.

Errors name the line number and note id, never note or span text: a gold file is PHI by
design, and error messages end up in terminals, CI logs and bug reports.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO, Union

PathLike = Union[str, "os.PathLike[str]"]


@dataclass(frozen=True)
class GoldSpan:
    """One annotated PHI span: ``text`` equals ``note.text[start:end]``."""

    start: int
    end: int
    type: str
    text: str


@dataclass(frozen=True)
class GoldNote:
    """A note with its gold spans (sorted by start, non-overlapping in synthetic corpora)."""

    id: str
    text: str
    spans: tuple[GoldSpan, ...]
    style: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The shared JSONL record for this note (``style`` only when set)."""
        record: dict[str, Any] = {
            "id": self.id,
            "text": self.text,
            "spans": [
                {"start": s.start, "end": s.end, "type": s.type, "text": s.text}
                for s in self.spans
            ],
        }
        if self.style is not None:
            record["style"] = self.style
        return record


def _fail(line_no: int, note_id: object, problem: str) -> ValueError:
    # Only the id (when it is a short string) is echoed: ids are not PHI in any corpus we
    # know, but a malformed record might put text where the id belongs.
    shown = note_id if isinstance(note_id, str) and len(note_id) <= 64 else "?"
    return ValueError(f"gold line {line_no} (note id {shown!r}): {problem}")


def _parse_record(line_no: int, record: Any) -> GoldNote:
    if not isinstance(record, dict):
        raise _fail(line_no, None, "expected a JSON object")
    note_id = record.get("id")
    if not isinstance(note_id, str) or not note_id:
        raise _fail(line_no, note_id, "missing or non-string 'id'")
    text = record.get("text")
    if not isinstance(text, str):
        raise _fail(line_no, note_id, "missing or non-string 'text'")
    raw_spans = record.get("spans", [])
    if not isinstance(raw_spans, list):
        raise _fail(line_no, note_id, "'spans' must be a list")
    style = record.get("style")
    if style is not None and not isinstance(style, str):
        raise _fail(line_no, note_id, "'style' must be a string when present")

    spans: list[GoldSpan] = []
    for k, raw in enumerate(raw_spans):
        if not isinstance(raw, dict):
            raise _fail(line_no, note_id, f"span {k} is not an object")
        start, end, typ, span_text = (raw.get(key) for key in ("start", "end", "type", "text"))
        # bool is an int subclass; true/false offsets are certainly a mistake.
        if not all(isinstance(v, int) and not isinstance(v, bool) for v in (start, end)):
            raise _fail(line_no, note_id, f"span {k} needs integer 'start' and 'end'")
        assert isinstance(start, int) and isinstance(end, int)
        if not (0 <= start < end <= len(text)):
            raise _fail(
                line_no,
                note_id,
                f"span {k} offsets {start}..{end} are empty or outside the text "
                f"(length {len(text)})",
            )
        if not isinstance(typ, str) or not typ:
            raise _fail(line_no, note_id, f"span {k} needs a non-empty string 'type'")
        if not isinstance(span_text, str):
            raise _fail(line_no, note_id, f"span {k} ({typ}) needs a string 'text'")
        if text[start:end] != span_text:
            raise _fail(
                line_no,
                note_id,
                f"span {k} ({typ}) at {start}..{end}: text[start:end] does not equal the "
                f"span's 'text' (lengths {end - start} and {len(span_text)})",
            )
        spans.append(GoldSpan(start, end, typ, span_text))
    spans.sort(key=lambda s: (s.start, s.end))
    return GoldNote(id=note_id, text=text, spans=tuple(spans), style=style)


def load_gold(path: PathLike) -> Iterator[GoldNote]:
    """Yield the notes of a gold JSONL file lazily, validating every span's offsets.

    Raises ``ValueError`` naming the line number and note id (never text) on the first
    malformed record; blank lines are skipped.
    """
    with open(path, encoding="utf-8") as handle:
        for line_no, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                # exc.msg describes the syntax problem without quoting the document.
                raise _fail(line_no, None, f"invalid JSON ({exc.msg}, column {exc.colno})") from None
            yield _parse_record(line_no, record)


def write_gold(notes: Iterable[GoldNote], path: PathLike | BinaryIO) -> int:
    """Write notes as shared-format JSONL; returns the number written.

    Output is byte-for-byte deterministic for the same notes (fixed key order, UTF-8,
    ``\\n`` line endings), so corpora can be compared with a checksum.
    """
    if not isinstance(path, (str, os.PathLike)):  # an open binary stream (atomic writers)
        return _write_gold_lines(notes, path)
    with open(path, "wb") as handle:
        return _write_gold_lines(notes, handle)


def _write_gold_lines(notes: Iterable[GoldNote], handle: BinaryIO) -> int:
    count = 0
    for note in notes:
        handle.write(json.dumps(note.to_dict(), ensure_ascii=False).encode("utf-8") + b"\n")
        count += 1
    return count


def recase(note: GoldNote, case: str) -> GoldNote:
    """``note`` written in ``case`` ("upper" or "lower"), gold spans unchanged in place.

    Upper-case nursing notes and lower-case queries are the same PHI without the capitals
    detection leans on; scoring a corpus re-cased measures how much recall depends on
    them. A note whose length would change (a few non-ASCII letters such as "ß" grow when
    upper-cased) is returned as written, so offsets stay exact."""
    if case not in ("upper", "lower"):
        raise ValueError(f"unknown case {case!r}: use 'upper' or 'lower'")
    text = note.text.upper() if case == "upper" else note.text.lower()
    if len(text) != len(note.text):
        return note
    spans = tuple(GoldSpan(s.start, s.end, s.type, text[s.start : s.end]) for s in note.spans)
    return GoldNote(note.id, text, spans, note.style)
