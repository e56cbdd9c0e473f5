"""The learned PHI tagger (a CRF trained on surrogate-augmented notes) as a recognizer.

It reads context and shape rather than word lists, so it finds names, places and dates
the rules have no lexicon hit or pattern for ("seen by dr quon", "from Bellmont via med
flight"). Its spans join the rules' by union (resolve merges overlaps: recall first),
with one deliberate veto: a span made only of clinical vocabulary (drug, device,
eponym, shorthand) or only of common English words is dropped unless the model is very
sure, because those are the tagger's typical false positives in nursing shorthand.

No spaCy needed: it runs under ``--engine rules`` too. The model is package data, loaded
once per process (``redactphi.tagger.load_model``); a missing model is an error naming
what to reinstall, never a silent fall-back.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence
from functools import cache
from typing import TYPE_CHECKING, Any

from presidio_analyzer import LocalRecognizer, RecognizerResult
from redactphi.recognizers.base import PATTERN_KEY, place_follows
from redactphi.recognizers.dates import ClinicalDateRecognizer

from redactphi import vocabulary
from redactphi.lexicons import (
    census_first_names,
    census_last_names,
    clinical_terms,
    everyday_words,
    ordinary_words,
    us_states,
)
from redactphi.pipeline.casing import mixed_case_line
from redactphi.tagger import LABEL_ENTITY, TaggerModel, TokenPhi, load_model
from redactphi.wordclass import NAME, UNKNOWN, classify_word, misspelled_word, one_edit_away

if TYPE_CHECKING:
    from pathlib import Path

    from presidio_analyzer.nlp_engine import NlpArtifacts

    from redactphi.config import Config

_WORD = re.compile(r"[^\W\d_]+")
# A place the tagger finds is a facility when it holds a facility word.
_FACILITY = vocabulary.words_regex(vocabulary.TAGGER_FACILITY_LIST, re.I)
SCORE_SCALE = 0.85
# A noun after which a name is an eponym ("Chaddock reflex", "Denver shunt"), less the
# words that also follow a place's name ("Kellbridge unit", "Ostrander area").
_EPONYM_AFTER = (vocabulary.EPONYM_AFTER_PLACE | vocabulary.EPONYM_NOUNS) - {
    "unit", "units", "area", "zone", "space", "spaces", "point", "points", "approach", "line", "lines", "position"}
_EDGE = " \t.,;:-'\"()[]/"


@cache
def _census_names() -> frozenset[str]:
    return census_first_names() | census_last_names()


def judge_span(text: str, start: int, end: int, label: str, prob: float, decision: dict[str, Any]) -> tuple[int, int, str] | None:
    """The veto and trimming of one tagger span: ``(start, end, entity)`` or ``None``."""
    cell = re.search(r"[\t|\n]", text[start:end])
    if cell:
        end = start + cell.start()  # a value ends at a table cell or line: "CLM-22\t$120.00"
    while start < end and text[start] in _EDGE:
        start += 1
    while end > start and text[end - 1] in _EDGE:
        end -= 1
    if start >= end:
        return None
    if label in ("DATE", "AGE", "PHONE", "ID"):
        # "12345678 seen", "5th metatarsal": a word at the edge of a number is not part of it
        start, end = _trim_words(text, start, end, keep_months=label == "DATE")
        if start >= end:
            return None
    value = text[start:end]
    entity = LABEL_ENTITY.get(label, "ID")
    if label == "PHONE" and sum(c.isdigit() for c in value) < 4:
        return None  # "412" in a table: no phone, extension-only or pager has fewer than 4 digits
    words = [w.lower() for w in _WORD.findall(value)]
    if label in ("NAME", "LOC"):
        if not words:
            return None  # a name or place has letters; numbers belong to other types
        clin = clinical_terms()
        if all(w in clin for w in words):
            return None  # "FOLEY", "Levo": clinical vocabulary alone is never a name
        sure = float(decision.get("common_word_min_prob", 0.9))
        if prob < sure and not (label == "LOC" and _named_place(text, start, end, value)):
            if len(value) == 1:
                return None  # a lone letter ("S" for sinus rhythm) is shorthand unless the model is sure
            if label == "NAME" and len(words) == 1 and _cased_unlike_a_name(text, start, end, value):
                return None  # "SIADH", "kaltostat" in a line of ordinary capitals: shorthand, a drug
            common = everyday_words()
            names = _census_names() if label == "NAME" else frozenset()
            # (A word that is also a surname, "COUGH" or "LONG" in capitals, stays: dropping
            # those removed a real surname in held-out notes and no false positive there.)
            # a facility word is the place's kind, not its name: judge the other words
            # ("ASHCOMBE HOSPITAL" by ASHCOMBE)
            named = [m for m in _WORD.finditer(value) if label != "LOC" or not _FACILITY.fullmatch(m.group())]
            named = named or list(_WORD.finditer(value))
            core = [m.group().lower() for m in named]
            ordinary = [(w in common or w in clin) and w not in names for w in core]
            typos = [_typo(text, start + m.start(), m.group()) for m in named]
            if all(o or t for o, t in zip(ordinary, typos, strict=True)):
                return None  # "PLAN", "CONT", "greeen": ordinary words (or typos of one) the model is unsure about
            if len(core) >= 2 and 2 * sum(ordinary) >= len(core):
                return None  # "gentle boluses", "high chol": a phrase of words, not a name
        if label == "LOC" and prob < sure and _next_word(text, end) in _EPONYM_AFTER:
            return None  # "the Chaddock reflex", "a Denver shunt": an eponym, not a place
        if label == "LOC" and _state_alone(words) and not place_follows(text, end, _FACILITY):
            # "back to Nebraska": a state is no smaller place (Safe Harbor keeps states),
            # unless it begins a facility's name ("Ohio Rehab") or ends an address (before a ZIP)
            return None
        if label == "LOC" and _FACILITY.search(value):
            entity = "FACILITY"
    if label == "DATE":
        if not _plausible_date(value):
            return None  # "99/49", "15/50": blood pressures and ratios have a date's shape
        if re.fullmatch(r"\d+/\d+(?:/\d+)?", value) and ClinicalDateRecognizer._setting(text, start, end, value):
            return None  # "PS 12/5", "IMV 12/600": the date rules' judgement of settings, shared
        if re.fullmatch(r"\d{1,2}/\d{1,2}", value) and ClinicalDateRecognizer.judge_bare_md(text, start, end, value, "/", by_shape=False) is None:
            return None  # "8/10 pain", "strength 4/5": the date rules' judgement of the words around a fraction
        if _FRACTION_BEFORE.search(text, 0, start) or _FRACTION_AFTER.match(text, end):
            return None  # "38 2/7 weeks", "1/2-3/4 tab": a mixed number or a range of fractions
        if _ORDINAL.fullmatch(value) and not (_MONTH_NEAR.search(text[max(0, start - 12):start]) or _MONTH_NEAR.match(text[end:end + 12].lstrip(" of"))):
            return None  # "the 5th metatarsal", "3rd day": an ordinal alone is a date only beside a month
    if label == "NAME":
        end = _name_continues(text, end)
    return start, end, entity


_NEXT_WORD = re.compile(r" ([A-Z][a-z'’\-]+)(?![\w'’\-])")


def _name_continues(text: str, end: int) -> int:
    """"Brandywell Castellane admitted": a capitalised word right after a name, that no
    list knows as anything but a name, is its surname; the model sometimes stops at the
    first of two unknown words. Mixed-case prose only (in capitals every word qualifies)."""
    m = _NEXT_WORD.match(text, end)
    if m is None or not mixed_case_line(text, end, m.end()):
        return end
    _, _, _, kind = classify_word(m.group(1))
    return m.end() if kind in (NAME, UNKNOWN) and not misspelled_word(m.group(1)) else end


_SAINT = re.compile(r"(?i)(?:st|ste|saint)\b")
_NAME_TO_FACILITY = re.compile(r"(?:['’]s)?[ \t\-]*")
_PLACE_CUE_BEFORE = re.compile(r"\b(?i:to|at|from|in|into|via)[ \t]+(?i:the[ \t]+)?$")


def _named_place(text: str, start: int, end: int, value: str) -> bool:
    """Does a place span read as a proper name, whatever its words ("Sparrow Glen",
    "MEADOW HOSPITAL", "St. Brigid's")? A facility word in it or right after it, a saint's title
    before it, or capitalised words mid-sentence in a mixed-case line. Facility names are
    made of everyday words, so the everyday-word veto must not apply to them."""
    if _SAINT.match(value):
        return True
    words = [w for w in _WORD.findall(value) if not _FACILITY.fullmatch(w)]
    if not words or any(w.lower() in vocabulary.DEPARTMENT_WORDS or w.lower() in clinical_terms() for w in words):
        return False  # "Heart Failure Clinic", "the Cancer Center": which department, not which place
    gap = _NAME_TO_FACILITY.match(text, end)
    if _FACILITY.match(text, gap.end() if gap else end) and _PLACE_CUE_BEFORE.search(text, max(0, start - 12), start):
        return True  # "TAKEN TO MEADOW HOSPITAL" (not "PRIOR HOSP STAY")
    if not all(w.istitle() for w in words) or _sentence_start(text, start):
        return False
    return mixed_case_line(text, start, end)


def _sentence_start(text: str, start: int) -> bool:
    """Does ``start`` begin a sentence or a line (where any word is capitalised)?"""
    return re.search(r"(?:^|[.!?:;]\s*|\n\s*)$", text[max(0, start - 3):start]) is not None


def _typo(text: str, start: int, word: str) -> bool:
    """Is ``word`` (at ``start``) one letter off a long everyday or clinical word, and not
    written as a name would be (capitalised mid-sentence: "Mariel" is a name, not "marvel")?"""
    if word.istitle() and not _sentence_start(text, start):
        return False
    return misspelled_word(word)


def _cased_unlike_a_name(text: str, start: int, end: int, value: str) -> bool:
    """Is a one-word value all capitals or all lower case in a line written in ordinary
    mixed case, where a name would be capitalised ("Dr. Lund saw him")? In an upper- or
    lower-case line the case says nothing."""
    return (value.isupper() or value.islower()) and mixed_case_line(text, start, end)


def _state_alone(words: list[str]) -> bool:
    """Are these words (lower case) a US state's name, or one letter off it ("conneticut")?"""
    name = " ".join(words)
    states = us_states()
    if name in states:
        return True
    # a span far longer than any state is none (and its edits would cost its length squared)
    return 7 <= len(name) <= max(map(len, states)) + 1 and one_edit_away(name, states)


