"""Ages over 89, which Safe Harbor requires us to remove ("92 y/o", "age 94", "in his 90s").

Only the number is redacted ("[AGE] y/o"): the unit is not identifying and keeps the
sentence readable.

Ages under 90 are clinically vital and explicitly allowed, so the number is parsed and
judged rather than matched by shape.
"""

from __future__ import annotations

import re

from redactphi.recognizers.base import RegexRecognizer, Rx

_NUM = r"(?P<n>\d{2,3})"
_WORDNUM = (
    r"(?P<w>(?:ninety|one[\s\-]hundred(?:\s+and)?)(?:[\s\-](?:one|two|three|four|five|six|seven|eight|nine|ten"
    r"|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen))?)"
)
_UNIT = (
    r"(?:\s*-?\s*(?:years?|yrs?|yo|y\.?o\.?|y/o|yr\.?\s*old|years?\s*-?\s*old|yrs?\s*-?\s*old|year[\s\-]old)"
    r"(?![a-z]))"
)
_WORDS = {
    "ninety": 90, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}


_TEMPERATURE_BEFORE = re.compile(
    r"\b(?:t|temp|temps|temperature|tmax|tm|tc|fever|fevers|febrile|afebrile|spiked|oral|rectal|"
    r"axillary|tympanic|degrees?)\b|°",
    re.I,
)

# "sats mid 90's", "HR in the 90s", "SBP high 90's": a vital sign in its nineties, not an age.
_VITAL_BEFORE = re.compile(
    r"\b(?:sats?|spo2|sao2|o2|pox|hr|heart\s+rate|pulse|sbp|dbp|bp|map|maps|rr|resp|cvp|temp|t|glucose|bs|fsbs|"
    r"fs|fsbg|weight|wt|vent|tv|pao2|po2|u/?o|uop|k|na|cl|plt|plts|wbc|hct)s?\b[^.;\n]{0,18}$",
    re.I,
)


def phi_age(age: int) -> bool:
    """Is this age PHI? Safe Harbor removes ages over 89; above 125 it is no age."""
    return 90 <= age <= 125


class AgeOver89Recognizer(RegexRecognizer):
    """Ages of 90 and above, in numbers or words, and "in her 90s" decades."""

    NAME = "age_over_89"
    ENTITY = "AGE"
    DESCRIPTION = "ages of 90 and over (Safe Harbor); younger ages are kept"
    PATTERNS = (
        # 92-year-old, 92 y/o, 92yo, 92 years old, 92 yr old
        Rx("age with unit", rf"(?<![\w.])(?P<value>{_NUM}){_UNIT}", 0.9, check="check_age_value"),
        Rx("age in words", rf"\b(?P<value>{_WORDNUM}){_UNIT}", 0.9, check="check_age_value"),
        # age 94, aged 94, age: 94, Age 94, age of 94
        Rx("labelled age", rf"\b(?:age[ds]?|aged|age\s+of)\s*[:=]?\s*(?P<value>{_NUM})(?![\d./:])", 0.85, check="check_age_value"),
        # 94M, 94 F, 94 yo F, "a 94 M" in ICU shorthand
        Rx("age-sex shorthand", rf"(?<![\w.#/:\-])(?P<value>{_NUM})\s?(?:[MF]|yo[MF])(?![\w])", 0.75, flags=0, check="check_age_not_temperature"),
        # signout lists typed in lower case: "rm 802 - kowalski, edmund - 93m, aspiration"
        # (a comma or dash on both sides: "walked 100m" is a distance)
        Rx("age-sex shorthand in a list", rf"(?<=[\-–,][ \t])(?P<value>{_NUM})[mf](?=,|[ \t]+[\-–])", 0.75, flags=0, check="check_age_value"),
        # in his 90s, her nineties, mid-90s, late 90's
        Rx("decade", r"\b(?:(?:in\s+(?:his|her|their|the)\s+)|(?:(?:early|mid|late)[\s\-]))?(?P<value>(?:9\d|1\d\d)'?s|nineties)\b", 0.8, check="check_decade"),
        Rx("centenarian", r"\b(?:nonagenarian|centenarian|supercentenarian)s?\b", 0.8),
    )

    def check_age_value(self, text: str, match: re.Match[str], rx: Rx, start: int, end: int) -> float | None:
        """An age written as a number: only 90 to 125 is PHI (Safe Harbor)."""
        age = _age_value(match)
        if age is None or not phi_age(age):
            return None
        return rx.score

    def check_age_not_temperature(self, text: str, match: re.Match[str], rx: Rx, start: int, end: int) -> float | None:
        """"101 F" is as often a temperature in Fahrenheit as a 101-year-old woman: any
        temperature word shortly before makes it a temperature."""
        score = self.check_age_value(text, match, rx, start, end)
        if score is not None and _TEMPERATURE_BEFORE.search(text[max(0, start - 25):start]):
            return None
        return score

    def check_decade(self, text: str, match: re.Match[str], rx: Rx, start: int, end: int) -> float | None:
        """"in her 90s": "the 90s" as an era ("since the 90s") is a year range, not an age."""
        lead = text[max(0, start - 12):start].lower()
        if not re.search(r"(his|her|their|early|mid|late)[\s\-]*$", lead):
            return None
        if _VITAL_BEFORE.search(text[max(0, start - 30):start]):
            return None
        return rx.score


def _age_value(match: re.Match[str]) -> int | None:
    groups = match.groupdict()
    if groups.get("n"):
        return int(groups["n"])
    words = groups.get("w")
    if not words:
        return None
    parts = re.split(r"[\s\-]+", words.lower())
    total = 0
    for p in parts:
        if p == "hundred":
            total = total * 100 if total else 100
        elif p in _WORDS:
            total += _WORDS[p]
    return total or None
