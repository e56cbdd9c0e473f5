"""Regenerate the name lexicons shipped under ``redactphi/data/``.

Build-time only: RedactPHI never imports the packages read here. Install them into any
environment (a throwaway venv is fine) and run::

    pip install names==0.3.0 english-words==2.0.2 wordfreq==3.1.1 faker==40.54.0
    python benchmarks/build_lexicons.py            # writes redactphi/data/*.txt

Outputs (lower-case, one word a line, '#' header naming sources and licences):

* ``census_first.txt`` - 1990 US Census female and male first names.
* ``census_last.txt``  - 1990 US Census surnames.
* ``name_words.txt``   - the census names that are also common English words ("will",
  "hope", "brown", "young"): redacted only with name context.
* ``census_weighted.tsv.gz`` - the three Census lists with their cumulative weights, which
  ``redactphi synth`` draws names from.
* ``dictionary_words.txt`` - rarer lower-case dictionary words ("sacrum", "labile",
  "moisten") that are in no name list, Census or Faker's (every locale): a word here
  is not an unknown word, so it is no name candidate without context.
* ``common_words.txt`` - common lower-case English words (and their regular inflections)
  that are not mainly names; lets a recognizer tell "husband Ikaika" (unknown word, so
  a name) from "patient Education" (a word).

A census name counts as a common word when it is a lower-case dictionary entry
(Webster's Second, via ``english-words``), reasonably frequent in English
(``wordfreq`` Zipf >= ``MIN_ZIPF``), and much more frequent as a word than its Census
share as a name explains (``zipf - log10(census percent) >= WORDINESS``): "john" and
"mary" are frequent only because they are names, "will" and "hope" are words.
"""

from __future__ import annotations

import argparse
import gzip
import math
import pickle
import re
from importlib import metadata, util
from pathlib import Path

DICTIONARY_MIN_ZIPF = 1.0  # dictionary-word list: attested in present-day English at all
DICTIONARY_MIN_LEN = 4  # shorter headwords are mostly abbreviations and names' fragments
MIN_ZIPF = 2.5  # common-word list: about once per 3 million words or more
NAME_WORD_MIN_ZIPF = 3.0  # a name is "also a word" only if the word is this common
WORDINESS = 5.6  # zipf - log10(census %) at or above which a name reads as a word
PROPER_WORD_ENDINGS = r"(?:an|ans|ian|ians|ese|ish|ic|ics|ite|ites|ist|ists|ism|i)$"
CENSUS_FLOOR = 0.0005  # census percent given to names listed as 0.000
# Names the frequency test scores as "mainly names" although, in a clinical note, the
# word reading is at least as likely (the test cannot see case). Hand-picked, CC0.
EXTRA_NAME_WORDS = frozenset("""
    amber angel bell berry brook brooks burns chase colon crystal dale dawn dean earnest
    frank gene ginger glen gray hazel heath heather holly hunter iris jack jay jewel kay
    lance laurel lea marsh mason meadows miles mills moss penny pearl penny porter ray robin
    ruby rusty sandy sparks summer summers sue violet wade ward warren wells winters woods
""".split())

# Everyday words the dictionary test misses because Webster's lists neither irregular forms
# nor words newer than 1934, while the Census lists them as surnames ("has", "held",
# "fridge"): treated as dictionary entries. Hand-picked, CC0.
EXTRA_DICTIONARY_WORDS = frozenset("""
    has women heard held began box gotta app larger proud im hang ve ceo mini bro honour blew
    safer flies bio demo mega fridge goin comp startup fries newborn res prom goodnight condo
    meth duh mis bruh yum hopping cassette heist welp neighbours harbour metro mom ok
""".split())

DATA = Path(__file__).resolve().parents[1] / "redactphi" / "data"


def _pkg_dir(name: str) -> Path:
    spec = util.find_spec(name)
    if spec is None or spec.origin is None:
        raise SystemExit(f"build needs `pip install {name}` (build-time only)")
    return Path(spec.origin).parent


