"""Numbers that identify a person or their things: SSN, health plan, account, licence,
vehicle, device and any other labelled identifier.

Almost every identifier here is recognisable only by its label: "W174075322" is a member
number after "Member #", an order number after "Order #" and nothing at all after "WBC".
So each recognizer pairs a set of labels with a generous value shape and judges the
value (it must carry enough digits, and must not be a dose or a lab value). The few
formats that stand on their own (dashed SSN, DEA number with a valid check digit, VIN,
GS1 device UDI) are taken on sight.
"""

from __future__ import annotations

import re

from redactphi.recognizers.base import RegexRecognizer, Rx, words_before

# Filler between a label and its value: "Member ID: ", "insurance # is ", "No. ".
_GAP = r"(?:\s*(?:[:#=]|-(?=\s)|\(|\bis\b|\bwas\b|\bnumber\b|\bnum\b|\bnbr\b|\bno\b\.?|\bid\b|\(last\s*(?:4|four)\)|\(s\))\s*){0,4}\s*"
# An identifier value: letters, digits and inner hyphens/dots/slashes, with at least one
# digit, and an optional leading "#".
_VALUE = r"(?P<value>\#?(?=[A-Z\-]*\d)[A-Z0-9](?:[A-Z0-9]|[\-./](?=[A-Z0-9])){1,30})(?![\w\-])"
_UNIT_AFTER = {
    "mg", "mcg", "g", "kg", "ml", "l", "units", "unit", "u", "meq", "mmol", "mm", "cm", "mmhg", "bpm",
    "tabs", "tab", "tablets", "caps", "capsules", "times", "x", "hours", "hrs", "days", "weeks", "years",
    "%", "percent", "cells", "copies",
}


def _digits(value: str) -> int:
    return sum(c.isdigit() for c in value)


class _LabelledIdRecognizer(RegexRecognizer):
    """Shared judgement for label + value patterns."""

    MIN_DIGITS = 3

    def judge(self, text: str, match: re.Match[str], rx: Rx, start: int, end: int) -> float | None:
        """A pattern's own check if it has one, else :meth:`labelled_value`."""
        if rx.check:
            return super().judge(text, match, rx, start, end)
        return self.labelled_value(text, match, rx, start, end)

    def labelled_value(self, text: str, match: re.Match[str], rx: Rx, start: int, end: int) -> float | None:
        """A value after its label: enough digits, not a decimal range, not a dose."""
        value = text[start:end].lstrip("#")
        if _digits(value) < self.MIN_DIGITS:
            return None
        if "." in value and re.fullmatch(r"[\d.\-]+", value):
            return None  # "12.0-16.0": a reference range or a decimal, not an identifier
        nxt = re.match(r"\s*([a-z%]+)", text[end:end + 12], re.I)
        if nxt and nxt.group(1).lower() in _UNIT_AFTER and value.isdigit():
            return None  # "Insurance: 100 mg" is not a value for the label
        return rx.score


# -- SSN ------------------------------------------------------------------------------
_SSN_LABEL = (
    r"(?:ssn|ss\s*#|ss\s*no\.?|s\.s\.n\.?|soc(?:ial)?\.?\s*sec(?:urity)?\.?(?:\s*(?:number|no\.?|num|#|card))?"
    r"|social(?:\s*#)?)"
)


