"""Conventions of ICU nursing notes (issue 10): behaviour beyond the table cases, which
live in tests/cases/pipeline_icu_nursing_notes.yaml.

Every sentence is invented."""

from __future__ import annotations

import pytest
from conftest import is_covered


@pytest.mark.spacy
def test_site_repeated_without_its_cue(redactor):
    # found once after "transferred to", the site is redacted where it recurs bare
    text = "Transferred to Wrenfield 3 overnight. Wrenfield nurse called with an update."
    spans = [(r.start, r.end) for r in redactor.redact(text).redactions]
    second = text.index("Wrenfield", 20)
    assert is_covered(spans, second, second + len("Wrenfield"), text), f"second mention at {second} not redacted; spans {spans}"
