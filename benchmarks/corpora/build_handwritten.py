"""Build ``handwritten.jsonl`` from the hand-annotated notes in ``handwritten_src/``.

Each ``handwritten_src/*.txt`` file is one synthetic clinical note. PHI is marked inline as::

    [[TYPE|text]]

for example ``Seen by Dr. [[NAME|Ingrid Halvorsen]] on [[DATE|3/14/2019]].`` TYPE must be one of
``ALLOWED_TYPES``; the span text may not be empty, may not start or end with whitespace and may not
contain ``[[``, ``]]`` or ``|``. Nothing else in a note may use ``[[`` or ``]]``.

The script reads the files in sorted order, removes the markup and writes one JSON object per line
to ``handwritten.jsonl`` next to this script::

    {"id": "<file stem>", "text": "...", "spans": [{"start": s, "end": e, "type": "NAME", "text": "..."}]}

Offsets are Python string indices into the stripped text (``text[start:end] == span["text"]``).
Malformed markup or an unknown TYPE stops the build with a message naming the file and line.

Usage: ``python3 benchmarks/corpora/build_handwritten.py``
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TypedDict

HERE = Path(__file__).resolve().parent
SRC_DIR = HERE / "handwritten_src"
OUT_PATH = HERE / "handwritten.jsonl"

OPEN = "[["
CLOSE = "]]"
SEP = "|"

ALLOWED_TYPES: frozenset[str] = frozenset(
    {
        "NAME",
        "GEOGRAPHIC_LOCATION",
        "DATE",
        "AGE",
        "MEDICAL_RECORD_NUMBER",
        "HEALTH_PLAN_BENEFICIARY_NUMBER",
        "PHONE_NUMBER",
        "FAX_NUMBER",
        "SOCIAL_SECURITY_NUMBER",
        "EMAIL_ADDRESS",
        "URL",
        "ACCOUNT_NUMBER",
        "CERTIFICATE_LICENSE_NUMBER",
        "VEHICLE_IDENTIFIER",
        "DEVICE_IDENTIFIER",
        "IP_ADDRESS",
        "UNIQUE_IDENTIFIER",
    }
)


class Span(TypedDict):
    start: int
    end: int
    type: str
    text: str


class Note(TypedDict):
    id: str
    text: str
    spans: list[Span]


class MarkupError(ValueError):
    """Raised when a source note's markup is malformed."""


def _where(source: str, index: int, name: str) -> str:
    line = source.count("\n", 0, index) + 1
    return f"{name}:{line}"


def parse_note(source: str, name: str) -> tuple[str, list[Span]]:
    """Strip ``[[TYPE|text]]`` markup from ``source``; return the plain text and its spans."""
    out: list[str] = []
    spans: list[Span] = []
    length = 0  # length of the stripped text produced so far
    pos = 0
    while True:
        start = source.find(OPEN, pos)
        stray = source.find(CLOSE, pos, len(source) if start < 0 else start)
        if stray >= 0:
            raise MarkupError(f"{_where(source, stray, name)}: ']]' without a matching '[['")
        if start < 0:
            out.append(source[pos:])
            break
        out.append(source[pos:start])
        length += start - pos
        end = source.find(CLOSE, start + len(OPEN))
        if end < 0:
            raise MarkupError(f"{_where(source, start, name)}: '[[' is never closed")
        body = source[start + len(OPEN) : end]
        if OPEN in body:
            raise MarkupError(f"{_where(source, start, name)}: nested '[[' in {body!r}")
        if "\n" in body:
            raise MarkupError(f"{_where(source, start, name)}: span crosses a line break: {body!r}")
        if body.count(SEP) != 1:
            raise MarkupError(f"{_where(source, start, name)}: expected exactly one '|' in {body!r}")
        kind, text = body.split(SEP)
        if kind not in ALLOWED_TYPES:
            raise MarkupError(f"{_where(source, start, name)}: unknown TYPE {kind!r}")
        if not text or text != text.strip():
            raise MarkupError(f"{_where(source, start, name)}: empty or padded span text {text!r}")
        spans.append({"start": length, "end": length + len(text), "type": kind, "text": text})
        out.append(text)
        length += len(text)
        pos = end + len(CLOSE)
    plain = "".join(out)
    for span in spans:
        assert plain[span["start"] : span["end"]] == span["text"], (name, span)
    return plain, spans


def build(src_dir: Path = SRC_DIR, out_path: Path = OUT_PATH) -> list[Note]:
    """Parse every ``*.txt`` in ``src_dir`` (sorted) and write them to ``out_path`` as JSON lines."""
    paths = sorted(src_dir.glob("*.txt"))
    if not paths:
        raise MarkupError(f"no .txt files in {src_dir}")
    notes: list[Note] = []
    for path in paths:
        text, spans = parse_note(path.read_text(encoding="utf-8"), path.name)
        notes.append({"id": path.stem, "text": text, "spans": spans})
    with out_path.open("w", encoding="utf-8") as handle:
        for note in notes:
            handle.write(json.dumps(note, ensure_ascii=False) + "\n")
    return notes


def main() -> int:
    try:
        notes = build()
    except MarkupError as error:
        print(f"build_handwritten: {error}", file=sys.stderr)
        return 1
    counts: dict[str, int] = {}
    for note in notes:
        for span in note["spans"]:
            counts[span["type"]] = counts.get(span["type"], 0) + 1
    total = sum(counts.values())
    print(f"wrote {OUT_PATH.name}: {len(notes)} notes, {total} spans")
    for kind in sorted(counts):
        print(f"  {kind:32} {counts[kind]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