_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_MONTH_NEAR = re.compile(rf"(?i)\b{_MONTH}\s*$|^{_MONTH}\b")
_ORDINAL = re.compile(r"(?i)\d{1,2}(?:st|nd|rd|th)")
_FRACTION_BEFORE = re.compile(r"(?:\d\s+|\d/\d+\s*-\s*)$")
_FRACTION_AFTER = re.compile(r"\s*-\s*\d+/\d")
_WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun".split())


def _next_word(text: str, end: int) -> str:
    """The word right after ``end`` (past spaces and a hyphen), lower case, or ''."""
    m = re.match(r"[\s\-]*([A-Za-z]+)", text[end:end + 30])
    return m.group(1).lower() if m else ""


def _trim_words(text: str, start: int, end: int, keep_months: bool) -> tuple[int, int]:
    """Drop whole words from both ends of a numeric span: any word but a month or weekday
    from a date, ordinary (common or clinical) words from the other types."""
    ordinary = ordinary_words()

    def droppable(word: str) -> bool:
        w = word.lower()
        if keep_months:  # a date's words are months and weekdays, nothing else
            return not (re.fullmatch(_MONTH, w) or w in _WEEKDAYS)
        return w in ordinary or len(w) <= 2  # "55102938  x": a stray letter after a number

    while True:
        m = re.match(r"([^\W\d_]+)\s+", text[start:end])
        if not m or not droppable(m.group(1)):
            break
        start += m.end()
    while True:
        m = re.search(r"\s+([^\W\d_]+)$", text[start:end])
        if not m or not droppable(m.group(1)):
            break
        end = start + m.start()
    return start, end


