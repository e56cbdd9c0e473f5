"""Conventions of real notes that carry PHI without the usual cues: dictation stamps,
record header lines, sign-out lists, pagers and extensions, months and days of the month
alone, practices named by their specialty, nicknames. And the clinical lookalikes that
must survive next to them.

Every sentence is invented. Test ids are row numbers so pytest never prints a value."""

from __future__ import annotations

import pytest
from conftest import check_redaction

CASES = [
    # dictated reports end with the dictating clinician's and the typist's initials
    ("DICTATED BY: WREN HOLLOWAY, M.D.\nWH/kd\nD: 05/02/18\nT: 05/03/18\nJOB #: 55201", ["WH", "kd", "55201"], []),
    ("Sincerely,\n\nMB/tc\n", ["MB", "tc"], []),
    ("PLAN:\nPT/OT\nDNR/DNI\n", [], ["PT/OT", "DNR/DNI"]),
    # the pipe-separated header line of an exported record
    ("481920337 NWH 66120954 | | 7730125 | 2/3/2011 12:00:00 AM | DISCHARGE SUMMARY | Signed",
     ["481920337", "NWH", "66120954", "7730125"], ["DISCHARGE SUMMARY"]),
    # sign-out lists: room - name - age and sex
    ("rm 14 - delacroix, paulette - 94f, uti, on ctx\nrm 15 - empty", ["delacroix, paulette", "94"], ["uti"]),
    # pagers and extensions alone
    ("T. Ballard, RN  PGR 40917", ["40917"], []),
    ("Oksana Petrenko, LCSW  ext. 5519", ["Oksana Petrenko", "5519"], []),
    ("Case Manager  x6603", ["6603"], []),
    ("call daughter at 614 555 0172 after 5", ["614 555 0172"], []),
    # a day of the month or a month alone is a date element
    ("missed her dialysis on the 12th and 13th when the van broke down", ["12th and 13th"], []),
    ("Started metformin in April; A1c 8.9% in Jan.", ["April", "Jan"], ["metformin"]),
    ("Holter worn 6/3-6/5 showed PACs.", ["6/3-6/5"], ["PACs"]),
    ("fracture of the 5th metatarsal; on the 3rd day of abx", [], ["5th metatarsal", "3rd day"]),
    ("take 1/2-3/4 tab at bedtime", [], ["1/2-3/4"]),
    # labelled identifiers without the usual label words
    ("phone interpreter ID 773410 used; ambulance confirmation KVT-48120", ["773410", "KVT-48120"], []),
    ("Has Ohio Medicaid (ID 00412288731); CDL # 55102937", ["00412288731", "55102937"], []),
    # practices named by specialty and nursing homes named "X Gardens"
    ("Referred to Lakeshore Dermatology; follows with Pediatric Cardiology.", ["Lakeshore Dermatology"], ["Pediatric Cardiology"]),
    ("DISCHARGED BACK TO ALDER GARDENS WITH HOME PT", ["ALDER GARDENS"], ["HOME PT"]),
    ("Discussed at Tumor Board with Radiation Oncology.", [], ["Radiation Oncology"]),
    # the name a patient goes by, and people named by their role
    ('Resident of Alder Gardens who goes by "Sonny".', ["Sonny"], []),
    ("State trooper Kowalczyk took the report; chaplain Adeyemi visited.", ["Kowalczyk", "Adeyemi"], []),
    ("A. OKONJO RNC", ["A. OKONJO"], []),
    # devices and drugs after an article or in brackets are not people
    ("The vein was cauterised with the Bovie; feeding tube (Dobbhoff) in place.", [], ["Bovie", "Dobbhoff"]),
    ("Transferred to chair with a Hoyer; the Abernathy family at bedside.", ["Abernathy"], ["Hoyer"]),
    ("Patricia Vance, RN, BSN, Case Manager", ["Patricia Vance"], ["Case Manager"]),
    # more dates: a weekday and a day, a month typed short, a given date, month/year ranges
    ("he stopped the sertraline last Sunday the 9th because of nausea", ["9th"], ["sertraline"]),
    ("on ritalin 10 mg since oct. teacher reports improvement", ["oct"], ["ritalin 10 mg"]),
    ("Tdap given 8/22; RhoGAM given 7/19. Delivered at 38 2/7 weeks.", ["8/22", "7/19"], ["38 2/7 weeks"]),
    ("HER SON'S WEDDING IS THE 21ST OF NEXT MONTH.", ["21ST"], []),
    ("Records enclosed: notes 3/2022-11/2023 and imaging.", ["3/2022-11/2023"], []),
    # site codes before record labels, more labelled numbers
    ("MGR MRN 00412298   BVH MRN 7731-020", ["MGR", "00412298", "BVH", "7731-020"], []),
    ("plate (KLT 4471) and tail number: N228QX; our ref DRX-20931", ["KLT 4471", "N228QX", "DRX-20931"], []),
    # addresses: ZIP+4 after a county, an ordinal floor, a lower-case street before a comma
    ("HOME: 88 COUNTY ROAD 4, WILLOW FORK, BRAZOS COUNTY 77803-1120", ["77803-1120"], []),
    ("Office: 40 Dock Street, 2nd Floor, Bayport", ["40 Dock Street, 2nd Floor"], []),
    ("pharmacy: main drug, 118 e oak st, lindale", ["118 e oak st"], []),
    # schools and churches where a patient can be found
    ("attends Maple Grove Elementary; volunteers at Trinity Lutheran Church", ["Maple Grove Elementary", "Trinity Lutheran Church"], []),
    # scales, hyphenated drugs and combined departments are not names or places
    ("Berg Balance Scale 44/56, Berg <45; Bush-Francis 0; carries Solu-Cortef 100 mg",
     [], ["Berg", "Bush-Francis", "Solu-Cortef"]),
    ("followed by Developmental Pediatrics and Cardiology for a repaired VSD", [], ["Developmental Pediatrics and Cardiology"]),
]