class SSNRecognizer(RegexRecognizer):
    """Social Security numbers: dashed on sight (test numbers included), other layouts,
    masked forms and last-four after an SSN label."""

    NAME = "ssn"
    ENTITY = "SSN"
    DESCRIPTION = "Social Security numbers (123-45-6789 on sight; spaced, bare, masked, last 4 with a label)"
    PATTERNS = (
        # Not validated against SSA rules: a fake-looking SSN in a note is still an SSN.
        Rx("ssn dashed", r"(?<![\w\-/.])\d{3}-\d{2}-\d{4}(?![\w\-]|\.\d)", 0.85),
        Rx(
            "ssn labelled",
            rf"(?<![a-z]){_SSN_LABEL}(?![a-z]){_GAP}(?:[:#]\s*)?(?P<value>(?:[x*]{{3}}[\s\-]?[x*]{{2}}[\s\-]?)?\d{{4}}|\d{{3}}[\s\-.]?\d{{2}}[\s\-.]?\d{{4}})(?![\w\-])",
            0.95,
        ),
        # "SSN ending in 4077", "last 4 of SSN 4077"
        Rx("ssn last four", rf"(?<![a-z]){_SSN_LABEL}\s*(?:ending\s+in|ends\s+in|last\s+(?:4|four)(?:\s+digits)?)\s*:?\s*(?P<value>\d{{4}})\b", 0.95),
        Rx("ssn masked", r"(?<![\w\-])(?:x{3}|\*{3})-(?:x{2}|\*{2})-(?P<value>\d{4})\b", 0.9),
        # "123 45 6789", "123.45.6789": one separator throughout, and a number the SSA could issue
        Rx("ssn spaced or dotted", r"(?<![\w\-/.])(?P<value>\d{3}([ .])\d{2}\2\d{4})(?![\w\-]|\.\d)", 0.8, check="check_issuable"),
        # nine bare digits are an SSN only near an SSN cue ("social security on file 078051120")
        Rx("ssn bare near cue", r"(?<![\w\-/.])(?P<value>\d{9})(?![\w\-]|\.\d)", 0.8, check="check_ssn_near_cue"),
    )

    def check_issuable(self, text: str, match: re.Match[str], rx: Rx, start: int, end: int) -> float | None:
        """A number the SSA could issue."""
        return rx.score if ssn_issuable(re.sub(r"\D", "", text[start:end])) else None

    def check_ssn_near_cue(self, text: str, match: re.Match[str], rx: Rx, start: int, end: int) -> float | None:
        """Nine bare digits: issuable, and an SSN cue shortly before."""
        if self.check_issuable(text, match, rx, start, end) is None or not _ssn_cue_before(text, start):
            return None
        return rx.score


_SSN_CUE = re.compile(rf"(?<![a-z]){_SSN_LABEL}(?![a-z])|\bsocial\b|\bss\b", re.I)
# another identifier's label between the cue and the number claims the number for itself
_OTHER_ID_LABEL = re.compile(r"\b(?:id|mrn|acct|account|lab|order|accession|member|policy|phone|tel|fax|pager|claim|rx)\b|#", re.I)


def _ssn_cue_before(text: str, start: int) -> bool:
    """An SSN cue in the 50 characters before ``start``, with no other label after it."""
    window = text[max(0, start - 50):start]
    cues = list(_SSN_CUE.finditer(window))
    return bool(cues) and not _OTHER_ID_LABEL.search(window, cues[-1].end())


def ssn_issuable(digits: str) -> bool:
    """SSA rules: area not 000, 666 or 900-999; group not 00; serial not 0000."""
    if len(digits) != 9:
        return False
    area, group, serial = digits[:3], digits[3:5], digits[5:]
    return area not in ("000", "666") and area[0] != "9" and group != "00" and serial != "0000"


# -- health plan ----------------------------------------------------------------------
_PLAN_LABEL = (
    r"(?:(?:medical\s+|health\s+)?insurance(?:\s+(?:plan|policy|member|subscriber|card))?(?:\s+(?:id|#|number|no\.?))?"
    r"|insur(?:er)?\.?\s*(?:id|#|no\.?)|ins\.?\s*(?:id|#|no\.?)?|ins\s+is"
    r"|member\s*(?:id|#|no\.?|number)|subscriber\s*(?:id|#|no\.?|number)|beneficiary\s*(?:id|#|no\.?|number)"
    r"|policy\s*(?:id|#|no\.?|number|holder\s+id)?|group\s*(?:id|#|no\.?|number)|(?:health\s+)?plan\s*(?:id|#|no\.?|number)"
    r"|health\s+plan(?:\s+member)?|medicare(?:\s*(?:id|#|no\.?|number|card))?|medicaid(?:\s*(?:id|#|no\.?|number))?"
    r"|mbi|hicn|hbn|bcbs\s*(?:id|#)?|payer\s*id|coverage\s*(?:id|#))"
)
# Medicare Beneficiary Identifier: 11 characters in a fixed letter/digit layout.
_MBI = r"[1-9][AC-HJKMNP-RT-Y][AC-HJKMNP-RT-Y0-9]\d-?[AC-HJKMNP-RT-Y][AC-HJKMNP-RT-Y0-9]\d-?[AC-HJKMNP-RT-Y]{2}\d{2}"


