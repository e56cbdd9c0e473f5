"""Person names (patients, relatives, clinicians) from Census lexicons and context.

spaCy NER misses names in upper-case and lower-case notes, single first names, header
forms ("LAST, FIRST M.") and signatures, and it mistakes eponyms for people. Two
recognizers share one tokenizer and one set of word classes:

* ``name_context``: a name introduced by its context - a title ("Dr.", "Mrs"), a role
  ("daughter", "pt", "seen by", "Caller:"), a credential after it (", RN"), a signature
  line, or the "LAST, FIRST M." header form.
* ``name_lexicon``: a name recognised by the Census lists alone - first name plus surname
  or initial, initial plus surname, or a capitalised name that is not also a word.

Each word of a note is classed once: a *name* (in a Census list and not a common English
or clinical word: "Patel", "Kathleen"), a *word-name* (in a Census list but also a word:
"Hope", "Will", "Brown"), *unknown* (in no list: "Ikaika", perhaps a name), or a *word*.
Word-names need context; capitalisation is only evidence in mixed-case lines, because
upper-case and lower-case notes carry none.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, ClassVar

from presidio_analyzer import LocalRecognizer, RecognizerResult
from redactphi.recognizers.base import PATTERN_KEY

from redactphi.lexicons import census_first_names, census_last_names, clinical_terms, common_words, name_words

if TYPE_CHECKING:
    from presidio_analyzer.nlp_engine import NlpArtifacts

    from redactphi.config import Config

#: Redact "Dr." / "Mrs." together with the name ("[NAME]" rather than "Dr. [NAME]").
#: Titles are not PHI, but annotators of real corpora often mark them as part of the name,
#: and a leftover "Mrs." next to a placeholder says little. Recall first.
TITLE_IN_SPAN = True

_WORD = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")

TITLES = frozenset("dr doctor mr mrs ms miss mx prof professor".split())
# Role and family words after which a capitalised word is taken as a name.
FAMILY = frozenset(
    """son daughter wife husband mother father mom dad sister brother spouse partner fiance
    fiancee boyfriend girlfriend niece nephew grandson granddaughter grandmother grandfather
    grandma grandpa aunt uncle cousin friend neighbor neighbour caregiver roommate stepson
    stepdaughter stepmother stepfather guardian
    dtr dau sis bro husb gf bf mil fil sil bil""".split()
)
# Words that introduce a person (patient, clinician, caller) when followed by a name.
PERSON_CUES = frozenset(
    """pt patient patients caller hcp poa proxy attending pcp provider surgeon physician
    resident intern fellow nurse rn np pa dear hi hello thanks thank sincerely regards best
    cc re named name contact nok seeing signed officer trooper detective deputy sergeant sgt chaplain
    interpreter caseworker landlord roommate neighbor neighbour""".split()
)
# Verbs and prepositions that often precede a name ("seen by", "per", "spoke with"):
# weaker, so only capitalised words count after them.
WEAK_CUES = frozenset("by per with to from called spoke discussed informed notified paged texted emailed".split())
CREDENTIALS = (
    r"(?:RNC(?:-OB|-NIC)?|RN-BC|CCRN|CNS|NNP(?:-BC)?|C?PNP(?:-BC|-PC)?|LMSW|LMFT|LPC|LCPC|CCM|CDCES|CDE|RDN|PsyD|"
    r"M\.?D|D\.?O|R\.?N|N\.?P|P\.?A(?:-C)?|Ph\.?D|PharmD|LPN|LVN|CNA|CNM|CRNA|APRN|DNP|FNP(?:-BC|-C)?|"
    r"ANP(?:-BC)?|ACNP(?:-BC)?|MSN|BSN|MSW|LCSW|LICSW|DDS|DMD|OD|DPM|PT|DPT|OTR(?:/L)?|OT|RD|RT|RRT|"
    r"SLP|CCC-SLP|MBBS|FACC|FACS|FACP|FAAP|MPH|MS|MA|CMA|EMT|PA-S|MS\d|RPh)"
)
# Whitespace and comma before a credential. Written so that no run of whitespace can be
# split two ways ("\s*,?\s*" backtracks cubically over a long run of spaces), and a match
# only starts where a run starts, so a run is scanned once: linear on any input.
_CREDENTIAL_AFTER = re.compile(rf"(?<![\s,])(?:\s*,\s*|\s+){CREDENTIALS}\b\.?", re.I)
_NAME_SUFFIX = frozenset("jr sr ii iii iv".split())
# Never part of a name even when a Census list has them ("Will", "May" are handled as
# word-names; these are structural words, labels and abbreviations).
_NEVER = frozenset(
    """a an and the of or in on at to for by with from per as is was be but not no yes via vs
    i he she we they it his her him its our my me you your who whom this that these those
    am pm md do rn np pa pt ot dr mr mrs ms miss mx prof doctor nurse patient family
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun
    today tomorrow yesterday god lord christ jesus christmas easter thanksgiving
    im ive id ill its youre theyre were dont cant wont isnt didnt doesnt thats lets hes shes
    seen done gone here there now
    """.split()
)
# Words that follow a role word in capitals ("SISTER HAS CALLED", "SON/DAUGHTER BOTH
# CALLED", "DAUGHTER BROUGHT ALL"): the Census lists hold them as surnames, but after a
# relative they are the verb or determiner of the sentence, not the relative's name.
_ROLE_FOLLOWERS = frozenset(
    """has had have having is was were are been be being both all other others left given gave
    brought bring came come went go going called calls call visited visiting aware updated
    present here there also still very well not just only now then again re regarding about
    spoke speaks states stated said says feels felt wants wanted asked asking agrees agreed
    understands understood stayed stay staying lives lived works worked arrived returned russian
    spanish english alert notified informed""".split()
)
# Month and day names: word-names ("Caller: June (sister)" is a person, "in June" is not).
_CALENDAR = frozenset(
    """january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday""".split()
)
# Lower-case particles inside a surname ("de la Cruz", "van der Berg").
_PARTICLES = frozenset("de la del della di da van von der den le du dos das st".split())
# Brands named after a doctor: "Dr. Scholl's inserts" is a product, not a person.
_BRAND_DOCTORS = frozenset("scholl scholls reddy reddys bronner bronners".split())
_PERSON_AFTER_POSSESSIVE = frozenset(
    "note notes office clinic team patient patients service nurse assistant orders plan care "
    "recommendation recommendations practice partner partners letter".split()
)
# Words that make a capitalised phrase an institution, not a person ("Grace Hospital").
_FACILITY_WORD = re.compile(
    r"hospital|clinic|center|centre|medical|health|healthcare|memorial|university|institute|"
    r"county|city|street|avenue|road|drive|lane|court|hall|house|home|school|church|college|"
    r"pharmacy|labs?|laboratory|group|associates|services?|unit|ward|wing|floor|tower|building|"
    r"syndrome|disease|center|foundation|society|company|inc|llc|corp|lodge|gardens?|manor|village|"
    r"terrace|place|park|residence|inn|hospice|chapel|cottage|mission|house"
)
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
# Words right after a capitalised word that make it an eponym, not a person ("Chaddock
# reflex", "Marfan syndrome", "Hodgkin's lymphoma"), unless a title says otherwise.
EPONYM_NOUNS = frozenset(
    """syndrome syndromes disease diseases disorder lymphoma reflex reflexes sign signs score
    scores scale criteria classification catheter procedure operation repair fracture palsy
    phenomenon triad law node nodes cell cells body bodies tube bag stockings position ulcer
    ratio index tear cyst esophagus diverticulum hernia formula method technique pouch dementia
    chorea anomaly tetralogy lesion lesions effusion maneuver manoeuvre test tests rule rules
    equation stain line lines murmur rhythm block fistula shunt valve clamp forceps retractor
    splint brace boot needle drain incision approach protocol regimen tumor tumour sarcoma
    carcinoma leukemia anemia ataxia dystrophy neuropathy neuralgia contracture deformity
    nodule nodules spots point points area zone duct ducts gland glands canal space spaces
    effect reaction dose units unit questionnaire inventory exam examination angina aneurysm
    membrane knot bundle loop tract sinus nerve artery vein ligament tendon muscle bursa capsule
    neuroma granuloma hypothesis hypothesis ring diet""".split()
)


def _possessive(text: str) -> bool:
    """Does ``text`` end in a possessive "'s" (any apostrophe, any case: "SMITH'S")?"""
    return text[-2:].lower() in ("'s", "’s")


def _fold(word: str) -> str:
    """Lower-case, accents stripped, apostrophes dropped: the lexicon key of a word."""
    s = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in s if not unicodedata.combining(c)).replace("'", "").replace("’", "")


@dataclass(frozen=True)
class _Lex:
    first: frozenset[str]
    last: frozenset[str]
    wordy: frozenset[str]  # census names that are also words: need context
    common: frozenset[str]
    clinical: frozenset[str]
    technical: frozenset[str]  # clinical terms that are not also everyday words (eponyms, drugs)


@lru_cache(maxsize=1)
def _lex() -> _Lex:
    clinical = clinical_terms()
    return _Lex(
        first=census_first_names(),
        last=census_last_names(),
        wordy=name_words() | clinical | _NEVER | _CALENDAR,
        common=common_words() | clinical | _NEVER | _CALENDAR,
        clinical=clinical,
        # eponyms and everyday words that are also surnames may still be a surname after a
        # first name ("Hope Brown", "Anna Parkinson"); drugs and abbreviations never
        technical=frozenset(w for w in clinical if len(w) <= 3 or w not in census_last_names()) - name_words(),
    )


# token kinds
NAME, WORDNAME, UNKNOWN, WORD = "name", "wordname", "unknown", "word"


@dataclass
class Tok:
    start: int
    end: int  # end of the name part (a possessive "'s" is left out)
    text: str
    key: str
    caseless: bool  # on an all-upper or all-lower line: case is no evidence
    first: bool
    last: bool
    kind: str

    @property
    def cap(self) -> bool:
        """Shaped like a name: capitalised, or on a caseless line."""
        return self.caseless or self.text[:1].isupper()

    @property
    def titlecase(self) -> bool:
        return self.text[:1].isupper() and not self.text.isupper()

    #: set by the tokenizer: a single letter followed by "."
    dotted: bool = False

    @property
    def initial(self) -> bool:
        if len(self.key) != 1 or not (self.text.isupper() or self.caseless):
            return False
        return self.dotted or self.key not in ("a", "i")

    @property
    def lex(self) -> bool:
        return self.first or self.last


def _classify(word: str, caseless: bool, lx: _Lex) -> tuple[str, bool, bool, str]:
    # the class depends on the word alone; notes repeat their words, so remember them
    return _classify_word(word)


@lru_cache(maxsize=1 << 16)
def _classify_word(word: str) -> tuple[str, bool, bool, str]:
    lx = _lex()
    key = _fold(word)
    if key.endswith("s") and _possessive(word):
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


@lru_cache(maxsize=1)
def _term_deletions() -> tuple[frozenset[str], frozenset[str]]:
    """Clinical terms of seven letters or more, and each with one letter left out."""
    terms = frozenset(t for t in _lex().clinical if len(t) >= 7 and t.isalpha())
    return terms, frozenset(t[:k] + t[k + 1 :] for t in terms for k in range(len(t)))


def _misspelled_term(key: str) -> bool:
    """"Diltizem", "Morpphine", "Klonapin": one letter away from a long drug or clinical
    term. Only words in no name list reach here, and only long terms count, so a name is
    not mistaken for a drug."""
    if len(key) < 6 or not key.isalpha():
        return False
    terms, deletions = _term_deletions()
    if key in deletions:
        return True  # a letter missing
    mine = {key[:k] + key[k + 1 :] for k in range(len(key))}
    return bool(mine & terms) or bool(mine & deletions)  # a letter extra, or one changed


def everyday_word(key: str) -> bool:
    """Is this lower-case word a common or clinical word, or an inflection of one
    ("scheduled", "suctioned")?"""
    lx = _lex()
    return key in lx.common or _inflected_word(key, lx)


def is_technical(key: str) -> bool:
    """Is this lower-case word a drug, device or abbreviation that is never a name alone?"""
    return key in _lex().technical


_INFLECTIONS = (("ied", "y"), ("ies", "y"), ("ing", "e"), ("ing", ""), ("ed", "e"), ("ed", ""), ("es", ""),
                ("s", ""), ("ly", ""), ("able", "e"), ("able", ""), ("ness", ""))


def _inflected_word(key: str, lx: _Lex) -> bool:
    """"suctioned", "extubated", "titrating": an inflection of a common or clinical word
    that the word lists hold only in its base form. Only words in no name list reach here,
    so "Harding" (a Census surname) is never taken apart."""
    for suffix, restore in _INFLECTIONS:
        if key.endswith(suffix) and len(key) - len(suffix) >= 3:
            stem = key[: len(key) - len(suffix)]
            if stem + restore in lx.common or (len(stem) > 3 and stem[-1] == stem[-2] and stem[:-1] in lx.common):
                return True
    return False


def _line_caseless(text: str) -> list[tuple[int, bool]]:
    """(line start, caseless) per line; a line is caseless when it has no lower-case
    letters or no upper-case letters (at least a few words long)."""
    out = []
    pos = 0
    for line in text.split("\n"):
        caseless = False
        if len(line) >= 12:  # most lines of a padded note are short or empty
            letters = [c for c in line if c.isalpha()]
            upper = sum(1 for c in letters if c.isupper())
            caseless = len(letters) >= 12 and upper >= 0.8 * len(letters)
        out.append((pos, caseless))
        pos += len(line) + 1
    return out


_CASE_WINDOW = 2000


def classify_span(text: str, start: int, end: int) -> list[Tok]:
    """The words of ``text[start:end]`` classed as :func:`tokenize` would, for judging
    another recognizer's span (spaCy's PERSON) without tokenizing the whole note."""
    lx = _lex()
    # a bounded window of the line: a note that is one huge line must not make every
    # span cost the whole note
    line_start = text.rfind("\n", max(0, start - _CASE_WINDOW), start) + 1
    line_end = text.find("\n", end, end + _CASE_WINDOW)
    line = text[max(line_start, start - _CASE_WINDOW) : line_end if line_end >= 0 else end + _CASE_WINDOW]
    letters = [c for c in line if c.isalpha()]
    upper = sum(1 for c in letters if c.isupper())
    caseless = (len(letters) >= 12 and upper >= 0.8 * len(letters)) or not any(c.isupper() for c in text[start:end])
    out = []
    for m in _WORD.finditer(text, start, end):
        word = m.group()
        e = m.end() - 2 if _possessive(word) and len(word) > 3 else m.end()
        key, first, last, kind = _classify(word, caseless, lx)
        out.append(Tok(m.start(), e, word, key, caseless, first, last, kind, len(word) == 1 and text.startswith(".", m.end())))
    return out


def tokenize(text: str) -> list[Tok]:
    """Words of ``text`` with their lexicon classes."""
    lx = _lex()
    lines = _line_caseless(text)
    # A note that is lower-case throughout is caseless even on its short lines.
    letters = sum(c.isalpha() for c in text)
    all_lower = letters >= 12 and sum(c.isupper() for c in text) <= 0.01 * letters
    toks = []
    li = 0
    for m in _WORD.finditer(text):
        while li + 1 < len(lines) and lines[li + 1][0] <= m.start():
            li += 1
        caseless = all_lower or lines[li][1]
        for start, word in _role_split(m.start(), m.group()):
            end = start + len(word)
            if _possessive(word) and len(word) > 3:
                end -= 2
            key, first, last, kind = _classify(word, caseless, lx)
            dotted = len(word) == 1 and text.startswith(".", start + len(word))
            toks.append(Tok(start, end, word, key, caseless, first, last, kind, dotted))
    return toks


def _role_split(start: int, word: str) -> list[tuple[int, str]]:
    """"DAUGHTER-TAMSIN" is a role and a name joined by a dash: two words."""
    head, dash, rest = word.partition("-")
    if dash and rest and head.lower() in FAMILY:
        return [(start, head), (start + len(head) + 1, rest)]
    return [(start, word)]


@dataclass(frozen=True)
class Hit:
    start: int
    end: int
    rule: str
    score: float


_ROLE_WORDS = "|".join(sorted(FAMILY | {"rn", "np", "pa", "md", "nurse", "self", "hcp", "poa", "caregiver"}, key=len, reverse=True))
_ROLE_IN_BRACKETS = re.compile(rf"(?<![ \t])[ \t]*\((?:charge |primary |night |day |the |pt'?s |patient'?s |his |her )?(?:{_ROLE_WORDS})\b[^)\n]{{0,20}}\)", re.I)
_NAME_IN_BRACKETS = re.compile(r"\b([A-Za-z]+)[ \t]*\((\w)[^)\n]{0,30}\)")


# Gaps between words, written without two adjacent optional runs of the same characters
# ("[ \t]*,?[ \t]*"): a failing match over a long run of spaces would backtrack
# quadratically.
_CUE_GAP = re.compile(r"[ \t]*(?:[:,(\-][ \t]*)?(?:\n[ \t]*)?")
_SIGN_LEAD = re.compile(r"[ \t]*(?:-{1,2}|—|–|~)[ \t]*")
_SIGN_OFF_GAP = re.compile(r"[ \t]*(?:[,!.][ \t]*(?:\n[ \t]*){0,3}|(?:\n[ \t]*){1,3})")


_ROOM_LIST_LINE = re.compile(
    r"(?im)^[ \t]*(?:rm|room|bed|bd)\.?[ \t]*#?[ \t]*\d{1,4}[a-z]?[ \t]*[\-–:][ \t]*"
    r"(?P<name>[A-Za-z][A-Za-z'’\-]*(?:,?[ \t]+[A-Za-z][A-Za-z'’\-]*\.?){0,3})[ \t]*[\-–,][ \t]*\d{1,3}[ \t]?(?:y/?o[ \t]?)?[mf]\b"
)
_NOT_A_LISTED_NAME = frozenset({"pt", "patient", "unknown", "empty", "vacant", "closed", "blocked", "dirty", "clean"})
# "AP/ls", "JS/mk/ab" alone on a line: dictation and transcription initials.
_INITIALS_LINE = re.compile(r"^[ \t]*([A-Za-z]{2,4})[ \t]*/[ \t]*([A-Za-z]{2,4})(?:[ \t]*/[ \t]*([A-Za-z]{2,4}))?[ \t]*$", re.M)
_DICTATION_STAMP = re.compile(r"(?:^|\n)[ \t]*(?:D|T|DD|DT|TD)[ \t]*:[ \t]*\d|\bdictated\b|\btranscribed\b|\bjob[ \t]*(?:#|no\b)", re.I)
# Clinical pairs written with a slash that can stand alone on a line.
_SLASH_ABBREVIATIONS = frozenset(
    "pt/ot ot/pt gi/gu gu/gi ob/gyn heent/neck sob/doe cp/sob bid/tid prn/sched ekg/ecg cxr/ct "
    "ct/mri mri/ct icu/ccu hr/bp bp/hr iv/po po/iv rn/md md/rn ed/er er/ed pcp/np cbc/bmp bmp/cbc "
    "pta/pt dnr/dni dni/dnr avss/nad".split()
)
# Labels that may follow a name in the same header field ("JANE ROE DOB 1/2/50").
_FIELD_LABELS = frozenset("dob mrn mr med rec unit acct age sex room rm bed dos date ssn phone tel".split())
_NAME_FIELD_END = re.compile(r"[ \t]*(?:[,;(\n]|$)|[ \t]{2,}")
# The subjective line of a SOAP note: its first word is the patient's name or "pt".
_SUBJECTIVE_LABEL = re.compile(r"(?:^|\n)[ \t]*(?:S|SUBJECTIVE|CC|HPI)[ \t]*:[ \t]*\Z", re.I)
# What follows "FRANK L." when it names someone: a clause boundary or a verb of the note.
_APPOSITION_END = re.compile(
    r"[ \t]*(?:[,;)\n]|$)|[ \t]+(?:from|who|was|is|has|had|with|seen|at|in|residing|presented|admitted|reports|states)\b",
    re.I,
)
_FAMILY_WORDS = "|".join(sorted(FAMILY, key=len, reverse=True))
_ROLE_IN_COMMAS = re.compile(
    rf"(?<![ \t]),[ \t]*(?:the |his |her |pt'?s |patient'?s )?(?:{_FAMILY_WORDS})\b(?=[ \t]*(?:[,;)]|$|\n))",
    re.I,
)
# An age or record label after a name on a header line.
_HEADER_TAIL = (
    r"(?:\d{1,3}[ \t]{0,3}(?:-?[ \t]{0,3}(?:years?|yrs?)[- ]old|y/?o\b|y\.o\.|yrs?\b|[mf]\b)|aged?[ \t]+\d|\(?[ \t]?"
    r"(?:mrn|mr[ \t]*#|mr\b|med(?:ical)?[ \t]+rec|unit[ \t]*(?:#|no\b|number)|hosp(?:ital)?[ \t]*#|dob\b|d\.o\.b))"
)
_HEADER_LINE = re.compile(
    rf"^[ \t]*([^\W\d_][^\W\d_'’\-]*(?:(?:,[ \t]?|[ \t]|\.[ \t]?|['’\-])[^\W\d_]+){{1,5}}\.?)(?:[ \t]{{0,3}},)?[ \t]{{1,8}}{_HEADER_TAIL}",
    re.I | re.M,
)
# "From: Ada Okoro <ada@example.org>" (also To, Cc, Reply-To, Sender).
_MAIL_DISPLAY_NAME = re.compile(
    r"^[ \t]*(?:from|to|cc|bcc|reply-to|sender)[ \t]*:[ \t]*\"?([^\W\d_]+(?:\.?[ \t][^\W\d_]+\.?){0,3})\"?[ \t]*<[^>\n@]{1,64}@",
    re.I | re.M,
)
_AGE_APPOSITION = re.compile(r"(?<![\s,]),[ \t]*an?[ \t]+\d{1,3}[ \t]*-?[ \t]*(?:(?:years?|yrs?|y)[- ]?old|yo\b|y/o|y\.o\.)", re.I)
_AGE_PREDICATE = re.compile(
    r"(?<=\S)[ \t]+(?:is|was|turned|turns)[ \t]+(?:an?[ \t]+)?\d{1,3}[ \t\-]?"
    r"(?:(?:days?|weeks?|wks?|months?|mos?|years?|yrs?)[ \t\-]old\b|y/o|yo\b|y\.o\.)",
    re.I,
)
# "..., A 53-YO FEMALE": the person noun after an age; with it, even a first name that is
# also a word, in a note without capitals, is the person described ("GRACE, A 53-YO ...").
_PERSON_NOUN_AFTER = re.compile(r"[ \t]*(?:man|woman|male|female|boy|girl|gentleman|lady|m|f|pt|patient)\b", re.I)
# 'WHO GOES BY "BILL"', "prefers to be called Peggy": the name a patient answers to.
_GOES_BY = re.compile(
    r"\b(?:(?:goes|going|went)\s+by|prefers\s+to\s+be\s+called|(?:is\s+)?known\s+as|nicknamed|a\.?k\.?a\.?)\s+"
    r"(?P<quote>[\"“'‘])?(?P<nick>[A-Za-z][A-Za-z'’\-]{1,20})[\"”'’]?(?=[\s,.;)]|$)",
    re.I,
)
_QUOTED_WORD = re.compile(r"\(?[\"“']([A-Z][a-z]+(?:-[A-Z][a-z]+)?)[\"”']\)?")
_INITIALS_AFTER = re.compile(r"(?:,?[ \t]*[A-Za-z][A-Za-z\-/]{1,8}\.?)?[ \t]*\(([A-Z]{2,3})\)")
# The end of a message: end of text, a blank line, or a bracketed system line.
_MESSAGE_END = re.compile(r"[ \t]*(?:$|\n[ \t]*(?:\n|$|\[))")
# A record label after a word: "UNIT #", "UNIT NO. 4".
_LABEL_AFTER = re.compile(r"[ \t]*(?:#|no\b\.?|number\b|num\b)", re.I)
_ARTICLES = frozenset("a an the this that these those his her their our my your its no any some every each".split())
_DOTTED_ABBREVIATIONS = frozenset("am pm ie eg npo prn bid tid qid qd qod qhs hs po pr iv im sq ok us uk dc".split())


class _Intervals:
    """Sorted, merged [start, end) intervals with a logarithmic membership test."""

    def __init__(self, spans: Iterable[tuple[int, int]]):
        merged: list[list[int]] = []
        for s, e in sorted(spans):
            if merged and s <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], e)
            else:
                merged.append([s, e])
        self._starts = [s for s, _ in merged]
        self._ends = [e for _, e in merged]

    def contains(self, pos: int) -> bool:
        k = bisect.bisect_right(self._starts, pos) - 1
        return k >= 0 and pos < self._ends[k]


def toks_title(t: Tok) -> bool:
    return t.key in TITLES


class _Scanner:
    """All name decisions for one text."""

    def __init__(self, text: str):
        self.text = text
        self.toks = tokenize(text)
        self._ends = [t.end for t in self.toks]
        self._starts = [t.start for t in self.toks]

    # -- helpers ---------------------------------------------------------------------
    def gap(self, i: int) -> str:
        """Text between token i-1 and token i."""
        a = self.toks[i - 1].end if i > 0 else 0
        return self.text[a : self.toks[i].start]

    def joined(self, i: int) -> bool:
        """Token i continues the name of token i-1 on the same line ("Ana Ruiz", "J. Smith",
        "J.S.")."""
        if i <= 0 or i >= len(self.toks):
            return False
        g = self.gap(i)
        prev = self.toks[i - 1]
        if _possessive(prev.text) and prev.end < prev.start + len(prev.text):
            return False
        if g in (" ", "  "):
            return True
        return prev.initial and g in (".", ". ", ".  ", ".-")

    def continues(self, t: Tok, after_first: bool, strong: bool = False, prev: Tok | None = None) -> bool:
        """May ``t`` continue a name already started? ``strong``: the name was introduced by
        a title, role or label, so any name-shaped word of the same case continues it."""
        if t.initial:
            return True
        if t.key in _NEVER or t.key in _NAME_SUFFIX:
            return t.key in _NAME_SUFFIX
        if strong and prev is not None and t.kind in (UNKNOWN, NAME) and len(t.key) >= 2:
            same_shape = t.text.isupper() == prev.text.isupper() or t.caseless
            if same_shape and (t.cap or t.caseless):
                return True
        if not t.cap or (not t.caseless and t.text.isupper() and len(t.text) > 1 and not t.lex):
            return False
        if t.kind == NAME:
            return True
        if t.kind == WORDNAME:
            # "Noe Hope", "Kim Lee": a surname that is also a word, after a first name.
            # ("Thomas Stone", "JAXON BUSH"); a technical term never ("Anna Foley catheter")
            return t.last and t.key not in _lex().technical and (after_first or not t.caseless)
        if t.kind == UNKNOWN:
            return not t.caseless or after_first
        return False

    def chain(self, i: int, limit: int = 4, strong: bool = False) -> int:
        """Index one past the last token of the name starting at token i."""
        j = i + 1
        toks = self.toks
        while j < len(toks) and j - i < limit and self.joined(j):
            t = toks[j]
            if t.key in _PARTICLES and (t.text.islower() or t.caseless) and j + 1 < len(toks) and self.joined(j + 1):
                if toks[j + 1].key in _PARTICLES and j + 2 < len(toks) and self.joined(j + 2):
                    if toks[j + 2].cap and toks[j + 2].kind != WORD:
                        j += 3  # "de la Cruz"
                        continue
                if toks[j + 1].cap and toks[j + 1].kind != WORD and toks[j + 1].key not in _PARTICLES:
                    j += 2  # "van Dyke"
                    continue
                break
            if not self.continues(t, after_first=toks[j - 1].first or toks[j - 1].initial or strong, strong=strong, prev=toks[j - 1]):
                break
            j += 1
        # a name does not end on a bare initial unless it is written as one ("J.")
        while j - 1 > i and self.toks[j - 1].initial and not self.text.startswith(".", self.toks[j - 1].end):
            if self.toks[j - 1].end == len(self.text) or self.text[self.toks[j - 1].end] in " ,;\n)":
                break
            j -= 1
        return j

    def span(self, i: int, j: int) -> tuple[int, int]:
        end = self.toks[j - 1].end
        if self.toks[j - 1].initial and self.text.startswith(".", end):
            end += 1
        return self.toks[i].start, end

    def eponym_after(self, j: int) -> bool:
        """Is the word after token j-1 one that makes the name an eponym ("reflex")?"""
        if not (j < len(self.toks) and self.toks[j].key in EPONYM_NOUNS and self.gap(j) in (" ", "-", "'s ", "’s ")):
            return False
        # "MYRIAM O'MALLEY UNIT #4217": a record label after a header name, not an eponym
        return not _LABEL_AFTER.match(self.text, self.toks[j].end)

    def _after_sentence_end(self, pos: int) -> bool:
        """Does ``text[:pos]`` end with ".", "!", "?" or ":" and optional whitespace?"""
        k = pos
        while k > 0 and self.text[k - 1].isspace():
            k -= 1
        return k > 0 and self.text[k - 1] in ".!?:"

    # -- context -----------------------------------------------------------------------
    def title_before(self, i: int) -> int | None:
        """Index of a title right before token i ("Dr." "MRS"), if any."""
        if i == 0:
            return None
        t = self.toks[i - 1]
        if t.key not in TITLES or not re.fullmatch(r"\.?[ \t]{1,3}|\.", self.gap(i)):
            return None
        if not t.caseless and t.text[:1].islower() and t.key not in ("dr", "mrs"):
            # "miss", "doctor" as ordinary words in running text; "mr"/"ms" are also
            # mitral regurgitation and morphine sulfate, so only before a Census name
            if not (t.key in ("mr", "ms") and self.toks[i].kind == NAME):
                return None
        if t.key == "dr" and i >= 2 and self.gap(i - 1) == " ":
            p = self.toks[i - 2]
            # "Maple Dr." is a street: a capitalised non-cue word right before it
            if p.titlecase and p.key not in PERSON_CUES and p.key not in FAMILY and p.key not in WEAK_CUES:
                if not self._after_sentence_end(p.start):
                    return None
        return i - 1

    def cue_before(self, i: int) -> str | None:
        """'family', 'person' or 'weak' when a role word introduces token i."""
        if i == 0:
            return None
        p = self.toks[i - 1]
        g = self.text[p.start + len(p.text) : self.toks[i].start]  # after any "'s"
        if not _CUE_GAP.fullmatch(g):
            return None
        p = self.toks[i - 1]
        low = p.text.lower().replace("’", "'")
        if p.key in ("girl", "boy") and i >= 2 and self.toks[i - 2].key == "baby":
            return "person"  # newborns: "Baby Girl Lindqvist"
        if low in ("it's", "i'm") or (p.key == "is" and i >= 2 and self.toks[i - 2].key == "this"):
            # a self-introduction: "it's Hope again", "this is Thiago"; in capitals the
            # word after it is as likely a word ("I'M STILL HERE")
            return "person" if low == "i'm" and self.toks[i].caseless else "family"
        if p.key in CRED_WORDS and "," in g:
            return None  # "Oduya, RN, Case Manager": the credential closes a name, it opens none
        if p.key in ("re", "cc") and ":" not in g:
            return None  # "CM TO SEE RE VNA", "900 CC, VOIDING TRIAL": regarding, cubic centimetres
        if p.key in FAMILY and _possessive(p.text):
            return None  # "husband's number": something of theirs, not their name
        if p.key in ("pt", "patient", "patients") and (":" in g or "(" in g):
            return "person"  # "Patient: ..." is a label
        if p.key in ("pt", "patient", "patients"):
            return "patient"
        if p.key in FAMILY or p.key in PERSON_CUES:
            return "family" if p.key in FAMILY else "person"
        if p.key in WEAK_CUES and "\n" not in g:
            return "weak"
        return None

    def label_before(self, i: int) -> bool:
        """A header label such as "Patient:" or "Attending:" right before token i."""
        if i == 0:
            return False
        return bool(re.fullmatch(r"[ \t]*(?:#|:|-)[ \t]*", self.gap(i))) and self.toks[i - 1].key in (
            PERSON_CUES | FAMILY | {"name", "from", "to", "by", "attending", "referring", "ordering", "signed"}
        )

    def role_after(self, j: int) -> bool:
        """"Timothy (nephew)", "Hope (charge RN)": a role in brackets after the name."""
        m = re.match(r"[ \t]*\((?:[a-z\- ]{0,12}\b)?(\w+)", self.text[self.toks[j - 1].end : self.toks[j - 1].end + 30], re.I)
        return m is not None and m.group(1).lower() in (FAMILY | {"rn", "np", "pa", "md", "nurse", "patient", "pt", "self", "hcp", "poa"})

    def credential_after(self, j: int) -> bool:
        end = self.toks[j - 1].end
        if self.toks[j - 1].initial and self.text.startswith(".", end):
            end += 1
        m = _CREDENTIAL_AFTER.match(self.text, end)
        return m is not None and _credential_ok(m)

    def brand(self, i: int, j: int) -> bool:
        """"Dr. Scholl's inserts": a product named after a doctor."""
        t = self.toks[j - 1]
        if j - i != 1 or t.key not in _BRAND_DOCTORS or t.end == t.start + len(t.text):
            return False
        nxt = self.toks[j].key if j < len(self.toks) else ""
        return nxt not in _PERSON_AFTER_POSSESSIVE

    # -- rules -------------------------------------------------------------------------
    def starts_name(self, t: Tok, strength: str) -> bool:
        """May token t start a name given context of ``strength``?"""
        if t.initial:
            if self.text.startswith("/", t.end) or self.text[t.end : t.end + 1].isdigit():
                return False  # "pt W/ CHF", "S/P", "MOM X1": shorthand, not an initial
            if strength == "patient":
                return t.dotted  # "pt X.F.O.": dotted initials, never "PT C FENTANYL"
            return strength != "weak" or t.dotted
        if t.key in _NEVER or (t.key in FAMILY and strength != "title"):
            return False
        if strength == "title":
            if not t.cap and t.kind in (NAME, UNKNOWN) and len(t.key) >= 3:
                return True  # "Dr. marchetti", "mrs brisbeck": a surname typed in lower case
            return t.cap and t.kind != WORD or (t.kind == WORD and t.titlecase and t.key not in _lex().common)
        if strength == "patient":
            # "pt became", "PT SUCTIONED", "pt recived": after "pt" nurses write verbs and
            # typos; a name there is a Census name, or an unknown word capitalised in prose
            return t.kind == NAME or (t.kind == UNKNOWN and t.titlecase and not t.caseless)
        if not t.cap or (not t.caseless and t.text.isupper() and not t.lex and len(t.text) <= 4):
            return False
        if t.kind == NAME:
            return True
        if t.kind == WORDNAME:
            if t.caseless or (t.text.isupper() and len(t.text) > 1):
                # "DAUGHTER HAS", "SISTER BOTH", "daughter will stay": in capitals a relative's
                # word-name must be a first name, and not a modal verb before another word
                return strength == "family" and t.key not in _lex().technical and (t.first or t.key not in _ROLE_FOLLOWERS) and not self._modal(t)
            return strength in ("family", "person") or (strength == "weak" and t.titlecase)
        if t.kind == UNKNOWN:
            if t.caseless:
                return strength in ("family", "person") and len(t.key) >= 3 and bool(re.search(r"[aeiouy]", t.key))
            return True
        return False

    def _patient_header(self, i: int) -> bool:
        """"PT IMOGEN O'DUNLEAVY UNIT #55": two or three unknown or name words after "PT"
        that end at a record label, a comma or the line's end (not "PT BECAME HYPOTENSIVE TO")."""
        j = i
        while j < len(self.toks) and j - i < 3 and self.toks[j].kind in (NAME, UNKNOWN, WORDNAME) and (j == i or self.gap(j) == " "):
            if self.toks[j].kind == WORDNAME and not self.toks[j].lex:
                break
            j += 1
        if j - i < 2:
            return False
        return re.match(r"[ \t]*(?:\n|$|,|\(|#|(?i:unit|mrn|mr#|dob)\b)", self.text[self.toks[j - 1].end:]) is not None

    def _modal(self, t: Tok) -> bool:
        """"will", "may", "can" followed by another word: a verb, not a name."""
        if t.key not in ("will", "may", "can") or re.match(r"[ \t]+[A-Za-z]", self.text[t.end : t.end + 3]) is None:
            return False
        # "son will brown jr": a surname and a suffix after it make it a name after all
        return re.match(r"[ \t]+[A-Za-z'’\-]+[ \t,]+(?i:jr|sr|ii|iii|iv)\b", self.text[t.end : t.end + 40]) is None

    def context_hits(self) -> Iterator[Hit]:
        toks = self.toks
        for i, t in enumerate(toks):
            ti = self.title_before(i)
            if ti is not None and self.starts_name(t, "title"):
                j = self.chain(i, strong=True)
                if self.brand(i, j):
                    continue
                s, e = self.span(i, j)
                if TITLE_IN_SPAN:
                    s = toks[ti].start
                yield Hit(s, e, "name after title", 0.9)
                continue
            cue = self.cue_before(i)
            if cue is None and self.label_before(i):
                cue = "person"
            if cue == "patient" and not self.starts_name(t, cue) and self._patient_header(i):
                cue = "person"
            if cue is not None and (self.starts_name(t, cue) or (cue in ("person", "patient") and self._word_first_then_surname(i))):
                j = self.chain(i, strong=cue != "weak")
                if cue == "weak" and not self.credential_after(j) and not self.role_after(j):
                    # "with Humira", "with Stage III", "by Grant": after a weak cue the name
                    # needs a Census name that is not a word, or two name-like words
                    part = toks[i:j]
                    if not any(p.kind == NAME for p in part) and not (
                        len([p for p in part if p.kind == UNKNOWN or p.initial]) >= 2
                    ):
                        continue
                    if all(p.initial for p in part) and "".join(p.key for p in part) in _lex().common:
                        continue  # "from O.R.", "by R.T.", "per H.O.": dotted abbreviations
                if self.eponym_after(j) and cue != "family":
                    continue
                if t.caseless and self.label_before(i):
                    j = self._to_field_end(i, j)
                s, e = self.span(i, j)
                yield Hit(s, e, f"name after {'role' if cue == 'family' else 'cue'}", 0.85 if cue != "weak" else 0.7)
                continue
        # credentials after a name: "K. Patel, RN", "SONIA W. WINKLER, MD", "Chung, Jae-won MD"
        for m in _CREDENTIAL_AFTER.finditer(self.text):
            if not _credential_ok(m):
                continue
            end_tok = self._tok_ending_at(m.start())
            if end_tok is None:
                continue
            j = end_tok
            if not self._name_part(toks[j - 1], backward=True):
                continue
            i = j - 1
            while i > 0 and j - i < 4 and self.joined(i) and self._name_part(toks[i - 1], backward=True):
                i -= 1
            # "Ostrowski, Max R. MD": take the surname before the comma too
            if i > 0 and self.gap(i).strip() == "," and self._name_part(toks[i - 1], backward=True) and toks[i - 1].cap:
                i -= 1
            if not any(self._name_part(toks[k], backward=False) for k in range(i, j)):
                continue
            while i < j and not self._name_part(toks[i], backward=False) and not toks[i].initial:
                i += 1
            if i < j and self.cred_chain_ok(i, j, comma="," in m.group()):
                s, e = self.span(i, j)
                yield Hit(s, e, "name before credential", 0.85)
        yield from self.role_after_hits()
        yield from self.last_first_hits()
        yield from self.signature_hits()
        yield from self.header_line_hits()
        yield from self.mail_header_hits()
        yield from self.age_apposition_hits()
        yield from self.dictation_initials_hits()
        yield from self.room_list_hits()

    def _name_ending_at(self, pos: int, rule: str, score: float) -> Hit | None:
        """A name of up to three words ending right before ``pos`` (where a role follows)."""
        toks = self.toks
        j = self._tok_ending_at(pos)
        if j is None or j == 0 or toks[j - 1].kind == WORD:
            return None
        i = j - 1
        while i > 0 and j - i < 3 and self.joined(i) and self._name_part(toks[i - 1], backward=True):
            i -= 1
        while i < j - 1 and not self.starts_name(toks[i], "family"):
            i += 1
        if self.starts_name(toks[i], "family") and not all(t.initial for t in toks[i:j]):
            s, e = self.span(i, j)
            return Hit(s, e, rule, score)
        return None

    def role_after_hits(self) -> Iterator[Hit]:
        """"Frank (son)", "Hope (charge RN)", "wife (April)": a role in brackets beside a name."""
        toks = self.toks
        for m in _ROLE_IN_BRACKETS.finditer(self.text):
            hit = self._name_ending_at(m.start(), "name before role", 0.85)
            if hit is not None:
                yield hit
        # "Ada, daughter, at bedside": a role between commas after the name
        for m in _ROLE_IN_COMMAS.finditer(self.text):
            hit = self._name_ending_at(m.start(), "name, role", 0.8)
            if hit is not None:
                yield hit
        # "wife (April)": the name inside the brackets
        for m in _NAME_IN_BRACKETS.finditer(self.text):
            if m.group(1).lower() in FAMILY:
                k = self._tok_starting_at(m.start(2))
                if k is not None and self.starts_name(toks[k], "family"):
                    j = self.chain(k, limit=3)
                    s, e = self.span(k, j)
                    yield Hit(s, e, "name after role", 0.85)

    def _name_words(self, i: int, j: int, header: bool = False) -> bool:
        """Could tokens i..j-1 be a whole name with no other context? Name-shaped words
        that are not everyday or clinical words, at least one of them a likely name.
        Word-names on the clinical list ("Rose", "Grace", "Brown") count when their
        capital is evidence, or on a header line (``header``) beside a clearer name."""
        toks = self.toks[i:j]
        lx = _lex()
        for t in toks:
            if t.initial:
                continue
            if not t.cap or t.kind == WORD or t.key in _NEVER or t.key in CRED_WORDS or t.key in lx.technical:
                return False
            if t.key in FAMILY or t.key in PERSON_CUES or t.key in _CALENDAR:
                return False
            if t.kind == WORDNAME and t.key in lx.clinical and t.caseless and not header:
                return False
            if t.kind == UNKNOWN and (len(t.key) < 3 or not re.search(r"[aeiouy]", t.key)):
                return False
        words = [t for t in toks if not t.initial]
        return bool(words) and any(t.kind in (NAME, UNKNOWN) or (t.lex and t.key not in lx.clinical) for t in words)

    @staticmethod
    def _word_name_ok(t: Tok) -> bool:
        """A capitalised first name that is also an everyday word ("Grace"), for use
        where the context alone says it is a person."""
        return (
            t.kind == WORDNAME and t.titlecase and not t.caseless and t.key not in _lex().technical
            and t.key not in _NEVER and t.key not in FAMILY and t.key not in _CALENDAR
        )

    def header_line_hits(self) -> Iterator[Hit]:
        """A name alone at the start of a header line, followed by an age or a record
        label on the same line: "OKORO, ADA M. 71 F MRN ...", "Ada Okoro 71 y/o", "ADA
        OKORO (MRN 123)". Upper-case notes give no case evidence, but the demographic
        line of a note says what the words before its age are."""
        toks = self.toks
        for m in _HEADER_LINE.finditer(self.text):
            i = self._tok_starting_at(m.start(1))
            j = self._tok_ending_at(m.end(1))
            if i is None or j is None or j - i < 2 or j - i > 5:
                continue
            if not self._name_words(i, j, header=True) or toks[i].initial:
                continue
            if any(not self.joined(k) and self.gap(k).strip() != "," for k in range(i + 1, j)):
                continue
            s, e = self.span(i, j)
            yield Hit(s, e, "header line", 0.8)

    def mail_header_hits(self) -> Iterator[Hit]:
        """"From: Ada Okoro <ada@...>": the display name of an e-mail address."""
        for m in _MAIL_DISPLAY_NAME.finditer(self.text):
            i = self._tok_starting_at(m.start(1))
            j = self._tok_ending_at(m.end(1))
            if i is None or j is None or j <= i:
                continue
            if any(t.kind == WORD and t.key in _NEVER for t in self.toks[i:j]):
                continue
            s, e = self.span(i, j)
            yield Hit(s, e, "e-mail display name", 0.85)

    def age_apposition_hits(self) -> Iterator[Hit]:
        """"for Ada Okoro, a 79 yo ...", "Ada is 11 days old": a name with its age."""
        toks = self.toks
        for m in _AGE_PREDICATE.finditer(self.text):
            j = self._tok_ending_at(m.start())
            if j is None:
                continue
            t = toks[j - 1]
            # the subject of "is 11 days old": a first name, even at a sentence start
            if t.first and (t.titlecase or self._described_person(t, m.end())) and (
                self._name_words(j - 1, j) or self._word_name_ok(t) or t.caseless
            ):
                i = j - 1
                if i > 0 and self.joined(i) and toks[i - 1].first and self._name_words(i - 1, j):
                    i -= 1
                s, e = self.span(i, j)
                yield Hit(s, e, "name is age", 0.8)
        for m in _AGE_APPOSITION.finditer(self.text):
            j = self._tok_ending_at(m.start())
            if j is None:
                continue
            i = j - 1
            while i > 0 and j - i < 3 and self.joined(i) and self._name_part(toks[i - 1], backward=True):
                i -= 1
            while i < j and not self._name_words(i, j):
                i += 1
            if i >= j:
                if not self._described_person(toks[j - 1], m.end()):
                    continue
                i = j - 1
            if j - i == 1 and toks[i].kind == WORDNAME and toks[i].caseless and not self._described_person(toks[i], m.end()):
                continue
            if j - i == 1 and not toks[i].caseless and self.sentence_start(i) and toks[i].kind != NAME:
                continue
            s, e = self.span(i, j)
            yield Hit(s, e, "name, age", 0.8)

    def _to_field_end(self, i: int, j: int) -> int:
        """"PATIENT: JOSH BUYS  MR #": in a caseless header field, the name runs to the
        field's end (two spaces, a comma or bracket, the line's end), when that comes
        within four words."""
        toks = self.toks
        if _NAME_FIELD_END.match(self.text, toks[j - 1].end):
            return j
        k = j
        while k < len(toks) and k - i < 4 and self.joined(k):
            t = toks[k]
            if t.key in _NEVER or t.key in CRED_WORDS or t.key in _FIELD_LABELS:
                return j
            k += 1
            if _NAME_FIELD_END.match(self.text, toks[k - 1].end):
                return k
        return j

    def _word_first_then_surname(self, i: int) -> bool:
        """"PT JOY FINOCCHIARO", "PATIENT: JUNE OKAFOR": in a caseless note a first name
        that is also a word starts a name after a person cue when a surname follows."""
        toks = self.toks
        t = toks[i]
        if not (t.caseless and t.first and t.kind == WORDNAME) or i + 1 >= len(toks) or not self.joined(i + 1):
            return False
        # ("technical" is not checked: short word-names such as "Joy" count as technical)
        if t.key in _NEVER or t.key in FAMILY:
            return False
        k = i + 1
        if toks[k].initial and toks[k].dotted and k + 1 < len(toks) and self.joined(k + 1):
            k += 1  # "DEB N. HILL"
        nxt = toks[k]
        if (nxt.kind == NAME and nxt.last) or (
            nxt.kind == UNKNOWN and len(nxt.key) >= 3 and re.search(r"[aeiouy]", nxt.key) is not None
        ):
            return True
        # after a label ("PATIENT:", "PCP:", "RE:") two word-names are still a name:
        # "JOY GLASS", "GRACE HILL"; not a month ("MAY 3" has no surname anyway)
        return (
            nxt.kind == WORDNAME and nxt.last and t.key not in _CALENDAR and nxt.key not in _CALENDAR
            and (self.label_before(i) or k > i + 1)
            # and the name ends there: "JOY GLASS, DO", not "WILL CALL BACK"
            and (_NAME_FIELD_END.match(self.text, nxt.end) is not None or self.credential_after(k + 1))
        )

    def room_list_hits(self) -> Iterator[Hit]:
        """Sign-out and census lists: "rm 811 - o'shea, declan - 67m, etoh w/d". Between a
        room and an age with sex stands the patient's name, in any case."""
        for m in _ROOM_LIST_LINE.finditer(self.text):
            value = m.group("name")
            words = [w.lower() for w in re.findall(r"[A-Za-z]+", value)]
            if not words or any(w in _NOT_A_LISTED_NAME for w in words):
                continue
            yield Hit(m.start("name"), m.end("name"), "name in a room list", 0.8)

    def dictation_initials_hits(self) -> Iterator[Hit]:
        """"AP/ls", "DL/RT" alone on a line: the initials of the dictating clinician and
        of the transcriptionist, as dictated reports end. Taken when the note carries
        dictation stamps ("D: 04/16/17", "JOB #", "Dictated by") or when the two halves
        differ in case the way these stamps are typed ("TW/ab")."""
        for m in _INITIALS_LINE.finditer(self.text):
            parts = [(m.start(k), m.end(k)) for k in (1, 2, 3) if m.group(k)]
            keys = [self.text[a:b].lower() for a, b in parts]
            if "/".join(keys) in _SLASH_ABBREVIATIONS or all(len(k) == 1 for k in keys):
                continue
            window = self.text[max(0, m.start() - 400) : m.end() + 400]
            typed = m.group(1).isupper() != m.group(2).isupper()
            if not (typed or _DICTATION_STAMP.search(window)):
                continue
            for a, b in parts:
                yield Hit(a, b, "dictation initials", 0.8)

    def _described_person(self, t: Tok, age_end: int) -> bool:
        """A first name in a caseless note, then its age and a person noun ("RICH, A
        96-YO MAN"): the description makes even a word-name a name."""
        lx = _lex()
        return (
            t.caseless and t.first and t.kind in (NAME, WORDNAME) and t.key not in lx.technical
            and t.key not in _CALENDAR and t.key not in _NEVER and t.key not in FAMILY
            and _PERSON_NOUN_AFTER.match(self.text, age_end) is not None
        )

    def nickname_hits(self, found: list[Hit]) -> Iterator[Hit]:
        """A quoted nickname beside a name ('Rosalind "Rose" Tran') and the initials in
        brackets after a signature ("-- R. Bush, LPN (RB)")."""
        ends = {h.end for h in found}
        starts = {h.start for h in found}
        for m in _QUOTED_WORD.finditer(self.text):
            before = self.text[max(0, m.start() - 1) : m.start()]
            after = self.text[m.end() : m.end() + 1]
            if (m.start() - 1 in ends and before == " ") or (m.end() + 1 in starts and after == " "):
                yield Hit(m.start(1), m.end(1), "quoted nickname", 0.8)
        for m in _GOES_BY.finditer(self.text):
            nick = m.group("nick")
            # quoted, capitalised, or in a note without capitals; never an everyday word
            # in running lower-case text ("known as needed")
            if m.group("quote") or nick[:1].isupper() or not any(c.isupper() for c in self.text[m.start() : m.end()]):
                if nick.lower() not in _NEVER | {"them"}:
                    yield Hit(m.start("nick"), m.end("nick"), "nickname after 'goes by'", 0.8)
        for h in found:
            im = _INITIALS_AFTER.match(self.text, h.end)
            if not im:
                continue
            k0 = bisect.bisect_left(self._starts, h.start)
            k1 = bisect.bisect_left(self._starts, h.end)
            words = [t for t in self.toks[k0:k1] if t.key not in TITLES]
            if "".join(t.key[0] for t in words if t.key) == im.group(1).lower():
                yield Hit(im.start(1), im.end(1), "initials after name", 0.8)

    def repeated_hits(self, found: list[Hit]) -> Iterator[Hit]:
        """Once context has shown a word to be a name in this note ("daughter Rose"), the
        same word elsewhere in it is that name too ("Please bring Rose in"), when written
        the same way. Word-names on upper-case lines are left alone ("WE HOPE")."""
        keys: dict[str, bool] = {}
        for h in found:
            for k in range(bisect.bisect_left(self._starts, h.start), len(self.toks)):
                t = self.toks[k]
                if t.start >= h.end:
                    break
                if len(t.key) >= 3 and not t.initial and t.key not in _lex().technical:
                    keys[t.key] = t.text.isupper()
        if not keys:
            return
        covered = _Intervals((h.start, h.end) for h in found)
        for t in self.toks:
            if t.key not in keys or covered.contains(t.start):
                continue
            if t.caseless and (t.kind == WORDNAME or not keys[t.key]):
                continue
            if not t.caseless and not t.text[:1].isupper():
                continue
            if t.kind == WORDNAME and not t.titlecase:
                continue
            yield Hit(t.start, t.end, "name seen before", 0.7)

    def _tok_starting_at(self, pos: int) -> int | None:
        k = bisect.bisect_left(self._starts, pos)
        return k if k < len(self.toks) and self._starts[k] == pos else None

    def _tok_ending_at(self, pos: int) -> int | None:
        """Index+1 of the token ending right before ``pos`` (allowing an initial's dot)."""
        k = bisect.bisect_right(self._ends, pos) - 1
        if k < 0:
            return None
        if pos - self.toks[k].end > 2:
            return None
        tail = self.text[self.toks[k].end : pos]
        return k + 1 if tail in ("", ".") or (len(tail) == 2 and _possessive(tail)) else None

    def _name_part(self, t: Tok, backward: bool) -> bool:
        if t.initial and t.dotted:
            return True  # "A. LINDQVIST": a dotted initial, even one spelled like a word
        if t.key in _NEVER or t.key in CRED_WORDS:
            return False
        if t.initial:
            return True
        if not t.cap:
            return False
        if t.kind == NAME:
            return True
        if t.kind == UNKNOWN:
            return not t.caseless or len(t.key) >= 3
        if t.kind == WORDNAME:
            return t.key not in _lex().technical and (t.key not in _lex().clinical or not t.caseless)
        return False

    def cred_chain_ok(self, i: int, j: int, comma: bool = False) -> bool:
        toks = self.toks[i:j]
        if all(t.initial for t in toks):
            # "J.K. NP": dotted initials that sign an entry, not an abbreviation
            return self._dotted_initials(toks)
        if (
            toks[0].caseless and len(toks) == 1 and toks[0].kind == UNKNOWN and toks[0].text.isupper()
            and len(toks[0].key) in (2, 3) and self._line_end_after_credential(j)
        ):
            # "... TO MONITOR AFB RN": a nurse's initials (in no word list) sign the line
            return True
        if toks[0].caseless and comma and len(toks) >= 2 and self._name_words(i, j):
            # "ADA OKORO, FNP-BC": two name-like words, a comma, a credential
            return True
        if toks[0].caseless:
            # "WAVEFORM GOOD RN ...": upper-case words before "RN" are often not a name,
            # unless they are all the line holds before it ("-- LOVE, AALIYAH T. MD")
            return any(t.kind == NAME for t in toks) or (
                toks[0].initial and (toks[-1].last or (toks[-1].kind == UNKNOWN and len(toks[-1].key) >= 3))
            ) or (
                sum(not t.initial for t in toks) >= 2 and self._name_words(i, j) and self._opens_line(i)
            )
        if any(t.kind == NAME or (t.kind == WORDNAME and t.lex) for t in toks):
            return True
        return any(t.kind == UNKNOWN and not t.caseless for t in toks)

    def _opens_line(self, i: int) -> bool:
        """Does token i open its line (after blanks or a signature dash)?"""
        start = self.toks[i].start
        ls = self.text.rfind("\n", 0, start) + 1
        return re.fullmatch(r"[ \t]*(?:-{1,2}|—|–)?[ \t]*", self.text[ls:start]) is not None

    def _line_end_after_credential(self, j: int) -> bool:
        m = _CREDENTIAL_AFTER.match(self.text, self.toks[j - 1].end)
        return m is not None and bool(re.match(r"[ \t]*(?:\n|$)", self.text[m.end() : m.end() + 20]))

    def last_first_hits(self) -> Iterator[Hit]:
        """"Brooks, Tawanda D." / "HASTIE, RALPH": surname, comma, first name."""
        toks = self.toks
        for i in range(len(toks) - 1):
            a, b = toks[i], toks[i + 1]
            if not re.fullmatch(r", ?", self.gap(i + 1)):
                continue
            if not (a.cap and b.cap) or a.initial or b.initial:
                continue
            if not a.caseless and not (a.titlecase or a.text.isupper()) or a.key in _NEVER or b.key in _NEVER:
                continue
            if a.key in CRED_WORDS or b.key in CRED_WORDS:
                continue  # "RN, BSN, Case Manager": credentials in a row, not a surname
            labelled = self.label_before(i) or self.cue_before(i) in ("family", "person", "patient")
            a_ok = a.last and a.kind == NAME or a.kind == UNKNOWN and not a.caseless
            b_ok = b.first and b.kind == NAME or b.kind == UNKNOWN and not b.caseless
            if a.kind == WORD or b.kind == WORD:
                if not labelled or a.kind == WORD and not a.last or b.kind == WORD:
                    continue
            strong = (a.last and b.first and (a.kind == NAME or b.kind == NAME)) or labelled
            if not strong and not (a_ok and b_ok and (a.lex or b.lex)):
                continue
            if not labelled:
                # "Smith, John M." needs a middle initial, a label, a line edge or a credential
                j0 = i + 2
                edge = re.match(r"[ \t]*(?:\n|$|\(|\d|MRN|MR|DOB|[A-Z]\.)", self.text[b.end : b.end + 6])
                if not (edge or (j0 < len(toks) and toks[j0].initial and self.joined(j0)) or self.credential_after(j0)):
                    if not (a.last and b.first and a.kind == NAME and b.kind == NAME):
                        continue
            j = self.chain(i + 1, limit=3)
            s, e = self.span(i, j)
            yield Hit(s, e, "last, first", 0.85)

    def signature_hits(self) -> Iterator[Hit]:
        """"- Angelica" / "-- K. Patel" / "thanks,\\nRich" at the end of a message."""
        toks = self.toks
        for i, t in enumerate(toks):
            # only the first word of a line can follow a dash lead
            line_start = self.text.rfind("\n", toks[i - 1].end if i > 0 else 0, t.start) + 1
            sign_off = False
            if (i == 0 or line_start > 0 and toks[i - 1].end < line_start) and _SIGN_LEAD.fullmatch(self.text, line_start, t.start):
                sign_off = True
            elif i > 0 and toks[i - 1].key in ("thanks", "sincerely", "regards", "best", "you", "cheers", "love"):
                g = self.gap(i)
                if _SIGN_OFF_GAP.fullmatch(g) and (
                    toks[i - 1].key != "you" or (i > 1 and toks[i - 2].key == "thank")
                ):
                    sign_off = True
            if not sign_off or not self.starts_name(t, "family") and not t.initial:
                continue
            j = self.chain(i, limit=3, strong=True)
            tail = self.text[self.toks[j - 1].end : self.toks[j - 1].end + 40]
            if not re.match(r"\.?[ \t]*(?:,[^\n]{0,30})?(?:\n|$|\[|<|\()", tail):
                continue
            if j - i == 1 and t.kind == WORDNAME and t.caseless:
                continue
            if all(tok.initial for tok in toks[i:j]) and not self.initials_sign_off(i, j):
                continue
            s, e = self.span(i, j)
            yield Hit(s, e, "signature", 0.8)

    @staticmethod
    def _dotted_initials(toks: list[Tok]) -> bool:
        """Two or more dotted initials that do not spell an abbreviation ("p.r.n.")."""
        if len(toks) < 2 or not all(t.initial and t.dotted for t in toks):
            return False
        letters = "".join(t.key for t in toks)
        return not (letters in _lex().common or letters in _lex().clinical or letters in _DOTTED_ABBREVIATIONS)

    def initials_sign_off(self, i: int, j: int) -> bool:
        """"- J.K.M." on the last line of a message: initials that sign it, not an
        abbreviation ("- N.P.O.", "- a.m.")."""
        toks = self.toks[i:j]
        if not self._dotted_initials(toks):
            return False
        end = toks[-1].end + 1
        return bool(_MESSAGE_END.match(self.text, end))

    def lexicon_hits(self) -> Iterator[Hit]:
        toks = self.toks
        n = len(toks)
        i = 0
        while i < n:
            t = toks[i]
            hit = None
            nxt = toks[i + 1] if i + 1 < n and self.joined(i + 1) else None
            hit = self._lexicon_rule(i, t, nxt)
            if hit is None:
                i += 1
                continue
            j = self._shouted_name_before_verb(i) if hit == "upper-case name before verb" else self.chain(i)
            if self.eponym_after(j):
                i = j
                continue
            if hit == "capitalised name" and j == i + 1 and not self.single_ok(i):
                i += 1
                continue
            s, e = self.span(i, j)
            yield Hit(s, e, hit, 0.75 if hit != "capitalised name" else 0.6)
            i = j

    def _lexicon_rule(self, i: int, t: Tok, nxt: Tok | None) -> str | None:
        """Which lexicon rule, if any, starts a name at token i."""
        lx = _lex()
        if t.first and t.cap and t.key not in _NEVER and nxt is not None:
            first_ok = t.kind == NAME or (
                t.kind == WORDNAME and (t.titlecase or nxt.kind == NAME) and t.key not in lx.technical
            )
            if (first_ok or t.titlecase) and nxt.initial and nxt.dotted:
                return "first name, initial"  # "Anna S."
            if (
                t.caseless and t.kind == WORDNAME and nxt.initial and nxt.dotted
                and t.key not in lx.technical | _CALENDAR and _APPOSITION_END.match(self.text, nxt.end + 1)
            ):
                return "first name, initial"  # "70YO MALE, FRANK L., ON COUMADIN": case says nothing
            if first_ok and nxt.initial and not t.caseless and re.match(
                r"(?:[ \t]*[,;)\n]|$| [a-z])", self.text[nxt.end : nxt.end + 2]
            ):
                return "first name, initial"  # "John D seen at"
            if first_ok and nxt.cap and (
                (nxt.last and nxt.kind == NAME)
                or (nxt.last and nxt.kind == WORDNAME and t.kind == NAME and nxt.key not in lx.technical)
                or (nxt.kind == UNKNOWN and not nxt.caseless and nxt.titlecase)
                # "Sarah Doe": a strong first name makes the capitalised word after it a surname
                or (t.kind == NAME and nxt.titlecase and not nxt.caseless and nxt.key not in lx.clinical
                    and not _FACILITY_WORD.fullmatch(nxt.key) and nxt.key not in _NEVER)
            ):
                if not (t.caseless and t.kind != NAME and nxt.kind != NAME):
                    return "first name, surname"
            if (
                t.kind == WORDNAME and nxt.kind == WORDNAME and t.titlecase and nxt.titlecase and nxt.last
                and t.key not in lx.technical | _CALENDAR and nxt.key not in lx.technical and not self.sentence_start(i)
                and not _FACILITY_WORD.fullmatch(nxt.key)
            ):
                return "first name, surname"  # "Jake Thompson" mid-sentence
        if (
            t.kind == UNKNOWN and t.titlecase and not t.caseless and len(t.key) >= 3 and nxt is not None
            and nxt.last and nxt.titlecase
            and (nxt.kind == NAME or (nxt.kind == WORDNAME and nxt.key not in lx.technical and self._next_is_verbish(i + 1)))
        ):
            return "unknown first name, surname"  # "Aoife Hicks", "Aoife Grant reports"
        if (
            t.first and t.cap and t.key not in _NEVER and t.key not in lx.technical
            and (t.titlecase or t.kind == NAME) and self._next_is_verbish(i)
        ):
            return "first name before verb"  # "Chase reports feeling better"
        if (
            t.first and t.caseless and t.kind == WORDNAME and t.key not in _NEVER and t.key not in FAMILY
            and _SUBJECTIVE_LABEL.search(self.text, max(0, t.start - 12), t.start) and self._next_is_verbish(i)
        ):
            return "first name before verb"  # "S: CHASE REPORTS FEELING BETTER"
        if t.initial and t.dotted and nxt is not None and nxt.last and nxt.cap:
            if nxt.kind == NAME or (nxt.kind == WORDNAME and nxt.titlecase):
                return "initial, surname"  # "K. Patel"
        if t.kind == NAME and t.titlecase and not t.caseless and len(t.key) >= 3 and not (
            i > 0 and toks_title(self.toks[i - 1])
        ) and not self._thing_after_article(i):
            return "capitalised name"
        if self._shouted_name_before_verb(i):
            return "upper-case name before verb"  # "S: ADA OKORO reports ..."
        if self._capitalised_mid_sentence(i, nxt):
            return "capitalised word-name mid-sentence"  # "please take Rose to the ED"
        return None

    def _shouted_name_before_verb(self, i: int) -> int:
        """Two or three upper-case name words in a mixed-case line, then a verb of
        reporting: a patient named in capitals ("S: ADA OKORO c/o nausea")."""
        toks = self.toks
        t = toks[i]
        if t.caseless or not t.text.isupper() or len(t.key) < 2:
            return 0
        j = i + 1
        while j < len(toks) and j - i < 3 and self.joined(j) and toks[j].text.isupper() and not toks[j].caseless:
            j += 1
        if j - i < 2 or not self._name_words(i, j) or not any(toks[k].lex for k in range(i, j)):
            return 0
        return j if self._next_is_verbish(j - 1) else 0

    def _thing_after_article(self, i: int) -> bool:
        """"with the Bovie", "a Hoyer lift": a lone surname after an article names a
        device or a thing; "the Smith family" still names people."""
        if i == 0 or self.toks[i - 1].key not in ("the", "a", "an") or self.gap(i) != " ":
            return False
        nxt = self.toks[i + 1] if i + 1 < len(self.toks) else None
        return nxt is None or nxt.key not in {"family", "household", "residence", "home", "twins", "children", "kids"}

    def _capitalised_mid_sentence(self, i: int, nxt: Tok | None) -> bool:
        """A first name that is also a word ("Rose", "Hope", "Will"), capitalised in the
        middle of a sentence-case line: the capital is the evidence. Not at a sentence
        start, not in a title-case heading, not before another capitalised word ("Rose
        Garden", "Hope Lodge") and not after an article ("the Grace period")."""
        toks = self.toks
        t = toks[i]
        if t.kind != WORDNAME or not t.first or not t.titlecase or t.caseless or len(t.key) < 3:
            return False
        if t.key in _lex().technical or t.key in _CALENDAR or t.key in _NEVER or i == 0:
            return False
        prev = toks[i - 1]
        if self.gap(i) != " " or not prev.text.islower() or prev.key in _ARTICLES or self.sentence_start(i):
            return False
        if nxt is not None and (nxt.text[:1].isupper() or nxt.key in EPONYM_NOUNS):
            return False
        if _possessive(self.text[t.end : t.end + 2]) and nxt is not None and nxt.key in EPONYM_NOUNS:
            return False
        # the line must read as a sentence: most of its words lower-case
        ls = self.text.rfind("\n", max(0, t.start - 300), t.start) + 1
        le = self.text.find("\n", t.end, t.end + 300)
        words = _WORD.findall(self.text, max(ls, t.start - 300), le if le >= 0 else t.end + 300)
        lower = sum(1 for w in words if w[:1].islower())
        return len(words) >= 5 and lower >= 0.7 * len(words)

    def sentence_start(self, i: int) -> bool:
        t = self.toks[i]
        return t.start == 0 or bool(re.search(r"(?:^|\n|[.!?:;]\s)[ \t\-*•\d.)]*$", self.text[max(0, t.start - 12) : t.start]))

    def single_ok(self, i: int) -> bool:
        """A lone capitalised Census name ("... called Patel", "Kathleen reports")."""
        t = self.toks[i]
        # An initial uppercase word at a line or sentence start is weak evidence (headings).
        before = self.text[max(0, t.start - 3) : t.start]
        if t.start == 0 or re.search(r"(?:^|\n)[ \t]*$", self.text[max(0, t.start - 20) : t.start]) or re.search(r"[.!?:]\s+$", before):
            return t.first and self._next_is_verbish(i)
        return True

    def _next_is_verbish(self, i: int) -> bool:
        if i + 1 >= len(self.toks) or self.gap(i + 1) != " ":
            return False
        nxt = self.toks[i + 1]
        if nxt.key == "c" and self.text.startswith("/o", nxt.end):
            return True
        return nxt.key in _VERBISH and (nxt.text.islower() or nxt.caseless)


