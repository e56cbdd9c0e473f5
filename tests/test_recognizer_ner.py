"""spaCy NER through our clinical filter: behaviour beyond the table cases, which live in
tests/cases/spacy_ner.yaml (the recognizer) and pipeline_ner.yaml (the whole pipeline)."""

from __future__ import annotations

import pytest


@pytest.mark.spacy
def test_a_person_named_like_a_town_is_labelled_a_name(redactor):
    text = "Patient: Desmond O'Neill seen today."
    res = redactor.redact(text)
    assert res.text == "Patient: [NAME] seen today."
