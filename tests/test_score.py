"""The scorer on hand-made cases with known answers, plus property tests.

Assertions compare offsets, types and counts only, so a failure never prints PHI.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from redactphi.bench.gold import GoldNote, GoldSpan
from redactphi.bench.score import Report, format_table, misses, note_misses, score


def note(text: str, *spans: tuple[int, int, str], note_id: str = "n1") -> GoldNote:
    """A gold note from (start, end, type) triples; span text is taken from the note."""
    return GoldNote(
        id=note_id,
        text=text,
        spans=tuple(GoldSpan(s, e, t, text[s:e]) for s, e, t in spans),
    )


def at(text: str, fragment: str) -> tuple[int, int]:
    """Offsets of the first occurrence of ``fragment`` (test-writing convenience only)."""
    start = text.index(fragment)
    return start, start + len(fragment)


# --- span recall ----------------------------------------------------------------------

TEXT = "Patient John Smith seen on 03/14/2023 by the team."


def test_partial_redaction_is_a_strict_miss_but_an_overlap_hit() -> None:
    s, e = at(TEXT, "John Smith")
    gold = note(TEXT, (s, e, "NAME"))
    report = score([gold], [[(s, s + 4, "NAME")]])  # only "John"
    assert (report.spans, report.strict, report.overlap) == (1, 0, 1)
    assert report.strict_recall == 0.0
    assert report.overlap_recall == 1.0
    assert report.missed_spans == 1
    assert report.untouched_spans == 0
    assert report.leaking_notes == 1
    assert (report.tokens_gold, report.tokens_gold_caught) == (2, 1)
    assert report.token_recall == 0.5


def test_full_redaction_with_wrong_label_still_counts_for_recall() -> None:
    s, e = at(TEXT, "03/14/2023")
    gold = note(TEXT, (s, e, "DATE"))
    report = score([gold], [[(s - 3, e + 1, "PHONE")]])
    assert report.strict_recall == 1.0
    assert report.by_type["DATE"].strict == 1
    # Precision by predicted type: PHONE hit PHI, but not PHI of its own category.
    phone = report.by_predicted["PHONE"]
    assert phone.category == "PHONE_NUMBER"
    assert (phone.tokens, phone.phi_tokens, phone.category_tokens) == (4, 3, 0)
    assert phone.category_precision == 0.0


def test_untouched_span_is_missed_both_ways() -> None:
    s, e = at(TEXT, "John Smith")
    report = score([note(TEXT, (s, e, "NAME"))], [[]])
    assert (report.strict, report.overlap, report.untouched_spans) == (0, 0, 1)


def test_adjacent_gold_spans_caught_by_one_prediction() -> None:
    text = "Seen by JohnSmith today"
    s, e = at(text, "JohnSmith")
    gold = note(text, (s, s + 4, "NAME"), (s + 4, e, "NAME"))
    report = score([gold], [[(s, e, "NAME")]])
    assert (report.spans, report.strict) == (2, 2)


def test_adjacent_predictions_cover_one_gold_span() -> None:
    text = "Call 555-1234 now"
    s, e = at(text, "555-1234")
    report = score([note(text, (s, e, "PHONE_NUMBER"))], [[(s, s + 4, "PHONE"), (s + 4, e, "PHONE")]])
    assert report.strict == 1


def test_punctuation_inside_a_span_may_stay_visible() -> None:
    text = "Call 555-1234 now"
    s, e = at(text, "555-1234")
    # Both digit groups redacted, the dash between them left alone.
    report = score([note(text, (s, e, "PHONE_NUMBER"))], [[(s, s + 3, "PHONE"), (s + 4, e, "PHONE")]])
    assert report.strict == 1
    assert report.token_recall == 1.0


def test_initials_with_dots() -> None:
    text = "Pt J.S. reports pain"
    s, e = at(text, "J.S.")
    gold = note(text, (s, e, "NAME"))
    letters_only = [(s, s + 1, "NAME"), (s + 2, s + 3, "NAME")]
    assert score([gold], [letters_only]).strict == 1
    assert score([gold], [[(s, s + 3, "NAME")]]).strict == 1  # "J.S" without the final dot
    one_letter = score([gold], [[(s, s + 1, "NAME")]])
    assert (one_letter.strict, one_letter.overlap) == (0, 1)


def test_span_inside_a_token() -> None:
    # "92F": the AGE span is "92", the token is "92F".
    text = "92F with CHF"
    gold = note(text, (0, 2, "AGE"))
    report = score([gold], [[(0, 3, "AGE")]])
    assert report.strict == 1
    assert (report.tokens_gold, report.tokens_gold_caught) == (1, 1)
    assert report.token_precision == 1.0


def test_span_without_alphanumerics_needs_its_visible_characters() -> None:
    text = "a -- b"
    gold = note(text, (2, 4, "UNIQUE_IDENTIFIER"))
    assert score([gold], [[(2, 3, "ID")]]).strict == 0
    assert score([gold], [[(2, 4, "ID")]]).strict == 1


def test_predictions_are_clipped_and_reversed_ones_rejected() -> None:
    text = "Name: Ann"
    gold = note(text, (6, 9, "NAME"))
    assert score([gold], [[(6, 99, "NAME")]]).strict == 1
    assert score([gold], [[(-5, 2, "NAME")]]).strict == 0
    with pytest.raises(ValueError, match="start 7 > end 6"):
        score([gold], [[(7, 6, "NAME")]])


def test_length_mismatch_is_an_error() -> None:
    with pytest.raises(ValueError, match="differ in length"):
        score([note("a"), note("b")], [[]])


# --- over-redaction and empty notes ---------------------------------------------------


def test_empty_note() -> None:
    report = score([note("")], [[]])
    assert (report.notes, report.phi_free_notes, report.over_redacted_notes) == (1, 1, 0)
    assert report.strict_recall is None
    assert report.token_precision is None
    assert report.over_redaction_rate == 0.0


def test_phi_free_note_with_a_redaction_is_over_redacted() -> None:
    clean = note("BP 128/76, HR 88, GCS 15.", note_id="clean")
    quiet = note("No identifiers in this one.", note_id="quiet")
    report = score([clean, quiet], [[(3, 9, "DATE")], []])
    assert (report.phi_free_notes, report.over_redacted_notes) == (2, 1)
    assert report.over_redaction_rate == 0.5
    assert (report.tokens_predicted, report.tokens_predicted_phi) == (2, 0)
    assert report.token_precision == 0.0
    assert report.by_predicted["DATE"].precision == 0.0


def test_zero_length_prediction_is_not_a_redaction() -> None:
    report = score([note("Nothing here.")], [[(3, 3, "NAME")]])
    assert report.over_redacted_notes == 0


# --- precision per predicted type -------------------------------------------------------


def test_precision_per_predicted_type() -> None:
    text = "John Smith seen today at noon"
    gold = note(text, (0, 10, "NAME"))
    preds = [
        (0, 4, "NAME"),  # John: PHI, right category
        (5, 10, "DATE"),  # Smith: PHI, wrong category
        (11, 15, "NAME"),  # seen: not PHI
        (16, 21, "SITE_CUSTOM"),  # today: not PHI, entity unknown to the schema
    ]
    report = score([gold], [preds])
    name = report.by_predicted["NAME"]
    assert (name.tokens, name.phi_tokens, name.category_tokens) == (2, 1, 1)
    assert name.precision == 0.5
    date = report.by_predicted["DATE"]
    assert (date.precision, date.category_precision) == (1.0, 0.0)
    custom = report.by_predicted["SITE_CUSTOM"]
    assert custom.category is None
    assert custom.category_precision is None
    assert (report.tokens_predicted, report.tokens_predicted_phi) == (4, 2)


def test_category_map_extends_the_schema() -> None:
    text = "Seen by Ann Lee"
    gold = note(text, (8, 15, "NAME"))
    report = score([gold], [[(8, 15, "PERSON")]], category_map={"PERSON": "NAME"})
    assert report.by_predicted["PERSON"].category_precision == 1.0


def test_overlapping_predictions_of_two_types_count_for_both() -> None:
    text = "MRN 1234567 today"
    gold = note(text, (4, 11, "MEDICAL_RECORD_NUMBER"))
    report = score([gold], [[(4, 11, "MRN"), (4, 11, "PHONE")]])
    assert report.by_predicted["MRN"].category_tokens == 1
    assert report.by_predicted["PHONE"].category_tokens == 0
    assert report.tokens_predicted == 1  # the token is counted once overall


# --- per type, leaks, report forms -------------------------------------------------------


def test_per_type_figures_and_leaking_notes() -> None:
    t1 = "Ann Lee on 3/4/2020"
    t2 = "Bob Roe MRN 998877"
    n1 = note(t1, (0, 7, "NAME"), (11, 19, "DATE"), note_id="a")
    n2 = note(t2, (0, 7, "NAME"), (12, 18, "MEDICAL_RECORD_NUMBER"), note_id="b")
    report = score([n1, n2], [[(0, 7, "NAME"), (11, 19, "DATE")], [(12, 18, "MRN")]])
    assert report.missed_spans == 1
    assert report.leaking_notes == 1
    assert report.by_type["NAME"].spans == 2
    assert report.by_type["NAME"].missed == 1
    assert report.by_type["NAME"].leaking_notes == 1
    assert report.by_type["DATE"].strict_recall == 1.0
    assert report.type_order() == ["NAME", "DATE", "MEDICAL_RECORD_NUMBER"]


def test_to_dict_is_versioned_json() -> None:
    t = "Ann Lee called"
    report = score([note(t, (0, 7, "NAME"))], [[(0, 3, "NAME")]], seconds=2.0)
    data = json.loads(json.dumps(report.to_dict()))
    assert data["version"] == 1
    assert data["strict_recall"] == 0.0
    assert data["leaks"] == {"missed_spans": 1, "untouched_spans": 0, "leaking_notes": 1}
    assert data["throughput"] == {"notes": 1, "seconds": 2.0, "notes_per_second": 0.5}
    assert data["by_type"]["NAME"]["overlap_caught"] == 1
    assert data["by_predicted_type"]["NAME"]["gold_category"] == "NAME"


def test_format_table_shows_figures_not_text() -> None:
    t = "Zebulon Quaxley called from Wrightsborough"
    gold = note(t, (0, 15, "NAME"), (28, 42, "GEOGRAPHIC_LOCATION"))
    ours = score([gold], [[(0, 15, "NAME")]], seconds=1.0)
    theirs = score([gold], [[]], seconds=4.0)
    table = format_table(ours, theirs, names=("redactphi", "presidio"))
    assert "redactphi" in table and "presidio" in table
    assert "50.00%" in table and "0.00%" in table
    assert "GEOGRAPHIC_LOCATION" in table
    for span in gold.spans:
        assert span.text not in table, f"table leaks the {span.type} span at {span.start}"
    assert "Zebulon" not in format_table(ours)


def test_format_table_handles_an_empty_report() -> None:
    table = format_table(Report())
    assert "0 notes" in table


# --- misses ------------------------------------------------------------------------------


def test_misses_give_offsets_and_context() -> None:
    t = "Seen by Ann Lee on 3/4/2020 at clinic"
    gold = note(t, (8, 15, "NAME"), (19, 27, "DATE"))
    found = list(misses([gold], [[(8, 11, "NAME"), (19, 27, "DATE")]], context=5))
    assert len(found) == 1
    m = found[0]
    assert (m.note_id, m.type, m.start, m.end) == ("n1", "NAME", 8, 15)
    assert (m.redacted_chars, m.alnum_chars) == (3, 6)
    assert m.before == t[3:8] and m.after == t[15:20]
    assert m.overlapping == ((8, 11, "NAME"),)
    assert m.to_dict()["text"] == t[8:15]


def test_note_misses_empty_when_all_caught() -> None:
    t = "Ann Lee"
    assert list(note_misses(note(t, (0, 7, "NAME")), [(0, 7, "NAME")])) == []


# --- properties ---------------------------------------------------------------------------


@st.composite
def gold_notes(draw: st.DrawFn) -> GoldNote:
    """Random text over a small alphabet with sorted, non-overlapping gold spans."""
    text = draw(st.text(alphabet="ab9 .-/", max_size=60))
    cuts = sorted(set(draw(st.lists(st.integers(0, len(text)), max_size=8))))
    spans = []
    for start, end in zip(cuts[::2], cuts[1::2], strict=False):
        if start < end:
            spans.append((start, end, draw(st.sampled_from(["NAME", "DATE", "AGE"]))))
    return note(text, *spans)


@settings(max_examples=200, deadline=None)
@given(st.lists(gold_notes(), max_size=5))
def test_predicting_exactly_the_gold_spans_is_perfect(notes: list[GoldNote]) -> None:
    preds = [[(s.start, s.end, "NAME") for s in n.spans] for n in notes]
    report = score(notes, preds)
    if report.spans:
        assert report.strict_recall == 1.0
        assert report.overlap_recall == 1.0
    if report.tokens_gold:
        assert report.token_recall == 1.0
    if report.tokens_predicted:
        assert report.token_precision == 1.0
    assert report.over_redacted_notes == 0
    assert report.missed_spans == 0


@settings(max_examples=200, deadline=None)
@given(st.lists(gold_notes(), max_size=5))
def test_predicting_nothing_catches_nothing(notes: list[GoldNote]) -> None:
    report = score(notes, [[] for _ in notes])
    assert report.strict == 0 and report.overlap == 0
    assert report.missed_spans == report.spans
    assert report.leaking_notes == sum(1 for n in notes if n.spans)
    assert report.tokens_predicted == 0
    assert report.over_redacted_notes == 0


@settings(max_examples=200, deadline=None)
@given(gold_notes(), st.lists(st.tuples(st.integers(0, 60), st.integers(0, 60)), max_size=6),
       st.tuples(st.integers(0, 60), st.integers(0, 60)))
def test_more_redaction_never_lowers_recall(
    gold: GoldNote, raw: list[tuple[int, int]], extra: tuple[int, int]
) -> None:
    preds = [(min(a, b), max(a, b), "NAME") for a, b in raw]
    more = preds + [(min(extra), max(extra), "DATE")]
    before, after = score([gold], [preds]), score([gold], [more])
    assert after.strict >= before.strict
    assert after.overlap >= before.overlap
    assert after.tokens_gold_caught >= before.tokens_gold_caught
    assert before.strict <= before.overlap
