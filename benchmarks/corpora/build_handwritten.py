"""Build ``handwritten.jsonl`` from the hand-annotated notes in ``handwritten_src/``.

Each ``handwritten_src/*.txt`` file is one synthetic clinical note. PHI is marked inline as::

    [[TYPE|text]]

for example ``Seen by Dr. [[NAME|Ingrid Halvorsen]] on [[DATE|3/14/2019]].`` TYPE must be one of
``redactphi.entities.GOLD_CATEGORIES``; the span text may not be empty, may not start or end with whitespace and may not
contain ``[[``, ``]]`` or ``|``. Nothing else in a note may use ``[[`` or ``]]``.

The script reads the files in sorted order, removes the markup and writes one JSON object per line
to ``handwritten.jsonl`` next to this script::

    {"id": "<file stem>", "text": "...", "spans": [{"start": s, "end": e, "type": "NAME", "text": "..."}]}

Offsets are Python string indices into the stripped text (``text[start:end] == span["text"]``).
Malformed markup or an unknown TYPE stops the build with a message naming the file and line
(never the span text).

Usage (in the project's environment): ``.venv/bin/python benchmarks/corpora/build_handwritten.py``
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from redactphi.entities import GOLD_CATEGORIES
from redactphi.bench.gold import GoldNote, GoldSpan, write_gold

HERE = Path(__file__).resolve().parent
SRC_DIR = HERE / "handwritten_src"
OUT_PATH = HERE / "handwritten.jsonl"

OPEN = "[["
CLOSE = "]]"
SEP = "|"


class MarkupError(ValueError):
    """Raised when a source note's markup is malformed. Messages give the file and line,
    never the span text: a marked-up note holds PHI by design."""


def _where(source: str, index: int, name: str) -> str:
    line = source.count("\n", 0, index) + 1
    return f"{name}:{line}"


def parse_note(source: str, name: str) -> tuple[str, list[GoldSpan]]:
    """Strip ``[[TYPE|text]]`` markup from ``source``; return the plain text and its spans."""
    out: list[str] = []
    spans: list[GoldSpan] = []
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
            raise MarkupError(f"{_where(source, start, name)}: nested '[['")
        if "\n" in body:
            raise MarkupError(f"{_where(source, start, name)}: span crosses a line break")
        if body.count(SEP) != 1:
            raise MarkupError(f"{_where(source, start, name)}: expected exactly one '|' in the span")
        kind, text = body.split(SEP)
        if kind not in GOLD_CATEGORIES:
            raise MarkupError(f"{_where(source, start, name)}: unknown TYPE {kind!r}")
        if not text or text != text.strip():
            raise MarkupError(f"{_where(source, start, name)}: empty or padded span text")
        spans.append(GoldSpan(length, length + len(text), kind, text))
        out.append(text)
        length += len(text)
        pos = end + len(CLOSE)
    plain = "".join(out)
    for k, span in enumerate(spans):
        if plain[span.start : span.end] != span.text:
            raise MarkupError(f"{name}: span {k} does not match the stripped text")
    return plain, spans


def build(src_dir: Path = SRC_DIR, out_path: Path = OUT_PATH) -> list[GoldNote]:
    """Parse every ``*.txt`` in ``src_dir`` (sorted) and write them to ``out_path`` in the
    shared gold JSONL format (``redactphi.bench.gold``)."""
    paths = sorted(src_dir.glob("*.txt"))
    if not paths:
        raise MarkupError(f"no .txt files in {src_dir}")
    notes = []
    for path in paths:
        text, spans = parse_note(path.read_text(encoding="utf-8"), path.name)
        notes.append(GoldNote(path.stem, text, tuple(spans)))
    write_gold(notes, out_path)
    return notes


def main(src_dir: Path = SRC_DIR, out_path: Path = OUT_PATH, program: str = "build_handwritten") -> int:
    """Build ``out_path`` from ``src_dir`` and print the span count per type (the blind
    corpora's build scripts call this with their own folders)."""
    try:
        notes = build(src_dir, out_path)
    except MarkupError as error:
        print(f"{program}: {error}", file=sys.stderr)
        return 1
    counts = Counter(span.type for note in notes for span in note.spans)
    print(f"wrote {out_path.name}: {len(notes)} notes, {sum(counts.values())} spans")
    for kind in sorted(counts):
        print(f"  {kind:32} {counts[kind]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
