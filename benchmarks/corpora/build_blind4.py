"""Build ``blind4.jsonl`` from the hand-annotated notes in ``blind4_src/``.

Uses the markup parser in ``build_handwritten.py`` unchanged. See ``BLIND4.md``.

Usage (in the project's environment): ``.venv/bin/python benchmarks/corpora/build_blind4.py``
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import build_handwritten  # noqa: E402

SRC_DIR = HERE / "blind4_src"
OUT_PATH = HERE / "blind4.jsonl"


def main() -> int:
    try:
        notes = build_handwritten.build(SRC_DIR, OUT_PATH)
    except build_handwritten.MarkupError as error:
        print(f"build_blind4: {error}", file=sys.stderr)
        return 1
    counts = Counter(span.type for note in notes for span in note.spans)
    print(f"wrote {OUT_PATH.name}: {len(notes)} notes, {sum(counts.values())} spans")
    for kind, n in counts.most_common():
        print(f"  {kind:32} {n}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
