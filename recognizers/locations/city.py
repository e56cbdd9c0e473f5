"""Cities and towns (GeoNames lexicon), "City, ST" lines and counties."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from presidio_analyzer import RecognizerResult
from redactphi.recognizers.base import RegexRecognizer, Rx, place_follows, words_before
from redactphi.recognizers.locations._shared import (
    _LEAD_TRIM,
    _PLACE_CUES,
    _ST,
    _STATE_NAMES,
    _STRONG_CUES,
    _SUFFIX,
    _UNIT,
    EPONYM_AFTER,
)

from redactphi import vocabulary
from redactphi.lexicons import city_names, clinical_terms, us_states
from redactphi.pipeline.casing import cased_copy

if TYPE_CHECKING:
    from presidio_analyzer.nlp_engine import NlpArtifacts

# Lower-case nouns that a note attaches to a city to name a site: "our Denver clinic".
_SITE_AFTER = r"(?:[ \t]+(?:downtown|main|north|south|east|west|uptown|satellite|area))?[ \t]+(?:clinic|office|hospital|campus|location|branch|site|practice|center|centre|area|facility|ed|er)\b"
# Capitalised words that make "<city> X" a facility: "Houston Med", "Brooklyn General".
_SITE_AFTER_CAP = r"[ \t]+(?:General|Gen\.?|Memorial|Medical|Med\.?|Regional|Hospital|Clinic|Health|Methodist|Presbyterian|Baptist)\b"
# A facility word after a state makes it part of a place's name ("Ohio Rehab"): the
# tagger's facility words, the same test as its lone-state veto.
_FACILITY_AFTER = vocabulary.words_regex(vocabulary.TAGGER_FACILITY_LIST, re.I)
_CITY_TOKEN = re.compile(r"[A-Za-z][A-Za-z'’\-]*\.?")



# Words after a city that make it part of an organisation name ("Boston Scientific").
_ORG_WORDS = {"scientific", "dynamics", "celtics", "red", "bruins", "marathon", "globe", "herald", "college"}


# After matching, trimmed to the city words ("seen in Springfield, IL" -> "Springfield").
_CITY_COMMA_STATE = Rx(
    "city comma state",
    rf"(?<![\w'’.\-])(?P<value>(?P<city>[A-Z][A-Za-z'’.\-]+(?:[ \t][A-Z][A-Za-z'’.\-]+){{0,2}}),[ \t]*(?:{_ST}\b\.?|{_STATE_NAMES}\b))(?![ \t]*\d)",
    0.8,
    flags=0,
    check="check_city_comma_state",
)


@lru_cache(maxsize=1)
def _city_first_words() -> frozenset[str]:
    """The first token (as _CITY_TOKEN reads it) of every city name: a span of the note
    can be a city only if its first token is one of these, so the longer lookups are
    skipped for every other word."""
    firsts = (_CITY_TOKEN.match(city) for city in city_names())
    return frozenset(m.group() for m in firsts if m)


class CityRecognizer(RegexRecognizer):
    """Cities and towns (lexicon), "City, ST" address lines, and counties."""

    NAME = "city"
    ENTITY = "LOCATION"
    DESCRIPTION = "cities (GeoNames lexicon; ambiguous names need place context), City, ST lines, counties"
    # Robustness (issue 9): these patterns start only where a word starts, (?<![\w'’.\-])
    # rather than (?<![\w]), so that in one long hyphenated token ("Aaaa-Aaaa-...") every
    # capital after a "-" is not a new start that rescans the rest of the token (quadratic).
    PATTERNS = (
        # "Price, MD 12437", "Eugene GA 93514": any capitalised words right before state + ZIP.
        # The state goes too: in an address line it is part of the address (the ZIP has
        # its own recognizer).
        Rx(
            "city state zip",
            rf"(?<![\w'’.\-])(?P<value>[A-Z][A-Za-z'’.\-]+(?:[ \t][A-Z][A-Za-z'’.\-]+){{0,2}},?[ \t]+{_ST})\.?,?[ \t]+\d{{5}}(?:-\d{{4}})?(?![\w\-])",
            0.85,
            flags=0,
            check="check_city_state_zip",
        ),
        # "Atlanta, GA" / "Springfield, Illinois" (the city part is judged against the lexicon)
        _CITY_COMMA_STATE,
        Rx("county", r"(?<![\w'’.\-])(?P<value>(?:[A-Z][A-Za-z'’.\-]+[ \t]){1,3}(?:County|Parish|Borough))\b", 0.85, flags=0, check="check_county"),
    )

    def __init__(self, config=None, patterns=None):  # type: ignore[no-untyped-def]
        super().__init__(config, patterns)
        self._cities = city_names()
        self._first_words = _city_first_words()
        self._clinical = clinical_terms()
        self._max_words = 4

    def check_city_state_zip(self, text: str, match: re.Match[str], rx: Rx, start: int, end: int) -> float | None:
        """Capitalised words before a state and ZIP, unless a heading word leads them."""
        value = text[start:end]
        # "Jane Smith, MD 12345" does not occur; but a heading word before the city can
        first = value.split()[0].lower()
        if first in _LEAD_TRIM and len(value.split()) > 1:
            return None
        return rx.score

    def check_city_comma_state(self, text: str, match: re.Match[str], rx: Rx, start: int, end: int) -> float | None:
        """"Atlanta, GA": a known city before the state, or any town after a street line."""
        city = match.group("city")
        # keep the last 1-3 words that form a known city ("seen in Springfield, IL")
        words = city.split()
        for k in range(len(words)):
            cand = " ".join(words[k:]).rstrip(".")
            if cand.lower() in self._cities:
                return rx.score
        # an unknown town is still a town right after a street line: "220 Main St, Fenwick, ME"
        if re.search(rf"(?:(?i:\b{_SUFFIX})\.?(?:,?[ \t]*{_UNIT})?|(?i:\bbox)[ \t]*\d+),[ \t]*$", text[max(0, match.start() - 40):match.start()]):
            return rx.score
        return None

    def check_county(self, text: str, match: re.Match[str], rx: Rx, start: int, end: int) -> float | None:
        """"Tamarack County", unless a heading word leads it."""
        first = text[start:end].split()[0].lower()
        if first in _LEAD_TRIM:
            return None
        return rx.score

    def analyze(self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None) -> list[RecognizerResult]:
        text = cased_copy(text, nlp_artifacts)  # capitals are the evidence here; see casing.py
        # "city comma state" must not start mid-phrase: trim to the city words
        fixed = []
        for rx, r in self.matches(text, entities):
            if rx is _CITY_COMMA_STATE:
                value = text[r.start:r.end]
                city, _, _ = value.partition(",")
                words = city.split()
                for k in range(len(words)):
                    cand = " ".join(words[k:]).rstrip(".")
                    if cand.lower() in self._cities:
                        r.start += len(city) - len(city.lstrip()) + city.find(words[k]) if k else 0
                        break
            fixed.append(r)
        if entities and self.ENTITY not in entities:
            return fixed
        return fixed + self._lexicon(text)

    def _lexicon(self, text: str) -> list[RecognizerResult]:
        toks = [(m.start(), m.end()) for m in _CITY_TOKEN.finditer(text)]
        out: list[RecognizerResult] = []
        i = 0
        n = len(toks)
        while i < n:
            s, e = toks[i]
            if not text[s].isupper() and not (
                i > 0 and (text[toks[i - 1][0]:toks[i - 1][1]].lower() in _STRONG_CUES or text[s - 2:s] == ", ")
                and self._lower_ok(text, s)
            ):
                i += 1
                continue
            first = text[s:e].lower()
            if first not in self._first_words and not (first.endswith(".") and first[:-1] in self._first_words):
                i += 1  # no city name starts with this word (most capitalised words)
                continue
            found = None
            for k in range(min(self._max_words, n - i), 0, -1):
                ks, ke = toks[i + k - 1]
                span = text[s:ke]
                if k > 1 and not re.fullmatch(r"[A-Za-z'’.\-]+(?:[ \t][A-Za-z'’.\-]+)*", span):
                    continue
                key = span.lower()
                flag = self._cities.get(key)
                if flag is None and key.endswith("."):
                    key = key[:-1]
                    ke -= 1
                    flag = self._cities.get(key)
                if flag is None and key.endswith(("'s", "’s")):
                    continue
                if flag is not None:
                    found = (s, ke, flag, k)
                    break
            if found is None:
                i += 1
                continue
            s, ke, flag, k = found
            score = self._judge_city(text, s, ke, flag)
            if score is not None:
                end = ke
                site = re.match(_SITE_AFTER, text[ke:ke + 40]) or re.match(_SITE_AFTER_CAP, text[ke:ke + 40])
                if site:
                    end = ke + site.end()
                start = s
                the = re.search(r"\b[Tt]he[ \t]+$", text[max(0, s - 5):s])
                if the and ("the " + text[s:ke].lower()) in self._cities:
                    start = s - len(the.group(0))
                out.append(self.result(self.ENTITY, start, end, score, "city lexicon"))
            i += k
        return out

    def _lower_ok(self, text: str, s: int) -> bool:
        # lower-case city names only right after a strong cue: "moved to fargo"
        prev = words_before(text, s, 1)
        if re.search(rf"\d[^,\n]{{2,40}}\b(?i:{_SUFFIX})\.?,[ \t]*$", text[max(0, s - 50):s]):
            return True  # "..., 98 52nd rd, spokane"
        return bool(prev) and prev[-1] in _STRONG_CUES

    def _judge_city(self, text: str, s: int, e: int, unambiguous: bool) -> float | None:
        value = text[s:e]
        after = re.findall(r"[a-z]+", text[e:e + 30].lower())[:2]
        if re.match(_SITE_AFTER_CAP, text[e:e + 40]):
            return 0.7
        if after and after[0] in EPONYM_AFTER:
            return None
        if after[:2] in (["coma", "scale"], ["heart", "failure"]):
            return None
        # part of a longer capitalised name we do not know ("Boston Scientific", "Phoenix Dialysis")
        nxt = re.match(r"[ \t]+([A-Z][a-z]+)", text[e:e + 30])
        prev_cap = re.search(r"([A-Z][a-z]+)[ \t]+$", text[max(0, s - 30):s])
        words = value.lower().split()
        clinical = len(words) == 1 and (words[0].rstrip(".") in self._clinical or words[0] in _LEAD_TRIM)
        lower = value.islower()
        caps = value.isupper() and len(value) > 3
        before = words_before(text, s, 2)
        cue = bool(before) and before[-1] in _PLACE_CUES
        strong = bool(before) and (before[-1] in _STRONG_CUES or " ".join(before[-2:]) in ("moved to", "transferred to"))
        state_m = re.match(rf"(,?)[ \t]*(?:{_ST}\b|{_STATE_NAMES}\b)", text[e:e + 30])
        # "FOLEY DC'D", "ADVANCE PA CATHETER": without a comma a state abbreviation after a
        # clinical word, or one glued to an apostrophe, is shorthand
        state_after = state_m is not None and (
            bool(state_m.group(1)) or not (clinical or text[e + state_m.end():e + state_m.end() + 1] in "'’")
        )
        after_street = re.search(rf"(?:(?i:\b{_SUFFIX})\.?(?:[ \t]+\S+)?|(?i:\bbox)[ \t]*\d+),[ \t]*$", text[max(0, s - 30):s]) is not None
        if lower:
            return 0.6 if (unambiguous or after_street) and (strong or after_street) and not clinical else None
        if state_after:
            return 0.85
        if value.strip(".").lower() in us_states() and not place_follows(text, e, _FACILITY_AFTER):
            return None  # "a sister in Ohio": a state is no smaller place (Safe Harbor keeps states)
        if clinical and len(value.rstrip(".")) <= 4 and not value.istitle() and not after_street:
            return None  # "admitted from OSH": a short clinical abbreviation, not written as a town ("Osh")
        if clinical:
            # "380 mL via Foley", "at Addison": a clinical word is a town only after a
            # residence cue ("lives in", "from") or in an address; in capitals ("DIURESIS
            # FROM FOLEY") only in an address
            if after and after[0] in self._clinical and not after_street:
                return None  # "from Foley cath"
            # (Requiring a residence word here, so that "admitted from OSH" stays, lost a
            # town named like a clinical word after "from": recall first.)
            return 0.6 if strong or after_street else None
        if not unambiguous or caps:
            if strong or cue or after_street:
                return 0.6
            return None
        if nxt and nxt.group(1).lower() in _ORG_WORDS:
            return None
        if prev_cap and prev_cap.group(1).lower() in {"dr", "mr", "mrs", "ms"}:
            return 0.6  # a person named like a town is PHI all the same
        return 0.75

