"""spaCy named-entity recognition, filtered for clinical text.

en_core_web_sm tags eponyms ("Parkinson"), devices ("Foley") and abbreviations ("EF",
"CHF") as PERSON or ORG. We keep PERSON, GPE/LOC and FAC, keep ORG only when it names a
care facility, and drop anything on the clinical allow list unless a title or role word
right before it says it is a person.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from presidio_analyzer import LocalRecognizer, RecognizerResult
from redactphi.recognizers.base import PATTERN_KEY, place_follows
from redactphi.recognizers.locations import DEPT_WORDS, EPONYM_AFTER, generic_name_after_cue
from redactphi.recognizers.names import (
    EPONYM_NOUNS,
    NAME,
    UNKNOWN,
    WORD,
    WORDNAME,
    classify_span,
    is_brand_doctor,
    is_technical,
)

from redactphi import vocabulary
from redactphi.lexicons import census_first_names, city_names, clinical_terms, everyday_words, us_states
from redactphi.pipeline.casing import caseless, mixed_case_line

if TYPE_CHECKING:
    from presidio_analyzer.nlp_engine import NlpArtifacts

    from redactphi.config import Config

#: spaCy label -> our entity (ORG is judged separately).
LABELS = {"PERSON": "NAME", "GPE": "LOCATION", "LOC": "LOCATION", "FAC": "FACILITY", "ORG": "FACILITY"}
# A spaCy ORG span is kept only when it holds a care-facility word.
_FACILITY_WORDS = vocabulary.words_regex(vocabulary.NER_ORG_FACILITY_LIST, re.I)
# Strong person context right before a span: a title or a family role. ("with", "by"
# and "per" are too weak: "with Hodgkin lymphoma", "per Glasgow criteria"; so is "pt":
# "PT BECAME AGITATED".)
_TITLE_BEFORE = re.compile(
    rf"(?:\b{vocabulary.alternation(vocabulary.SHORT_TITLE_LIST + vocabulary.NER_EXTRA_TITLE_LIST)}\.?"
    rf"|\b{vocabulary.alternation(vocabulary.NER_STRONG_PERSON_CUE_LIST)})\s*$",
    re.I,
)
# Facility words that may complete a generic proper name ("General Hospital").
_GENERIC_HEADS = vocabulary.GENERIC_FACILITY_HEADS
_ROMAN = re.compile(r"(?:i{1,3}|iv|v|vi{1,3}|ix|x)", re.I)


# Words spaCy often pulls into a PERSON span ("Daughter Hope", "Dr Alvarez") that are
# not part of the name: trimmed off the edges so they stay readable.
_EDGE_WORDS = re.compile(
    r"^(?:(?:dr|mr|mrs|ms|miss|mx|prof|rev|sr|daughter|son|wife|husband|mother|father|sister|brother|dtr|dau|"
    r"patient|pt|nurse|rn|np|pa|md|do|attending|resident|fellow|dear|hi|hello|per|called|spoke|with)\b\.?\s*)+",
    re.I,
)


# Credentials after a name stay readable ("Kim Nguyen NP" -> "[NAME] NP").
# Robustness (issue 9): (?<![\s,]) makes a search start only where a run of separators
# starts; from every position inside a long run of blanks it was quadratic.
_TRAILING_CREDENTIALS = re.compile(rf"(?<![\s,])(?:[\s,]+{vocabulary.alternation(vocabulary.NER_TRAILING_CREDENTIAL_LIST)}\.?)+$")


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    # The small model runs entities across line breaks ("... Practice - Progress Note\nDate");
    # in a note a line break ends a name or a place.
    nl = text.find("\n", start, end)
    if nl != -1:
        end = nl
    # ... and so does a separator: "Endocrinology Clinic - Follow-up Visit"
    sep = re.search(r"\s[-–|]\s", text[start:end])
    if sep:
        end = start + sep.start()
    m = _TRAILING_CREDENTIALS.search(text, start, end)
    if m and m.start() > start:
        end = m.start()
    m = _EDGE_WORDS.match(text, start, end)
    if m and m.end() > start:
        start = m.end()
    while end > start and text[end - 1] in " .,;:-'\"":
        end -= 1
    if text[start:end].lower().endswith("'s"):
        end -= 2
    return start, end


_MEDICAL_SUFFIX = re.compile(r"(?:ic|al|ous|ive|ia|osis|itis|ectomy|otomy|emia|opathy|ology|plasty|scopy|gram|ine|ide|ol)$")


def _caseless(value: str) -> bool:
    """No lower-case or no upper-case letters: case says nothing about this span (the
    shared caseless test with no minimum length: a span is short)."""
    return caseless(value, min_letters=0, upper_share=1.0)


def _known_place(value: str) -> bool:
    """Does ``value`` contain a city or state the lexicons know ("DENVER GENERAL")?"""
    words = re.findall(r"[a-z][a-z'’.\-]*", value.lower())
    cities, states = city_names(), us_states()
    for i in range(len(words)):
        for j in range(i + 1, min(len(words), i + 4) + 1):
            phrase = " ".join(words[i:j])
            if phrase in cities or phrase in states:
                return True
    return False


def _upper_text(text: str) -> bool:
    letters = [c for c in text[:2000] if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) > 0.8 * len(letters)


class SpacyNerRecognizer(LocalRecognizer):
    """Names, places and facilities from spaCy NER, with a clinical precision guard."""

    NAME = "spacy_ner"
    NEEDS_NLP = True
    DESCRIPTION = "spaCy NER (PERSON, GPE/LOC, FAC, care-facility ORG) minus clinical terms"
    ENTITIES = ("NAME", "LOCATION", "FACILITY")

    def __init__(self, config: Config | None = None):
        self.config = config
        self._allow = clinical_terms()
        super().__init__(supported_entities=list(self.ENTITIES), name=self.NAME, supported_language="en")

    def load(self) -> None:
        pass

    def analyze(self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None) -> list[RecognizerResult]:
        if nlp_artifacts is None:
            return []
        results = []
        for ent in nlp_artifacts.entities:
            label = ent.label_
            entity = LABELS.get(label)
            if entity is None or (entities and entity not in entities):
                continue
            start, end = _trim(text, ent.start_char, ent.end_char)
            if start >= end:
                continue
            value = text[start:end]
            score = self._judge(text, start, end, value, label)
            if score is None:
                continue
            results.append(
                RecognizerResult(
                    entity_type=entity,
                    start=start,
                    end=end,
                    score=score,
                    recognition_metadata={
                        RecognizerResult.RECOGNIZER_NAME_KEY: self.NAME,
                        RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
                        PATTERN_KEY: f"spacy {label}",
                    },
                )
            )
        return results

    @staticmethod
    def _thing_not_person(text: str, start: int, end: int) -> bool:
        """"divided with the Bovie", "enteric tube (Dobbhoff)": after an article, or a
        single unknown word in brackets after a noun, spaCy's PERSON is a device or drug."""
        before = text[max(0, start - 12) : start]
        if re.search(r"\b(?:the|a|an)\s+$", before, re.I):
            return True
        if re.search(r"[a-z]\s*\($", before) and text[end : end + 1] == ")" and " " not in text[start:end]:
            toks = classify_span(text, start, end)
            return not any(t.kind == NAME for t in toks)
        return False

    def _person_words_ok(self, text: str, start: int, end: int) -> bool:
        """Does an untitled PERSON span look like a name by its words and what follows?"""
        nxt = re.match(r"(?:'s|’s)?(?:-[A-Za-z]+)*\s+([A-Za-z]+)", text[end : end + 40])  # "Stevens-Johnson syndrome"
        if nxt and nxt.group(1).lower() in EPONYM_NOUNS:
            return False  # "Chaddock reflex", "Marfan syndrome"
        toks = classify_span(text, start, end)
        if not toks or all(t.kind == WORD or t.key in self._allow or _ROMAN.fullmatch(t.key) for t in toks):
            return False  # "Dispo", "Sleeps", "Stage III"
        if any(is_technical(t.key) for t in toks) and not any(t.kind == NAME for t in toks):
            return False  # "Nipride dc'd", "SBP max", "Off Neo": a drug or abbreviation and no real name
        if all(t.kind in (WORD, WORDNAME) for t in toks) and toks[0].key in self._allow and not toks[0].first:
            return False  # "Glasgow Coma Scale": words and an eponym, no real name
        if toks[0].caseless or text[start:end].isupper():
            # NER guesses on upper-case text; believe it only for a Census name
            return any(t.kind == NAME for t in toks)
        if len(toks) >= 2 and all(t.kind in (WORD, WORDNAME) for t in toks) and not any(t.first for t in toks):
            return False  # "Swallow Study", "Care Note": words that are also surnames, and no first name
        if any(t.text.isupper() and 2 <= len(t.text) <= 5 and t.kind != NAME for t in toks) and mixed_case_line(text, start, end):
            return False  # "LLL Pnx", "SBP max", "Check CK": an abbreviation among ordinary mixed-case words
        if len(toks) == 1 and toks[0].kind == WORDNAME and re.search(r"(?:^|[.!?:;]\s+|\n\s*)$", text[max(0, start - 4) : start]):
            return False  # "Alert, oriented x2": a word-name capitalised only by its sentence
        return any(t.kind in (NAME, UNKNOWN) or t.lex for t in toks)

    def _judge(self, text: str, start: int, end: int, value: str, label: str) -> float | None:
        if not any(c.isalpha() for c in value):
            return None
        if label == "ORG" and not _FACILITY_WORDS.search(value):
            return None
        tail = re.findall(r"[A-Za-z]+", value)
        if label in ("ORG", "FAC") and tail and tail[-1].lower() in vocabulary.DOCUMENT_TAILS:
            return None  # "CCU Nursing Progress Note", "Health Care Proxy": a document or a role
        titled = bool(_TITLE_BEFORE.search(text[max(0, start - 20):start]))
        if label in ("ORG", "FAC") and not titled:
            # "Heart Failure Clinic", "the Cancer Center": a department or a kind of place,
            # unless a generic-sounding proper name follows "at"/"to" ("to General Hospital")
            words = [w.lower() for w in re.findall(r"[A-Za-z][A-Za-z'’\-]*", value) if w.lower() not in ("and", "of", "&")]
            if all(w in DEPT_WORDS or w in self._allow for w in words) and not _known_place(value):
                if not generic_name_after_cue(text, start, words, _GENERIC_HEADS):
                    return None
        if _caseless(value):
            # spaCy read a re-cased copy (casing.py), so the capitals it saw are our guess:
            # a place must be one the lexicons know, a facility must have a name word
            if label in ("GPE", "LOC") and not _known_place(value):
                return None
            if label in ("ORG", "FAC") and not any(t.kind in (NAME, UNKNOWN) for t in classify_span(text, start, end)):
                if not _known_place(value):
                    return None
        words = [w for w in re.findall(r"[A-Za-z][A-Za-z'\-]*", value)]
        core = [w.lower().removesuffix("'s") for w in words]
        if not titled and core and all(w in self._allow for w in core):
            return None
        if label == "PERSON":
            return self._judge_person(text, start, end, value, titled)
        if label != "ORG" and any(c.isdigit() for c in value):
            return None  # "ACC-123456" tagged GPE: places are words, identifiers have their own recognizers
        if label in ("GPE", "LOC") and not titled and not self._place_ok(text, start, end, value):
            return None
        return 0.7

    def _judge_person(self, text: str, start: int, end: int, value: str, titled: bool) -> float | None:
        """A PERSON span: not a unit, shorthand, thing or brand; a title settles it."""
        if any(c.isdigit() for c in value) or re.search(r"[/(+]| - ", value) or text[start - 1 : start] == "/":
            return None  # "mcg/dL", "MT(ASCP)", "RVP + influenza A": units, credentials, lists
        if re.fullmatch(r"[A-Z][a-z][A-Z]{2,}[a-z]*", value):
            return None  # "EtOH", "SpO": shorthand spelled with inner capitals
        if not titled and self._thing_not_person(text, start, end):
            return None
        if not titled and not any(c.isupper() for c in value):
            return None
        if is_brand_doctor(text, start, end):
            return None
        if not titled and not self._person_words_ok(text, start, end):
            return None
        return 0.85

    def _place_ok(self, text: str, start: int, end: int, value: str) -> bool:
        """An untitled GPE/LOC span: capitalised, not an abbreviation, a word or an eponym."""
        # Place names are capitalised; the small model tags "anesthesia" or "bariatric"
        # as GPE in questions. Short all-caps tokens in mixed-case text are scores and
        # abbreviations ("MELD", "NC"); states in addresses have their own recognizer.
        if not any(c.isupper() for c in value):
            return False
        if len(value) <= 4 and value.isupper() and not _upper_text(text):
            return False
        # One word the model calls a place that no gazetteer knows, and that reads as
        # an English or medical word ("Bariatric surgery" at a sentence start), is not one.
        word = value.strip().lower()
        if word in us_states() and not place_follows(text, end, _FACILITY_WORDS) \
                and (word not in census_first_names() or re.search(r"\b(?i:in|to|from|of)\s+$", text[max(0, start - 6):start])):
            # "a sister in Ohio": a state is no smaller place, unless a facility's name
            # follows; "Georgia", "Virginia" are first names too unless a place word precedes
            return False
        if "-" in word and word not in city_names():
            return False  # "Solu-Cortef": hyphenated towns are in the gazetteer
        if " " not in word and word not in city_names() and word not in us_states():
            if word in everyday_words() or _MEDICAL_SUFFIX.search(word):
                return False
        # "Framingham risk score", "Denver shunt": an eponym, not a place
        after = re.match(r"[\s\-]*([A-Za-z]+)", text[end:end + 30])
        if after and after.group(1).lower() in EPONYM_AFTER:
            return False
        return True
