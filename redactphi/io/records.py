"""Records of a stream (JSONL objects, CSV/TSV rows): what they are, how they are
read off the wire and written back. The formats themselves are read by
:mod:`~redactphi.io.jsonl` and :mod:`~redactphi.io.csvrows`; plain text, which has no
records, by :mod:`~redactphi.io.text`.

Each record is split into units (one per field to redact) that travel through the
same pipeline as notes; everything else in the record is kept byte for byte: the
output is built by splicing the redacted values into the record's original bytes, so
key order, number formats, whitespace, quoting and line endings survive unchanged.

A unit's id is its location ("stdin:line 12, field text", "notes.csv:row 5, column
note_text"), which is what the audit and error messages show - never its content.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import BinaryIO

from redactphi.errors import UsageError
from redactphi.pipeline.read import Note

#: Formats ``redact_stream`` understands; "auto" picks one by file extension.
FORMATS = ("text", "jsonl", "csv", "tsv")
EXTENSIONS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".tsv": "tsv"}
#: A record (JSONL line or CSV row) larger than this is reported as failed, unread.
MAX_RECORD_BYTES = 32 * 1024 * 1024


def format_for(name: str, fmt: str = "auto") -> str:
    """The concrete format for a file name: ``fmt`` unless it is "auto", in which case
    .jsonl/.ndjson/.csv/.tsv choose a record format and anything else is text."""
    if fmt != "auto":
        if fmt not in FORMATS:
            raise UsageError(f"unknown format '{fmt}'; choose one of auto, {', '.join(FORMATS)}")
        return fmt
    lower = name.lower()
    for ext, f in EXTENSIONS.items():
        if lower.endswith(ext):
            return f
    return "text"


@dataclass
class Unit:
    """One value to redact inside a record; ``span`` is where its raw token sits in the
    record's decoded text."""

    note: Note
    span: tuple[int, int]
    raw: str
    quoted: bool = True  # CSV only: the field was quoted


@dataclass
class Record:
    """One JSONL line or CSV row: its original bytes, the units to redact, or an error."""

    location: str
    raw: bytes
    kind: str  # "jsonl" | "csv"
    text: str = ""
    units: list[Unit] = field(default_factory=list)
    error: str | None = None
    delimiter: str = ","
    #: JSONL: named fields this record does not have (it then fails: see read_jsonl)
    missing: tuple[str, ...] = ()

    def render(self, values: Sequence[str]) -> bytes:
        """The record with each unit's value replaced by ``values[i]``; untouched units
        and everything between them keep their original bytes."""
        if not self.units:
            return self.raw
        parts: list[str] = []
        pos = 0
        for unit, value in zip(self.units, values, strict=True):
            s, e = unit.span
            parts.append(self.text[pos:s])
            if value == unit.note.text:
                parts.append(unit.raw)
            elif self.kind == "jsonl":
                parts.append(json.dumps(value, ensure_ascii=unit.raw.isascii()))
            else:
                parts.append(csv_quote(value, self.delimiter, force=unit.quoted))
            pos = e
        parts.append(self.text[pos:])
        return "".join(parts).encode("utf-8")


def csv_quote(value: str, delimiter: str, force: bool) -> str:
    if force or any(c in value for c in (delimiter, '"', "\n", "\r")):
        return '"' + value.replace('"', '""') + '"'
    return value


# -- physical reading ----------------------------------------------------------------
# A lone CR (old Mac line ending) ends a line too: split after a CR not followed by LF.
_AFTER_LONE_CR = re.compile(rb"(?<=\r)(?!\n)")


def cr_lines(lines: Iterator[tuple[bytes, bool]]) -> Iterator[tuple[bytes, bool]]:
    """``lines`` also split at lone CRs: a CR-only CSV is rows, not one giant header."""
    for line, too_large in lines:
        if too_large or b"\r" not in line:
            yield line, too_large
            continue
        for part in _AFTER_LONE_CR.split(line):
            if part:
                yield part, False


def physical_lines(stream: BinaryIO, max_bytes: int) -> Iterator[tuple[bytes, bool]]:
    """Physical lines with their endings; a line longer than ``max_bytes`` is consumed
    without being kept and comes back as (b"", True)."""
    while True:
        line = stream.readline(max_bytes + 1)
        if not line:
            return
        if len(line) > max_bytes and not line.endswith(b"\n"):
            while True:  # drain the rest of the oversized line in bounded pieces
                more = stream.readline(1 << 20)
                if not more or more.endswith(b"\n"):
                    break
            yield b"", True
            continue
        yield line, False


#: NUL splits identifiers ("MRN 0048<NUL>2913") past the recognizers and marks UTF-16/32 or binary data.
NUL_REASON = "holds NUL bytes (binary, or UTF-16/32 text: convert to UTF-8)"


def decode_record(data: bytes) -> tuple[str, str | None]:
    if b"\x00" in data:
        return "", NUL_REASON
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        return "", f"not valid UTF-8 (byte offset {exc.start})"


def value_error(path: str, value: str) -> str | None:
    """Why a decoded field value cannot be redacted safely, or None."""
    if "\x00" in value:
        return f"field {path} holds a NUL character (\\u0000)"
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:  # a lone "\ud800"-style escape: not text we can scan or write
        return f"field {path} holds an unpaired surrogate escape (\\ud800-\\udfff)"
    return None
