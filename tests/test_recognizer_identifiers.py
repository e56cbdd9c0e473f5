"""Table tests for the contact and identifier recognizers (phone/fax, SSN, health plan,
account, licence, vehicle, device, labelled IDs): what must be caught, what must survive.

Every value below is invented. Test ids are row numbers so that pytest never prints a
value; failure messages show fingerprints (see conftest)."""

from __future__ import annotations

import pytest
from conftest import check_caught, check_kept
from redactphi.recognizers.contact import PhoneFaxRecognizer
from redactphi.recognizers.identifiers import (
    AccountRecognizer,
    DeviceRecognizer,
    HealthPlanRecognizer,
    LabelledIdRecognizer,
    LicenseRecognizer,
    SSNRecognizer,
    VehicleRecognizer,
    dea_valid,
)

from redactphi.config import Config

CFG = Config()
PHONE = PhoneFaxRecognizer(CFG)
ALL = [
    PHONE,
    SSNRecognizer(CFG),
    HealthPlanRecognizer(CFG),
    AccountRecognizer(CFG),
    LicenseRecognizer(CFG),
    VehicleRecognizer(CFG),
    DeviceRecognizer(CFG),
    LabelledIdRecognizer(CFG),
]


def found(recognizer, text):
    return [(r.start, r.end, r.entity_type) for r in recognizer.analyze(text, entities=[])]


def spans(recognizer, text):
    return [(s, e) for s, e, _ in found(recognizer, text)]


def all_spans(text):
    return [s for rec in ALL for s in spans(rec, text)]


def ids(rows):
    return [str(i) for i in range(len(rows))]


# (recognizer, sentence, value that must be redacted, expected entity)
CAUGHT = [
    (PHONE, "Daughter can be reached at (413) 555-0148 after 5pm.", "(413) 555-0148", "PHONE"),
    (PHONE, "Call back number 413-555-0172 per patient.", "413-555-0172", "PHONE"),
    (PHONE, "Cell: 413.772.9051", "413.772.9051", "PHONE"),
    (PHONE, "Wife's phone +1 (802) 555 3321, prefers texts.", "+1 (802) 555 3321", "PHONE"),
    (PHONE, "Office 1-802-555-7788 ext. 214 for scheduling.", "1-802-555-7788 ext. 214", "PHONE"),
    (PHONE, "Dr. Okafor, pager 555-2291", "555-2291", "PHONE"),
    (PHONE, "cb# 603 555 9182 if questions", "603 555 9182", "PHONE"),
    (PHONE, "Contact: 6035559182 | home", "6035559182", "PHONE"),
    (PHONE, "His new cell is 771-4420, please update.", "771-4420", "PHONE"),
    (PHONE, "SON CALLED, UPDATED 4135550126 AT BEDSIDE", "4135550126", "PHONE"),
    (PHONE, "Phone 617-555-0101 x204", "617-555-0101 x204", "PHONE"),
    (PHONE, "Records faxed to Fax: (508) 555-0199 today.", "(508) 555-0199", "FAX"),
    (PHONE, "Ph: 508-555-0100 | Fax 508-555-0111", "508-555-0111", "FAX"),
    (PHONE, "Send to pharmacy, F: 508.555.0123.", "508.555.0123", "FAX"),
]

PHONE_KEPT = [
    "BP 132/78, HR 88, RR 18, SpO2 96% on 2L.",
    "WBC 12.4, Hgb 9.1, Plt 235, Cr 1.32.",
    "Lipase 1250, up from 412 yesterday.",
    "ICD-10 I50.22 and CPT 99223 billed.",
    "Gave 1000 mL NS over 2 hours, then 125 mL/hr.",
    "Platelets 150-400 K/uL reference range.",
    "Room 412, bed 2; transferred from room 3120.",
    "Accession 22-1148 pending in micro.",
    "Range of motion 0-120 degrees at the knee.",
    "Ambulated 150-200 feet with a walker x3.",
    "Version 2.10.1234 of the pump software.",
    "Glucose 105-180 mg/dL goal while inpatient.",
]


@pytest.mark.parametrize("recognizer,text,value,entity", CAUGHT, ids=ids(CAUGHT))
def test_phone_fax_caught(recognizer, text, value, entity):
    got = found(recognizer, text)
    check_caught(text, [(s, e) for s, e, _ in got], value)
    start = text.find(value)
    assert any(s <= start < e and t == entity for s, e, t in got), f"wrong entity at {start}; wanted {entity}"


