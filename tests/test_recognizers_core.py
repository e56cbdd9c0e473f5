"""The date, age and MRN recognizers: behaviour beyond their table cases, which live in
tests/cases/date.yaml, age_over_89.yaml, mrn.yaml and group_dates_ages.yaml."""

from __future__ import annotations

from conftest import recognizer


def test_mrn_label_itself_is_not_redacted():
    text = "MRN: 12345678"
    found = [(r.start, r.end) for r in recognizer("mrn").analyze(text, entities=[])]
    assert found == [(5, 13)]
