"""Name pools: the weighted 1990 Census lists plus hand-picked names from ``data/names.yaml``."""

from __future__ import annotations

import functools
import random
import re
from collections.abc import Iterable
from dataclasses import dataclass

from redactphi.bench.synth.data import load, pool

_NAMES = "names.yaml"

# Hard negatives that must survive redaction. Listed here so tests can check that they
# really occur in the generated text.
EPONYMS: tuple[str, ...] = tuple(load(_NAMES)["eponyms"]["hard_negatives"])

# Surnames that double as eponyms in our hard negatives are dropped from the name pool, so
# that "Foley catheter" stays an unambiguous negative: the stems with every extension
# ("Hodgkins", "Foleys"), the other eponyms exactly.
_EPONYM_STEMS: tuple[str, ...] = tuple(load(_NAMES)["eponyms"]["stems"])
_EPONYM_SURNAMES = frozenset(load(_NAMES)["eponyms"]["surnames"])

# Names that are also ordinary English words: a recognizer must catch them as names
# without redacting every "will" and "may" in a note.
WORD_FIRST_F = pool(_NAMES, "word_first_female")
WORD_FIRST_M = pool(_NAMES, "word_first_male")
WORD_LAST = pool(_NAMES, "word_last")
# The 1990 Census first-name lists are narrow; real clinic rosters are not.
EXTRA_FIRST_F = pool(_NAMES, "extra_first_female")
EXTRA_FIRST_M = pool(_NAMES, "extra_first_male")
# Names born after the 1990 lists or from communities they under-count. Whatever of these
# the Census lists do contain is dropped at load time, so this pool measures recall on
# names a Census-based lexicon cannot know.
_MODERN_FIRST_F = pool(_NAMES, "modern_first_female")
_MODERN_FIRST_M = pool(_NAMES, "modern_first_male")
_MODERN_LAST = pool(_NAMES, "modern_last")
APOSTROPHE_LAST = pool(_NAMES, "apostrophe_last")


@dataclass(frozen=True)
class NameList:
    """A Census name list: weighted draws follow name frequency, uniform draws reach rare names."""

    names: tuple[str, ...]
    cum: tuple[float, ...]

    def draw(self, rng: random.Random, rare_share: float) -> str:
        if rng.random() < rare_share:
            return self.names[rng.randrange(len(self.names))]
        return rng.choices(self.names, cum_weights=self.cum)[0]


@dataclass(frozen=True)
class Vocab:
    female: NameList
    male: NameList
    last: NameList
    # Hand-picked names absent from every Census list above.
    novel_female: tuple[str, ...]
    novel_male: tuple[str, ...]
    novel_last: tuple[str, ...]


def _cap(name: str) -> str:
    # Census lists are upper case; "MCDONALD" should read "McDonald".
    name = name.capitalize()
    if name.startswith("Mc") and len(name) > 3:
        name = "Mc" + name[2:].capitalize()
    return name


def _census_list(rows: Iterable[tuple[str, str]], drop: frozenset[str] = frozenset()) -> NameList:
    names: list[str] = []
    cum: list[float] = []
    for name, cumulative in rows:
        if not name.isalpha() or len(name) < 2:
            continue
        if name in drop or name.startswith(_EPONYM_STEMS):
            continue
        names.append(_cap(name))
        # Dropped names leave their weight with the next name: harmless for sampling.
        cum.append(float(cumulative))
    return NameList(tuple(names), tuple(cum))


#: Package data: the 1990 Census lists with their cumulative weights (source in its header;
#: built by benchmarks/build_lexicons.py), so synth needs nothing beyond the wheel.
CENSUS_WEIGHTED = "census_weighted.tsv.gz"


def _census_rows() -> dict[str, list[tuple[str, str]]]:
    """``kind -> [(NAME, cumulative %)]`` in the Census files' order."""
    import gzip
    from importlib import resources

    blob = resources.files("redactphi.data").joinpath(CENSUS_WEIGHTED).read_bytes()
    rows: dict[str, list[tuple[str, str]]] = {"female": [], "male": [], "last": []}
    for line in gzip.decompress(blob).decode("ascii").splitlines():
        if line and not line.startswith("#"):
            kind, name, cumulative = line.split("\t")
            rows[kind].append((name, cumulative))
    return rows


def _novel(names: tuple[str, ...], census: set[str]) -> tuple[str, ...]:
    # Every alphabetic part must be unknown to the Census lists ("Al-Farsi": "al" may be
    # a surname, so is "farsi" enough? No: require all parts to be novel).
    return tuple(
        n for n in names
        if not any(part in census for part in re.findall(r"[a-z]+", n.lower()) if len(part) > 2)
    )


@functools.lru_cache(maxsize=1)
def vocab() -> Vocab:
    """The Census name lists (read from package data rather than through the ``names``
    package's API, which draws from the global random state and would break seeding)."""
    rows = _census_rows()
    female = _census_list(rows["female"])
    male = _census_list(rows["male"])
    last = _census_list(rows["last"], _EPONYM_SURNAMES)
    census = {n.lower() for lst in (female, male, last) for n in lst.names}
    return Vocab(
        female=female,
        male=male,
        last=last,
        novel_female=_novel(_MODERN_FIRST_F, census),
        novel_male=_novel(_MODERN_FIRST_M, census),
        novel_last=_novel(_MODERN_LAST, census),
    )
