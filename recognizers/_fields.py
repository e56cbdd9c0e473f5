"""What a field says about its value: the label vocabulary of redactphi/data/field_labels.json
(HL7 v2 field meanings, table column headers, form labels) and the checks a value must
pass to be taken as PHI of its field's type.

Shared by the structured-text recognizers (hl7.py, tables.py, forms.py). Not a recognizer
module itself (the leading underscore keeps the engine's discovery away).
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources
from typing import Any

from redactphi.lexicons import census_first_names, census_last_names, clinical_terms, common_words

#: Every entity a field may assign besides ``ID`` (the structured recognizers' own
#: ENTITY): they declare these as EXTRA_ENTITIES.
FIELD_ENTITIES: tuple[str, ...] = (
    "NAME", "DATE", "STREET_ADDRESS", "LOCATION", "ZIP_CODE", "PHONE", "FAX", "EMAIL", "MRN",
    "ACCOUNT_NUMBER", "SSN", "HEALTH_PLAN_ID", "LICENSE_NUMBER", "FACILITY",
)
_MONTH = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b", re.I)
_DATE_SHAPE = re.compile(r"\d{1,4}[/\-.]\d{1,2}|\b(?:19|20)\d{2}\b|\b\d{8}\b")
_NUMBER_ENTITIES = {"MRN", "ACCOUNT_NUMBER", "ID", "SSN", "HEALTH_PLAN_ID", "LICENSE_NUMBER"}


@cache
def vocabulary() -> dict[str, Any]:
    """The parsed field_labels.json (loaded once per process)."""
    text = resources.files("redactphi.data").joinpath("field_labels.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def normalise_label(label: str) -> str:
    """"PatientFirstName", "patient_first_name", "Patient First Name:" -> "patient first name"."""
    label = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", label.strip())
    return " ".join(re.findall(r"[a-z0-9]+", label.lower()))


def label_entity(label: str) -> str | None:
    """The entity of a column header or form label, or ``None`` if it names no PHI."""
    vocab = vocabulary()
    norm = normalise_label(label)
    if not norm:
        return None
    if norm in vocab["exact"]:
        return str(vocab["exact"][norm])
    words = norm.split()
    if len(words) > 5:
        return None
    for keyword, entity in vocab["keywords"].items():
        if keyword in words:
            if entity == "NAME" and any(w in vocab["non_person_words"] for w in words):
                return None
            return str(entity)
    return None


def is_empty_value(value: str) -> bool:
    """"N/A", "unknown", "declined", "-": a field that holds nothing to redact."""
    v = value.strip().strip(".").lower()
    return not v or v in vocabulary()["empty_values"]


_DATE_PART = re.compile(r"\d{1,4}(?:st|nd|rd|th)?|of", re.I)


def _date_token(token: str) -> bool:
    """"05-Mar-2016", "3rd", "May", "1961," are parts of a date; "@", "at", "5:00" are not."""
    parts = [p for p in re.split(r"[/\-.,]", token) if p]
    return all(_DATE_PART.fullmatch(p) or _MONTH.fullmatch(p) for p in parts)


# an identifier is one token, or digit groups as printed on a card ("QTR 551 208 904")
_NUMBER_PREFIX = re.compile(r"(?:[A-Za-z]{1,4}[ ](?=\d))?[\w#\-./]*\d[\w#\-./]*(?:[ ]\d[\d\-]*){0,3}|[\w#\-./]+")
# "Name: Ana Ruiz. Seen today": a full stop after a word of three letters ends the value
# ("Dr. Hart", "Ida A. Moss" keep theirs)
_SENTENCE_END = re.compile(r"(?<=[A-Za-z0-9]{3})\.\s")
_PHONE_PREFIX = re.compile(r"\+?[\d(][\d()\-. ]{5,}\d(?:\s*(?:x|ext\.?)\s*\d{1,6})?", re.I)


def shape_length(entity: str, value: str) -> int:
    """How much of a form value belongs to a field of this type: "07/06/2019 @ 5:00 PM"
    under "Exam date" is a date followed by a time, "4471920318 (RI)" a number and an aside."""
    if entity == "DATE":
        end = 0
        for m in re.finditer(r"\S+", value):
            if not _date_token(m.group()) or len(re.findall(r"[/\-.]", value[:end])) >= 2:
                break  # not part of a date, or a time after a complete numeric date
            end = m.end()
        return len(value[:end].rstrip(" ,.-/"))
    if entity in ("PHONE", "FAX"):
        phone = _PHONE_PREFIX.match(value)
        return phone.end() if phone else len(value)
    if entity in _NUMBER_ENTITIES:
        number = _NUMBER_PREFIX.match(value)
        return len(number.group().rstrip(".")) if number else len(value)
    sentence_end = _SENTENCE_END.search(value)
    return sentence_end.start() if sentence_end else len(value)


def plausible(entity: str, value: str) -> bool:
    """Whether a free-text form value can be PHI of ``entity`` ("Patient: resting comfortably"
    cannot be a name). Table cells and HL7 fields skip this: their column decides."""
    digits = sum(c.isdigit() for c in value)
    words = value.split()
    if entity == "DATE":
        return _DATE_SHAPE.search(value) is not None or _MONTH.search(value) is not None
    if entity in ("PHONE", "FAX"):
        return digits >= 7
    if entity == "ZIP_CODE":
        return digits >= 5
    if entity in _NUMBER_ENTITIES:
        return digits >= 3 and len(words) <= 5
    if entity == "EMAIL":
        return "@" in value
    if entity == "STREET_ADDRESS":
        return len(words) <= 12 and digits >= 1
    if entity == "FACILITY":  # workplaces are everyday words ("Home Depot"): only the length tells
        return 1 <= len(words) <= 8 and not value.lower().startswith(("none", "no ", "not "))
    return 1 <= len(words) <= 8 and _looks_like_proper_name(words)


def _looks_like_proper_name(words: list[str]) -> bool:
    """At least one word that could be a name: a census name or a word that is not
    everyday English, and not clinical vocabulary ("Doe, Jane" yes; "resting comfortably" no)."""
    low = [re.sub(r"[^a-z'\-]", "", w.lower()) for w in words]
    names, common, clinical = _person_names(), common_words(), clinical_terms()
    return any(w and w not in clinical and (w in names or w not in common) for w in low)


@cache
def _person_names() -> frozenset[str]:
    return census_first_names() | census_last_names()


def strip_cell(text: str, start: int, end: int) -> tuple[int, int]:
    """``(start, end)`` of a field or table cell without its padding and quotes."""
    while start < end and text[start] in " \t\"":
        start += 1
    while end > start and text[end - 1] in " \t\"":
        end -= 1
    return start, end
