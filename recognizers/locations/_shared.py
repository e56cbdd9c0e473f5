"""What the place recognizers share: state and street-suffix patterns, and the place
vocabulary (from :mod:`redactphi.vocabulary`, the one place it is kept)."""

from __future__ import annotations

import re

from redactphi.recognizers.base import words_before

from redactphi import vocabulary
from redactphi.lexicons import us_states

_STATE_ABBRS = sorted(set(us_states().values()))
_ST = r"(?:" + "|".join(_STATE_ABBRS) + r")"
_STATE_NAMES = r"(?:" + "|".join(sorted((re.escape(n.title()) for n in us_states()), key=len, reverse=True)) + r")"

_SUFFIX = (
    r"(?:street|st|avenue|ave|av|road|rd|boulevard|blvd|drive|dr|lane|ln|court|ct|place|pl|way|terrace|terr?|"
    r"circle|cir|parkway|pkwy|highway|hwy|row|square|sq|trail|trl|loop|alley|aly|pike|plaza|plz|crossing|xing|"
    r"path|walk|ridge|heights|hts|point|commons|cove|cv|run|bend|turnpike|tpke|expressway|expy|freeway|fwy|"
    r"causeway|landing|mall|oval|pass|green|grove|meadows?|hollow|glen|park|close|crescent|cres)"
)
_DIRECTION = r"(?:[NSEW]\.?|N\.?[EW]\.?|S\.?[EW]\.?|North|South|East|West|Northeast|Northwest|Southeast|Southwest)"
_UNIT = r"(?:,?[ \t]*(?:(?i:apt|apartment|unit|suite|ste|#|bldg|building|fl|floor|rm|lot|space|trlr)\.?[ \t]*#?[ \t]*(?i:[A-Z0-9][A-Z0-9\-]{0,5})|\d{1,2}(?i:st|nd|rd|th)[ \t]+(?i:floor|fl)\.?)\b)"
# A street name word: capitalised, an ordinal ("48th") or a number.
_SNAME = r"(?:[A-Z][A-Za-z'’\-]*\.?|\d{1,3}(?:st|nd|rd|th|ST|ND|RD|TH))"


# Units after a number: "4 MG SQ" is a dose given subcutaneously, not 4 Mg Square.
_DOSE_UNITS = {"mg", "mcg", "ml", "cc", "cc's", "ccs", "meq", "units", "unit", "u", "l", "g", "gm", "gms", "mm", "cm", "kg",
               "mmhg", "x", "mls", "amps", "amp", "tabs", "tab", "episodes", "times", "liters", "lpm", "hrs", "hr", "min"}
# Abbreviations with a period inside an address line ("91 Market Dr. Apt. 48").
_ADDRESS_ABBRS = {"apt", "ste", "dr", "st", "ave", "rd", "blvd", "ln", "ct", "pl", "fl", "bldg", "rm", "no", "mt", "ft",
                  "pkwy", "hwy", "sq", "ter", "terr", "cir", "unit", "n", "s", "e", "w"}
# Words that begin phrases such as "on call way" or "to pt st" and are no street names.
_NOT_STREET_NAMES = {"pt", "call", "any", "each", "every", "his", "her", "their", "its", "no", "one", "same", "other", "which", "this", "that"}

# Words right before a city that make an ambiguous name a place.
_PLACE_CUES = vocabulary.PLACE_CUES
_STRONG_CUES = vocabulary.STRONG_PLACE_CUES
# Words after a place name that make it an eponym: "Framingham risk score".
EPONYM_AFTER = vocabulary.EPONYM_AFTER_PLACE
# Words that say which department, not which place: "Heart Failure Clinic".
DEPT_WORDS = vocabulary.DEPARTMENT_WORDS
# Generic words that, capitalised together before a facility word right after "at" or
# "to", are a hospital's proper name ("General Hospital", "County General").
GENERIC_PROPER = vocabulary.GENERIC_PROPER
#: The facility head words and phrases (a regular expression, any case).
FACILITY_HEAD = vocabulary.FACILITY_HEAD
# Well-known health systems named without a facility word ("seen at Johns Hopkins").
KNOWN_SYSTEMS = vocabulary.HEALTH_SYSTEMS
KNOWN_AMBIGUOUS = vocabulary.AMBIGUOUS_HEALTH_SYSTEMS
#: City and university abbreviations that begin hospital names ("LA General", "UCLA Med Ctr").
CITY_ABBRS = vocabulary.CITY_ABBREVIATIONS
#: Facility words that also name a routine ("AM LABS", "CON'T REHAB", "PAIN MED"): in a
#: re-cased line their name must hold a word that is not everyday or clinical.
_WEAK_HEADS = vocabulary.WEAK_FACILITY_HEADS


def generic_name_after_cue(text: str, start: int, words: list[str], heads: frozenset[str] = frozenset()) -> bool:
    """"admitted to General Hospital", "transferred to County General": a name made of
    generic words (and the facility ``heads`` given), right after a place cue without an
    article. Shared with the NER recognizer, which judges whole spans."""
    before = words_before(text, start, 1)
    return (
        bool(words) and all(w in GENERIC_PROPER or w in heads for w in words)
        and bool(before) and before[-1] in {"at", "to", "from", "in", "into", "visited"}
    )


# Leading words of a capitalised run that are not part of the facility name.
_LEAD_TRIM = vocabulary.FACILITY_LEAD_WORDS

_CONNECTORS = {"of", "and", "the", "for", "de", "la"}
#: Words that start a sentence after an "ST" rhythm, never a saint's name.
_SENTENCE_WORDS = {"no", "with", "without", "and", "to", "at", "in", "on", "occ", "rare", "bp", "hr", "rate", "the", "pt", "sbp", "freq"}
