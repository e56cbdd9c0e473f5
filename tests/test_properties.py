"""Property tests (hypothesis) for the pure parts and their round trips (issue 9):
resolve, offsets mapping back to the original, idempotence, audit offsets.

Texts are built from fragments of our own; failures show offsets and hashes only
(the default hypothesis profile in conftest.py prints no example; `HYPOTHESIS_PROFILE=explore` does, and its examples are synthetic)."""

from __future__ import annotations

import io
import json

import pytest
from conftest import fingerprint
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from redactphi.entities import ENTITIES
from redactphi.io.stream import redact_stream
from redactphi.pipeline.redact import apply, placeholder_text, splice
from redactphi.pipeline.resolve import Detection, resolve

ENTITY_NAMES = sorted(ENTITIES)[:8]


@st.composite
def detections(draw, max_len: int = 200):
    n = draw(st.integers(0, max_len))
    text = draw(st.text(alphabet="ab \t\n.", min_size=n, max_size=n))
    dets = []
    for _ in range(draw(st.integers(0, 12))):
        s = draw(st.integers(0, max(0, n - 1)))
        e = draw(st.integers(s, min(n, s + 30)))
        dets.append(Detection(s, e, draw(st.sampled_from(ENTITY_NAMES)), draw(st.floats(0.1, 1.0)), draw(st.sampled_from(["r1", "r2"]))))
    return text, dets


@settings(max_examples=150, deadline=None)
@given(detections())
def test_resolve_covers_every_input_and_outputs_sorted_disjoint_regions(case):
    text, dets = case
    regions = resolve(dets, text)
    for d in dets:
        if d.end > d.start:  # empty detections redact nothing
            assert any(r.start <= d.start and d.end <= r.end for r in regions), (d.start, d.end)
    for a, b in zip(regions, regions[1:], strict=False):
        assert a.end < b.start  # sorted, not even touching (touching ones are merged)
    starts = {d.start for d in dets}
    ends = {d.end for d in dets}
    assert all(r.start in starts and r.end in ends for r in regions)  # a union, nothing invented


@settings(max_examples=200, deadline=None)
@given(detections())
def test_resolve_is_order_independent(case):
    text, dets = case
    assert resolve(dets, text) == resolve(list(reversed(dets)), text)


@settings(max_examples=200, deadline=None)
@given(detections())
def test_offsets_map_back_to_the_original(case):
    """Between placeholders the output is the original, byte for byte, and each region's
    offsets name exactly the original characters its placeholder replaced."""
    text, dets = case
    regions = resolve(dets, text)
    out = apply(text, regions)
    assert out == splice(text, regions)
    pos_in, pos_out = 0, 0
    for r in regions:
        keep = text[pos_in : r.start]
        assert out[pos_out : pos_out + len(keep)] == keep
        pos_out += len(keep)
        ph = placeholder_text(r.entity)
        assert out[pos_out : pos_out + len(ph)] == ph
        pos_out += len(ph)
        pos_in = r.end
    assert out[pos_out:] == text[pos_in:]


FRAGMENTS = [
    "Seen by Dr. Quillfeather today.", "MRN 55102938", "on 04/11/2021", "call 617-555-0142",
    "Vitals stable.", "plan unchanged", "e-mail tessaly.m@example.org", "\n", " ", "  ", ", ",
    "Brandywell Castellane", "age 93", "admitted to Marrowby General Hospital", "(", ")", "-", "12", "x",
]


@st.composite
def notes(draw):
    """Fragments joined by a separator (glued fragments are the xfail case below)."""
    parts = draw(st.lists(st.sampled_from(FRAGMENTS), max_size=25))
    return "".join(p + draw(st.sampled_from([" ", "\n", ", ", ". "])) for p in parts)


def _placeholder_spans(text: str) -> list[tuple[int, int]]:
    import re

    return [m.span() for m in re.finditer(r"\[[A-Z_]+\]", text)]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(notes())
def test_redacting_the_output_again_changes_nothing_outside_placeholders(rules_redactor, text):
    once = rules_redactor.redact(text).text
    again = rules_redactor.redact(once)
    spans = _placeholder_spans(once)
    for r in again.redactions:
        # a second pass may only touch what the first put there
        if not any(s <= r.start and r.end <= e for s, e in spans):
            raise AssertionError(f"second pass redacted [{r.start}:{r.end}] outside placeholders ({fingerprint(once)})")


# Gaps the idempotence property once found (a second pass found more); the trained
# tagger closed both, so they stay as regressions.
@pytest.mark.parametrize(
    "text",
    [
        "on 04/11/2021Brandywell Castellanee-mail tessaly.m@example.org",  # date glued to a word
        "at Marrowby General Hospital at Marrowby General Hospital ",  # first of two repeated facilities kept
    ],
)
def test_known_second_pass_gaps(rules_redactor, text):
    once = rules_redactor.redact(text).text
    assert rules_redactor.redact(once).text == once


# Found by the idempotence property in a clean-clone CI run: after a phone number, only
# the first of two unknown name words was redacted, and the second pass, reading
# "[NAME] Castellane", took the surname. The tagger's name now runs on over a following
# capitalised word that no list knows as anything but a name.
def test_second_pass_finds_nothing_after_a_phone_and_two_unknown_names(rules_redactor):
    text = "call 617-555-0142 Brandywell Castellane admitted to Marrowby General Hospital "
    once = rules_redactor.redact(text).text
    assert rules_redactor.redact(once).text == once


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(notes(), min_size=1, max_size=4))
def test_audit_offsets_map_back_to_the_original(rules_redactor, tmp_path_factory, texts):
    """Applying the audit's regions to the input gives exactly the output (JSONL)."""
    data = b"".join(json.dumps({"text": t}).encode() + b"\n" for t in texts)
    audit = tmp_path_factory.mktemp("a") / "audit.jsonl"
    out = io.BytesIO()
    redact_stream(io.BytesIO(data), out, fmt="jsonl", fields=["text"], redactor=rules_redactor, audit_path=str(audit))
    rows = [json.loads(line) for line in audit.read_text().splitlines()]
    outputs = [json.loads(line)["text"] for line in out.getvalue().decode().splitlines()]
    for n, (text, got) in enumerate(zip(texts, outputs, strict=True), start=1):
        from redactphi.pipeline.resolve import Redaction

        regions = [
            Redaction(r["start"], r["end"], r["entity"], r["score"], r["recognizer"])
            for r in rows
            if r.get("type") == "redaction" and r["note"] == f"stdin:line {n}, field text"
        ]
        assert splice(text, regions) == got, f"line {n}: {fingerprint(got)}"
