"""Checksums and validators of the identifiers that need no label, and behaviour beyond
their table cases, which live in tests/cases/ (card_number, iban, mac_address,
npi_unlabelled, intl_phone, ssn, health_plan_id, labelled_id, license_number and
group_unlabelled_ids).

Every value is invented (card numbers are the networks' published test numbers or made
Luhn-valid by hand; IBANs are the registry's example layout with invented digits fixed up
to pass mod 97)."""

from __future__ import annotations

from conftest import recognizer
from redactphi.recognizers.checksum_ids import iban_valid, luhn_valid, npi_valid
from redactphi.recognizers.identifiers import ssn_issuable
from redactphi.recognizers.intl_phone import intl_number_valid


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


def test_iban_stops_at_the_next_word():
    text = "IBAN DE89 3704 0044 0532 0130 00 for refunds"
    [r] = recognizer("iban").analyze(text, entities=[])
    assert text[r.end:].startswith(" for")