class HealthPlanRecognizer(_LabelledIdRecognizer):
    """Health plan, member, subscriber, policy, group, Medicare/Medicaid numbers."""

    NAME = "health_plan_id"
    ENTITY = "HEALTH_PLAN_ID"
    DESCRIPTION = "insurance/member/policy/group/Medicare/Medicaid numbers after a plan label; MBI on sight"
    PATTERNS = (
        Rx("plan labelled", rf"(?<![a-z]){_PLAN_LABEL}(?![a-z]){_GAP}{_VALUE}", 0.9),
        # "member BCV 448 201 773": grouped digits as printed on the card
        Rx("plan labelled spaced", rf"(?<![a-z]){_PLAN_LABEL}(?![a-z]){_GAP}(?P<value>(?:[A-Z]{{2,4}}[ \t])?\d{{3,5}}(?:[ \t]\d{{1,5}}){{1,4}})(?![\w\-])", 0.85),
        # any case ("1eg4te5mk73" in a typed query): the CMS letter/digit layout is as telling
        Rx("mbi", rf"(?<![\w\-])(?P<value>{_MBI})(?![\w\-])", 0.8),
        # "ins: Aetna PPO, id W2231 5567": an ID after the insurer's name on the same line
        Rx("id after insurer", rf"(?<![a-z])(?:ins(?:urance)?|plan|payer|coverage|insurer)\s*[:\-]\s*[^\n:;]{{2,40}}?[,;]?\s+(?:member\s+|subscriber\s+)?(?:id|#|member|no\.?)\s*[:#]?\s*{_VALUE}", 0.85),
    )


# -- account ----------------------------------------------------------------------------
# Robustness (issue 9): the space after the optional first word sits inside the option;
# a bare \s* there made every position of a long run of blanks rescan the run (quadratic).
_ACCT_LABEL = (
    r"(?:(?:(?:billing|guarantor|patient|hospital|bank|checking|savings)\s*)?(?:acct|account)\.?(?:\s*(?:#|no\.?|number|num|id))?"
    r"|fin|har|invoice\s*(?:#|no\.?|number)?|statement\s*(?:#|no\.?|number)|billing\s*(?:#|id|no\.?|number)"
    r"|credit\s+card(?:\s*(?:#|no\.?|number))?|card\s*(?:#|no\.?|number))"
)


class AccountRecognizer(_LabelledIdRecognizer):
    """Account, billing, FIN/HAR, invoice and card numbers after their label."""

    NAME = "account_number"
    ENTITY = "ACCOUNT_NUMBER"
    DESCRIPTION = "account / billing / FIN / HAR / invoice numbers after a label"
    PATTERNS = (Rx("account labelled", rf"(?<![a-z]){_ACCT_LABEL}(?![a-z]){_GAP}{_VALUE}", 0.9),)


