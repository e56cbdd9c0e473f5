"""Table tests for identifiers that need no label (card numbers, IBANs, MAC addresses,
international phones, spaced/dotted/bare SSNs, MBIs in any case, NPIs in parentheses)
and for the labelled kinds added with them (booking, message, Rx, passport, access codes,
prescriber numbers after a name, member IDs after an insurer).

Every value is invented (card numbers are the networks' published test numbers or made
Luhn-valid by hand; IBANs are the registry's example layout with invented digits fixed up
to pass mod 97). Test ids are row numbers so pytest never prints a value."""

from __future__ import annotations

import pytest
from conftest import check_caught, check_kept
from redactphi.recognizers.checksum_ids import (
    CardNumberRecognizer,
    IbanAccountRecognizer,
    MacDeviceRecognizer,
    NpiInParenthesesRecognizer,
    iban_valid,
    luhn_valid,
    npi_valid,
)
from redactphi.recognizers.identifiers import (
    HealthPlanRecognizer,
    LabelledIdRecognizer,
    LicenseRecognizer,
    SSNRecognizer,
    ssn_issuable,
)
from redactphi.recognizers.intl_phone import InternationalPhoneRecognizer, intl_number_valid

from redactphi.config import Config

CFG = Config()
ALL = [
    CardNumberRecognizer(CFG),
    IbanAccountRecognizer(CFG),
    MacDeviceRecognizer(CFG),
    NpiInParenthesesRecognizer(CFG),
    InternationalPhoneRecognizer(CFG),
    SSNRecognizer(CFG),
    HealthPlanRecognizer(CFG),
    LabelledIdRecognizer(CFG),
    LicenseRecognizer(CFG),
]


def all_found(text):
    return [(r.start, r.end, r.entity_type) for rec in ALL for r in rec.analyze(text, entities=[])]


def ids(rows):
    return [str(i) for i in range(len(rows))]


# (sentence, value that must be covered, entity expected on it)
CAUGHT = [
    # payment cards: Safe Harbor account numbers
    ("Paid the copay with 4111 1111 1111 1111 at the desk.", "4111 1111 1111 1111", "ACCOUNT_NUMBER"),
    ("card on file 5500-0055-5555-5559 exp 08/27", "5500-0055-5555-5559", "ACCOUNT_NUMBER"),
    ("refund to 4539148803436467 requested", "4539148803436467", "ACCOUNT_NUMBER"),
    ("AMEX 3782 822463 10005 declined twice", "3782 822463 10005", "ACCOUNT_NUMBER"),
    ("PAYMENT 6011 0009 9013 9424 POSTED", "6011 0009 9013 9424", "ACCOUNT_NUMBER"),
    # IBANs, grouped or not, any case
    ("Wire the deposit to DE89 3704 0044 0532 0130 00 for the clinic abroad.", "DE89 3704 0044 0532 0130 00", "ACCOUNT_NUMBER"),
    ("iban gb82west12345698765432 on the reimbursement form", "gb82west12345698765432", "ACCOUNT_NUMBER"),
    ("Refund to NL91ABNA0417164300.", "NL91ABNA0417164300", "ACCOUNT_NUMBER"),
    # MAC addresses of devices
    ("Telemetry box 00:1A:2B:3C:4D:5E dropped off the network.", "00:1A:2B:3C:4D:5E", "DEVICE_ID"),
    ("pump mac 3c-5a-b4-0f-91-7e re-paired", "3c-5a-b4-0f-91-7e", "DEVICE_ID"),
    ("Monitor 001a.2b3c.4d5e replaced.", "001a.2b3c.4d5e", "DEVICE_ID"),
    # international phones
    ("Son in London: +44 20 7946 0958, call after 6.", "+44 20 7946 0958", "PHONE"),
    ("Daughter reachable at +49 30 901820 (Berlin).", "+49 30 901820", "PHONE"),
    ("wife's number 0044 161 496 0000", "0044 161 496 0000", "PHONE"),
    ("Sister +33 1 42 68 53 00 prefers French.", "+33 1 42 68 53 00", "PHONE"),
    ("Brother +44 (0)20 7946 0958 is HCP.", "+44 (0)20 7946 0958", "PHONE"),
    # SSNs in other layouts
    ("Verified SSN 078 05 1120 with registration.", "078 05 1120", "SSN"),
    ("Form shows 219.09.9999 in the SSN box.", "219.09.9999", "SSN"),
    ("her social security on the form is 219099999", "219099999", "SSN"),
    ("Called SSA, number 501 22 4187 confirmed.", "501 22 4187", "SSN"),
    # MBI in any case
    ("medicare 1eg4te5mk73 active", "1eg4te5mk73", "HEALTH_PLAN_ID"),
    ("Card shows 1EG4-TE5-MK73.", "1EG4-TE5-MK73", "HEALTH_PLAN_ID"),
    ("MBI 9ac2-hk3-xr55 on the card", "9ac2-hk3-xr55", "HEALTH_PLAN_ID"),
    # prescriber numbers in parentheses after a name
    ("Ordered by Dr. Lindqvist (NPI 1245319599).", "1245319599", "LICENSE_NUMBER"),
    ("Ordered by Dr. Lindqvist (1245319599).", "1245319599", "LICENSE_NUMBER"),
    ("Signed: R. Osei, MD (DEA AB1234563)", "AB1234563", "LICENSE_NUMBER"),
    # member ID after the insurer's name
    ("ins: Harborview PPO, id W22315567", "W22315567", "HEALTH_PLAN_ID"),
    ("Insurance - Tri-County Medicaid; member RX8841207", "RX8841207", "HEALTH_PLAN_ID"),
    # other labelled identifiers
    ("Booking # BK-552019 for the MRI.", "BK-552019", "ID"),
    ("Message ID: MSG-2210934 left on portal.", "MSG-2210934", "ID"),
    ("Rx# 6631047 refilled at the pharmacy.", "6631047", "ID"),
    ("Prescription number: 88-21047", "88-21047", "ID"),
    ("Passport no. C03005988 copied for travel clinic.", "C03005988", "ID"),
    ("passport 912803456 expires next year", "912803456", "ID"),
    ("Lockbox code 4471# on the porch rail.", "4471", "ID"),
    ("gate code is 1209 for the home visit", "1209", "ID"),
    ("Driving licence number: KOWAL654321MK9", "KOWAL654321MK9", "LICENSE_NUMBER"),
    ("Specimen S24-118873 sent to path.", "S24-118873", "ID"),
    ("Claim 880412377 denied, resubmit.", "880412377", "ID"),
]