@pytest.mark.parametrize("text,caught,kept", CASES, ids=[str(i) for i in range(len(CASES))])
def test_note_conventions(redactor, text: str, caught: list[str], kept: list[str]) -> None:
    check_redaction(redactor, text, caught, kept)


THINGS_NOT_PEOPLE = [
    "Exam: HR 68, afebrile, SpO2 95% RA. Alert, oriented x2.",
    "cortisol 6.8 mcg/dL; occasional EtOH; Micro: RVP + influenza A.",
    "idiopathic Parkinson disease (Hoehn and Yahr stage 2.5); nonspecific T-wave flattening.",
    "Wound cleansed with NS, Medihoney applied, closed with Dermabond.",
    "husband's number if pt not reachable; 900 CC, VOIDING TRIAL PASSED; CM TO SEE RE VNA",
    'PT STATES "I\'M STILL HERE". CHAPLAIN VISITED',
]


@pytest.mark.parametrize("text", THINGS_NOT_PEOPLE, ids=[str(i) for i in range(len(THINGS_NOT_PEOPLE))])
def test_clinical_shorthand_is_not_a_name(redactor, text: str) -> None:
    assert [r.entity for r in redactor.redact(text).redactions if r.entity == "NAME"] == []


LOOKALIKES_KEPT = [
    ("PLAN: CONT CEFTRIAXONE DAY 5/7, PT/OT EVAL TOMORROW", "5/7"),
    ("Endocrinology Clinic - Follow-up Visit", "Endocrinology Clinic"),
    ("URINE OUTPUT: 380 mL via Foley. DRAINS: JP x2", "Foley"),
    ("BM X1 SOFT BROWN. TOL MECH SOFT, ATE 1/2 TRAY", "MECH SOFT"),
]


@pytest.mark.parametrize("text,value", LOOKALIKES_KEPT, ids=[str(i) for i in range(len(LOOKALIKES_KEPT))])
def test_lookalikes_next_to_these_conventions_survive(redactor, text: str, value: str) -> None:
    check_redaction(redactor, text, kept=[value])
