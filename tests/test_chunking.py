"""Notes longer than the chunk size: PHI lying across a chunk (or stream block) boundary
is still found and redacted whole."""

from __future__ import annotations

import io

import pytest
from conftest import fingerprint, is_covered
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from redactphi import Config, Redactor
from redactphi.io.stream import redact_stream
from redactphi.pipeline.detect import CHUNK_OVERLAP, chunk_spans

FILLER = "Vitals stable and the plan is unchanged today "  # 46 characters, no PHI
DATE = "03/14/2023"
MRN = "MRN 4829301"


@pytest.fixture(scope="module")
def small_chunks(redactor):
    """The session engine with the smallest chunk size allowed (2,000 characters)."""
    return Redactor(Config(chunk_chars=2_000), engine=redactor.engine)


def filler(n: int) -> str:
    return (FILLER * (n // len(FILLER) + 1))[:n]


def straddle(text_len: int, boundary: int, value: str) -> tuple[str, int]:
    """Text of ``text_len`` characters with ``value`` centred on ``boundary``."""
    start = boundary - len(value) // 2
    text = filler(start - 1) + " " + value + " " + filler(text_len - start - len(value) - 1)
    return text, start


def across_a_cut(value: str, size: int = 2_000) -> tuple[str, int]:
    """A 6,000-character text in which a chunk of ``size`` ends strictly inside
    ``value``. Chunks end on whitespace where they can, so the value is glued into a
    run of "|" with no other whitespace nearby: a multi-word value is cut between its
    words, a one-word value inside the word."""
    for pad in ("|",):
        for start in range(size - 60, size + 10):
            head = filler(start - 600) + pad * 600  # "|" runs hold no whitespace to cut at
            tail = pad * 20 + " "
            text = head + value + tail + filler(6_000 - len(head) - len(value) - len(tail))
            if any(len(head) < e < len(head) + len(value) for _, e in chunk_spans(text, size)):
                return text, len(head)
    raise AssertionError("test setup: no placement puts a chunk end inside the value")


@pytest.mark.parametrize("value, phi", [(DATE, DATE), (MRN, "4829301"), ("March 14, 2023", "March 14, 2023")])
def test_phi_across_a_chunk_boundary_is_redacted(small_chunks, value, phi):
    text, at = across_a_cut(value)
    start = at + value.index(phi)
    result = small_chunks.redact(text)
    if not is_covered([(r.start, r.end) for r in result.redactions], start, start + len(phi), text):
        spans = chunk_spans(text, 2_000)
        pytest.fail(f"value {fingerprint(phi)} at [{start}:{start + len(phi)}] not covered; chunks {spans}")


def test_chunked_detection_matches_whole_text_detection(redactor, small_chunks):
    values = [(DATE, i) for i in range(700, 9_000, 1_333)] + [(MRN, i) for i in range(1_500, 9_000, 1_777)]
    text = filler(10_000)
    for value, at in sorted(values, key=lambda x: x[1]):
        text = text[:at] + " " + value + " " + text[at + len(value) + 2 :]
    text = text[:10_000]
    whole = {(r.start, r.end, r.entity) for r in redactor.redact(text).redactions}
    chunked = {(r.start, r.end, r.entity) for r in small_chunks.redact(text).redactions}
    assert whole == chunked


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(n=st.integers(0, 12_000), size=st.integers(2_000, 5_000))
def test_chunk_spans_cover_with_overlap(n, size):
    text = filler(n)
    spans = chunk_spans(text, size)
    assert spans[0][0] == 0 and spans[-1][1] == n
    for (s1, e1), (s2, _) in zip(spans, spans[1:], strict=False):
        assert e1 - s1 <= size and s2 < e1  # bounded and overlapping
        assert e1 - s2 >= CHUNK_OVERLAP // 2  # longer than any PHI span


# -- plain-text streams are cut into blocks; the same guarantee must hold there -------------
def stream(redactor: Redactor, data: str) -> str:
    out = io.BytesIO()
    redact_stream(io.BytesIO(data.encode()), out, fmt="text", redactor=redactor)
    return out.getvalue().decode()


@pytest.mark.parametrize("shift", [-6, -3, 0, 3])
def test_phi_across_a_stream_block_boundary_is_redacted(small_chunks, shift):
    # One long line: blocks of 2,000 characters, the first cut 1,000 characters before
    # the window's end; the date is placed right across that cut.
    text, start = straddle(8_000, 1_000 + shift, DATE)
    out = stream(small_chunks, text)
    if DATE in out:
        pytest.fail(f"value {fingerprint(DATE)} survived at offset {out.index(DATE)}")
    assert out.count("[DATE]") == 1
    assert out.replace("[DATE]", DATE) == text  # nothing else changed, nothing lost


def test_text_stream_equals_whole_text_redaction(redactor, small_chunks):
    lines = []
    for i in range(300):
        lines.append(filler(20 + (i * 37) % 90) + (f" seen {DATE}" if i % 7 == 0 else "") + (f" {MRN}" if i % 11 == 0 else ""))
    text = "\n".join(lines) + "\n"
    assert len(text) > 10 * 2_000
    assert stream(small_chunks, text) == redactor.redact(text).text
