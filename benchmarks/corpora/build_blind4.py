"""Build ``blind4.jsonl`` from the hand-annotated notes in ``blind4_src/``.

Uses the markup parser and build of ``build_handwritten.py`` unchanged. See ``BLIND4.md``.

Usage (in the project's environment): ``.venv/bin/python benchmarks/corpora/build_blind4.py``
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import build_handwritten  # noqa: E402

if __name__ == "__main__":
    sys.exit(build_handwritten.main(HERE / "blind4_src", HERE / "blind4.jsonl", "build_blind4"))