# Credentials that are also words or abbreviations ("MS" multiple sclerosis, "PT"
# physical therapy, "DO" the verb): only after a comma.
_AMBIGUOUS_CREDENTIALS = frozenset("ms ma pt ot rt od pa do rd otr otr/l slp emt cma mph dpt".split())


def _credential_ok(m: re.Match[str]) -> bool:
    if not m.group()[:1].isspace() and not m.group().lstrip().startswith(","):
        return False
    cred = m.group().strip(" \t,.").lower().replace(".", "")
    if cred == "pt" and (not m.group().strip(" \t,.").isupper() or re.match(r"[ \t]*[A-Za-z(]", m.string[m.end() : m.end() + 3])):
        return False  # "BP, pt is hypotensive", "RESP CARE  Pt remained": the patient, not a therapist
    if m.string[m.end() : m.end() + 2] in ("'s", "’s"):
        return False  # "BP. MD's talking with family": the doctors, not a signature
    return "," in m.group() or cred not in _AMBIGUOUS_CREDENTIALS


# Verbs that make the capitalised word before them the subject of a sentence about a person.
_VERBISH = frozenset(
    "reports reported states stated denies denied says said feels felt presents presented returns "
    "returned endorses endorsed complains complained notes noted tolerated tolerating slept ambulated "
    "agrees agreed declines declined understands verbalized verbalizes called calls".split()
)

