"""Structured text judged by its field: HL7 v2 segments, tables with a header row (CSV,
pipe, tab) and "Label: value" forms. The invented documents and the values each must
catch and keep are cases in tests/cases/ (hl7_fields, table_columns, form_fields and
pipeline_structured); here are the field vocabulary and the behaviour beyond them.

Every person, number and address is invented."""

from __future__ import annotations

import pytest
from conftest import case_text, recognizer
from redactphi.recognizers._fields import label_entity, plausible
from redactphi.recognizers.tables import split_cells


def test_hl7_entities_by_field():
    HL7_ADT = case_text("hl7_fields", "hl7-adt")
    got = {HL7_ADT[r.start:r.end]: r.entity_type for r in recognizer("hl7_fields").analyze(HL7_ADT, entities=[])}
    expected = {"448812": "MRN", "ROSALIND": "NAME", "19610304": "DATE", "FAIRHAVEN": "STREET_ADDRESS",
                "219-09-9999": "SSN", "ACCT90211": "ACCOUNT_NUMBER", "1245319599": "ID", "rosa.ab@example.org": "EMAIL",
                "S2291834": "LICENSE_NUMBER", "POL-7781203": "HEALTH_PLAN_ID"}
    wrong = [k for k, v in expected.items() if got.get(k) != v]
    assert not wrong, f"{len(wrong)} HL7 fields typed wrongly"


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
