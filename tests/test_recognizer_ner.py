"""spaCy NER through our clinical filter: what the small model gets wrong must not reach
the note, and real places and people must still get through."""

from __future__ import annotations

import pytest
from conftest import check_caught, check_kept

KEPT = [
    ("Best approach to general anesthesia in frail elderly patients?", "anesthesia"),
    ("Bariatric surgery candidates with a BMI over 40.", "Bariatric"),
    ("Statin choice for a high Framingham risk score in a 60-year-old?", "Framingham"),
    ("Cirrhosis with a MELD score of 22, listing criteria?", "MELD"),
    ("On 2L NC overnight, sats 95%.", "NC"),
    ("Placed a Denver shunt for refractory ascites.", "Denver"),
]
CAUGHT = [
    ("She moved back to Cleveland after her divorce.", "Cleveland"),
    ("Patient was transferred from Albuquerque by air.", "Albuquerque"),
    ("Spoke with Mr. Okonkwo about the biopsy results.", "Okonkwo"),
]


def spans(redactor, text):
    return [(r.start, r.end) for r in redactor.redact(text).redactions]


@pytest.mark.parametrize("text,value", KEPT, ids=[v for _, v in KEPT])
def test_clinical_words_the_model_calls_places_are_kept(redactor, text, value):
    check_kept(text, spans(redactor, text), value)


@pytest.mark.parametrize("text,value", CAUGHT, ids=[t[:20] for t, _ in CAUGHT])
def test_real_places_and_people_are_caught(redactor, text, value):
    check_caught(text, spans(redactor, text), value)


def test_entities_stop_at_line_breaks_and_credentials_stay(redactor):
    text = "Lakeview Family Practice - Clinic Note\nDate of visit: 04/02/2023\nProvider: Priya Raman NP\n"
    found = spans(redactor, text)
    check_kept(text, found, "Date of visit")
    check_kept(text, found, "NP")
    check_caught(text, found, "Priya Raman")


def test_a_person_named_like_a_town_is_labelled_a_name(redactor):
    text = "Patient: Desmond O'Neill seen today."
    res = redactor.redact(text)
    assert res.text == "Patient: [NAME] seen today."