# -- licences and certificates ---------------------------------------------------------
_LIC_LABEL = (
    r"(?:(?:(?:rn|lpn|np|pa|md|do|medical|nursing|state|professional|pharmacy|pharmacist|driver'?s?|drivers|dl|id|"
    r"board|dea|controlled\s+substance|driving)\s+)?(?:licen[cs]e|lic)\.?(?:\s*(?:#|no\.?|number|num|id))?"
    r"|dl(?=\s*[#:])|d\.l\.|cdl|driver'?s?\s+lic(?:en[cs]e)?|dea(?:\s*(?:#|no\.?|number|reg(?:istration)?))?|npi(?:\s*(?:#|no\.?|number))?|clia(?:\s*(?:#|no\.?|number|id))?"
    r"|(?:board\s+)?certificat(?:e|ion)\s*(?:#|no\.?|number|id)|cert\.?\s*(?:#|no\.?)|upin|tax\s*id|ein|ptan|caqh(?:\s*id)?)"
)
_DEA = r"[A-Z][A-Z9]\d{7}"


def dea_valid(value: str) -> bool:
    """DEA registration check digit: (d1+d3+d5) + 2*(d2+d4+d6), last digit == d7."""
    d = [int(c) for c in value[2:]]
    return len(d) == 7 and (d[0] + d[2] + d[4] + 2 * (d[1] + d[3] + d[5])) % 10 == d[6]


class LicenseRecognizer(_LabelledIdRecognizer):
    """Professional licences, DEA, NPI, CLIA and certificate numbers."""

    NAME = "license_number"
    ENTITY = "LICENSE_NUMBER"
    DESCRIPTION = "licence/certificate numbers after a label (DEA, NPI, CLIA, state licence); checked DEA on sight"
    PATTERNS = (
        Rx("license labelled", rf"(?<![a-z/]){_LIC_LABEL}(?![a-z]){_GAP}{_VALUE}", 0.9),
        Rx("dea on sight", rf"(?<![\w\-])(?P<value>{_DEA})(?![\w\-])", 0.8, flags=0, check="check_dea"),
    )

    def check_dea(self, text: str, match: re.Match[str], rx: Rx, start: int, end: int) -> float | None:
        """A DEA number on sight only with a valid check digit."""
        return rx.score if dea_valid(text[start:end]) else None


# -- vehicles -------------------------------------------------------------------------
_PLATE_LABEL = r"(?:(?:license|licence|registration|vehicle)\s+plate|plate|tag|registration|vehicle\s*(?:id|#|no\.?|number)|reg\.?\s*(?:#|no\.?)|aircraft|tail\s*(?:#|no\.?|number))"


class VehicleRecognizer(RegexRecognizer):
    """Vehicle identification numbers and labelled licence plates."""

    NAME = "vehicle_id"
    ENTITY = "VEHICLE_ID"
    DESCRIPTION = "VINs (17 characters) and licence plates after a plate/tag label"
    PATTERNS = (
        Rx("vin", r"(?<![\w\-])(?P<value>[A-HJ-NPR-Z0-9]{17})(?![\w\-])", 0.85, flags=0, check="check_vin"),
        # typed in lower case, a VIN needs its label: "vin 2hgfa16509h518274"
        Rx("vin labelled", r"(?<![a-z])vin\s*[:#]?\s*(?P<value>[a-hj-npr-z0-9]{17})(?![\w\-])", 0.85, check="check_vin"),
        Rx(
            "plate labelled",
            rf"(?<![a-z]){_PLATE_LABEL}(?![a-z]){_GAP}(?P<value>(?=[A-Z\- ]*\d)(?=[\d\- ]*[A-Z])[A-Z0-9]{{1,4}}[\- ]?[A-Z0-9]{{1,5}})(?![\w\-])",
            0.85,
            check="check_plate",
        ),
    )

    def check_vin(self, text: str, match: re.Match[str], rx: Rx, start: int, end: int) -> float | None:
        """A VIN mixes letters and digits; all-digit runs are other numbers."""
        value = text[start:end]
        letters = sum(c.isalpha() for c in value)
        if letters < 2 or _digits(value) < 3:
            return None
        return rx.score

    def check_plate(self, text: str, match: re.Match[str], rx: Rx, start: int, end: int) -> float | None:
        """A plate after its label: not a "skin tag", at least four characters."""
        value = text[start:end]
        prev = words_before(text, match.start(), 1)
        if prev and prev[-1] in {"skin", "name", "id", "price", "ear", "toe"}:
            return None  # "skin tag", "name tag"
        if len(value.replace(" ", "").replace("-", "")) < 4:
            return None
        return rx.score