@pytest.mark.parametrize("text", PHONE_KEPT, ids=ids(PHONE_KEPT))
def test_phone_lookalikes_kept(text):
    assert spans(PHONE, text) == [], f"phone recognizer fired on a non-phone: {found(PHONE, text)}"


IDS_CAUGHT = [
    # SSN in every layout, including a test-looking one: it must go all the same
    ("SSN: 123-45-6789 on the disability form.", "123-45-6789"),
    ("Pt's social security number 078 05 1120 verified.", "078 05 1120"),
    ("SS# 219099999 given to registration.", "219099999"),
    ("Form lists soc sec # xxx-xx-4417.", "4417"),
    ("Needs SSN (last 4) 3382 for the portal.", "3382"),
    ("Needs SSN ending in 9021 to verify identity.", "9021"),
    ("Copy of card: 512-33-0917, filed.", "512-33-0917"),
    # health plan
    ("Insurance ID: QHX-220931 verified at check-in.", "QHX-220931"),
    ("Member # W938271604 on the new card.", "W938271604"),
    ("BCBS ID: KLR448120937", "KLR448120937"),
    ("medicare id: 1eg4te5mk73", "1eg4te5mk73"),
    ("MBI 4TW2-HJ7-KP61 on file.", "4TW2-HJ7-KP61"),
    ("Medicaid ID HC-448210, secondary coverage.", "HC-448210"),
    ("Group # 0048812, policy # PX-30092211", "PX-30092211"),
    ("Group # 0048812, policy # PX-30092211", "0048812"),
    ("her insurance is TNP-880213.", "TNP-880213"),
    ("Subscriber ID: 6MV1RH7VW56", "6MV1RH7VW56"),
    ("Health plan member QTR 551 208 904 per the card.", "QTR 551 208 904"),
    # account
    ("Billing acct ACC-44820193 flagged for review.", "ACC-44820193"),
    ("Account Number: 7740-221904", "7740-221904"),
    ("FIN: 3300918274   HAR: 4410029", "3300918274"),
    ("FIN: 3300918274   HAR: 4410029", "4410029"),
    # licences and certificates
    ("DEA# AB1234563 on the prescription.", "AB1234563"),
    ("Prescriber FB3418426, refills x2.", "FB3418426"),
    ("NPI: 1234567893", "1234567893"),
    ("RN license #: RN448210", "RN448210"),
    ("Medical license no. MD-77120 (MA).", "MD-77120"),
    ("CLIA #: 22D0998812", "22D0998812"),
    ("DL# S2291834 copied for ID.", "S2291834"),
    ("Board certification #: ABIM-559012", "ABIM-559012"),
    # vehicles
    ("Police report lists the VIN 1HGCM82633A004352.", "1HGCM82633A004352"),
    ("Placard form for license plate 7KPL229.", "7KPL229"),
    ("Placard form for plate # TXR-4410.", "TXR-4410"),
    ("handicap paperwork for tag 442 HBV", "442 HBV"),
    # devices
    ("Pacemaker serial # PJN884120S, MRI conditional.", "PJN884120S"),
    ("Insulin pump S/N 77120443 interrogated.", "77120443"),
    ("Dexcom transmitter ID 8GH22K", "8GH22K"),
    ("Implant UDI (01)00884521012344(17)270101(21)AB12345 recorded.", "(01)00884521012344(17)270101(21)AB12345"),
    # labelled identifiers
    ("Case # LL-2022-4418   Exam date pending", "LL-2022-4418"),
    ("CSN: 448120937", "448120937"),
    ("Accession #: CT-23-5518820", "CT-23-5518820"),
    ("Specimen ID: S23-778102 received.", "S23-778102"),
    ("Claim #: 2023-88410-A submitted.", "2023-88410-A"),
    ("Order # 88120443 for CT chest.", "88120443"),
    ("Requisition no. G7712044", "G7712044"),
    ("Encounter #: E448120937", "E448120937"),
    ("ID#: QRT-44812 on the wristband.", "QRT-44812"),
    ("MRN: 4410GH on the old chart.", "4410GH"),
]

