"""Identifiers that carry no label but prove themselves by a check digit or a fixed shape:
payment card numbers (Luhn), IBANs (ISO 13616 mod 97), NPIs in parentheses (Luhn over
the 80840 prefix) and MAC addresses.

A card or account number is a Safe Harbor account number, a MAC address a device
identifier. The regular expressions only find candidates of the right length and
grouping; ``judge`` decides, as Presidio's CreditCardRecognizer and IbanAccountRecognizer do with
their checksums. A random 16-digit run passes Luhn one time in ten, so a card number must
also start with an issuer prefix and keep one grouping throughout.
"""

from __future__ import annotations

import re

from redactphi.recognizers.base import RegexRecognizer, Rx, words_before

_NB = r"(?<![\w\-./+])"
_NA = r"(?![\w\-]|[.,/]\d)"

# Issuer identification number prefixes (ISO/IEC 7812 ranges as published by the card
# networks): Visa 4, Mastercard 51-55 and 2221-2720, Amex 34/37, Discover 6011/644-649/65,
# Diners 300-305/36/38, JCB 3528-3589, UnionPay 62.
_IIN = re.compile(r"4|5[1-5]|2(?:2[2-9]|[3-6]\d|7[01]|720)|3[47]|6011|64[4-9]|65|30[0-5]|3[68]|35(?:2[89]|[3-8]\d)|62")

# IBAN length by country (ISO 13616 registry, SWIFT, public): the countries a US or
# European clinic is likely to see. An IBAN of another country still passes on mod 97 and
# the 15-34 length bounds.
_IBAN_LENGTH = {
    "AD": 24, "AT": 20, "BE": 16, "BG": 22, "CH": 21, "CY": 28, "CZ": 24, "DE": 22, "DK": 18,
    "EE": 20, "ES": 24, "FI": 18, "FR": 27, "GB": 22, "GR": 27, "HR": 21, "HU": 28, "IE": 22,
    "IS": 26, "IT": 27, "LT": 20, "LU": 20, "LV": 21, "MC": 27, "MT": 31, "NL": 18, "NO": 15,
    "PL": 28, "PT": 25, "RO": 24, "SE": 24, "SI": 19, "SK": 24, "SM": 27, "TR": 26, "UA": 29,
    "SA": 24, "AE": 23, "IL": 23, "QA": 29, "BR": 29, "MU": 30, "PK": 24,
}


def luhn_valid(digits: str) -> bool:
    """The Luhn (mod 10) check used by card numbers and NPIs."""
    total = 0
    for i, c in enumerate(reversed(digits)):
        d = int(c)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def npi_valid(value: str) -> bool:
    """NPI check digit: Luhn over the number prefixed with the 80840 health-industry code."""
    return len(value) == 10 and value[0] in "12" and luhn_valid("80840" + value)


def iban_valid(value: str) -> bool:
    """ISO 13616: move the first four characters to the end, letters to 10..35, mod 97 == 1."""
    v = re.sub(r"[\s\-]", "", value).upper()
    expected = _IBAN_LENGTH.get(v[:2])
    if not (15 <= len(v) <= 34) or (expected is not None and len(v) != expected):
        return False
    digits = "".join(str(int(c, 36)) for c in v[4:] + v[:4])
    return int(digits) % 97 == 1


class CardNumberRecognizer(RegexRecognizer):
    """Payment card numbers: 13-19 digits, plain or in groups, Luhn-valid with an issuer prefix."""

    NAME = "card_number"
    ENTITY = "ACCOUNT_NUMBER"
    DESCRIPTION = "payment card numbers on sight (issuer prefix, one grouping, Luhn check digit)"
    PATTERNS = (
        Rx("card plain", rf"{_NB}(?P<value>\d{{13,19}}){_NA}", 0.8),
        Rx("card grouped", rf"{_NB}(?P<value>\d{{4}}([ \-])\d{{4,6}}\2\d{{4,5}}(?:\2\d{{1,4}})?){_NA}", 0.85),
    )

    def judge(self, text: str, match: re.Match[str], rx: Rx, start: int, end: int) -> float | None:
        digits = re.sub(r"\D", "", text[start:end])
        if not (13 <= len(digits) <= 19) or len(set(digits)) < 2:
            return None
        if not _IIN.match(digits) or not luhn_valid(digits):
            return None
        return rx.score


