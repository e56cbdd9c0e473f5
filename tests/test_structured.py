"""Structured text judged by its field: HL7 v2 segments, tables with a header row (CSV,
pipe, tab) and "Label: value" forms. A small corpus of invented documents, each with the
values that must be caught and the values that must survive, checked both recognizer by
recognizer and through the whole pipeline.

Every person, number and address below is invented. Test ids are row numbers so pytest
never prints a value; failures show offsets and fingerprints (see conftest)."""

from __future__ import annotations

import pytest
from conftest import check_caught, check_kept, check_redaction
from redactphi.recognizers._fields import label_entity, plausible
from redactphi.recognizers.forms import FormFieldRecognizer
from redactphi.recognizers.hl7 import Hl7Recognizer
from redactphi.recognizers.tables import TableRecognizer, split_cells

HL7_ADT = "\r".join([
    "MSH|^~\\&|ADT|LAKESIDE GEN|EHR|WESTWING|20240315103000||ADT^A01|CTRL7781204|P|2.5",
    "EVN|A01|20240315102900",
    "PID|1||448812^^^LGH^MR~MX-22019^^^LGH^PI||ABERNATHY^ROSALIND^Q^^MRS||19610304|F|TREMAINE^HELGA|2106-3|"
    "77 WILLOWBROOK LN^APT 4^FAIRHAVEN^MA^02719^USA^H||(508)555-0148^PRN^PH~^NET^Internet^rosa.ab@example.org|"
    "(508)555-0177|EN|M||ACCT90211|219-09-9999|S2291834^MA",
    "NK1|1|ABERNATHY^DESMOND|SPO^Spouse|77 WILLOWBROOK LN^^FAIRHAVEN^MA^02719|5085550199",
    "PV1|1|I|4W^412^B^LGH||||1245319599^OKONKWO^CHIDI^^^DR^MD|||MED|||||||||V77120|||||||||||||||||||||||||20240315",
    "IN1|1|BCPPO|BC01|BLUE HARBOR HEALTH|PO BOX 55^^BOSTON^MA^02101||8005550100|GRP-44812|FALMOUTH MARINE WORKS"
    "|||20230101||||ABERNATHY^ROSALIND|SEL|19610304|77 WILLOWBROOK LN^^FAIRHAVEN^MA^02719|||||||||||||||||POL-7781203",
    "OBR|1|PLC88120|FIL99341|CBC^Complete blood count^L|||20240315110000|||||||||2211^VASQUEZ^MARISOL^^^DR",
    "OBX|1|NM|718-7^Hemoglobin^LN||9.1|g/dL|12.0-16.0|L|||F|||20240315120000",
    "AL1|1|DA|70618^Penicillin^RXNORM|SV|Hives|20100101",
    "DG1|1||I50.23^Acute on chronic systolic heart failure^I10||20240315",
])
HL7_CAUGHT = [
    "LAKESIDE GEN", "20240315103000", "CTRL7781204", "20240315102900", "448812", "MX-22019", "ABERNATHY", "ROSALIND",
    "19610304", "TREMAINE", "HELGA", "77 WILLOWBROOK LN", "FAIRHAVEN", "02719", "(508)555-0148", "rosa.ab@example.org",
    "(508)555-0177", "ACCT90211", "219-09-9999", "S2291834", "DESMOND", "5085550199", "OKONKWO", "CHIDI", "1245319599",
    "V77120", "GRP-44812", "FALMOUTH MARINE WORKS", "POL-7781203", "PLC88120", "FIL99341", "VASQUEZ", "MARISOL",
    "20240315120000", "20100101",
]
HL7_KEPT = ["ADT^A01", "Spouse", "BLUE HARBOR HEALTH", "Hemoglobin", "9.1", "12.0-16.0", "Penicillin", "Hives",
            "I50.23", "Complete blood count", "2106-3"]

