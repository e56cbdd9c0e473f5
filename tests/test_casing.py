"""Re-casing caseless lines (redactphi/pipeline/casing.py) and what it buys end to end: places,
facilities and names in upper-case nursing notes and lower-case queries, without
blacking out the clinical words around them.

Every sentence is invented. Test ids are row numbers so pytest never prints a value."""

from __future__ import annotations

import pytest
from conftest import check_redaction, same_text
from hypothesis import given
from hypothesis import strategies as st

from redactphi.pipeline.casing import truecase


def ids(rows):
    return [str(i) for i in range(len(rows))]


RECASED = [
    # places and facilities get their capitals back; abbreviations keep theirs, a sentence
    # starts with a capital
    ("PT TRANSFERRED FROM ST. BRIGID'S TO TACOMA GENERAL HOSPITAL OVERNIGHT",
     "PT transferred from St. Brigid's to Tacoma General Hospital overnight"),
    ("FAMILY LIVES IN SPOKANE, WA. FOLLOWS AT NORTH RIDGE CLINIC",
     "Family lives in Spokane, WA. Follows at North Ridge Clinic"),
    # a known health system keeps its usual spelling, abbreviations stay upper
    ("HX CHF, PREVIOUSLY SEEN AT NYU LANGONE AND CEDARS-SINAI",
     "HX CHF, previously seen at NYU Langone and Cedars-Sinai"),
    # lower-case queries too
    ("daughter drove her to lakeview memorial hospital in duluth, mn",
     "Daughter drove her to Lakeview Memorial Hospital in Duluth, MN"),
    # a letterhead line that is only the practice's name
    ("HARBORSIDE PULMONARY ASSOCIATES", "Harborside Pulmonary Associates"),
]


@pytest.mark.parametrize("raw,expected", RECASED, ids=ids(RECASED))
def test_truecase_restores_capitals(raw: str, expected: str) -> None:
    same_text(truecase(raw), expected, "re-cased line")


UNCHANGED_WORDS = [
    # generic care settings are not names
    ("SEEN IN AN OUTPATIENT CLINIC AND AT A UNIVERSITY HOSPITAL LAST YEAR", "outpatient clinic"),
    ("SEEN IN AN OUTPATIENT CLINIC AND AT A UNIVERSITY HOSPITAL LAST YEAR", "university hospital"),
    ("DISCUSSED RISKS OF GENERAL ANESTHESIA WITH PT AND WIFE", "general anesthesia"),
    # short names in capitals read as abbreviations first ("ADA" diet, "AL" line)
    ("FOLLOWING ADA DIET, BS 180S, INSULIN PER SLIDING SCALE", "ADA"),
    # addresses on the web and in mail keep exactly what was written
    ("FAMILY EMAILED RHODES_K@MAILBOX.ORG ABOUT VISITING HOURS", "RHODES_K@MAILBOX.ORG"),
]


@pytest.mark.parametrize("raw,word", UNCHANGED_WORDS, ids=ids(UNCHANGED_WORDS))
def test_truecase_leaves_generic_words_and_codes(raw: str, word: str) -> None:
    start = raw.lower().find(word.lower())
    same_text(truecase(raw)[start : start + len(word)], word, "re-cased word")


def test_mixed_case_lines_are_left_exactly_as_written() -> None:
    note = "Seen by Dr. Rose.\nVS STABLE, AFEBRILE, TOLERATING PO INTAKE WELL\nPlan: f/u in 2 wk"
    lines = truecase(note).split("\n")
    same_text(lines[0], "Seen by Dr. Rose.", "mixed-case line")
    same_text(lines[2], "Plan: f/u in 2 wk", "mixed-case line")
    assert lines[1] != note.split("\n")[1], "the upper-case line was not re-cased"


@given(st.text(alphabet=st.sampled_from("abcdefgh ABCDEFGH.,'-/@\n0123ßİ"), max_size=200))
def test_truecase_keeps_every_offset(text: str) -> None:
    cased = truecase(text)
    assert len(cased) == len(text)
    assert all(a.lower() == b.lower() or not a.isalpha() for a, b in zip(text, cased, strict=True))


# End to end through the whole pipeline: what must go and what must stay.
UPPER_NOTE = (
    "0300 PT RESTING, VSS. DAUGHTER CALLED FROM ALBUQUERQUE, NM, WILL VISIT TMRW. "
    "PT W/ HX CHF, S/P CABG AT HOLY REDEEMER HOSPITAL. "
    "PREVIOUSLY FOLLOWED AT JOHNS HOPKINS. GIVEN LASIX 40 MG IV, FOLEY DRAINING WELL."
)
CAUGHT = ["ALBUQUERQUE, NM", "HOLY REDEEMER HOSPITAL", "JOHNS HOPKINS"]
KEPT = ["PT W/ HX CHF", "S/P CABG", "LASIX 40 MG IV", "FOLEY", "VSS"]