# -- devices --------------------------------------------------------------------------
_DEV_LABEL = (
    r"(?:serial(?:\s*(?:#|no\.?|number|num))?|s/n|sn|udi|lot(?:\s*(?:#|no\.?|number))|device\s*(?:id|#|serial)"
    r"|transmitter(?:/sensor)?(?:\s*(?:id|#|serial|code))?|sensor\s*(?:id|#|serial|code)|imei|model/serial|pump\s*(?:id|#|serial)|implant\s*(?:id|#))"
)
# GS1 UDI: (01) GTIN then application identifiers such as (17) expiry, (10) lot, (21) serial.
_UDI = r"\(01\)\d{14}(?:\(\d{2,4}\)[A-Z0-9\-]{1,20})*"


class DeviceRecognizer(_LabelledIdRecognizer):
    """Device serial numbers, UDIs and transmitter IDs."""

    NAME = "device_id"
    ENTITY = "DEVICE_ID"
    DESCRIPTION = "device serial numbers (serial, S/N, UDI, lot, transmitter ID); GS1 UDIs on sight"
    MIN_DIGITS = 3
    PATTERNS = (
        Rx("device labelled", rf"(?<![a-z/]){_DEV_LABEL}(?![a-z]){_GAP}{_VALUE}", 0.85),
        Rx("udi gs1", rf"(?<![\w)])(?P<value>{_UDI})", 0.9),
    )


# -- any other labelled identifier -----------------------------------------------------
_ID_LABEL = (
    r"(?:case|claim|encounter|enc|visit|episode|csn|accession|acc|specimen|sample|study|order|requisition|req|"
    r"reference|ref|confirmation|conf|ticket|tracking|authori[sz]ation|auth|referral|report|exam|record|"
    r"document|doc|form|registry|enrollment|employee|badge|site|subject|participant|donor|member|client|"
    r"resident|inmate|student|voucher|barcode|identifier|job|batch|dictation|transcription|interpreter|"
    r"incident|police\s+report|booking|reservation|message|msg|voicemail|prescription|rx|script|refill|"
    r"prior\s+auth|work\s+order|kit|container|passport|id)"
    r"(?:\s*(?:#|no\.?|number|num|id|code))?"
)