IDS_KEPT = [
    ("Platelets 88, Hgb 7.9, transfuse 1 unit.", "88"),
    ("Plate-lets-235 noted on the CBC.", "235"),
    ("Skin tag 4mm on the left neck, benign.", "4mm"),
    ("ID consult: continue cefazolin 2 g q8h.", "2 g"),
    ("ICD-10 E11.65; CPT 99214.", "E11.65"),
    ("Insulin 10 units with meals, lantus 22 units nightly.", "22"),
    ("Plan: 1000 mL bolus then reassess.", "1000"),
    ("Group B strep positive at 36 weeks.", "36"),
    ("Order 2 units PRBC for Hgb 6.8.", "2"),
    ("Case discussed at tumor board 3 times.", "3"),
    ("Lot of drainage from the JP, 120 mL.", "120"),
    ("Serial troponins 0.04, 0.06, 0.05.", "0.04"),
    ("Serial exams q4h x3 overnight.", "x3"),
    ("DEA schedule II prescription written.", "II"),
    ("BP 128/76, HR 64, Temp 98.6.", "128/76"),
    ("A1c 7.9 (goal <7), LDL 132.", "132"),
    ("Wound 3 x 4 cm, tunneling at 12 o'clock.", "12"),
    ("Cardiac rehab twice weekly for 12 weeks.", "12"),
    ("Hep B surface Ab 120 mIU/mL.", "120"),
    ("EF 35-40%, moderate MR.", "35-40"),
    ("Room 12, bed 3 on the step-down unit.", "12"),
    ("Temp 101.3, lactate 2.4, WBC 18.2.", "101.3"),
    ("Account for fluid losses of 500 mL.", "500"),
    ("Tag 1234", "1234"),
    ("Hemoglobin 13.1 g/dL 12.0-16.0", "12.0-16.0"),
    ("Creatinine 1.2 mg/dL: 0.6-1.3 reference", "0.6-1.3"),
    ("Member of the care team since 2019.", "2019"),
]


@pytest.mark.parametrize("text,value", IDS_CAUGHT, ids=ids(IDS_CAUGHT))
def test_identifiers_caught(text, value):
    check_caught(text, all_spans(text), value)


@pytest.mark.parametrize("text,value", IDS_KEPT, ids=ids(IDS_KEPT))
def test_identifier_lookalikes_kept(text, value):
    check_kept(text, all_spans(text), value)


def test_label_is_not_redacted():
    text = "Member ID: W938271604"
    got = spans(HealthPlanRecognizer(CFG), text)
    assert got == [(text.index("W"), len(text))]


def test_entities_by_label():
    rows = [
        (SSNRecognizer(CFG), "SSN 123-45-6789", "SSN"),
        (HealthPlanRecognizer(CFG), "Insurance #: ZX-220931", "HEALTH_PLAN_ID"),
        (AccountRecognizer(CFG), "Acct #: 7740221904", "ACCOUNT_NUMBER"),
        (LicenseRecognizer(CFG), "NPI# 1234567893", "LICENSE_NUMBER"),
        (VehicleRecognizer(CFG), "VIN: 1HGCM82633A004352", "VEHICLE_ID"),
        (DeviceRecognizer(CFG), "serial no. KJN942612S", "DEVICE_ID"),
        (LabelledIdRecognizer(CFG), "Case #: XN-2019-2199", "ID"),
    ]
    for rec, text, entity in rows:
        assert {t for _, _, t in found(rec, text)} == {entity}, rec.name


def test_dea_check_digit():
    assert dea_valid("AB1234563")
    assert not dea_valid("AB1234567")
    # an unlabelled two-letters-seven-digits code with a bad check digit is not a DEA number
    text = "Kit AB1234567 opened."
    assert spans(LicenseRecognizer(CFG), text) == []


def test_redactor_end_to_end(redactor):
    text = (
        "Pt called from 413-555-0148 re: refill. SSN 219-09-9999 on file. "
        "Insurance ID: QHX-220931. Fax records to (508) 555-0199. Plt 235, Hgb 9.1."
    )
    result = redactor.redact(text)
    got = [(r.start, r.end) for r in result.redactions]
    for value in ("413-555-0148", "219-09-9999", "QHX-220931", "(508) 555-0199"):
        check_caught(text, got, value)
    for value in ("235", "9.1"):
        check_kept(text, got, value)
    fax = text.index("(508)")
    assert any(r.start <= fax < r.end and r.entity == "FAX" for r in result.redactions)
