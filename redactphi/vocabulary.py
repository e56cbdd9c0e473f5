"""The curated vocabulary: titles, person cues, credentials, facility words, place cues,
eponym nouns. One module reads them, from the sectioned text files in ``redactphi/data/``
(each file says where its words come from); recognizers and pipeline stages import the
named lists from here and never keep a copy of their own.

Where two lists of one kind differ, they differ on purpose and both live here under
their own names, with the reason beside them (a re-casing list decides capitals, a
recognizer list decides redaction). Merging two of them changes what is redacted, so
do it only with a benchmark run that shows why.

Import-light on purpose (no Presidio, no spaCy): ``redactphi.pipeline`` and
``redactphi.recognizers`` both import it.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources


@cache
def _sections(filename: str) -> dict[str, tuple[str, ...]]:
    """``[section]`` -> its entries, one per line, in file order; comments dropped."""
    text = resources.files("redactphi.data").joinpath(filename).read_text(encoding="utf-8")
    out: dict[str, list[str]] = {}
    current: list[str] | None = None
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("[") and line.endswith("]"):
            current = out.setdefault(line[1:-1], [])
        elif current is None:
            raise ValueError(f"redactphi/data/{filename}: an entry before the first [section]")
        else:
            current.append(line)
    return {k: tuple(v) for k, v in out.items()}


def _entries(filename: str, section: str) -> tuple[str, ...]:
    """One entry per line (regular-expression fragments, names with spaces)."""
    return _sections(filename)[section]


def _words(filename: str, section: str) -> tuple[str, ...]:
    """Blank-separated words, in file order."""
    return tuple(w for line in _entries(filename, section) for w in line.split())


def alternation(items: tuple[str, ...]) -> str:
    """``(?:a|b|c)`` of regular-expression fragments, in the order given."""
    return "(?:" + "|".join(items) + ")"


# -- titles (titles.txt) ------------------------------------------------------------------
#: Every title, written out or abbreviated ("dr", "doctor", ... "professor"), in order.
TITLE_LIST = _words("titles.txt", "titles")
TITLES = frozenset(TITLE_LIST)
#: Only the short forms ("dr", "mrs", "prof"): re-casing and the allow-list guard treat
#: "doctor" and "professor" as everyday words, so they are not in this list.
SHORT_TITLE_LIST = _words("titles.txt", "abbreviated")
SHORT_TITLES = frozenset(SHORT_TITLE_LIST)
#: Extra titles the NER filter accepts before a spaCy span ("Sr.", "Rev.").
NER_EXTRA_TITLE_LIST = _words("titles.txt", "ner_extra")

# -- people (person_cues.txt, name_stopwords.txt) -----------------------------------------
#: Relatives and roles after which a capitalised word is a name ("daughter Rose").
FAMILY = frozenset(_words("person_cues.txt", "family"))
#: Words that introduce a patient, clinician or caller ("pt", "attending", "caller").
PERSON_CUES = frozenset(_words("person_cues.txt", "person"))
#: Weaker cues ("by", "per", "spoke with"): only capitalised words count after them,
#: which is why they are not part of PERSON_CUES.
WEAK_PERSON_CUES = frozenset(_words("person_cues.txt", "weak"))
#: The relatives and cue words the NER filter accepts right before a spaCy PERSON span.
#: Narrower than FAMILY: spaCy's span edges are noisier than our tokens ("Mom" and "friend"
#: before a span are as often the subject of the sentence).
NER_STRONG_PERSON_CUE_LIST = _words("person_cues.txt", "ner_strong")
#: Structural words never part of a name, even when a Census list has them.
NOT_NAME_WORDS = frozenset(_words("name_stopwords.txt", "never"))
#: Month and day names: names only with context.
CALENDAR_WORDS = frozenset(_words("name_stopwords.txt", "calendar"))

# -- credentials (credentials.txt) --------------------------------------------------------
#: Credentials after a name, as one regular expression (match with re.I).
CREDENTIAL_PATTERN = alternation(_entries("credentials.txt", "pattern"))
#: The same credentials as lower-case token keys ("md", "fnp", "bc").
CREDENTIAL_WORDS = frozenset(_words("credentials.txt", "words"))
#: Credentials that are also words ("ms", "pt", "do"): a credential only after a comma.
AMBIGUOUS_CREDENTIALS = frozenset(_words("credentials.txt", "ambiguous"))
#: The short, case-sensitive list trimmed off the end of spaCy PERSON spans. Smaller than
#: CREDENTIAL_PATTERN on purpose: spaCy's span edges are already name-shaped.
NER_TRAILING_CREDENTIAL_LIST = _entries("credentials.txt", "ner_trailing")

# -- facilities (facility_words.txt, facility_heads.txt, health_systems.txt) ---------------
# Several facility-word lists, because each answers a different question; their values
# differ, and unifying them changes output (checked with the golden digests).
#: Re-casing: words capitalised only inside a facility name ("MERCY GENERAL HOSPITAL").
RECASE_FACILITY_WORDS = frozenset(_words("facility_words.txt", "recase"))
#: Name rules: words that make a capitalised phrase an institution, not a person.
NOT_A_PERSON_WORDS = frozenset(_words("facility_words.txt", "not_a_person"))
#: NER filter: a spaCy ORG span is kept only with one of these words.
NER_ORG_FACILITY_LIST = _words("facility_words.txt", "ner_org")
#: last words that make an ORG span a document or role ("Nursing Progress Note")
DOCUMENT_TAILS = frozenset(_words("facility_words.txt", "document_tails"))
#: Learned tagger: a LOC span with one of these words is a FACILITY.
TAGGER_FACILITY_LIST = _words("facility_words.txt", "tagger")
#: NER filter: facility words that may complete a generic name ("General Hospital").
GENERIC_FACILITY_HEADS = frozenset(_words("facility_words.txt", "generic_heads"))
#: Facility words that also name a routine ("AM LABS", "PAIN MED").
WEAK_FACILITY_HEADS = frozenset(_words("facility_words.txt", "weak_heads"))
#: Generic words that make a hospital's proper name ("County General").
GENERIC_PROPER = frozenset(_words("facility_words.txt", "generic_proper"))
#: Words that name a department, not a place ("Heart Failure Clinic").
DEPARTMENT_WORDS = frozenset(_words("facility_words.txt", "departments"))
#: Words that lead up to a facility or place name without being part of it ("FROM", "Dear").
FACILITY_LEAD_WORDS = frozenset(_words("facility_words.txt", "lead_trim"))
#: Facility head words and phrases as one regular expression (match case-insensitively).
FACILITY_HEAD = alternation(_entries("facility_heads.txt", "heads"))
#: Well-known health systems, as usually written, in file order.
HEALTH_SYSTEMS = _entries("health_systems.txt", "systems")
#: Health systems whose names are also words or surnames (lower case).
AMBIGUOUS_HEALTH_SYSTEMS = frozenset(_entries("health_systems.txt", "ambiguous"))
#: City and university abbreviations that begin hospital names ("SF", "UCLA").
CITY_ABBREVIATIONS = frozenset(_entries("health_systems.txt", "city_abbreviations"))

# -- places (place_cues.txt) ---------------------------------------------------------------
#: Words before an ambiguous city name that make it a place (the city recognizer).
PLACE_CUES = frozenset(_words("place_cues.txt", "city"))
#: PLACE_CUES without the connectives ("and", "of", "to"): a stronger sign of a place.
STRONG_PLACE_CUES = PLACE_CUES - frozenset(_words("place_cues.txt", "city_weak"))
#: Re-casing: words before a facility name ("seen at"). They decide capitals only, so
#: the list is narrower than PLACE_CUES.
RECASE_PLACE_CUES = frozenset(_words("place_cues.txt", "recase"))
#: Function words and verbs that end a name in a caseless line (see place_cues.txt).
NAME_END_WORDS = frozenset(_words("place_cues.txt", "name_enders"))
#: Re-casing: residence cues before a one-word town that is also a word ("FROM MIAMI").
RECASE_RESIDENCE_CUES = frozenset(_words("place_cues.txt", "recase_residence"))

# -- eponyms (eponym_nouns.txt) --------------------------------------------------------------
#: Nouns after a capitalised word that make it an eponym ("Marfan syndrome").
EPONYM_NOUNS = frozenset(_words("eponym_nouns.txt", "after_name"))
#: Nouns after a place name that make it an eponym ("Framingham risk score"); a separate
#: list because merging it with EPONYM_NOUNS changes what both recognizers keep.
EPONYM_AFTER_PLACE = frozenset(_words("eponym_nouns.txt", "after_place"))


def words_regex(words: tuple[str, ...], flags: int = 0) -> re.Pattern[str]:
    r"""``\b(?:w1|w2|...)\b`` over ``words`` in order, for "does this span hold one"."""
    return re.compile(rf"\b{alternation(words)}\b", flags)
