"""Care facilities named by a facility word ("Hospital", "Apothecary"), saints' names,
well-known health systems and chain pharmacies."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from presidio_analyzer import RecognizerResult
from redactphi.recognizers.base import RegexRecognizer, Rx, words_before
from redactphi.recognizers.locations._shared import (
    _CONNECTORS,
    _LEAD_TRIM,
    _SENTENCE_WORDS,
    _ST,
    _STATE_ABBRS,
    _STATE_NAMES,
    _WEAK_HEADS,
    CITY_ABBRS,
    DEPT_WORDS,
    FACILITY_HEAD,
    KNOWN_AMBIGUOUS,
    KNOWN_SYSTEMS,
    generic_name_after_cue,
)
from redactphi.recognizers.names import everyday_word

from redactphi.lexicons import city_names, clinical_terms, common_words, us_states
from redactphi.pipeline.casing import cased_copy

if TYPE_CHECKING:
    from presidio_analyzer.nlp_engine import NlpArtifacts

_HEAD = FACILITY_HEAD
# Capitalised words (or "&", "of", "and") leading up to the head word.
# Robustness (issue 9): a lone "-" is no longer a separator between words. The words
# already take hyphens ("Dartmouth-Hitchcock"), and a word-or-separator choice at every
# "-" made "Aaaa-Aaaa-..." take exponential time (300 characters: 51 s).
_FAC = rf"(?<![\w'’.&\-])(?P<value>(?:(?:[A-Z][\w'’.\-]*|&)(?:[ \t]+(?:of|and|the|for|at|on|de|la)[ \t]+|[ \t]*&[ \t]*|[ \t]+)){{1,6}}(?=[A-Z])(?i:{_HEAD}))(?![\w'’])"
_KNOWN_RX = r"(?:" + "|".join(re.escape(k) for k in sorted(KNOWN_SYSTEMS, key=len, reverse=True)) + r")"


_HEAD_RX = re.compile(rf"(?i:{_HEAD})")


def _head(value: str) -> re.Match[str] | None:
    """The shortest facility word(s) ending ``value`` ("Memorial Hospital" -> "Hospital")."""
    starts = [m.start() for m in re.finditer(r"\S+", value)]
    for pos in reversed(starts):
        m = _HEAD_RX.fullmatch(value, pos)
        if m:
            return m
    return None


# After matching, trimmed of leading words that are not the name (see FacilityRecognizer._trim).
_FACILITY_HEAD_WORD = Rx("facility head word", _FAC, 0.8, flags=0)


class FacilityRecognizer(RegexRecognizer):
    """Hospitals, clinics, nursing homes, pharmacies and other care sites by name."""

    NAME = "facility"
    ENTITY = "FACILITY"
    DESCRIPTION = "named care facilities (hospital, clinic, nursing home, pharmacy, St. X's, well-known systems)"
    PATTERNS = (
        _FACILITY_HEAD_WORD,
        # "the Cancer Center in Boston": a generic facility named by its city
        Rx("facility in city", rf"(?<![\w'’.&\-])(?P<value>(?=[A-Z])(?i:{_HEAD}))(?=[ \t]+in[ \t]+[A-Z])", 0.7, flags=0, check="check_in_city"),
        # St. Mary's, Saint Luke's Regional, Mt. Sinai, Our Lady of Lourdes
        Rx(
            "saint name",
            r"(?<![\w])(?P<value>(?:St\.?|Saint|Ste\.?|Mt\.?|Mount|ST\.?|SAINT|MT\.?|(?i:our[ \t]+lady[ \t]+of))[ \t]+[A-Z][A-Za-z]+(?:[’'][sS]?)?"
            r"(?:[ \t]+(?i:hospital|hosp\.?|medical[ \t]+center|health[ \t]+center|regional|health|clinic|medical|church|school|parish))*)(?![\w'’])",
            0.7,
            flags=0,
            check="check_saint",
        ),
        Rx("known system", rf"(?<![\w\-])(?P<value>{_KNOWN_RX}(?:[ \t]+(?i:med\.?|medical|med[ \t]+ctr\.?|medical[ \t]+center|hospital|health|clinic|medicine|campus|office|cancer[ \t]+center))?)(?![\w\-])", 0.75, flags=0, check="check_known_system"),
        # chain pharmacies with a store number: "Walgreens #2489", "CVS Pharmacy #1234"
        Rx("pharmacy store", r"(?<![\w])(?:walgreens|cvs(?:[ \t]+pharmacy)?|rite[ \t]+aid|walmart(?:[ \t]+pharmacy)?|kroger(?:[ \t]+pharmacy)?|costco(?:[ \t]+pharmacy)?|duane[ \t]+reade)(?:[ \t]*(?:store[ \t]*)?#?[ \t]*\d{2,6})?\b", 0.75, check="check_pharmacy_store"),
        # lower-case names after a cue: "sent to lakeside pharmacy", "at sacred heart hospital"
        Rx(
            "facility lower case",
            r"(?<![\w])(?:to|at|from|in)[ \t]+(?P<value>(?:[a-z][a-z'’.\-]+[ \t]+){1,5}(?:hospital|medical[ \t]+center|health[ \t]+center|pharmacy|apothecary|clinic|nursing[ \t]+home|hospice|manor))\b",
            0.6,
            flags=0,
            check="check_lower_case",
        ),
    )

    def __init__(self, config=None, patterns=None):  # type: ignore[no-untyped-def]
        super().__init__(config, patterns)
        self._clinical = clinical_terms()
        self._cities = city_names()

    def check_saint(self, text: str, match: re.Match[str], rx: Rx, start: int, end: int) -> float | None:
        """"St. Mary's": not sinus tachycardia ("HR 58 ST"), not St. John's wort."""
        value = text[start:end]
        if value.split()[0].isupper() and not _HEAD_RX.search(value):
            return None  # "HR 58 ST BP 114/87": sinus tachycardia, not a saint
        name = re.findall(r"[A-Za-z]+", value)[1:2]
        if name and name[0].lower() in _SENTENCE_WORDS and not _HEAD_RX.search(value):
            return None  # "HR 104 ST. NO ECTOPY": sinus tachycardia, then a sentence
        after = re.findall(r"[a-z]+", text[end:end + 20].lower())[:1]
        if after and after[0] in {"wort", "johnswort"}:
            return None  # St. John's wort
        return rx.score

    def check_pharmacy_store(self, text: str, match: re.Match[str], rx: Rx, start: int, end: int) -> float | None:
        """A chain pharmacy; a bare "CVS" only after a place cue."""
        value = text[start:end]
        if re.fullmatch(r"(?i:cvs)", value):
            # "CVS: HR 80s", "resp and cvs": the cardiovascular system in a review of systems
            before = words_before(text, start, 1)
            if re.match(r"[ \t]*[:;\-]", text[end:end + 3]) or not before or before[-1] not in {"at", "from", "to", "@", "via", "called", "the"}:
                return None
        return rx.score

    def check_known_system(self, text: str, match: re.Match[str], rx: Rx, start: int, end: int) -> float | None:
        """A well-known health system; one whose name is also a word needs a place cue."""
        value = text[start:end]
        first = value.split()[0].lower()
        if value.lower() in KNOWN_AMBIGUOUS or (first in KNOWN_AMBIGUOUS and len(value.split()) == 1):
            before = words_before(text, start, 1)
            if not value[:1].isupper() or not before or before[-1] not in {"at", "to", "from", "in", "@", "with", "by", "via"}:
                return None
        return rx.score

    def check_in_city(self, text: str, match: re.Match[str], rx: Rx, start: int, end: int) -> float | None:
        """"the Cancer Center in Boston": only when a known place follows."""
        return rx.score if self._extend_in_city(text, end) > end else None

    def check_lower_case(self, text: str, match: re.Match[str], rx: Rx, start: int, end: int) -> float | None:
        """"sent to lakeside pharmacy": the name must hold a word that is not a department's."""
        words = text[start:end].split()
        name = [w for w in words[:-1] if w not in {"medical", "health", "nursing", "of", "and"}]
        if not name or all(w in DEPT_WORDS or w in _LEAD_TRIM or w in self._clinical for w in name):
            return None
        return rx.score

    def analyze(self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None) -> list[RecognizerResult]:
        original = text
        text = cased_copy(text, nlp_artifacts)  # capitals are the evidence here; see casing.py
        out = []
        for rx, r in self.matches(text, entities):
            if rx is _FACILITY_HEAD_WORD:
                trimmed = self._trim(text, r.start, r.end)
                if trimmed is None:
                    continue
                r.start, r.end = trimmed
            if self._routine_phrase(original, r.start, r.end):
                continue
            r.end = self._extend_in_city(text, r.end)
            out.append(r)
        return out

    def _routine_phrase(self, original: str, start: int, end: int) -> bool:
        """"AWAIT AM LABS", "screening for rehab", "start sedation med.": a weak facility
        word after everyday or clinical words, in a line whose case says nothing."""
        value = original[start:end]
        words = re.findall(r"[A-Za-z][A-Za-z'’\-]*\.?", value)
        if not words or words[-1].lower() not in _WEAK_HEADS or not (value.isupper() or value.islower()):
            return False
        common = common_words()
        name = [w.lower().strip(".'’") for w in words[:-1]]
        line_start = original.rfind("\n", 0, start) + 1
        line_end = original.find("\n", end)
        letterhead = not original[line_start:start].strip() and not original[end:line_end if line_end >= 0 else None].strip()
        if len(name) > 3 or letterhead or any(w in self._cities for w in name):
            return False  # a longer name, or a letterhead line that is only the name
        if generic_name_after_cue(original, start, name):
            return False  # "SENT TO COUNTY GENERAL": a generic proper name after a place cue
        return all(w in common or everyday_word(w) or w in DEPT_WORDS or w in _LEAD_TRIM or w in self._clinical for w in name)

    def _trim(self, text: str, start: int, end: int) -> tuple[int, int] | None:
        """Drop leading words that are not part of the name ("TRANSFER FROM ..."); reject
        department names ("Heart Failure Clinic") and generic phrases ("the Hospital")."""
        head = _head(text[start:end])
        head_at = start + head.start() if head else end
        # Start after the last word that cannot be part of a name: "TRANSFER FROM X
        # HOSPITAL", "Dr. T. Fox at Holy Cross Health Center".
        for m in re.finditer(r"[^\s&]+", text[start:head_at]):
            w = m.group(0).lower().strip(".,:;")
            if (w in _LEAD_TRIM and w not in _CONNECTORS) or sum(c.isalpha() for c in w) < 2 or m.group(0).endswith("."):
                start_next = start + m.end()
                new_start = re.search(r"\S", text[start_next:head_at])
                if new_start is None:
                    return None
                cut = start_next + new_start.start()
                return self._trim(text, cut, end) if cut > start else None
        if not text[start].isupper():
            return None
        value = text[start:end]
        head = _head(value)
        name_words = re.findall(r"[^\s&]+", value[: head.start()] if head else value)
        if not name_words:
            return None
        if len(name_words) == 1 and name_words[0] in CITY_ABBRS:
            return start, end  # "LA General", "SF General"
        if any(sum(c.isalpha() for c in w) < 2 and w != "&" for w in name_words):
            return None  # "60 Y.O. MEDICAL", "F MED REC": initials and sex markers
        if head and head.group(0).lower().startswith("med") and re.match(r"[ \t]*(?i:rec|record)", text[end:end + 10]):
            return None
        meaningful = [w.lower().strip(".,") for w in name_words if w.lower() not in _CONNECTORS or w in CITY_ABBRS]
        if all(w in DEPT_WORDS or w in self._clinical for w in meaningful):
            # "the Cancer Center in Boston" names a place through its city; "admitted to
            # Memorial Hospital" names one by a generic-sounding proper name
            if self._extend_in_city(text, end) == end and not generic_name_after_cue(text, start, meaningful):
                return None
        # "Surgeon General", "Attorney General"
        if head and head.group(0).lower() in ("general",) and meaningful[-1] in {"surgeon", "attorney", "consul", "inspector", "secretary", "postmaster", "adjutant"}:
            return None
        # "House" and "Lodge" name a place only when someone lives or goes there
        if head and head.group(0).lower() in ("house", "lodge", "gardens", "medicine", "physicians", "associates", "labs", "laboratory", "institute", "radiology", "imaging"):
            before = words_before(text, start, 2)
            if head.group(0).lower() in ("house", "lodge", "gardens") and not (before and before[-1] in {"at", "to", "from", "in"}):
                return None
        return start, end

    def _extend_in_city(self, text: str, end: int) -> int:
        """"Mayo Clinic in Rochester, MN": the place after "in" belongs to the facility."""
        m = re.match(rf"([ \t]+(?:in|at|of)[ \t]+|,[ \t]*|[ \t]+)((?:[A-Z][A-Za-z'’.\-]+[ \t]?){{1,3}})(?:,[ \t]*({_ST}\b|{_STATE_NAMES}\b))?", text[end:end + 60])
        if not m:
            return end
        joined_by_space = not m.group(1).strip()
        place = m.group(2).strip()
        state = m.group(3)
        while place and place.lower() not in self._cities and " " in place:
            place = place.rsplit(" ", 1)[0]  # "Boston on" -> "Boston"
        if not place:
            return end
        if state is None:
            m = re.match(rf"(?:[ \t]+(?:in|at|of)[ \t]+|,[ \t]*|[ \t]+){re.escape(place)}", text[end:end + 60])
            assert m is not None
        if place in _STATE_ABBRS and re.match(r"[ \t]+[A-Z]", text[end:end + 4]):
            return end  # "Clinic NY" without "in" or a comma is not an address
        if joined_by_space:
            # "Children's Hospital Boston" yes; "Hospital Medicine Progress Note" no
            return end + m.end() if self._cities.get(place.lower()) is True and place[:1].isupper() and not place.isupper() or state else end
        if place.lower() in self._cities or place.lower() in us_states() or place in _STATE_ABBRS or state:
            return end + m.end()
        return end