class LabelledIdRecognizer(_LabelledIdRecognizer):
    """Any identifier after an ID label (Case #, CSN, Accession #, Order #, Study ID...)."""

    NAME = "labelled_id"
    ENTITY = "ID"
    EXTRA_ENTITIES = ("MRN",)
    DESCRIPTION = "identifiers after a generic label (ID:, Case #, CSN, Accession #, Order #, Claim #)"
    PATTERNS = (
        # a bare word label needs a "#", "no." "ID" or ":" to be a label ("case 3", "order 2 units" are not)
        Rx("id labelled", rf"(?<![a-z]){_ID_LABEL}(?![a-z])\s*(?:#|:|no\.|number|id\b)\s*(?::\s*)?{_VALUE}", 0.85),
        Rx("id hash", rf"(?<![\w#])(?:ID|Id|id)\s*#?\s*:\s*{_VALUE}", 0.85, flags=0),
        # labels that need no "#" or ":": "confirmation BVA-55190", "accession S24-1187"
        Rx("id strong label", rf"(?<![a-z])(?:confirmation|accession|csn|job|dictation|badge|(?:our\s+)?ref|consult\s*#?|randomi[sz]ation(?:\s+(?:no\.?|number|#))?:?|passport(?:\s+(?:no\.?|number|#))?:?|specimen|claim|booking|rx)\s+{_VALUE}", 0.8, check="check_strong_label"),
        # gate, lockbox and door codes are keys to a patient's home: "lockbox code 4471#"
        Rx("access code", r"(?<![a-z])(?:gate|lock\s*box|key\s*(?:box|safe)|door|entry|keypad|alarm|building|access)\s+(?:code|combo|combination|pin)\s*(?:is|:|#|=)?\s*(?P<value>[#*]?\d{3,8}[#*]?)(?![\w\-])", 0.85, check="check_access_code"),
        # a site's code before its record label: "PRH MRN PR220914", "CHH Unit No: 618-22-09"
        Rx("site code before record label", r"(?<![\w/])(?P<value>[A-Z]{2,5})(?=[ \t]+(?:MRN|MR\s*#|Unit\s+No|Med\s+Rec)\b)", 0.7, flags=0, entity="FACILITY", check="check_site_code"),
        # Record numbers with letters in places the MRN recognizer's layout does not
        # expect ("UCLA-T1D-2023", "87342GH").
        Rx("mrn alphanumeric", rf"(?<![a-z])(?:mrn|mr\s*#|med(?:ical)?\s+rec(?:ord)?\s*(?:#|no\.?|number)?)\s*(?:[:#]\s*|is\s+)*{_VALUE}", 0.9, entity="MRN"),
    )

    def judge(self, text: str, match: re.Match[str], rx: Rx, start: int, end: int) -> float | None:
        label = text[match.start():start].lower()
        if re.match(r"\s*(?:order|exam|report|form|document|doc|record|site|referral)\b", label) and _digits(text[start:end]) < 4:
            return None
        return super().judge(text, match, rx, start, end)

    def check_strong_label(self, text: str, match: re.Match[str], rx: Rx, start: int, end: int) -> float | None:
        """"confirmation #": at least four digits, then the shared label judgement."""
        if _digits(text[start:end]) < 4:
            return None
        return self.labelled_value(text, match, rx, start, end)

    def check_access_code(self, text: str, match: re.Match[str], rx: Rx, start: int, end: int) -> float | None:
        """A gate or lock-box code: its label is enough."""
        return rx.score

    def check_site_code(self, text: str, match: re.Match[str], rx: Rx, start: int, end: int) -> float | None:
        """Letters before a record label, unless an everyday word ("PT", "THE", "ICU")."""
        return None if text[start:end] in {"PT", "THE", "AND", "NEW", "OLD", "HIS", "HER", "ED", "ER", "OR", "ICU"} else rx.score


# -- record header lines ----------------------------------------------------------------
_HEADER_START = r"(?m)^[ \t]*"
_HEADER_TAIL = r"[ \t]+[A-Za-z]{2,6}[ \t]+\d{5,12}[ \t]*\|"


class RecordHeaderRecognizer(RegexRecognizer):
    """The pipe-separated header line that opens exported records
    ("338104226 CGH 74102993 | | 5521078 | 1/9/2004 ..."): record number, site code
    and visit identifiers, with no labels at all."""

    NAME = "record_header"
    ENTITY = "ID"
    EXTRA_ENTITIES = ("MRN", "FACILITY")
    DESCRIPTION = "record number, site code and visit IDs on a pipe-separated record header line"
    PATTERNS = (
        Rx("header record number", rf"{_HEADER_START}(?P<value>\d{{5,12}})(?={_HEADER_TAIL})", 0.85, flags=0, entity="MRN"),
        Rx("header site code", rf"{_HEADER_START}\d{{5,12}}[ \t]+(?P<value>[A-Za-z]{{2,6}})(?=[ \t]+\d{{5,12}}[ \t]*\|)", 0.8, flags=0, entity="FACILITY"),
        Rx("header visit id", rf"{_HEADER_START}\d{{5,12}}[ \t]+[A-Za-z]{{2,6}}[ \t]+(?P<value>\d{{5,12}})[ \t]*\|", 0.85, flags=0),
        Rx("header second id", rf"{_HEADER_START}\d{{5,12}}{_HEADER_TAIL}[ \t]*\|?[ \t]*(?P<value>\d{{5,12}})[ \t]*\|", 0.85, flags=0),
    )
