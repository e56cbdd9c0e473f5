"""The location lexicons. The location recognizers' table cases live in tests/cases/
(street_address, zip_code, city, facility, group_locations and pipeline_end_to_end)."""

from __future__ import annotations

from redactphi.lexicons import city_names, us_states


def test_lexicons_load_once_and_flag_ambiguity():
    assert city_names() is city_names()
    cities = city_names()
    assert len(cities) > 10_000
    assert cities["boston"] is True
    assert cities["mobile"] is False and cities["reading"] is False
    assert us_states()["massachusetts"] == "MA"
