"""The contact and identifier recognizers: behaviour beyond their table cases, which live
in tests/cases/ (phone, ssn, health_plan_id, account_number, license_number, vehicle_id,
device_id, labelled_id, group_identifiers and pipeline_end_to_end)."""

from __future__ import annotations

from conftest import recognizer
from redactphi.recognizers.identifiers import dea_valid


def found(rec, text):
    return [(r.start, r.end, r.entity_type) for r in rec.analyze(text, entities=[])]


def test_label_is_not_redacted():
    text = "Member ID: W938271604"
    got = [(s, e) for s, e, _ in found(recognizer("health_plan_id"), text)]
    assert got == [(text.index("W"), len(text))]


def test_entities_by_label():
    rows = [
        ("ssn", "SSN 123-45-6789", "SSN"),
        ("health_plan_id", "Insurance #: ZX-220931", "HEALTH_PLAN_ID"),
        ("account_number", "Acct #: 7740221904", "ACCOUNT_NUMBER"),
        ("license_number", "NPI# 1234567893", "LICENSE_NUMBER"),
        ("vehicle_id", "VIN: 1HGCM82633A004352", "VEHICLE_ID"),
        ("device_id", "serial no. KJN942612S", "DEVICE_ID"),
        ("labelled_id", "Case #: XN-2019-2199", "ID"),
    ]
    for name, text, entity in rows:
        assert {t for _, _, t in found(recognizer(name), text)} == {entity}, name


def test_dea_check_digit():
    assert dea_valid("AB1234563")
    assert not dea_valid("AB1234567")
    # an unlabelled two-letters-seven-digits code with a bad check digit is not a DEA number
    text = "Kit AB1234567 opened."
    assert found(recognizer("license_number"), text) == []
