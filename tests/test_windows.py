"""One windowing implementation for every mode (issue 9): a long note gives the same
redactions through Redactor.redact, folder mode and `redact -`, PHI on and around the
window cuts included. Sentences and values are our own; failures show offsets/hashes."""

from __future__ import annotations

import io
import random

import pytest
from conftest import fingerprint, same_text

from redactphi import Config, Redactor
from redactphi.io.job import redact_folder
from redactphi.io.stream import redact_stream
from redactphi.pipeline.detect import EDGE, Window, chunk_spans, iter_windows, nlp_copy, trusted
from redactphi.pipeline.resolve import Detection

SIZE = 2_000  # the smallest chunk size allowed, so a short test has many cuts
SENTENCES = (
    "Seen today by Dr. Quillfeather for follow up of the left knee.",
    "Labs drawn on 04/11/2021 were within normal limits.",
    "Brandywell Castellane called back about the refill.",
    "MRN 55102938 was confirmed with the front desk.",
    "Vitals stable, ambulating in the hall with a walker.",
    "Phone 617-555-0142 is the daughter's number.",
    "Plan is unchanged and the patient agrees with it.",
    "Yevgenia Marrowby will drive her home at noon.",
)


def long_note(n_chars: int, seed: int = 7) -> str:
    rng = random.Random(seed)
    parts: list[str] = []
    total = 0
    while total < n_chars:
        s = rng.choice(SENTENCES)
        parts.append(s + ("\n" if rng.random() < 0.2 else " "))
        total += len(parts[-1])
    return "".join(parts)


@pytest.fixture(scope="module")
def small(redactor):
    return Redactor(Config(chunk_chars=SIZE), engine=redactor.engine)


def stream_text(redactor: Redactor, text: str, chunk: int = 1 << 16) -> str:
    out = io.BytesIO()
    summary = redact_stream(io.BytesIO(text.encode()), out, fmt="text", redactor=redactor)
    assert summary.failed == 0
    return out.getvalue().decode()


def test_folder_stream_and_api_give_identical_redactions(small, tmp_path):
    text = long_note(24_000)
    spans = chunk_spans(text, SIZE)
    assert len(spans) > 15
    whole = small.redact(text)
    # the test must exercise the edges: detections lying within EDGE of some cut
    cuts = {e for _, e in spans[:-1]} | {s for s, _ in spans[1:]}
    near = [r for r in whole.redactions if any(abs(r.start - c) < EDGE or abs(r.end - c) < EDGE for c in cuts)]
    assert len(near) >= 20
    src = tmp_path / "in"
    src.mkdir()
    (src / "long.txt").write_text(text, encoding="utf-8")
    summary = redact_folder([src], tmp_path / "out", config=small.config, audit_path=tmp_path / "a.jsonl", redactor=small)
    assert summary.failed == 0
    same_text((tmp_path / "out" / "long.txt").read_text(encoding="utf-8"), whole.text, "folder-mode output")
    same_text(stream_text(small, text), whole.text, "stream output")


@pytest.mark.parametrize("shift", [-9, -3, 0, 4])
def test_phi_straddling_each_cut_is_redacted_the_same_in_every_mode(small, shift):
    text = long_note(9_000, seed=shift + 100)
    value = "MRN 55102938"
    for _, end in reversed(chunk_spans(text, SIZE)[:-1]):  # from the back: offsets stay valid
        at = max(0, end + shift - len(value) // 2)
        text = text[:at] + " " + value + " " + text[at:]
    whole = small.redact(text)
    if "55102938" in whole.text:
        pytest.fail(f"value {fingerprint('55102938')} survived at {whole.text.index('55102938')}")
    same_text(stream_text(small, text), whole.text, "stream output")


def test_stream_windows_equal_whole_text_windows_for_any_piece_sizes():
    text = long_note(15_000, seed=3)
    rng = random.Random(5)
    cuts = sorted(rng.sample(range(len(text)), 40))
    pieces = [text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)], strict=True)]
    assert [(w.start, w.end) for w in iter_windows(pieces, SIZE)] == chunk_spans(text, SIZE)


def test_trusted_drops_detections_near_a_cut_only():
    w = Window(start=1000, text="x" * 2000, first=False, last=False)
    d = lambda s, e: Detection(s, e, "NAME", 0.9, "t")  # noqa: E731
    assert trusted(d(EDGE, EDGE + 10), w) and trusted(d(1000, 1010), w)
    assert not trusted(d(EDGE - 1, EDGE + 5), w) and not trusted(d(1990, 1999), w)
    assert trusted(d(1990, 1999), Window(0, "x" * 2000, first=True, last=True))
    assert trusted(d(0, 900), w)  # too long to be whole in a neighbour's interior: kept


def test_nlp_copy_keeps_length_and_breaks_long_runs():
    for text in ("(" * 5000, "a" * 999, "x -- y (((( z", "http://" + "a." * 300):
        copy = nlp_copy(text)
        assert len(copy) == len(text)
        assert max(len(t) for t in copy.split()) <= 200
    assert nlp_copy("x -- y (((( z") == "x -- y (((( z"  # ordinary text is untouched


def test_text_stream_audit_offsets_map_back_to_the_original(small, tmp_path):
    import json

    from redactphi.pipeline.redact import splice
    from redactphi.pipeline.resolve import Redaction

    text = long_note(12_000, seed=11)
    audit = tmp_path / "a.jsonl"
    out = io.BytesIO()
    redact_stream(io.BytesIO(text.encode()), out, fmt="text", redactor=small, audit_path=str(audit))
    rows = [json.loads(line) for line in audit.read_text().splitlines()]
    regions = [Redaction(r["start"], r["end"], r["entity"], r["score"], r["recognizer"]) for r in rows if r.get("type") == "redaction"]
    assert len(regions) > 50
    same_text(splice(text, regions), out.getvalue().decode(), "audit regions applied to the input")


@pytest.mark.parametrize("tail", ["", "\n", " \n", "  x"])
def test_stream_keeps_phi_at_the_very_end_whole(small, tail):
    text = long_note(5_000, seed=2) + "MRN 55102938" + tail
    got = stream_text(small, text)
    same_text(got, small.redact(text).text, "stream output")
    assert got.endswith("[MRN]" + tail)
