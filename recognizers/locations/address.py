"""Street addresses, PO boxes, rural routes and ZIP codes."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from redactphi.recognizers.base import RegexRecognizer, Rx, words_before
from redactphi.recognizers.locations._shared import (
    _ADDRESS_ABBRS,
    _DIRECTION,
    _DOSE_UNITS,
    _LEAD_TRIM,
    _NOT_STREET_NAMES,
    _PLACE_CUES,
    _SNAME,
    _ST,
    _STATE_NAMES,
    _SUFFIX,
    _UNIT,
    DEPT_WORDS,
)

if TYPE_CHECKING:
    pass


class StreetAddressRecognizer(RegexRecognizer):
    """House number + street name + suffix (with unit), PO boxes and rural routes."""

    NAME = "street_address"
    ENTITY = "STREET_ADDRESS"
    DESCRIPTION = "street addresses (number, street, suffix, unit), PO boxes, rural routes"
    PATTERNS = (
        Rx(
            "numbered street",
            rf"(?<![\w\-/.])\d{{1,6}}[A-Z]?(?:-\d{{1,4}})?[ \t]+(?:{_DIRECTION}[ \t]+)?(?:{_SNAME}[ \t]+){{0,3}}{_SNAME}[ \t]+(?i:{_SUFFIX})\b\.?(?:[ \t]+{_DIRECTION}\b\.?)?{_UNIT}?",
            0.85,
            flags=0,
            check="check_house_number",
        ),
        # lower-case notes: "we moved to 360 main road" (needs a cue before the number)
        Rx(
            "numbered street lower case",
            rf"\b(?:to|at|address|is|from|on|of|near):?[ \t]+(?P<value>\d{{1,6}}[ \t]+(?:[a-z0-9][a-z'’\-]*[ \t]+){{1,3}}(?i:{_SUFFIX})\b\.?{_UNIT}?)",
            0.7,
            flags=0,
        ),
        # lower-case address lines: "2716 ashbury lane, apt 3c", "47 commercial street,"
        # (a written-out suffix, then a comma, a unit or the line's end)
        Rx(
            "numbered street lower case line",
            rf"(?<![\w\-/.])(?P<value>\d{{1,6}}[ \t]+(?:[nsew]\.?[ \t]+)?(?:[a-z0-9][a-z'’\-]*[ \t]+){{1,3}}"
            rf"(?:street|avenue|ave|road|rd|boulevard|blvd|lane|ln|drive|parkway|pkwy|terrace|court|circle|highway|hwy|way|place|trail|st(?=,)|dr(?=,))\b\.?"
            rf"(?:{_UNIT}|(?=[ \t]*(?:,|\(|\)|\*|\||;|\n|$|[ \t]{{2}}))))",
            0.7,
            flags=0,
            check="check_house_number",
        ),
        # "123 Main" is too weak alone; with a unit it is an address line: "12 Elm Apt 3"
        Rx("po box", r"(?<![\w])(?:p\.?\s*o\.?|post\s+office)\s*box\s*#?\s*\d{1,6}\b", 0.9),
        Rx("rural route", r"(?<![\w])(?:rr|r\.r\.|rural\s+route|hc)\s*#?\s*\d{1,4}\s*,?\s*box\s*\d{1,5}\b", 0.9),
        # Named streets without a number, written out in full: "Elm Street", "Maple Avenue".
        Rx(
            "named street",
            r"(?<![\w])(?:[A-Z][a-z'’]+[ \t]+){1,2}(?:Street|Avenue|Boulevard|Road|Lane|Drive|Parkway|Terrace|Court)\b",
            0.6,
            flags=0,
            check="check_street_name",
        ),
        # "on Tuckerman Street", "ON MAIN ST", "near Ellis Avenue": a street named after a
        # place cue, in any case (upper-case notes have no capitals to go on)
        Rx(
            "named street after cue",
            r"\b(?:on|to|at|near|off|from|along|onto|of)[ \t]+(?P<value>(?:[A-Za-z][A-Za-z'’\-]+[ \t]+){1,2}(?:street|st|avenue|ave|road|rd|boulevard|blvd|lane|ln|drive|dr|court|ct|highway|hwy|parkway|pkwy|terrace|place|way)\.?)(?=[\s,.;:)]|$)",
            0.6,
            flags=re.I,
            check="check_street_name_after_cue",
        ),
        Rx("route number", r"(?<![\w])(?:Route|Rte\.?|Highway|Hwy\.?|Interstate|I-|ROUTE|RTE\.?|HIGHWAY|HWY\.?|route|rte\.?|highway|hwy\.?)[ \t]?\d{1,3}\b(?![\-/.]\d)", 0.5, flags=0, check="check_route_number"),
    )

    def check_house_number(self, text: str, match: re.Match[str], rx: Rx, start: int, end: int) -> float | None:
        """A number, a street and a suffix: not a count, a dose or a sentence break."""
        words = text[start:end].split()
        # "2 Dr", "3 Pt": a count followed by an abbreviation is not a street
        if len(words) == 2:
            return None
        # "40 MPH ON KINGSBURY BOULEVARD": a preposition inside means the number is
        # not a house number (the street itself is found after its cue)
        if any(w.lower() in {"on", "at", "to", "in", "near", "from", "of", "off", "for", "with", "by"} for w in words[1:-1]):
            return None
        if words[1].lower().rstrip(".") in _DOSE_UNITS or any(w.endswith(".") and len(w) > 2 and w.lower().rstrip(".") not in _ADDRESS_ABBRS for w in words[1:-1]):
            return None  # "4 MG SQ", "500 ML HESPAN. CT": a dose, then a sentence break
        return rx.score

    def check_street_name(self, text: str, match: re.Match[str], rx: Rx, start: int, end: int) -> float | None:
        """A street named without a number: its first word must be able to name one."""
        value = text[start:end]
        first = value.split()[0].lower()
        if first in _LEAD_TRIM or first in DEPT_WORDS or first in _NOT_STREET_NAMES:
            return None
        if any(w.lower() in {"with", "and", "for", "of", "the"} for w in value.split()[1:]):
            return None  # "deal with court", "Lasix and CT"
        return rx.score

    def check_street_name_after_cue(self, text: str, match: re.Match[str], rx: Rx, start: int, end: int) -> float | None:
        """As :meth:`check_street_name`; a short or word suffix ("St", "Way") also needs
        a capitalised, non-clinical name before it ("to pt ST", "no other way")."""
        score = self.check_street_name(text, match, rx, start, end)
        value = text[start:end]
        if score is not None and value.split()[-1].lower().rstrip(".") in ("st", "dr", "ct", "way", "place"):
            name = value.split()[0]
            if not name[:1].isupper() or name.lower() in _NOT_STREET_NAMES:
                return None
        return score

    def check_route_number(self, text: str, match: re.Match[str], rx: Rx, start: int, end: int) -> float | None:
        """"Route 9" only after a place cue ("on Route 9")."""
        before = words_before(text, start, 2)
        if not before or before[-1] not in _PLACE_CUES | {"on", "off", "along"}:
            return None
        return rx.score


# --- ZIP codes ---------------------------------------------------------------------------
class ZipCodeRecognizer(RegexRecognizer):
    """Five-digit and ZIP+4 codes after a state or a ZIP label."""

    NAME = "zip_code"
    ENTITY = "ZIP_CODE"
    DESCRIPTION = "ZIP and ZIP+4 codes after a state abbreviation/name or a 'ZIP' label; ZIP+4 after a place word"
    PATTERNS = (
        Rx("zip after state", rf"(?<![A-Za-z])(?:{_ST}|{_STATE_NAMES})\.?,?[ \t]+(?P<value>\d{{5}}(?:-\d{{4}})?)(?![\w\-])", 0.9, flags=0),
        # lower-case address lines: "westfield, ma 01085" (the comma makes "ma" a state)
        Rx("zip after state lower case", rf",[ \t]*(?i:{_ST}|{_STATE_NAMES})\.?,?[ \t]+(?P<value>\d{{5}}(?:-\d{{4}})?)(?![\w\-])", 0.85, flags=0),
        # ZIP+4 stands on its own after a place word: "TAMARACK COUNTY 56013-4402"
        Rx("zip plus four", r"(?<=[A-Za-z][ \t])(?P<value>\d{5}-\d{4})(?![\w\-])", 0.7, flags=0),
        Rx("zip labelled", r"(?<![a-z])(?:zip|zip\s*code|postal\s*code|zipcode)\s*(?:is|[:#])?\s*(?P<value>\d{5}(?:-\d{4})?)(?![\w\-])", 0.9),
    )