def _census(path: Path) -> dict[str, float]:
    out: dict[str, float] = {}
    for line in path.read_text(encoding="ascii").splitlines():
        parts = line.split()
        if len(parts) == 4 and parts[0].isalpha():
            out[parts[0].lower()] = max(float(parts[1]), CENSUS_FLOOR)
    return out


def _zipf() -> dict[str, float]:
    import msgpack  # wordfreq's own dependency

    raw = msgpack.load(gzip.open(_pkg_dir("wordfreq") / "data" / "large_en.msgpack.gz"), raw=False)
    # cBpack format: header, then buckets of words, bucket i holding frequency 10**(-i/100).
    out: dict[str, float] = {}
    for i, bucket in enumerate(raw[1:]):
        for w in bucket:
            out.setdefault(w, 9.0 - i / 100.0)
    return out


def _dictionary() -> tuple[frozenset[str], frozenset[str]]:
    """(lower-case headwords, capitalised headwords lower-cased: "American", "Christmas")."""
    with open(_pkg_dir("english_words") / "data" / "web2.pickle", "rb") as handle:  # trusted package data
        words = {w for w in pickle.load(handle) if w.isalpha()}
    lower = frozenset(w for w in words if w.islower())
    proper = frozenset(w.lower() for w in words if w[:1].isupper() and w[1:].islower())
    return lower, proper


