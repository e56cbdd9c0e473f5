"""Conventions of ICU nursing notes (issue 10): run-together sentences, upper-case
shorthand, ventilator settings, and the PHI nurses write without the usual cues.

Every sentence is invented. Test ids are row numbers so pytest never prints a value."""

from __future__ import annotations

import pytest
from conftest import check_redaction

URL_CASES = [
    # a missing space after a period is not a domain, whatever country code follows
    ("Suctioned for thick secretions.NO stool today.", [], ["secretions.NO"]),
    ("pt.ON propofol, lungs coarse..re-check abg at noon", [], ["pt.ON", "coarse..re"]),
    ("SKIN INTACT...COMPLETE BED BATH.TV ON FOR PT", [], ["INTACT...COMPLETE", "BATH.TV"]),
    ("tolerating feeds.pe consult placed; family.fo aware", [], ["feeds.pe", "family.fo"]),
    ("percocet for pain control.awaiting diuresis", [], ["control.awaiting"]),
    # real addresses are still caught, in any case
    ("Portal: https://chart.example-health.org/visit?id=4 and www.tealclinic.net", ["https://chart.example-health.org/visit?id=4", "www.tealclinic.net"], []),
    ("INSTRUCTIONS AT WWW.HARBORLIGHTCARE.COM OR BRIGHTWAVEMED.ORG", ["WWW.HARBORLIGHTCARE.COM", "BRIGHTWAVEMED.ORG"], []),
    ("family blog at quillandfern.co.uk and sunmeadowkids.us", ["quillandfern.co.uk", "sunmeadowkids.us"], []),
]


@pytest.mark.parametrize("text,caught,kept", URL_CASES, ids=[f"url{i}" for i in range(len(URL_CASES))])
def test_urls(redactor, text, caught, kept):
    check_redaction(redactor, text, caught, kept)
