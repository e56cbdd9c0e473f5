"""Telephone and fax numbers in the layouts clinicians write them.

A formatted ten-digit number ("(617) 555-0199", "617-555-0199", "617.555.0199", "+1 ...")
is a phone number on sight. Layouts that also fit lab values and identifiers (seven digits
"555-1234", space-separated groups, ten bare digits) need a contact label right before
them ("cb#", "tel.", "pager", "reached at", "Fax:"). A number is a FAX when the nearest
label before it says fax or "F:".
"""

from __future__ import annotations

import re

from redactphi.recognizers.base import RegexRecognizer, Rx

_NB = r"(?<![\w\-./+#])"  # not glued to a preceding word, number or separator
_NA = r"(?![\w\-]|\.\d|/\d)"  # not followed by more of a number
_CC = r"(?:\+?1[\s.\-]?)?"  # country code
_EXT = r"(?:\s*,?\s*(?:x|ext\.?|extension|#)\s*\d{1,6})?"
# "phone", "cb#", "(c)", "Fax number:", "reached at" ... then a short gap to the number.
_LABEL = re.compile(
    r"(?:\b(?:tel(?:ephone)?|ph(?:one)?|phone\s+(?:number|no)|cell(?:\s*phone)?|mobile|home|work|office|pager|pgr|beeper|"
    r"cb|call\s*back|callback|contact(?:\s+(?:number|no|phone))?|reached\s+at|reach\s+(?:me|her|him|them)?\s*at|"
    r"call(?:\s+(?:me|her|him|us|them))?\s*(?:at|on)?|number|#|hotline|line|text|fax(?:\s*(?:number|no|#))?|"
    r"faxed\s+to|updated|f|h|c|w|m)\b|\((?:c|h|w|m|cell|home|work)\))(?:[ \t]+(?:changed|updated|is|now|to|at|number|new)\b){0,3}\.?\s*(?:#|:|-|is|at|number|no\.?|=)?\s*(?:#|:)?\s*$",
    re.I,
)
_FAX_LABEL = re.compile(r"\b(?:fax(?:ed)?|f)\b[^\d]{0,18}$", re.I)


class PhoneFaxRecognizer(RegexRecognizer):
    """US/NANP telephone and fax numbers; ambiguous layouts need a contact label."""

    NAME = "phone"
    ENTITY = "PHONE"
    EXTRA_ENTITIES = ("FAX",)
    DESCRIPTION = "telephone and fax numbers (formatted on sight; 7-digit, spaced or bare with a label)"
    PATTERNS = (
        Rx("phone formatted", rf"{_NB}{_CC}(?:\(\d{{3}}\)\s*|\d{{3}}([\-.]))\d{{3}}(?(1)\1|[\-.])\d{{4}}{_NA}{_EXT}", 0.85),
        Rx("phone plus1 spaced", rf"{_NB}\+1\s*\(?\d{{3}}\)?\s\d{{3}}\s\d{{4}}{_NA}{_EXT}", 0.85),
        Rx("phone spaced", rf"{_NB}{_CC}\d{{3}}\s\d{{3}}\s\d{{4}}{_NA}{_EXT}", 0.6, check="check_phone_spaced"),
        # "301 944-5032", "301/944-5032", "(301)944 5032": the area code set off by a space
        # or a slash, a valid area code and exchange (NANP: neither starts with 0 or 1)
        Rx("phone area code split", rf"(?:(?<=[^\d\s]--)|{_NB}){_CC}[2-9]\d\d(?:[ \t]|[ \t]?/[ \t]?)[2-9]\d\d[\-.][ \t]?\d{{4}}{_NA}{_EXT}", 0.8),
        Rx("phone bare 10", rf"{_NB}{_CC}\d{{10}}{_NA}{_EXT}", 0.6, check="check_labelled"),
        Rx("phone 7 digit", rf"{_NB}\d{{3}}[\-.]\d{{4}}{_NA}{_EXT}", 0.6, check="check_seven_digit"),
        # "home 5550142", "call 555 0142": a local number as typed, only after a phone label
        Rx("phone 7 digit unseparated", rf"{_NB}[2-9]\d\d[ \t]?\d{{4}}{_NA}{_EXT}", 0.6, check="check_labelled"),
        # pagers and extensions written alone: "PGR 31877", "pgr 2-4410", "ext. 6623"
        Rx("pager or extension", r"(?<![\w])(?:pgr|pager|beeper|beep|bpr|pg|paged?(?:[ \t]+at)?|ext\.?|extension)\s*(?:#|:|no\.?)?\s*(?P<value>\d{1,2}-\d{3,5}|\d{3,7})(?![\w\-])", 0.75),
        # "Case Manager  x4471" at the end of a signature line
        Rx("extension at line end", r"(?<=[\s,])x(?P<value>\d{4,5})(?=[ \t]*(?:\n|$))", 0.7),
        # "call the unit (x4417)", "reach Ellery x3310, or ...": an extension in brackets or
        # closing a clause (a count is "x 4", "x4"; four or five digits right after x is a line)
        Rx("extension in brackets or before punctuation", r"(?<=[\s,(])x(?P<value>\d{4,5})(?=\)|[.,;](?:\s|$))", 0.7),
    )

    def check_labelled(self, text: str, match: re.Match[str], rx: Rx, start: int, end: int) -> float | None:
        """Digits without phone punctuation count only after a phone label."""
        return rx.score if _LABEL.search(text[max(0, start - 40):start]) is not None else None

    def check_phone_spaced(self, text: str, match: re.Match[str], rx: Rx, start: int, end: int) -> float | None:
        """"203 555 0148": a valid area code and exchange in phone grouping, or a label."""
        if re.fullmatch(r"(?:\+?1\s)?[2-9]\d\d\s[2-9]\d\d\s\d{4}", text[start:end].split(",")[0].strip()):
            return rx.score
        return self.check_labelled(text, match, rx, start, end)

    def check_seven_digit(self, text: str, match: re.Match[str], rx: Rx, start: int, end: int) -> float | None:
        """"555-1234": 555 is the fictional exchange, so it is a phone number; any other
        seven digits need a label."""
        if text[start:start + 3] == "555":
            return rx.score
        return self.check_labelled(text, match, rx, start, end)

    def analyze(self, text, entities, nlp_artifacts=None):  # type: ignore[no-untyped-def]
        results = super().analyze(text, [], nlp_artifacts)
        for r in results:
            before = text[max(0, r.start - 24):r.start]
            # the nearest label wins: "Phone: ... | Fax: 555-..." looks only at its own label
            last_num = max((m.end() for m in re.finditer(r"\d", before)), default=0)
            if _FAX_LABEL.search(before[last_num:]):
                r.entity_type = "FAX"
        return [r for r in results if not entities or r.entity_type in entities]
