"""International telephone numbers: "+44 20 7946 0958", "+49 (0)30 901820", "0044 161 496 0000".

North American numbers are ``phone``'s job (recognizers/contact.py). Here a candidate
needs an international prefix ("+" or "00") and is accepted only if Google's
libphonenumber (the ``phonenumbers`` package, which Presidio's PhoneRecognizer also
uses) says it is a valid number of its country: that check, not the regular expression,
keeps lab values and ranges out.
"""

from __future__ import annotations

import re

import phonenumbers
from redactphi.recognizers.base import RegexRecognizer, Rx

# "+" or "00", a country code, then digit groups separated by single spaces, dots, dashes
# or a "(0)" trunk prefix; the number ends on a digit.
_CANDIDATE = r"(?<![\w+\-./])(?P<value>(?:\+|00)[1-9]\d{0,2}(?:[ .\-]?(?:\(0\)|\(\d{1,4}\))?[ .\-]?\d{1,5}){2,6})(?![\w\-]|[.,/]\d)"


def intl_number_valid(value: str) -> bool:
    """True if ``value`` parses as a valid number of the country its prefix names."""
    digits = re.sub(r"\(0\)", "", value)
    if digits.startswith("00"):
        digits = "+" + digits[2:]
    try:
        number = phonenumbers.parse(digits, None)
    except phonenumbers.NumberParseException:
        return False
    return phonenumbers.is_valid_number(number)


class InternationalPhoneRecognizer(RegexRecognizer):
    """Telephone numbers with an international prefix, validated with libphonenumber."""

    NAME = "intl_phone"
    ENTITY = "PHONE"
    DESCRIPTION = "international telephone numbers (+44 ..., 0049 ...), valid per libphonenumber"
    PATTERNS = (Rx("phone international", _CANDIDATE, 0.85, flags=0),)

    def judge(self, text: str, match: re.Match[str], rx: Rx, start: int, end: int) -> float | None:
        return rx.score if intl_number_valid(text[start:end]) else None
