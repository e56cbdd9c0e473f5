"""Medical record numbers: labelled in the many ways clinicians write them.

A bare 7-digit number is as likely a lab accession or an order number as an MRN, so
numbers are taken only after a record-number label (with a few filler words allowed
between: "MRN on file is 12345678"). Site-specific layouts go in the config
(``id_patterns``), not here.
"""

from __future__ import annotations

import re

from redactphi.recognizers.base import RegexRecognizer, Rx

_LABEL = (
    r"(?:m\.?r\.?n\.?|m\.?r\.?\s*#|mr\s*(?:no\.?|num(?:ber)?\.?)|med(?:ical)?\.?\s*rec(?:ord)?s?\.?\s*(?:no\.?|num(?:ber)?\.?|#|id)?"
    r"|medical\s+record(?:\s+(?:no\.?|num(?:ber)?|#|id))?|unit\s*(?:no\.?|num(?:ber)?|#)|hosp(?:ital)?\.?\s*(?:no\.?|num(?:ber)?|#|id)"
    r"|chart\s*(?:no\.?|num(?:ber)?|#)|patient\s*(?:id|no\.?|#|number)|pt\.?\s*(?:id|#)|record\s*(?:no\.?|num(?:ber)?|#)|emr\s*(?:no\.?|#|id)?)"
)
# Filler a clinician may put between label and number.
_GAP = r"(?:\s*(?:[:#=\-]|is|was|of|on\s+file|number|no\.?|num)\s*){0,3}\s*"
# The value: digits with optional letter prefix and internal hyphens/dots; ends on a digit
# or letter so trailing punctuation stays outside.
_VALUE = r"(?P<value>(?:[A-Z]{1,4}[\-\s]?)?\d(?:[\d\-.]{2,18}[A-Z\d]|\d{1,3})(?:-[A-Z\d]{1,4})?)"


class MRNRecognizer(RegexRecognizer):
    """Labelled medical record numbers (MRN, MR#, Med Rec No, Unit No, Hosp #, ...)."""

    NAME = "mrn"
    ENTITY = "MRN"
    DESCRIPTION = "medical record numbers after a record-number label"
    PATTERNS = (
        Rx("mrn labelled", rf"(?<![a-z]){_LABEL}{_GAP}{_VALUE}(?![\w])", 0.95),
        # "(MRN 1234567)" style without separator and all-caps ICU shorthand "MRN1234567"
        Rx("mrn glued", r"\b(?:MRN|MR#)(?P<value>\d{5,12})\b", 0.95, flags=0),
    )

    def judge(self, text: str, match: re.Match[str], rx: Rx, start: int, end: int) -> float | None:
        digits = sum(c.isdigit() for c in text[start:end])
        # A 1-3 digit "number" after "unit" is a hospital unit, not a record ("unit 4").
        return rx.score if digits >= 4 else None