CSV_EXPORT = (
    "Patient list exported for the quality audit:\n"
    "last_name,first_name,DOB,street,city,state,zip,phone,mrn,employer,test,result,units\n"
    "Hope,Will,03/04/1961,12 Orchard Rd,Amherst,MA,01002,413-555-0101,5521078,Grace Lutheran,HGB,9.1,g/dL\n"
    "\"Quarshie, Jr\",Ama,1970-01-02,4 Bay St,Lenox,MA,01240,413-555-0112,5521079,retired,K,4.1,mmol/L\n"
    "\n"
    "Plan: review the two low results with the team.\n"
)
CSV_CAUGHT = ["Hope", "Will", "03/04/1961", "12 Orchard Rd", "Amherst", "01002", "413-555-0101", "5521078",
              "Grace Lutheran", "Quarshie, Jr", "Ama", "1970-01-02", "4 Bay St", "Lenox", "01240", "5521079"]
CSV_KEPT = ["HGB", "9.1", "g/dL", "retired", "4.1", "mmol/L", "Plan", "review", "last_name", "employer"]

PIPE_TABLE = (
    "| Patient | MRN | Room | Result |\n"
    "|---|---|---|---|\n"
    "| Ines Moreau | 7712044 | 412 | negative |\n"
    "| Tobias Lind | 7712045 | 418 | pending |\n"
)
PIPE_CAUGHT = ["Ines Moreau", "7712044", "Tobias Lind", "7712045"]
PIPE_KEPT = ["412", "negative", "418", "pending", "Room"]

TAB_TABLE = "Name\tBirth Date\tClaim #\tAmount\nPriya Raman\t07/21/1988\tCLM-2209431\t$120.00\n"
TAB_CAUGHT = ["Priya Raman", "07/21/1988", "CLM-2209431"]
TAB_KEPT = ["$120.00", "Amount"]

FORM = (
    "FACE SHEET\n"
    "Patient Name: Marta Kowalczyk   DOB: 03/04/1961\n"
    "Name: Tomasz Wrobel DOB: 6/2/59 Sex: M\n"
    "Employer: Home Depot\n"
    "Emergency Contact: Ana Ruiz (sister) 413-555-0142\n"
    "Guarantor: self\n"
    "Exam date: 07/06/2019 @ 5:00 PM\n"
    "Medicaid #: 4471920318 (RI)\n"
    "Patient: resting comfortably, no distress\n"
    "Contact: family at bedside\n"
    "Date of last BM: 3 days ago\n"
)
FORM_CAUGHT = ["Marta Kowalczyk", "03/04/1961", "Tomasz Wrobel", "6/2/59", "Home Depot", "Ana Ruiz", "07/06/2019",
               "4471920318"]
FORM_KEPT = ["sister", "self", "5:00 PM", "RI", "resting comfortably", "family at bedside", "3 days ago", "Sex: M",
             "FACE SHEET"]

KEY_VALUE = "Patient Name\tLuca Bianchi\nDate of Birth\t11/30/1957\nAllergies\tsulfa\nHome Phone\t(802) 555-0163\n"
KEY_VALUE_CAUGHT = ["Luca Bianchi", "11/30/1957", "(802) 555-0163"]
KEY_VALUE_KEPT = ["sulfa", "Allergies"]

DOCUMENTS = [
    (Hl7Recognizer, HL7_ADT, HL7_CAUGHT, HL7_KEPT),
    (TableRecognizer, CSV_EXPORT, CSV_CAUGHT, CSV_KEPT),
    (TableRecognizer, PIPE_TABLE, PIPE_CAUGHT, PIPE_KEPT),
    (TableRecognizer, TAB_TABLE, TAB_CAUGHT, TAB_KEPT),
    (FormFieldRecognizer, FORM, FORM_CAUGHT, FORM_KEPT),
    (FormFieldRecognizer, KEY_VALUE, KEY_VALUE_CAUGHT, KEY_VALUE_KEPT),
]
CAUGHT = [(rec, doc, v) for rec, doc, caught, _ in DOCUMENTS for v in caught]
KEPT = [(rec, doc, v) for rec, doc, _, kept in DOCUMENTS for v in kept]


def _spans(recognizer, text):
    return [(r.start, r.end) for r in recognizer().analyze(text, entities=[])]


