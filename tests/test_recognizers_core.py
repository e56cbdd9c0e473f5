"""Table tests for the date, age and MRN recognizers, one recognizer at a time, with
realistic clinical sentences: what must be caught and what must survive."""

from __future__ import annotations

import pytest
from conftest import check_caught, check_kept
from redactphi.recognizers.age import AgeOver89Recognizer
from redactphi.recognizers.dates import ClinicalDateRecognizer
from redactphi.recognizers.mrn import MRNRecognizer

from redactphi.config import Config


def spans(recognizer, text):
    return [(r.start, r.end) for r in recognizer.analyze(text, entities=[])]


DATE = ClinicalDateRecognizer(Config())
DATE_YEARS = ClinicalDateRecognizer(Config(redact_years=True))
AGE = AgeOver89Recognizer(Config())
MRN = MRNRecognizer(Config())

DATES_CAUGHT = [
    ("Admitted 03/14/2023 with chest pain.", "03/14/2023"),
    ("Last seen 3/14/23 in clinic.", "3/14/23"),
    ("Returned to ED on 3/14 after a fall.", "3/14"),
    ("Pt called on 3-14 asking about refills.", "3-14"),
    ("CT abdomen performed 2023-03-14, no acute findings.", "2023-03-14"),
    ("Specimen collected 14-Mar-2023 at bedside.", "14-Mar-2023"),
    ("Surgery is scheduled for March 14th.", "March 14th"),
    ("Discharged home Mar 14, 2023 in stable condition.", "Mar 14, 2023"),
    ("Started on metformin 14 March after the visit.", "14 March"),
    ("Her daughter visited on the 14th of February.", "14th of February"),
    ("Follow-up Tuesday, March 14 with cardiology.", "Tuesday, March 14"),
    ("Symptoms began in March 2023 and worsened.", "March 2023"),
    ("Vitals recorded 03/14/2023 14:32 by nursing.", "03/14/2023"),
    ("Echo 12/5: EF 40%.", "12/5"),
    ("Seen in clinic Sept. 9, 2021 for follow-up.", "Sept. 9, 2021"),
    ("Arrived 11/30/2022 @ 0300 via EMS.", "11/30/2022"),
    ("Fell at home over Christmas 2022.", "Christmas 2022"),
    ("DOB: 7/4/1931", "7/4/1931"),
    ("Colonoscopy 02/2019 showed polyps.", "02/2019"),
    ("Date of service: 2024/01/09", "2024/01/09"),
    ("MRI from 9.12.2022 reviewed.", "9.12.2022"),
    ("Next appt: 6/18", "6/18"),
    ("Central line placed 2/17 day 4 of antibiotics.", "2/17"),
    ("Exam on June 11: lungs clear.", "June 11"),
    ("Blood culture drawn 1/6, no growth to date.", "1/6"),
    ("Headaches since the 3rd of May.", "the 3rd of May"),
    ("INR checked 09NOV2022, therapeutic.", "09NOV2022"),
    ("Refill authorized 4Jan23 by pharmacy.", "4Jan23"),
    ("Fell at home last December and again in spring.", "last December"),
    ("Return next Tuesday for suture removal.", "next Tuesday"),
]

DATES_KEPT = [
    ("Take 1/2 tab by mouth at bedtime.", "1/2"),
    ("Dilute to 3/4 strength before feeding.", "3/4"),
    ("BP 120/80, HR 72, afebrile.", "120/80"),
    ("Left grip strength 4/5, right 5/5.", "4/5"),
    ("Reports pain 7/10 in the lower back.", "7/10"),
    ("Use inhaler 3-4 times daily as needed.", "3-4"),
    ("Drinks 2-3 glasses of wine per week.", "2-3"),
    ("Diagnosed with type 2 diabetes in 2019.", "2019"),
    ("Hemoglobin A1c 7.2 on last check.", "7.2"),
    ("ICD-10 E11.9 and I10 documented.", "E11.9"),
    ("Pulses 2/4 bilaterally in the feet.", "2/4"),
    ("Ate 1/3 of breakfast tray.", "1/3"),
    ("Gave 0.5 mg/kg IV once.", "0.5"),
    ("You may take 2 tablets with food.", "may take 2"),
    ("Glasgow Coma Scale 15, pupils 3 mm.", "15"),
    ("Cough started last week, worse at night.", "last week"),
    ("The last may be the hardest dose to remember.", "last may"),
]