# (sentence, text that must be left alone)
KEPT = [
    ("WBC 12.4, Hgb 9.1, Plt 235, Cr 1.32.", "12.4"),
    ("Heparin 1000 units/hr, goal PTT 60-80.", "60-80"),
    ("HR 100-120 overnight, BP 142/88.", "100-120"),
    ("ICD-10 E11.65, I50.22 and Z79.4 coded.", "I50.22"),
    ("NDC 0002-8215-01 dispensed.", "0002-8215-01"),
    ("NDC 50090-1234-1 lot pending.", "50090-1234-1"),
    ("Given at 14:30:15 per MAR.", "14:30:15"),
    ("QC run 22-1148 repeated in micro.", "22-1148"),
    ("Order set 1000 2000 3000 4000 in the template.", "1000 2000 3000 4000"),
    ("Counts 1234 5678 9012 3456 on the flow sheet.", "1234 5678 9012 3456"),
    ("Barcode 123456789012 scanned on the bag.", "123456789012"),
    ("Nine digits 123456789 on the tube label.", "123456789"),
    ("SSN not on file; lab id 219099999 only.", "219099999"),
    ("Pain +4 to +6 with movement.", "+4"),
    ("Gain of +10 to +20 in the range.", "+10"),
    ("Titrate +2 mg every 4 hrs.", "+2"),
    ("Glucose 105-180 mg/dL goal.", "105-180"),
    ("Spo2 98% on 2L, RR 18, T 37.2.", "37.2"),
    ("Grade AB12 edema in 3 quadrants.", "AB12"),
    ("DE12 3456 7890 in the stock list", "DE12 3456 7890"),
    ("Rx: 500 mg amoxicillin three times daily.", "500"),
    ("Gate code not needed; apartment.", "not"),
    ("Specimen 2 sent, specimen 3 pending.", "2"),
    ("Passport to health class on Tuesday.", "health"),
    ("Version 2023.0101.0001 of the firmware.", "2023.0101.0001"),
    ("Hold at 00-00-00-00-00-00 on the test pattern", "00-00-00-00-00-00"),
    ("(1234567890) on the whiteboard", "1234567890"),
]


@pytest.mark.parametrize("text,value,entity", CAUGHT, ids=ids(CAUGHT))
def test_unlabelled_ids_caught(text, value, entity):
    got = all_found(text)
    check_caught(text, [(s, e) for s, e, _ in got], value)
    start = text.find(value)
    assert any(s <= start < e and t == entity for s, e, t in got), f"wrong entity at {start}; wanted {entity}"


@pytest.mark.parametrize("text,value", KEPT, ids=ids(KEPT))
def test_unlabelled_lookalikes_kept(text, value):
    check_kept(text, [(s, e) for s, e, _ in all_found(text)], value)


def test_checksums():
    assert luhn_valid("4111111111111111") and not luhn_valid("4111111111111112")
    assert npi_valid("1245319599") and not npi_valid("1245319598") and not npi_valid("3245319599")
    assert iban_valid("DE89 3704 0044 0532 0130 00") and not iban_valid("DE89 3704 0044 0532 0130 01")
    assert not iban_valid("DE89370400440532013")  # German IBANs have 22 characters
    assert ssn_issuable("219099999")
    for bad in ("000123456", "666123456", "912345678", "219009999", "219090000"):
        assert not ssn_issuable(bad)


def test_intl_phone_validation():
    assert intl_number_valid("+44 20 7946 0958")
    assert not intl_number_valid("+44 20 79")
    assert not intl_number_valid("+999 1234 5678")


def test_card_needs_issuer_prefix_and_one_grouping():
    # Luhn-valid but no issuer starts with 1; mixed separators are not a printed card
    for text in ("ref 1111 1111 1111 1117 noted", "card 4111-1111 1111-1111"):
        assert CardNumberRecognizer(CFG).analyze(text, entities=[]) == []


def test_iban_stops_at_the_next_word():
    text = "IBAN DE89 3704 0044 0532 0130 00 for refunds"
    [r] = IbanAccountRecognizer(CFG).analyze(text, entities=[])
    assert text[r.end:].startswith(" for")