def _in_dictionary(word: str, dictionary: frozenset[str]) -> bool:
    if word in dictionary or word in EXTRA_DICTIONARY_WORDS:
        return True
    for suffix, repl in (("s", ""), ("es", ""), ("ed", ""), ("ed", "e"), ("ing", ""), ("ing", "e"),
                         ("ly", ""), ("ally", ""), ("ies", "y"), ("ied", "y"), ("er", ""), ("est", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            if word[: -len(suffix)] + repl in dictionary:
                return True
    return False


def _faker_names() -> frozenset[str]:
    """Every word of every given name and surname in Faker's person providers, all locales
    (romanised where Faker gives a romanisation), lower case."""
    import importlib
    import pkgutil

    from faker.providers import person

    out: set[str] = set()
    for module in pkgutil.iter_modules(person.__path__):
        try:
            provider = importlib.import_module(f"faker.providers.person.{module.name}").Provider
        except (ImportError, AttributeError):
            continue
        for attr in ("first_names", "first_names_male", "first_names_female", "first_names_nonbinary",
                     "last_names", "last_names_male", "last_names_female"):
            value = next((base.__dict__[attr] for base in provider.__mro__ if attr in base.__dict__), None)
            if value is None or isinstance(value, property):
                continue
            for name in (value.keys() if hasattr(value, "keys") else value):
                out.update(str(name).lower().replace("-", " ").split())
    return frozenset(out)


def _header(title: str, sources: list[str]) -> str:
    lines = [f"# {title}", "# Generated by benchmarks/build_lexicons.py; do not edit by hand."]
    lines += [f"# Source: {s}" for s in sources]
    return "\n".join(lines) + "\n"


def build(out_dir: Path) -> dict[str, int]:
    names_dir = _pkg_dir("names")
    ver = {p: metadata.version(p) for p in ("names", "english-words", "wordfreq")}
    census_src = (f"US Census 1990 name lists (public domain) as shipped in PyPI `names` "
                  f"{ver['names']} (MIT licence)")
    word_src = [f"PyPI `english-words` {ver['english-words']} (MIT): Webster's Second "
                "(public domain) lower-case headwords, used only as a yes/no filter",
                f"PyPI `wordfreq` {ver['wordfreq']} English frequencies (data CC BY-SA 4.0, Robyn Speer), "
                "used only as a frequency threshold"]
    female = _census(names_dir / "dist.female.first")
    male = _census(names_dir / "dist.male.first")
    last = _census(names_dir / "dist.all.last")
    first = {k: max(female.get(k, 0.0), male.get(k, 0.0)) for k in female.keys() | male.keys()}
    zipf = _zipf()
    dictionary, proper = _dictionary()

    common = {w for w, z in zipf.items() if z >= MIN_ZIPF and w.isalpha() and w.isascii()
              and len(w) >= 2 and _in_dictionary(w, dictionary)}
    # Capitalised words that are not names: nationalities, languages, creeds ("American",
    # "Hispanic", "Catholic"). Webster's capitalised entries also hold thousands of given
    # names, so only these endings are taken; census names among them are judged below.
    common |= {w for w in proper if zipf.get(w, 0.0) >= NAME_WORD_MIN_ZIPF and re.search(PROPER_WORD_ENDINGS, w)}

    def wordy(name: str, pct: float) -> bool:
        z = zipf.get(name, 0.0)
        return name in common and z >= NAME_WORD_MIN_ZIPF and z - math.log10(pct) >= WORDINESS

    share = {n: max(first.get(n, 0.0), last.get(n, 0.0)) for n in first.keys() | last.keys()}
    name_words = {n for n, p in share.items() if wordy(n, p)} | (EXTRA_NAME_WORDS & share.keys())
    # A name that is mainly a name ("smith", "mary") is not a common word.
    mainly_names = (first.keys() | last.keys()) - name_words
    common = (common - mainly_names) | name_words

    # Rarer dictionary words, so that "labile" or "sacrum" is not read as an unknown word
    # (a name candidate). Only Webster's lower-case headwords, only words still in use,
    # and never a word that any name list (Census, Faker's locales) holds.
    faker_names = _faker_names()
    rare = {w for w in dictionary if len(w) >= DICTIONARY_MIN_LEN and w.isascii()
            and zipf.get(w, 0.0) >= DICTIONARY_MIN_ZIPF and w not in share and w not in faker_names} - common
    faker_src = f"PyPI `Faker` {metadata.version('faker')} person names, every locale (MIT), used only to exclude names"

    files = {
        "dictionary_words.txt": (_header("Rarer lower-case dictionary words that are in no name list.",
                                         [*word_src, census_src, faker_src]), sorted(rare)),
        "census_first.txt": (_header("First names: 1990 US Census female and male lists.", [census_src]),
                             sorted(first)),
        "census_last.txt": (_header("Surnames: 1990 US Census list.", [census_src]), sorted(last)),
        "name_words.txt": (_header("Census names that are also common English words: redact only with "
                                   "name context.", [census_src, *word_src]), sorted(name_words)),
        "common_words.txt": (_header("Common lower-case English words that are not mainly names.",
                                     [*word_src, census_src]), sorted(common)),
    }
    out_dir.mkdir(parents=True, exist_ok=True)
    counts = {}
    for fname, (header, words) in files.items():
        (out_dir / fname).write_text(header + "\n".join(words) + "\n", encoding="utf-8")
        counts[fname] = len(words)
    counts[SYNTH_NAMES] = build_synth_names(names_dir, out_dir, census_src)
    return counts


#: The weighted Census lists the synthetic note generator draws from (redactphi.bench.synth).
SYNTH_NAMES = "census_weighted.tsv.gz"


def build_synth_names(names_dir: Path, out_dir: Path, census_src: str) -> int:
    """``kind<TAB>NAME<TAB>cumulative percent`` rows, in the Census files' order, so that
    ``redactphi synth`` needs no third-party package after ``pip install .``. Written with
    gzip's mtime fixed at 0, so rebuilding gives identical bytes."""
    header = _header("Weighted 1990 US Census name lists for redactphi.bench.synth: kind<TAB>NAME<TAB>cumulative %.",
                     [census_src])
    rows = []
    for kind, fname in (("female", "dist.female.first"), ("male", "dist.male.first"), ("last", "dist.all.last")):
        for line in (names_dir / fname).read_text(encoding="ascii").splitlines():
            parts = line.split()
            if len(parts) == 4:
                rows.append(f"{kind}\t{parts[0]}\t{parts[2]}")
    blob = (header + "\n".join(rows) + "\n").encode("ascii")
    (out_dir / SYNTH_NAMES).write_bytes(gzip.compress(blob, compresslevel=9, mtime=0))
    return len(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DATA, help="output folder (default: redactphi/data)")
    args = parser.parse_args()
    for fname, n in build(args.out).items():
        print(f"{fname}: {n} words")


if __name__ == "__main__":
    main()
