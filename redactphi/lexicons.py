"""Word lists shipped as package data, loaded once per process into frozen sets.

Each file under ``redactphi/data/`` names its source and licence in its header comment.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources


def _read_words(filename: str) -> frozenset[str]:
    text = resources.files("redactphi.data").joinpath(filename).read_text(encoding="utf-8")
    words = set()
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip().lower()
        if line:
            words.add(line)
    return frozenset(words)


@lru_cache(maxsize=None)
def clinical_terms() -> frozenset[str]:
    """Lower-cased words that are clinical vocabulary, never a name or place on their own:
    eponyms, drugs, devices, scores, departments, abbreviations."""
    return _read_words("clinical_terms.txt")
