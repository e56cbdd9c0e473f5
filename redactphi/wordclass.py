"""Word classes from the lexicons: is a word a *name* (in a Census list and not a common
English or clinical word: "Patel", "Kathleen"), a *word-name* (in a Census list but also
a word: "Hope", "Will", "Brown"), *unknown* (in no list: perhaps a name) or a *word*?

Shared by the name recognizers (which class every word of a note) and by re-casing
(redactphi/pipeline/casing.py, which capitalises names and unknown words in caseless
lines), so it sits below both and imports neither.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Container
from dataclasses import dataclass
from functools import lru_cache

from redactphi.lexicons import (
    census_first_names,
    census_last_names,
    clinical_terms,
    common_words,
    everyday_words,
    name_words,
)
from redactphi.vocabulary import CALENDAR_WORDS as _CALENDAR
from redactphi.vocabulary import NOT_NAME_WORDS as _NEVER

# Drug-name endings (INN stems): "Apixaban", "Lisinopril" are never names.
_DRUG_SUFFIX = re.compile(
    r"(?:xaban|gatran|parin|pril|sartan|olol|dipine|statin|mab|nib|azole|cillin|mycin|floxacin|"
    r"cycline|tide|gliflozin|gliptin|glitazone|prazole|tidine|setron|triptan|vir|lukast|semide|"
    r"thiazide|azepam|zolam|oxetine|aline|afil|caine|sone|olone|dronate|umab|ximab|zumab)$"
)
# Medical word endings: "Hyperlipidemia", "Urosepsis" are never names.
_CLINICAL_SUFFIX = re.compile(
    r"(?:emia|aemia|itis|osis|ectomy|otomy|ostomy|plasty|scopy|graphy|gram|pathy|algia|uria|penia|"
    r"cytosis|trophy|plegia|paresis|lysis|megaly|rrhea|rrhoea|sepsis|oma|ology|ologist|iasis|"
    r"ectasis|stenosis|thorax|cardia|pnea|noea|tension|glycemia|kalemia|natremia)$"
)


def possessive(text: str) -> bool:
    """Does ``text`` end in a possessive "'s" (any apostrophe, any case: "SMITH'S")?"""
    return text[-2:].lower() in ("'s", "’s")


def fold(word: str) -> str:
    """Lower-case, accents stripped, apostrophes dropped: the lexicon key of a word."""
    s = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in s if not unicodedata.combining(c)).replace("'", "").replace("’", "")


@dataclass(frozen=True)
class Lex:
    """The lexicons, as the word classes read them."""

    first: frozenset[str]
    last: frozenset[str]
    wordy: frozenset[str]  # census names that are also words: need context
    common: frozenset[str]
    clinical: frozenset[str]
    technical: frozenset[str]  # clinical terms that are not also everyday words (eponyms, drugs)


@lru_cache(maxsize=1)
def lex() -> Lex:
    clinical = clinical_terms()
    return Lex(
        first=census_first_names(),
        last=census_last_names(),
        wordy=name_words() | clinical | _NEVER | _CALENDAR,
        # rarer dictionary words too: "labile" or "sacrum" is a word, not an unknown (a name)
        common=everyday_words() | clinical | _NEVER | _CALENDAR,
        clinical=clinical,
        # eponyms and everyday words that are also surnames may still be a surname after a
        # first name ("Hope Brown", "Anna Parkinson"); drugs and abbreviations never
        technical=frozenset(w for w in clinical if len(w) <= 3 or w not in census_last_names()) - name_words(),
    )


# token kinds
NAME, WORDNAME, UNKNOWN, WORD = "name", "wordname", "unknown", "word"


@lru_cache(maxsize=1 << 16)
def classify_word(word: str) -> tuple[str, bool, bool, str]:
    lx = lex()
    key = fold(word)
    if key.endswith("s") and possessive(word):
        key = key[:-1]
    parts = key.split("-")
    if len(parts) > 1 and (all(p in lx.common for p in parts) or len(parts[0]) == 1):
        return key, False, False, WORD  # "African-American", "first-line", "T-wave", "C-spine"
    first = key in lx.first or (len(parts) > 1 and parts[0] in lx.first)
    last = key.replace("-", "") in lx.last or (len(parts) > 1 and any(p in lx.last for p in parts if len(p) > 2))
    if len(parts) > 1 and all(p in lx.clinical for p in parts):
        return key, False, False, WORD
    if key in lx.clinical or _DRUG_SUFFIX.search(key) or (len(key) >= 7 and _CLINICAL_SUFFIX.search(key)):
        return key, first, last, (WORDNAME if first or last else WORD)
    if first or last:
        if key in lx.wordy or len(key) < 2:
            return key, first, last, WORDNAME
        return key, first, last, NAME
    if key in lx.common or len(key) < 2 or _inflected_word(key, lx) or _misspelled_term(key):
        return key, False, False, WORD
    return key, False, False, UNKNOWN


@lru_cache(maxsize=2)
def _long_terms(everyday: bool = False) -> frozenset[str]:
    """Clinical terms of seven letters or more (or, ``everyday``, common English words of
    six or more): the words a typo is measured against."""
    if everyday:
        return frozenset(w for w in common_words() if len(w) >= 6 and w.isalpha())
    return frozenset(t for t in lex().clinical if len(t) >= 7 and t.isalpha())


def _misspelled_term(key: str, everyday: bool = False) -> bool:
    """"Diltizem", "Morpphine": one letter away from a long drug or clinical term
    (``everyday``: "somnulence", "Sucessful", from a long common word). Only words in no
    name list reach here, and only long terms count, so a name is not mistaken for a drug."""
    if len(key) < 6 or not key.isalpha():
        return False
    terms = _long_terms(everyday)
    if one_edit_away(key, terms):
        return True
    # "incosistently": the lists hold the base form only
    return any(one_edit_away(key[: -len(suffix)], terms)
               for suffix in ("ly", "ing", "ed", "es", "s") if key.endswith(suffix) and len(key) - len(suffix) >= 6)


_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def one_edit_away(key: str, terms: Container[str]) -> bool:
    """Is a word of ``terms`` one edit from ``key``: a letter missing, extra, changed, or
    two neighbours swapped? The edits of ``key`` are generated and looked up (a few
    hundred set lookups), so no index of the word lists is built or held."""
    n = len(key)
    for k in range(n + 1):
        head, tail = key[:k], key[k:]
        if tail and head + tail[1:] in terms:
            return True  # a letter extra
        if len(tail) > 1 and head + tail[1] + tail[0] + tail[2:] in terms:
            return True  # two swapped
        for c in _LETTERS:
            if head + c + tail in terms:
                return True  # a letter missing
            if tail and c != tail[0] and head + c + tail[1:] in terms:
                return True  # a letter changed
    return False


@lru_cache(maxsize=1 << 14)
def misspelled_word(word: str) -> bool:
    """Is ``word`` in no name list and one letter away from a long clinical or everyday
    word ("greeen", "afbrile")? For recognizers that judge spans by their words."""
    lx = lex()
    key = fold(word)
    return key not in lx.first and key not in lx.last and key not in lx.common and (
        _misspelled_term(key) or _misspelled_term(key, everyday=True))


def everyday_word(key: str) -> bool:
    """Is this lower-case word a common or clinical word, or an inflection of one
    ("scheduled", "suctioned")?"""
    lx = lex()
    return key in lx.common or _inflected_word(key, lx)


def is_technical(key: str) -> bool:
    """Is this lower-case word a drug, device or abbreviation that is never a name alone?"""
    return key in lex().technical


_INFLECTIONS = (("ied", "y"), ("ies", "y"), ("ing", "e"), ("ing", ""), ("ed", "e"), ("ed", ""), ("es", ""),
                ("s", ""), ("ly", ""), ("able", "e"), ("able", ""), ("ness", ""))


def _inflected_word(key: str, lx: Lex) -> bool:
    """"suctioned", "extubated", "titrating": an inflection of a common or clinical word
    that the word lists hold only in its base form. Only words in no name list reach here,
    so "Harding" (a Census surname) is never taken apart."""
    for suffix, restore in _INFLECTIONS:
        if key.endswith(suffix) and len(key) - len(suffix) >= 3:
            stem = key[: len(key) - len(suffix)]
            if stem + restore in lx.common or (len(stem) > 3 and stem[-1] == stem[-2] and stem[:-1] in lx.common):
                return True
    return False