LOWER_NOTE = (
    "pt is a 67 yo man admitted to riverbend medical center from tucson, az with "
    "copd exacerbation; seen by dr. okafor, started on prednisone and albuterol nebs."
)
LOWER_CAUGHT = ["riverbend medical center", "tucson, az", "okafor"]
LOWER_KEPT = ["67 yo", "copd exacerbation", "prednisone", "albuterol nebs"]


@pytest.mark.parametrize("value", CAUGHT, ids=ids(CAUGHT))
def test_upper_case_note_places_are_redacted(redactor, value: str) -> None:
    check_redaction(redactor, UPPER_NOTE, **{'caught': [value]})


@pytest.mark.parametrize("value", KEPT, ids=ids(KEPT))
def test_upper_case_note_clinical_words_survive(redactor, value: str) -> None:
    check_redaction(redactor, UPPER_NOTE, **{'kept': [value]})


@pytest.mark.parametrize("value", LOWER_CAUGHT, ids=ids(LOWER_CAUGHT))
def test_lower_case_note_places_and_names_are_redacted(redactor, value: str) -> None:
    check_redaction(redactor, LOWER_NOTE, **{'caught': [value]})


@pytest.mark.parametrize("value", LOWER_KEPT, ids=ids(LOWER_KEPT))
def test_lower_case_note_clinical_words_survive(redactor, value: str) -> None:
    check_redaction(redactor, LOWER_NOTE, **{'kept': [value]})


# One sentence per phenomenon, with what must go and what must stay.
CASES = [
    # a first name that is also a word, with an initial, set off by commas in capitals
    ("ASSESSED 71YO MALE, BUCK T., FOR FALLS; ON ELIQUIS", ["BUCK T."], ["ELIQUIS"]),
    # a possessive in capitals still belongs to the name after the title
    ("REVIEWED DR. OYELARAN'S NOTE FROM CLINIC", ["DR. OYELARAN"], ["NOTE FROM CLINIC"]),
    # a generic-sounding proper name right after "to"/"at"
    ("Transferred to Memorial Hospital for cath.", ["Memorial Hospital"], ["cath"]),
    ("SENT TO COUNTY GENERAL BY EMS", ["COUNTY GENERAL"], ["EMS"]),
    # a department or a kind of place is not a name
    ("Seen in Heart Failure Clinic and at the Cancer Center today.", [], ["Heart Failure Clinic", "Cancer Center"]),
    # lower-case shorthand for hospitals
    ("f/u with dr. amadi at sf general, then ucla med ctr next month", ["amadi", "sf general", "ucla med ctr"], ["next month"]),
    ("pt visited st. agnes' hosp and lakeshore memorial hospital", ["st. agnes", "lakeshore memorial hospital"], []),
]


@pytest.mark.parametrize("sentence,caught,kept", CASES, ids=ids(CASES))
def test_caseless_and_generic_names(redactor, sentence: str, caught: list[str], kept: list[str]) -> None:
    check_redaction(redactor, sentence, caught, kept)


LOWER_CASE_ADDRESSES = [
    ("home address 412 tamarack drive, apt 2b bozeman, mt 59715", ["412 tamarack drive, apt 2b", "bozeman", "59715"]),
    ("lives at 88 cobbler lane, westborough, ma 01581 with her son", ["88 cobbler lane", "westborough", "01581"]),
    ("car: 2011 subaru outback, vin 4s4brbcc5b3312987", ["4s4brbcc5b3312987"]),
    ("771204556 rvh 22310877 | | 4410923 | 3/2/2009 12:00:00 am | discharge summary", ["771204556", "rvh", "22310877", "4410923"]),
]


@pytest.mark.parametrize("text,values", LOWER_CASE_ADDRESSES, ids=ids(LOWER_CASE_ADDRESSES))
def test_lower_case_addresses_and_ids(redactor, text: str, values: list[str]) -> None:
    check_redaction(redactor, text, caught=values)


def test_lower_case_counts_and_routines_are_not_addresses(redactor) -> None:
    text = "walked 50 feet down the hall, gave 2 tabs of tylenol, 3 meals a day"
    assert redactor.redact(text).redactions == ()
