"""CSV/TSV records: a header row names the columns, each ``--column`` value is a unit to
redact; quoting, column order and line endings are kept (see
:class:`~redactphi.io.records.Record`). Rows are numbered as a spreadsheet shows them.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import BinaryIO

from redactphi.errors import UsageError
from redactphi.io.records import MAX_RECORD_BYTES, Record, Unit, cr_lines, decode_record, physical_lines
from redactphi.pipeline.read import Note, sha256_bytes


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
    for n, (raw, too_large) in enumerate(cr_lines(physical_lines(stream, max_bytes)), start=1):
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
    text, derr = decode_record(raw)
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
        text, derr = decode_record(raw)
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
