"""The resolver and the redaction splice: pure functions, tested with hypothesis."""

from __future__ import annotations

from itertools import pairwise

from conftest import same_text
from hypothesis import given, settings
from hypothesis import strategies as st

from redactphi.entities import ENTITIES, precedence
from redactphi.pipeline.redact import apply, splice
from redactphi.pipeline.resolve import Detection, resolve

TEXT = "Pt Jane Q. Doe seen 03/14/2023 by Dr. Ray at Mercy, MRN 1234567; call 555-0100 x12."


@st.composite
def detections(draw):
    n = len(TEXT)
    items = []
    for _ in range(draw(st.integers(0, 8))):
        a = draw(st.integers(0, n - 1))
        b = draw(st.integers(a + 1, n))
        items.append(
            Detection(a, b, draw(st.sampled_from(ENTITIES)), draw(st.floats(0.01, 1.0)), draw(st.sampled_from(["r1", "r2", "r3"])))
        )
    return items


@given(detections())
def test_resolved_regions_are_disjoint_sorted_and_cover_exactly_the_union(dets):
    out = resolve(dets, TEXT)
    for a, b in pairwise(out):
        assert a.end < b.start  # not even touching: touching regions are merged
    covered = {i for r in out for i in range(r.start, r.end)}
    union = {i for d in dets for i in range(d.start, d.end)}
    assert union <= covered
    # only whitespace between same-type neighbours may be added
    assert all(TEXT[i] in " \t" for i in covered - union)


@given(detections())
def test_label_is_the_strongest_type_in_the_region(dets):
    for r in resolve(dets, TEXT):
        inside = [d for d in dets if r.start <= d.start and d.end <= r.end]
        assert precedence(r.entity) == min(precedence(d.entity) for d in inside)
        assert set(r.sources) == {d.recognizer for d in inside}


def test_overlapping_different_types_become_one_redaction():
    dets = [Detection(3, 14, "NAME", 0.85, "ner"), Detection(8, 20, "DATE", 0.9, "date")]
    (r,) = resolve(dets, TEXT)
    assert (r.start, r.end, r.entity) == (3, 20, "DATE")


def test_same_type_neighbours_separated_by_a_space_merge_but_not_across_lines():
    text = "John Smith\nJane"
    dets = [Detection(0, 4, "NAME", 0.8, "a"), Detection(5, 10, "NAME", 0.8, "a"), Detection(11, 15, "NAME", 0.8, "a")]
    assert [(r.start, r.end) for r in resolve(dets, text)] == [(0, 10), (11, 15)]


def test_different_type_neighbours_stay_separate():
    text = "March 3 Smith"
    dets = [Detection(0, 7, "DATE", 0.9, "d"), Detection(8, 13, "NAME", 0.8, "n")]
    assert len(resolve(dets, text)) == 2


@settings(deadline=None)  # the first example builds Presidio's anonymizer
@given(detections())
def test_presidio_anonymizer_output_equals_the_reference_splice(dets):
    regions = resolve(dets, TEXT)
    assert apply(TEXT, regions) == splice(TEXT, regions)


@settings(max_examples=25, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 6), st.integers(1, 5), st.sampled_from(["NAME", "DATE", "ID"])), min_size=1, max_size=1600))
def test_apply_in_segments_equals_splicing(gaps):
    """Past SEGMENT_REGIONS regions the anonymizer gets the note in segments (its own cost
    grows with regions x length); the result must equal plain splicing, abutting regions
    at a segment's edge included."""
    from redactphi.pipeline import redact as R
    from redactphi.pipeline.resolve import Redaction

    regions, pos = [], 0
    for gap, width, entity in gaps:
        pos += gap
        regions.append(Redaction(start=pos, end=pos + width, entity=entity, score=0.9, recognizer="t"))
        pos += width
    text = ("ab cd\nef " * (pos // 9 + 2))[: pos + 3]
    old = R.SEGMENT_REGIONS
    try:
        R.SEGMENT_REGIONS = 7  # many segments even for short lists
        same_text(R.apply(text, regions), R.splice(text, regions), "segmented redaction")
    finally:
        R.SEGMENT_REGIONS = old
    same_text(R.apply(text, list(reversed(regions))), R.splice(text, regions), "redaction of unsorted regions")