CRED_WORDS = frozenset(
    "md do rn np pa phd pharmd lpn lvn cna cnm crna aprn dnp fnp bc anp acnp msn bsn msw lcsw licsw dds dmd "
    "dpm dpt otr rd rrt slp ccc mbbs facc facs facp faap mph cma emt rph rnc ccrn cns nnp pnp cpnp lmsw lmft "
    "lpc lcpc ccm cdces cde rdn psyd".split()
)


def _results(recognizer: _NameRecognizer, hits: Iterator[Hit]) -> list[RecognizerResult]:
    out = []
    seen = set()
    for h in hits:
        if h.end <= h.start or (h.start, h.end) in seen:
            continue
        seen.add((h.start, h.end))
        out.append(
            RecognizerResult(
                entity_type="NAME",
                start=h.start,
                end=h.end,
                score=h.score,
                recognition_metadata={
                    RecognizerResult.RECOGNIZER_NAME_KEY: recognizer.NAME,
                    RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: recognizer.id,
                    PATTERN_KEY: h.rule,
                },
            )
        )
    return out


@lru_cache(maxsize=2)
def _scanner(text: str) -> _Scanner:
    # both name recognizers read the same note one after the other: tokenize it once
    return _Scanner(text)


class _NameRecognizer(LocalRecognizer):
    NAME: ClassVar[str] = ""
    DESCRIPTION: ClassVar[str] = ""

    def __init__(self, config: Config | None = None):
        self.config = config
        _lex()  # load the lexicons now, not on the first note
        super().__init__(supported_entities=["NAME"], name=self.NAME, supported_language="en")

    def load(self) -> None:
        pass

    def hits(self, scanner: _Scanner) -> Iterator[Hit]:
        raise NotImplementedError

    def analyze(self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None) -> list[RecognizerResult]:
        if entities and "NAME" not in entities:
            return []
        return _results(self, self.hits(_scanner(text)))