@pytest.mark.parametrize("text,value", DATES_CAUGHT, ids=[v for _, v in DATES_CAUGHT])
def test_dates_caught(text, value):
    check_caught(text, spans(DATE, text), value)


@pytest.mark.parametrize("text,value", DATES_KEPT, ids=[v for _, v in DATES_KEPT])
def test_date_lookalikes_kept(text, value):
    check_kept(text, spans(DATE, text), value)


def test_units_and_times_stay_readable():
    text = "92 y/o F; vitals 03/14/2023 14:32; the 14th of February"
    found = spans(DATE, text) + spans(AGE, text)
    check_kept(text, found, "y/o")
    check_kept(text, found, "14:32")
    check_caught(text, found, "the 14th of February")


def test_years_redacted_only_when_asked():
    text = "Diagnosed with breast cancer in 2015, in remission."
    check_kept(text, spans(DATE, text), "2015")
    check_caught(text, spans(DATE_YEARS, text), "2015")


AGES_CAUGHT = [
    ("92 y/o female presents with confusion.", "92"),
    ("Patient is a 93-year-old man with CHF.", "93"),
    ("Age 94, lives alone.", "94"),
    ("She is in her 90s and still drives.", "90s"),
    ("A ninety-one year old woman fell at home.", "ninety-one"),
    ("101 yo M s/p hip fracture", "101"),
    ("aged 96, widowed", "96"),
    ("Pt is a 95 F with dementia.", "95"),
    ("GARCIA, ELENA 93 F MRN 5521\nNEURO ALERT", "93"),
    ("DOB 02/11/1930 (94 M)", "94"),
]
AGES_KEPT = [
    ("72-year-old male with COPD exacerbation.", "72"),
    ("Age 89, lives with daughter.", "89"),
    ("45 y/o F with migraine.", "45"),
    ("Temp 98.6, HR 92, RR 18.", "92"),
    ("Placed 16 F Foley catheter.", "16 F"),
    ("Tmax 101 F overnight, now afebrile.", "101 F"),
    ("Spiked to 102 F at 0300.", "102 F"),
    ("T 100 F, HR 88.", "100 F"),
    ("O2 sat 94% on room air.", "94"),
    ("Popular music of the 90s was discussed.", "90s"),
]


@pytest.mark.parametrize("text,value", AGES_CAUGHT, ids=[v for _, v in AGES_CAUGHT])
def test_ages_over_89_caught(text, value):
    check_caught(text, spans(AGE, text), value)


@pytest.mark.parametrize("text,value", AGES_KEPT, ids=[v for _, v in AGES_KEPT])
def test_other_numbers_and_young_ages_kept(text, value):
    check_kept(text, spans(AGE, text), value)


MRNS_CAUGHT = [
    ("MRN: 12345678", "12345678"),
    ("MR# 0045123 verified with two identifiers.", "0045123"),
    ("Med Rec No. 445-221 on the wristband.", "445-221"),
    ("Medical Record Number 99812 pulled.", "99812"),
    ("Unit No 7781234", "7781234"),
    ("Hosp # 556677 (old chart)", "556677"),
    ("MRN on file is 33221100.", "33221100"),
    ("PATIENT MRN8876543 ADMITTED TO MICU", "8876543"),
    ("Medical record #: A-2231908", "A-2231908"),
    ("(MRN 1029384)", "1029384"),
]
MRNS_KEPT = [
    ("Transferred to unit 4 overnight.", "4"),
    ("Lab accession 12345678 pending.", "12345678"),
    ("Potassium 4.1, creatinine 1.2.", "4.1"),
]


@pytest.mark.parametrize("text,value", MRNS_CAUGHT, ids=[t for t, _ in MRNS_CAUGHT])
def test_mrns_caught(text, value):
    check_caught(text, spans(MRN, text), value)


def test_mrn_label_itself_is_not_redacted():
    text = "MRN: 12345678"
    found = spans(MRN, text)
    assert found == [(5, 13)]


@pytest.mark.parametrize("text,value", MRNS_KEPT, ids=[t for t, _ in MRNS_KEPT])
def test_unlabelled_numbers_kept(text, value):
    check_kept(text, spans(MRN, text), value)
