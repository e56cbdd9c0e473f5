"""JSONL records: each string at a ``--field`` path (dotted, arrays entered) is a unit to
redact; the rest of the line is kept byte for byte (see :class:`~redactphi.io.records.Record`).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from json.decoder import scanstring  # type: ignore[attr-defined]
from typing import BinaryIO

from redactphi.io.records import MAX_RECORD_BYTES, Record, Unit, decode_record, physical_lines, value_error
from redactphi.pipeline.read import Note, sha256_bytes

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
    for n, (raw, too_large) in enumerate(physical_lines(stream, max_bytes), start=1):
        loc = f"{name}:line {n}"
        if too_large:
            yield Record(loc, b"", "jsonl", error=f"record too large (over {max_bytes} bytes)")
            continue
        text, err = decode_record(raw)
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
        bad = value_error(path, value)
        if bad:
            return Record(loc, raw, "jsonl", error=bad)
        uid = f"{loc}, field {path}"
        units.append(Unit(Note(uid, name, value, sha256_bytes(value.encode("utf-8"))), (s, e), body[s:e]))
    return Record(loc, raw, "jsonl", text, units)
