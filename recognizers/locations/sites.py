"""Care sites named by context alone, and workplaces after an employment cue."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from presidio_analyzer import RecognizerResult
from redactphi.recognizers.base import RegexRecognizer, Rx
from redactphi.recognizers.locations._shared import (
    _LEAD_TRIM,
    _SENTENCE_WORDS,
    _STATE_ABBRS,
    DEPT_WORDS,
)

from redactphi import vocabulary
from redactphi.lexicons import clinical_terms, common_words, us_states

if TYPE_CHECKING:
    from presidio_analyzer.nlp_engine import NlpArtifacts

# Verbs of admission and transfer: the place after them is where care happened.
_TRANSFER_VERBS = (
    r"transfer(?:r?ed)?|trans|tx'?d|xfer(?:r?ed)?|sent|referred|admitted|admit|adm|came|come|arrived|arrival|"
    r"presented|presents|brought|taken|flown|returned|followed|transplant|transported|med[ \t]*flighted|seen|"
    r"hospitalized|treated|evaluated|intubated|cathed|discharged"
)
#: Units inside a hospital that follow a site's name: "GH ER", "X EW", "Y MICU".
_UNIT_AFTER = r"(?:ER|EW|ED|E\.R\.|MICU|CCU|ICU|SICU|CVICU|ICU)"


class CareSiteRecognizer(RegexRecognizer):
    """Hospitals named without a facility word, by their context: after an admission or
    transfer verb ("transferred to X", "admitted from X"), before a hospital unit ("at X
    ER"), or with a floor or unit number after a transfer ("to X 5"). The name must not
    be an everyday, clinical or department word ("transferred to chair", "sent to CT",
    "admitted to MICU"); once found, the same name elsewhere in the note is redacted too."""

    NAME = "care_site"
    ENTITY = "FACILITY"
    DESCRIPTION = "hospitals named by context alone (transfer and admission cues, 'X ER', 'X 5'), and their repeats"
    PATTERNS = (
        Rx("site after transfer verb", rf"\b(?i:{_TRANSFER_VERBS})[ \t]+(?i:back[ \t]+)?(?i:to|from|at|in|into)[ \t]+(?i:the[ \t]+)?(?P<value>[A-Za-z][A-Za-z'’]{{1,24}}\d{{0,2}})(?![\w'’])", 0.7, flags=0, check="check_site_word"),
        # "received from X", "accepted from X": only "from" ("received in formalin")
        Rx("site after received from", r"\b(?i:received|recieved|rec'd|accepted)[ \t]+(?i:from)[ \t]+(?i:the[ \t]+)?(?P<value>[A-Za-z][A-Za-z'’]{1,24}\d{0,2})(?![\w'’])", 0.7, flags=0, check="check_site_word"),
        # "transplant at Holy Cross": two or three capitalised words in prose
        Rx("site words after transfer verb", rf"\b(?i:{_TRANSFER_VERBS})[ \t]+(?i:back[ \t]+)?(?i:to|from|at|in|into)[ \t]+(?P<value>[A-Z][a-z][A-Za-z'’]*(?:[ \t]+[A-Z][a-z][A-Za-z'’]*){{1,2}})(?![\w'’])", 0.7, flags=0, check="check_site_words"),
        Rx("site before unit", rf"(?<![\w])(?P<value>[A-Za-z][A-Za-z'’]{{1,24}})[ \t]+{_UNIT_AFTER}(?![\w])", 0.7, flags=0, check="check_site_before_unit"),
        Rx("site with unit number", r"\b(?i:transfer(?:r?ed)?|to|from|per|plan:?)[ \t]+(?P<value>[A-Za-z][A-Za-z'’]{2,24})[ \t]+\d{1,2}(?![\w/%:\-]|\.\d)", 0.65, flags=0, check="check_site_word"),
        # "THE CHF TEAM AT GH,", "SEEN BY NRMC NURSE": a hospital's initials after a place
        # cue ("responding to IVB.", "A&O to TPP" are shorthand: clinical_terms.txt)
        Rx("site initials after cue", r"\b(?i:at|to|from|by)[ \t]+(?P<value>[A-Z]{2,5})(?=[ \t]*[,.;]|[ \t]+(?i:nurse|rn|md|team|staff|er|ew|ed)\b)", 0.6, flags=0, check="check_site_word"),
    )

    def __init__(self, config=None, patterns=None):  # type: ignore[no-untyped-def]
        super().__init__(config, patterns)
        self._ordinary = clinical_terms() | common_words() | DEPT_WORDS | _LEAD_TRIM | _SENTENCE_WORDS
        self._departments = clinical_terms() | DEPT_WORDS | {"and", "of", "the", "labor", "delivery", "intensive"}

    def check_site_word(self, text: str, match: re.Match[str], rx: Rx, start: int, end: int) -> float | None:
        """The site's (first) word must be able to name a site alone."""
        words = text[start:end].split()
        return rx.score if self.site_word(words[0].rstrip("0123456789")) else None

    def check_site_before_unit(self, text: str, match: re.Match[str], rx: Rx, start: int, end: int) -> float | None:
        """"at X ER" needs its place cue, and X must be able to name a site."""
        if not re.search(r"(?i:\b(?:to|at|from|in)[ \t]+|->[ \t]*)$", text[max(0, start - 8):start]):
            return None
        return self.check_site_word(text, match, rx, start, end)

    def check_site_words(self, text: str, match: re.Match[str], rx: Rx, start: int, end: int) -> float | None:
        """Two or three capitalised words: none may be a department or clinical word
        ("Cath Lab", "Intensive Care")."""
        words = text[start:end].split()
        return None if any(w.lower() in self._departments for w in words) else rx.score

    def site_word(self, word: str) -> bool:
        """Can ``word`` alone name a site? Not an everyday, clinical or unit word."""
        key = word.lower().rstrip("'’s") if word.lower().endswith(("'s", "’s")) else word.lower()
        if len(key) < 2 or key in self._ordinary or key.upper() in _STATE_ABBRS:
            return False
        return not key.endswith(("icu", "cu")) and key not in us_states()

    def analyze(self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None) -> list[RecognizerResult]:
        results = super().analyze(text, entities, nlp_artifacts)
        return results + self._repeats(text, results)

    def _repeats(self, text: str, found: list[RecognizerResult]) -> list[RecognizerResult]:
        """"will transfer to X 2 or X 3": the other mentions of a site found here."""
        names = {text[r.start:r.end].lower() for r in found if " " not in text[r.start:r.end]}
        taken = {(r.start, r.end) for r in found}
        out = []
        for name in names:
            for m in re.finditer(rf"(?<![\w'’]){re.escape(name)}(?![\w'’])", text, re.I):
                if m.span() not in taken:
                    out.append(self.result(self.ENTITY, m.start(), m.end(), 0.6, "site seen before"))
        return out


# --- workplaces ------------------------------------------------------------------------------
_EMPLOY_VERBS = (
    r"works?|worked|working|employed|employee|drives?|drove|driving|retired|volunteers?|volunteered|job|hired|contractor|manager|owner|teacher|nurse|clerk|cashier|mechanic|driver"
    # occupations written before "at"/"for" their employer ("a welder at ..."): common job
    # titles of the US Bureau of Labor Statistics' occupation list, from general knowledge
    r"|supervisor|foreman|machinist|lineman|linemen|electrician|plumber|carpenter|welder|technician|engineer|operator"
    r"|laborer|labourer|janitor|custodian|bartender|waitress|waiter|cook|chef|accountant|secretary|receptionist|dispatcher"
    r"|trucker|miner|farmhand|roofer|painter|mason|logger|fisherman|guard|bookkeeper|analyst|programmer|salesman|saleswoman"
)


class WorkplaceRecognizer(RegexRecognizer):
    """Employers, companies, stores and agencies named after an employment cue ("works for
    X", "employed at X", "drove for X", "retired from X"). Labelled FACILITY (the place a
    patient can be found) until the schema has an employer type. The name must hold a word
    that is not an everyday or clinical word ("works at home", "works for the state")."""

    NAME = "workplace"
    ENTITY = "FACILITY"
    DESCRIPTION = "employers and workplaces after 'works for/at', 'employed by', 'drove for', 'retired from'"
    PATTERNS = (
        Rx(
            "workplace after employment cue",
            rf"\b(?i:{_EMPLOY_VERBS})(?:[ \t]+(?i:as[ \t]+an?[ \t]+[a-z]+(?:[ \t]+[a-z]+)?))?[ \t]+(?i:for|at|with|from|by)[ \t]+(?i:the[ \t]+)?"
            r"(?P<value>[A-Za-z0-9][\w'’&.\-]*(?:(?<![.,;:])[ \t]+(?:&|and|of|[A-Za-z0-9][\w'’&.\-]*)){0,3})",
            0.7,
            flags=0,
        ),
    )

    def __init__(self, config=None, patterns=None):  # type: ignore[no-untyped-def]
        super().__init__(config, patterns)
        self._ordinary = clinical_terms() | common_words() | DEPT_WORDS | _LEAD_TRIM

    def judge(self, text: str, match: re.Match[str], rx: Rx, start: int, end: int) -> float | None:
        return rx.score if self.name_end(text, start, end) == end else None

    def name_end(self, text: str, start: int, end: int) -> int:
        """Where the employer's name ends: capitalised words in prose; in a caseless line,
        up to the first everyday word. Returns ``start`` when there is no name."""
        value = text[start:end]
        caseless = value.isupper() or value.islower() or text[max(0, start - 30):start].isupper()
        last = start
        named = False
        capitals = 0
        for m in re.finditer(r"[^\s]+", value):
            word = m.group().rstrip(".,;:")
            key = word.lower().strip("'’")
            if key in ("&", "and", "of") and last > start:
                continue
            if (not caseless and not word[:1].isupper() and not word[:1].isdigit()) or (caseless and key in self._ordinary and not named):
                break
            if caseless and key in self._ordinary and (not named or key in vocabulary.NAME_END_WORDS):
                break  # after a name word, an everyday word goes on with it: "RIDGE FREIGHT"
            named = named or key not in self._ordinary
            capitals += not caseless and word[:1].isupper()
            last = start + m.start() + len(word)
        return last if named or capitals >= 2 else start

    def analyze(self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None) -> list[RecognizerResult]:
        out = []
        for rx, pattern in self._compiled:
            for m in pattern.finditer(text):
                start = m.start("value")
                end = self.name_end(text, start, m.end("value"))
                if end > start:
                    out.append(self.result(self.ENTITY, start, end, rx.score, rx.name))
        return out