class IbanAccountRecognizer(RegexRecognizer):
    """International bank account numbers, grouped by four or not, checked mod 97."""

    NAME = "iban"
    ENTITY = "ACCOUNT_NUMBER"
    DESCRIPTION = "IBANs on sight (country length and ISO 13616 mod-97 check)"
    PATTERNS = (
        Rx("iban", r"(?<![\w\-])(?P<value>[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,3})?)(?![\w\-])", 0.85),
    )

    def analyze(self, text, entities, nlp_artifacts=None):  # type: ignore[no-untyped-def]
        if entities and self.ENTITY not in entities:
            return []
        rx = self.PATTERNS[0]
        results = []
        for m in re.finditer(rx.regex, text, rx.flags):
            # the candidate may run on into the next word ("... 3000 for"): the longest
            # prefix of whole groups that passes the check is the IBAN
            start, groups = m.start("value"), m.group("value").split(" ")
            for k in range(len(groups), 0, -1):
                value = " ".join(groups[:k])
                if iban_valid(value):
                    results.append(self.result(self.ENTITY, start, start + len(value), rx.score, rx.name))
                    break
        return results


class NpiInParenthesesRecognizer(RegexRecognizer):
    """A prescriber's NPI in parentheses after the name, without its label: "Dr. Ames (1245319599)"."""

    NAME = "npi_unlabelled"
    ENTITY = "LICENSE_NUMBER"
    DESCRIPTION = "ten-digit NPIs in parentheses with a valid 80840-prefixed Luhn check digit"
    PATTERNS = (Rx("npi in parentheses", r"\(\s*(?P<value>[12]\d{9})\s*\)", 0.8),)

    def judge(self, text: str, match: re.Match[str], rx: Rx, start: int, end: int) -> float | None:
        return rx.score if npi_valid(text[start:end]) else None


class MacDeviceRecognizer(RegexRecognizer):
    """MAC addresses of devices (pumps, monitors, telemetry): six hex pairs or three dotted quads."""

    NAME = "mac_address"
    ENTITY = "DEVICE_ID"
    DESCRIPTION = "MAC addresses (00:1A:2B:3C:4D:5E, 00-1a-..., 001a.2b3c.4d5e)"
    PATTERNS = (
        Rx("mac colon or dash", r"(?<![\w:\-])(?P<value>[0-9A-F]{2}([:\-])(?:[0-9A-F]{2}\2){4}[0-9A-F]{2})(?![\w:\-])", 0.85, check="check_mac"),
        Rx("mac dotted", r"(?<![\w.])(?P<value>[0-9A-F]{4}\.[0-9A-F]{4}\.[0-9A-F]{4})(?![\w.])", 0.8, check="check_mac_dotted"),
    )

    def check_mac(self, text: str, match: re.Match[str], rx: Rx, start: int, end: int) -> float | None:
        """Not one hex digit repeated ("00:00:00:00:00:00")."""
        hexdigits = re.sub(r"[^0-9A-Fa-f]", "", text[start:end])
        return rx.score if len(set(hexdigits.lower())) > 1 else None

    def check_mac_dotted(self, text: str, match: re.Match[str], rx: Rx, start: int, end: int) -> float | None:
        """As :meth:`check_mac`, and not a version number ("version 2023.0101.0001")."""
        hexdigits = re.sub(r"[^0-9A-Fa-f]", "", text[start:end])
        if hexdigits.isdigit() and words_before(text, start, 1) in (["version"], ["v"]):
            return None
        return self.check_mac(text, match, rx, start, end)