_SLASHED = re.compile(r"(\d{1,2})[/-](\d{1,2})(?:[/-](\d{2,4}))?")


_DATE_WORD = re.compile(rf"(?i){_MONTH}|st|nd|rd|th|of|the|and|to|through|thru|at|on|am|pm|[tz]")
_DOTTED = re.compile(r"\d{1,2}\.\d{1,2}\.\d{2,4}")


def _plausible_date(value: str) -> bool:
    """Is a value the model calls a date written like one? A numeric d/d or d/d/y must be
    a month and a day (month first when there is no year: a bare "21/2" is a ratio in a US
    note); at most three numbers ("7.44-52-69-36" is a blood gas), no decimals but a dotted
    date ("27.7- 28.1"), and letters glued to the numbers only as months, weekdays or
    ordinals ("15cmH20", "ACx14", "dec fio2" are settings)."""
    if any(c.isdigit() for c in value):
        if len(re.findall(r"\d+", value)) > 3:
            return False
        if re.search(r"\d\.\d", value) and not _DOTTED.search(value):
            return False
        for word in re.finditer(r"[^\W\d_]+", value):
            glued = value[word.start() - 1:word.start()].isdigit() or value[word.end():word.end() + 1].isdigit()
            if glued and not (_DATE_WORD.fullmatch(word.group()) or word.group().lower() in _WEEKDAYS):
                return False  # "15cmH20", "ACx14", "fio2": letters glued to the numbers
    m = _SLASHED.fullmatch(value)
    if m is None:
        return True
    a, b = int(m.group(1)), int(m.group(2))
    if m.group(3) is None:  # no year: month first, then a day or ("8/88") a two-digit year
        return 1 <= a <= 12 and (1 <= b <= 31 or (len(m.group(2)) == 2 and "/" in value))
    return (1 <= a <= 12 and 1 <= b <= 31) or (1 <= b <= 12 and 1 <= a <= 31)