@pytest.mark.parametrize("recognizer,doc,value", CAUGHT, ids=[str(i) for i in range(len(CAUGHT))])
def test_structured_value_caught(recognizer, doc, value):
    check_caught(doc, _spans(recognizer, doc), value)


@pytest.mark.parametrize("recognizer,doc,value", KEPT, ids=[str(i) for i in range(len(KEPT))])
def test_structured_value_kept(recognizer, doc, value):
    check_kept(doc, _spans(recognizer, doc), value)


@pytest.mark.parametrize("doc_index", range(len(DOCUMENTS)))
def test_structured_documents_through_the_pipeline(rules_redactor, doc_index):
    _, doc, caught, kept = DOCUMENTS[doc_index]
    # the pipeline may add what other recognizers find, but must keep the clinical values
    clinical = [v for v in kept if v not in ("self", "sister", "Sex: M", "RI", "Room", "Amount", "last_name", "employer", "BLUE HARBOR HEALTH")]
    check_redaction(rules_redactor, doc, caught=caught, kept=clinical)


def test_hl7_entities_by_field():
    got = {HL7_ADT[r.start:r.end]: r.entity_type for r in Hl7Recognizer().analyze(HL7_ADT, entities=[])}
    expected = {"448812": "MRN", "ROSALIND": "NAME", "19610304": "DATE", "FAIRHAVEN": "STREET_ADDRESS",
                "219-09-9999": "SSN", "ACCT90211": "ACCOUNT_NUMBER", "1245319599": "ID", "rosa.ab@example.org": "EMAIL",
                "S2291834": "LICENSE_NUMBER", "POL-7781203": "HEALTH_PLAN_ID"}
    wrong = [k for k, v in expected.items() if got.get(k) != v]
    assert not wrong, f"{len(wrong)} HL7 fields typed wrongly"


def test_hl7_custom_separators():
    msg = "MSH#*~\\&#LAB#CLINIC\nPID#1##99120*~~~X*MR##LUNDQVIST*EBBA##19800101"
    spans = _spans(Hl7Recognizer, msg)
    for value in ("99120", "LUNDQVIST", "EBBA", "19800101"):
        check_caught(msg, spans, value)


def test_pipe_lines_that_are_not_a_table_are_left_alone():
    text = "DISCHARGE SUMMARY | Signed | DIS | Report Status: Signed\n\nBP 120/80 | HR 72 | RR 16\n"
    assert _spans(TableRecognizer, text) == []


def test_prose_with_commas_is_not_a_header():
    text = "Name, address and phone number were verified at the desk.\nHope, Will, 413-555-0101 called.\n"
    assert _spans(TableRecognizer, text) == []


def test_key_value_list_is_not_a_table():
    assert _spans(TableRecognizer, KEY_VALUE) == []


def test_split_cells_keeps_quoted_separators():
    line = '"Doe, Jane", 12 Elm St ,01101'
    cells = [line[s:e] for s, e in split_cells(line, 0, len(line), ",")]
    assert cells == ["Doe, Jane", "12 Elm St", "01101"]


@pytest.mark.parametrize("label,entity", [
    ("PatientFirstName", "NAME"), ("pt_last_name", "NAME"), ("Date of Birth", "DATE"), ("Home Phone #", "PHONE"),
    ("ZIP", "ZIP_CODE"), ("Employer", "FACILITY"), ("Guarantor", "NAME"), ("Drug Name", None), ("Test Name", None),
    ("State", None), ("Result", None), ("Units", None), ("Room", None), ("Claim No", "ID"), ("SSN", "SSN"),
])
def test_label_vocabulary(label, entity):
    assert label_entity(label) == entity


def test_form_values_must_look_like_their_type():
    assert plausible("NAME", "Doe, Jane") and not plausible("NAME", "resting comfortably")
    assert plausible("DATE", "March 3, 1961") and not plausible("DATE", "3 days ago")
    assert plausible("PHONE", "413-555-0142") and not plausible("PHONE", "on file")
