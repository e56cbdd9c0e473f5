"""Read and write record streams: JSONL objects, CSV/TSV rows and plain text.

Each record is split into units (one per field to redact) that travel through the
same pipeline as notes; everything else in the record is kept byte for byte: the
output is built by splicing the redacted values into the record's original bytes, so
key order, number formats, whitespace, quoting and line endings survive unchanged.

A unit's id is its location ("stdin:line 12, field text", "notes.csv:row 5, column
note_text"), which is what the audit and error messages show - never its content.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from json.decoder import scanstring  # type: ignore[attr-defined]
from typing import BinaryIO

from redactphi.errors import UsageError
from redactphi.pipeline.read import Note, sha256_bytes

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
                parts.append(_csv_quote(value, self.delimiter, force=unit.quoted))
            pos = e
        parts.append(self.text[pos:])
        return "".join(parts).encode("utf-8")


# -- physical reading ----------------------------------------------------------------
# A lone CR (old Mac line ending) ends a line too: split after a CR not followed by LF.
_AFTER_LONE_CR = re.compile(rb"(?<=\r)(?!\n)")


def _cr_lines(lines: Iterator[tuple[bytes, bool]]) -> Iterator[tuple[bytes, bool]]:
    """``lines`` also split at lone CRs: a CR-only CSV is rows, not one giant header."""
    for line, too_large in lines:
        if too_large or b"\r" not in line:
            yield line, too_large
            continue
        for part in _AFTER_LONE_CR.split(line):
            if part:
                yield part, False


def _lines(stream: BinaryIO, max_bytes: int) -> Iterator[tuple[bytes, bool]]:
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


def _decode(data: bytes) -> tuple[str, str | None]:
    if b"\x00" in data:
        return "", NUL_REASON
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        return "", f"not valid UTF-8 (byte offset {exc.start})"


def _value_error(path: str, value: str) -> str | None:
    """Why a decoded field value cannot be redacted safely, or None."""
    if "\x00" in value:
        return f"field {path} holds a NUL character (\\u0000)"
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:  # a lone "\ud800"-style escape: not text we can scan or write
        return f"field {path} holds an unpaired surrogate escape (\\ud800-\\udfff)"
    return None


# -- JSONL -----------------------------------------------------------------------------
_WS = " \t\n\r"
_DECODER = json.JSONDecoder()


class _JSONPathError(ValueError):
    pass


def _skip_ws(s: str, i: int) -> int:
    while i < len(s) and s[i] in _WS:
        i += 1
    return i


def _find_fields(s: str, paths: Sequence[tuple[str, ...]]) -> tuple[list[tuple[str, int, int, str]], set[tuple[str, ...]]]:
    """(dotted path, start, end, value) of every string at one of ``paths`` in the JSON
    object text ``s``, in text order, and the set of ``paths`` the record has (a string,
    a null, or an empty array or null on the way). Arrays on the way are entered element
    by element. Raises ValueError for invalid JSON, _JSONPathError for a value of the
    wrong type and RecursionError for absurd nesting."""
    finder = _FieldFinder(s, paths)
    start = _skip_ws(s, 0)
    if s[start : start + 1] != "{":
        raise _JSONPathError("not a JSON object")
    end = _skip_ws(s, finder.obj(start, ()))
    if end != len(s):
        raise ValueError(f"extra data at column {end + 1}")
    return finder.found, finder.reached


class _FieldFinder:
    """The walk behind :func:`_find_fields`; methods return the index after their value."""

    def __init__(self, s: str, paths: Sequence[tuple[str, ...]]):
        self.s, self.paths = s, paths
        self.found: list[tuple[str, int, int, str]] = []
        self.reached: set[tuple[str, ...]] = set()

    def value(self, i: int, path: tuple[str, ...]) -> int:
        s = self.s
        wanted = [p for p in self.paths if p[: len(path)] == path]
        i = _skip_ws(s, i)
        if not wanted:
            return _DECODER.raw_decode(s, i)[1]
        exact = any(len(p) == len(path) for p in wanted)
        deeper = any(len(p) > len(path) for p in wanted)
        ch = s[i : i + 1]
        if ch == "{" and deeper:
            return self.obj(i, path)
        if ch == "[" and (deeper or exact):
            if s[_skip_ws(s, i + 1) : _skip_ws(s, i + 1) + 1] == "]":
                self.reached.update(wanted)  # an empty list: present, nothing to redact
            return self.arr(i, path)
        if exact and ch == '"':
            text, end = scanstring(s, i + 1, True)
            self.found.append((".".join(path), i, end, text))
            self.reached.add(path)
            return end
        v, end = _DECODER.raw_decode(s, i)
        if v is None:  # an explicit null: present, nothing to redact (here or below)
            self.reached.update(wanted)
        elif exact:
            raise _JSONPathError(f"field {'.'.join(path)} is {_json_type(v)}, not a string")
        return end  # any other scalar where an object was expected: the path is absent

    def obj(self, i: int, path: tuple[str, ...]) -> int:
        s = self.s
        i = _skip_ws(s, i + 1)
        if s[i : i + 1] == "}":
            return i + 1
        while True:
            if s[i : i + 1] != '"':
                raise ValueError(f"expected a key at column {i + 1}")
            key, i = scanstring(s, i + 1, True)
            i = _skip_ws(s, i)
            if s[i : i + 1] != ":":
                raise ValueError(f"expected ':' at column {i + 1}")
            i = _skip_ws(s, self.value(i + 1, path + (key,)))
            if s[i : i + 1] == ",":
                i = _skip_ws(s, i + 1)
                continue
            if s[i : i + 1] == "}":
                return i + 1
            raise ValueError(f"expected ',' or '}}' at column {i + 1}")

    def arr(self, i: int, path: tuple[str, ...]) -> int:
        s = self.s
        i = _skip_ws(s, i + 1)
        if s[i : i + 1] == "]":
            return i + 1
        while True:
            i = _skip_ws(s, self.value(i, path))
            if s[i : i + 1] == ",":
                i += 1
                continue
            if s[i : i + 1] == "]":
                return i + 1
            raise ValueError(f"expected ',' or ']' at column {i + 1}")


def _json_type(v: object) -> str:
    return {bool: "a boolean", int: "a number", float: "a number", dict: "an object", list: "an array"}.get(
        type(v), "not a string"
    )


def read_jsonl(stream: BinaryIO, name: str, fields: Sequence[str], max_bytes: int = MAX_RECORD_BYTES) -> Iterator[Record]:
    """Records of a JSONL stream; each string at a dotted path in ``fields`` is a unit.
    A null field is nothing to redact. A record without one of the fields fails (its
    ``missing`` says which): a wrong --field must never copy records through unread.
    Any other non-string, a NUL or an unpaired surrogate in a value is an error too."""
    paths = [tuple(f.split(".")) for f in fields]
    for n, (raw, too_large) in enumerate(_lines(stream, max_bytes), start=1):
        loc = f"{name}:line {n}"
        if too_large:
            yield Record(loc, b"", "jsonl", error=f"record too large (over {max_bytes} bytes)")
            continue
        text, err = _decode(raw)
        if err:
            yield Record(loc, raw, "jsonl", error=err)
            continue
        body = text.rstrip("\r\n")
        if not body.strip():
            yield Record(loc, raw, "jsonl", text)  # blank line: kept as it is
            continue
        yield _jsonl_record(loc, raw, text, body, name, fields, paths)


def _jsonl_record(loc: str, raw: bytes, text: str, body: str, name: str, fields: Sequence[str], paths: list[tuple[str, ...]]) -> Record:
    try:
        hits, reached = _find_fields(body, paths)
    except _JSONPathError as exc:
        return Record(loc, raw, "jsonl", error=str(exc))
    except RecursionError:
        return Record(loc, raw, "jsonl", error="JSON nested too deeply to read")
    except (ValueError, IndexError) as exc:
        col = getattr(exc, "colno", None)
        where = f" (column {col})" if col else (f" ({exc})" if "column" in str(exc) else "")
        return Record(loc, raw, "jsonl", error=f"not valid JSON{where}")
    missing = tuple(f for f, p in zip(fields, paths, strict=True) if p not in reached)
    if missing:
        return Record(loc, raw, "jsonl", error=f"no field {', '.join(missing)}", missing=missing)
    units = []
    for path, s, e, value in hits:
        bad = _value_error(path, value)
        if bad:
            return Record(loc, raw, "jsonl", error=bad)
        uid = f"{loc}, field {path}"
        units.append(Unit(Note(uid, name, value, sha256_bytes(value.encode("utf-8"))), (s, e), body[s:e]))
    return Record(loc, raw, "jsonl", text, units)


# -- CSV -------------------------------------------------------------------------------
def _csv_quote(value: str, delimiter: str, force: bool) -> str:
    if force or any(c in value for c in (delimiter, '"', "\n", "\r")):
        return '"' + value.replace('"', '""') + '"'
    return value


def _split_csv(text: str, delimiter: str) -> tuple[list[tuple[int, int, str, bool]], str]:
    """Fields of one CSV record as (start, end, value, quoted) plus the record's line
    ending. Raises ValueError on malformed quoting."""
    body = text
    ending = ""
    for e in ("\r\n", "\n", "\r"):
        if body.endswith(e):
            body, ending = body[: -len(e)], e
            break
    fields: list[tuple[int, int, str, bool]] = []
    i = 0
    n = len(body)
    while True:
        if i < n and body[i] == '"':
            j = i + 1
            parts = []
            while True:
                q = body.find('"', j)
                if q < 0:
                    raise ValueError("unterminated quoted field")
                parts.append(body[j:q])
                if body[q + 1 : q + 2] == '"':
                    parts.append('"')
                    j = q + 2
                    continue
                end = q + 1
                break
            if end < n and body[end] != delimiter:
                raise ValueError(f"text after a closing quote (field {len(fields) + 1})")
            fields.append((i, end, "".join(parts), True))
        else:
            end = body.find(delimiter, i)
            end = n if end < 0 else end
            value = body[i:end]
            if '"' in value:
                raise ValueError(f"stray quote in unquoted field {len(fields) + 1}")
            fields.append((i, end, value, False))
        if end >= n:
            return fields, ending
        i = end + 1


def _csv_records(stream: BinaryIO, max_bytes: int) -> Iterator[tuple[int, bytes, str | None]]:
    """(first line number, raw bytes, error) per CSV record; quoted fields may span lines.
    Quote parity is counted on bytes, which UTF-8 allows, so bad encoding stays local."""
    buf = b""
    first = 0
    quotes = 0
    oversized = False
    for n, (raw, too_large) in enumerate(_cr_lines(_lines(stream, max_bytes)), start=1):
        if not buf and not oversized:
            first = n
        if too_large or len(buf) + len(raw) > max_bytes:
            oversized = True
            buf = b""
        else:
            buf += raw
        quotes += raw.count(b'"')
        if quotes % 2 == 0:
            if oversized:
                yield first, b"", f"record too large (over {max_bytes} bytes)"
            else:
                yield first, buf, None
            buf, quotes, oversized = b"", 0, False
    if buf or oversized:
        yield first, buf, "unterminated quoted field at end of input"


def _csv_header(raw: bytes, err: str | None, name: str, columns: Sequence[str], delimiter: str) -> tuple[str, list[str]]:
    """The header row's text and column names; UsageError when it cannot be read or
    lacks a wanted column."""
    text, derr = _decode(raw)
    if err or derr:
        raise UsageError(f"{name}: cannot read the header row ({err or derr})")
    try:
        hfields, _ = _split_csv(text, delimiter)
    except ValueError as exc:
        raise UsageError(f"{name}: cannot parse the header row ({exc})") from None
    names = [v.lstrip("\ufeff") if k == 0 else v for k, (_, _, v, _) in enumerate(hfields)]
    missing = [c for c in columns if c not in names]
    if missing:
        # The header's own names are not shown: in a file without a header row, "row 1"
        # is a data row, PHI included.
        raise UsageError(
            f"{name}: no column named {', '.join(repr(c) for c in missing)} in the header row "
            f"(row 1 has {len(names)} fields); check --column, and that the file starts with a header row"
        )
    return text, names


def read_csv(
    stream: BinaryIO,
    name: str,
    columns: Sequence[str],
    delimiter: str = ",",
    max_bytes: int = MAX_RECORD_BYTES,
) -> Iterator[Record]:
    """Records of a CSV/TSV stream with a header row; each named column is a unit.

    Rows are numbered as a spreadsheet shows them (the header is row 1). A row whose
    field count differs from the header's fails: its columns cannot be trusted to line
    up, so PHI could sit in a column that is passed through.
    """
    records = _csv_records(stream, max_bytes)
    header = next(records, None)
    if header is None:
        return
    _, raw, err = header
    text, names = _csv_header(raw, err, name, columns, delimiter)
    # every column of a wanted name: a duplicated header must not leave a copy unredacted
    wanted = [k for k, c in enumerate(names) if c in columns]
    dup = {c for c in names if names.count(c) > 1}
    yield Record(f"{name}:row 1", raw, "csv", text, delimiter=delimiter)
    for row, (_, raw, err) in enumerate(records, start=2):
        loc = f"{name}:row {row}"
        if err:
            yield Record(loc, raw, "csv", error=err, delimiter=delimiter)
            continue
        text, derr = _decode(raw)
        if derr:
            yield Record(loc, raw, "csv", error=derr, delimiter=delimiter)
            continue
        if not text.strip("\r\n"):
            yield Record(loc, raw, "csv", text, delimiter=delimiter)  # blank line: kept
            continue
        try:
            flds, _ = _split_csv(text, delimiter)
        except ValueError as exc:
            yield Record(loc, raw, "csv", error=f"malformed CSV ({exc})", delimiter=delimiter)
            continue
        if len(flds) != len(names):
            yield Record(
                loc, raw, "csv", error=f"row has {len(flds)} fields, the header has {len(names)}", delimiter=delimiter
            )
            continue
        units = []
        for k in wanted:
            s, e, value, quoted = flds[k]
            uid = f"{loc}, column {names[k]}" + (f" (field {k + 1})" if names[k] in dup else "")
            units.append(Unit(Note(uid, name, value, sha256_bytes(value.encode("utf-8"))), (s, e), text[s:e], quoted))
        yield Record(loc, raw, "csv", text, units, delimiter=delimiter)


# -- plain text ------------------------------------------------------------------------
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