def tagger_results(text: str, model: TaggerModel, recognizer_id: str = "phi_tagger",
                   threshold: float | None = None) -> list[RecognizerResult]:
    """Tagger spans of ``text`` after the veto, as Presidio results (also used by the CV harness)."""
    return judged_results(text, model.predict(text, threshold), model, recognizer_id)


def judged_results(text: str, spans: list[tuple[int, int, str, float]], model: TaggerModel,
                   recognizer_id: str = "phi_tagger") -> list[RecognizerResult]:
    """The model's raw ``spans`` of ``text`` through :func:`judge_span`, as Presidio results."""
    decision = model.provenance.get("decision", {})
    out = []
    for start, end, label, prob in spans:
        judged = judge_span(text, start, end, label, prob, decision)
        if judged is None:
            continue
        s, e, entity = judged
        out.append(
            RecognizerResult(
                entity_type=entity,
                start=s,
                end=e,
                # 0.85 x probability: above the score threshold (prob >= token threshold
                # 0.5), below the rules' 0.95, so where both fire the rule's label and name win
                score=round(SCORE_SCALE * prob, 4),
                recognition_metadata={
                    RecognizerResult.RECOGNIZER_NAME_KEY: PhiTaggerRecognizer.NAME,
                    RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: recognizer_id,
                    PATTERN_KEY: f"crf {label}",
                },
            )
        )
    return out