class NameContextRecognizer(_NameRecognizer):
    """Names introduced by a title, role, label, credential, signature or "LAST, FIRST"."""

    NAME = "name_context"
    DESCRIPTION = "names after titles/roles/labels, before credentials, in signatures, LAST, FIRST"

    def hits(self, scanner: _Scanner) -> Iterator[Hit]:
        found = list(scanner.context_hits())
        # names the lexicon is sure of also tell us how this note writes its names
        seeds = found + [h for h in scanner.lexicon_hits() if h.score >= 0.75]
        found += scanner.nickname_hits(seeds)
        return iter(found + list(scanner.repeated_hits(seeds + found)))


class NameLexiconRecognizer(_NameRecognizer):
    """Names recognised by the 1990 US Census lists (first + surname/initial, unambiguous names)."""

    NAME = "name_lexicon"
    DESCRIPTION = "Census first names and surnames that are not also common words"

    def hits(self, scanner: _Scanner) -> Iterator[Hit]:
        return scanner.lexicon_hits()


def is_brand_doctor(text: str, start: int, end: int) -> bool:
    """True for "Dr. Scholl's"-style product names spanning text[start:end] (used by NER)."""
    m = re.match(r"(?:dr\.?\s+)?([^\W\d_]+)(?:'s|’s)?$", text[start:end], re.I)
    if not m or _fold(m.group(1)).removesuffix("s") not in {k.removesuffix("s") for k in _BRAND_DOCTORS}:
        return False
    rest = text[end : end + 3]
    if not (_possessive(rest[:2]) or _possessive(text[start:end])):
        return False
    nxt = re.match(r"(?:'s|’s)?\s+([a-z]+)", text[end : end + 30], re.I)
    return not (nxt and nxt.group(1).lower() in _PERSON_AFTER_POSSESSIVE)