# -- the tagger as a second opinion on weak name evidence --------------------------------
# Some name rules fire on shape or on a lexicon alone: spaCy's NER (a capitalised
# word in shorthand: "Alert", "Bld", "Contiue"), a word after a loose cue ("PT ASKED TO
# GARGLE"), an initial before a listed surname. Where the tagger, reading the same
# context, gives every token of such a detection less than VETO_BELOW probability of
# being PHI, the detection is dropped. Names only: the tagger knows names far better than
# places (its place recall is about half its name recall), and vetoing spaCy's places,
# addresses or "first name, surname" lost real places and names on our blind and
# synthetic corpora. Strong patterns (a title, a transfer verb, a date's or a phone's
# shape, initials before a credential: "JKL RN" signs a note) are never put to the
# tagger. (recognizer name, pattern name) pairs:
WEAK_EVIDENCE: frozenset[tuple[str, str]] = frozenset({
    ("spacy_ner", "spacy PERSON"),
    ("name_context", "name after cue"),
    ("name_context", "name seen before"),
    ("name_context", "last, first"),
    ("name_lexicon", "initial, surname"),
})
#: Chosen on PhysioNet folds 0-2 scored by a model trained without them (0.01 lost no
#: span there; 0.02 lost one).
VETO_BELOW = 0.01


def weak_evidence(result: RecognizerResult) -> bool:
    """Is ``result``'s recognizer and pattern a pair in :data:`WEAK_EVIDENCE`?"""
    meta = result.recognition_metadata or {}
    return (str(meta.get(RecognizerResult.RECOGNIZER_NAME_KEY, "")), str(meta.get(PATTERN_KEY, ""))) in WEAK_EVIDENCE


def tagger_disagrees(result: RecognizerResult, probs: Sequence[TokenPhi], floor: float = VETO_BELOW) -> bool:
    """Does the tagger give every token ``result`` covers less than ``floor`` P(PHI)?
    (A detection covering no token of the tagger's is not judged.)"""
    seen = False
    for tok in _tokens_within(probs, result.start, result.end):
        if tok.phi >= floor:
            return False
        seen = True
    return seen


def _tokens_within(probs: Sequence[TokenPhi], start: int, end: int) -> Iterator[TokenPhi]:
    """The tokens of ``probs`` (sorted by offset) that overlap ``[start, end)``."""
    i = bisect.bisect_left(probs, start + 1, key=lambda t: t.end)
    while i < len(probs) and probs[i].start < end:
        yield probs[i]
        i += 1


class PhiTaggerRecognizer(LocalRecognizer):
    """Names, places, dates, ages, phones and IDs from the learned CRF tagger."""

    NAME = "phi_tagger"
    DESCRIPTION = "learned CRF tagger (context and shape, surrogate-augmented training), clinical vetoes"
    ENTITIES = ("NAME", "LOCATION", "FACILITY", "DATE", "AGE", "PHONE", "ID")

    def __init__(self, config: Config | None = None, model_dir: Path | str | None = None):
        self.config = config
        disabled = config is not None and self.NAME in config.disabled_recognizers
        # Load now, so a missing model fails when the engine is built, before any note.
        self._model: TaggerModel | None = None if disabled else load_model(model_dir)
        self._last: tuple[str, list[TokenPhi]] = ("", [])
        super().__init__(supported_entities=list(self.ENTITIES), name=self.NAME, supported_language="en")

    def load(self) -> None:
        pass

    def analyze(self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None) -> list[RecognizerResult]:
        if self._model is None:
            return []
        spans, probs = self._model.predict_with_probs(text)
        self._last = (text, probs)
        results = judged_results(text, spans, self._model, self.id)
        if entities:
            results = [r for r in results if r.entity_type in entities]
        return results

    def veto(self, text: str, results: list[RecognizerResult]) -> list[RecognizerResult]:
        """``results`` (every recognizer's, for ``text``) less the weak evidence the
        tagger disagrees with (see :data:`WEAK_EVIDENCE`). The token probabilities are
        the ones :meth:`analyze` computed for the same text."""
        if self._model is None:
            return results
        weak = [r for r in results if weak_evidence(r)]
        if not weak:
            return results
        last_text, probs = self._last
        if last_text != text:  # analyze() always runs first in Presidio; this is for other callers
            probs = self._model.predict_with_probs(text)[1]
        dropped = {id(r) for r in weak if tagger_disagrees(r, probs)}
        return [r for r in results if id(r) not in dropped]
