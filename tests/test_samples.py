"""Tests for the synthetic sample notes and their gold-standard PHI annotations.

Two groups:

* pure checks of samples/ground_truth.jsonl (one record per sample note, exact offsets,
  known types, every kind of note present, generator and files in sync);
* an end-to-end check that ``redactphi redact`` removes every gold PHI value from the
  mirrored output files and never writes one to the audit log.

Failure messages never contain a PHI value: they name the note, the span offsets, the
type and a sha256 prefix of the value (see ``describe``). For the same reason the
end-to-end test calls ``pytest.fail`` instead of ``assert value not in text`` (pytest's
assertion rewriting would print both operands).
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import re
import traceback
from collections import Counter
from pathlib import Path

import pytest

from redactphi.entities import GOLD_CATEGORIES

ROOT = Path(__file__).resolve().parents[1]
SAMPLES_DIR = ROOT / "samples"
GROUND_TRUTH = SAMPLES_DIR / "ground_truth.jsonl"
HARD_NEGATIVES = SAMPLES_DIR / "hard_negatives.jsonl"
BUILD_SCRIPT = SAMPLES_DIR / "_build_ground_truth.py"

GOLD_TYPES = frozenset(GOLD_CATEGORIES)
# Gold span types that would mark text which must NOT be redacted. ground_truth.jsonl
# holds PHI spans only (hard negatives live in hard_negatives.jsonl), so this is empty;
# it exists so the end-to-end test keeps working if such a type is ever added.
HARD_NEGATIVE_TYPES: frozenset[str] = frozenset()

# Note kind is the first folder of the note id; minimum number of notes per kind.
REQUIRED_KINDS = {
    "discharge": 1,  # discharge summary
    "progress": 1,  # progress note
    "icu": 3,  # ICU nursing note (upper case, abbreviations)
    "radiology": 1,  # radiology report
    "letters": 1,  # referral letter
    "phone": 1,  # telephone message
    "lab": 1,  # lab report
    "portal": 1,  # patient-portal message
}
MIN_NOTES = 22

# Values shorter than SHORT characters (state codes, two-digit ages, two-letter
# initials) are not searched for as substrings: "VT" or "94" can occur by accident in a
# redacted note or in an audit log (offsets, counts, timestamps). Instead the output is
# checked for the value together with its surrounding non-PHI context, which occurs
# exactly once in the source (test_short_spans_have_unique_context), so finding it in
# the output means that location was left unredacted.
SHORT = 3
CONTEXT = 16  # must match CONTEXT in samples/_build_ground_truth.py


# ----------------------------------------------------------------------------- helpers
def load_records() -> list[dict]:
    with open(GROUND_TRUTH, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def sample_ids() -> list[str]:
    return sorted(p.relative_to(SAMPLES_DIR).as_posix() for p in SAMPLES_DIR.rglob("*.txt"))


def read_exact(path: Path) -> str:
    """File content with no newline translation."""
    return path.read_bytes().decode("utf-8")


def value_ref(value: str) -> str:
    """A non-reversible reference to a PHI value, safe to print."""
    return "sha256:" + hashlib.sha256(value.encode("utf-8")).hexdigest()[:12]


def describe(note_id: str, span: dict) -> str:
    """Identify a span in a failure message without revealing its text."""
    return (
        f"{note_id} [{span['start']}:{span['end']}] {span['type']} "
        f"len={span['end'] - span['start']} {value_ref(span['text'])}"
    )


def short_span_needle(text: str, spans: list[dict], span: dict) -> str:
    """Value of a short span plus up to CONTEXT characters either side, stopping at
    neighbouring PHI spans so the needle contains no other PHI."""
    start, end = span["start"], span["end"]
    left_limit = max([s["end"] for s in spans if s["end"] <= start] + [0])
    right_limit = min([s["start"] for s in spans if s["start"] >= end] + [len(text)])
    left = text[max(left_limit, start - CONTEXT) : start]
    right = text[end : min(right_limit, end + CONTEXT)]
    return left + text[start:end] + right


def value_pattern(value: str) -> re.Pattern[str]:
    """Match value as a whole token: not glued to a letter or digit on an alphanumeric
    edge. This keeps a 5-digit ZIP from "matching" inside a hex digest or a surrogate
    token in the audit log, while still catching the value wherever it stands alone
    (including next to punctuation, as in possessives or "[NAME] T. Okafor")."""
    before = r"(?<![^\W_])" if value[0].isalnum() else ""
    after = r"(?![^\W_])" if value[-1].isalnum() else ""
    return re.compile(before + re.escape(value) + after)


def load_build_module():
    spec = importlib.util.spec_from_file_location("_build_ground_truth", BUILD_SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class GoldRecords(list):
    """The gold records, with a repr that does not print note text (pytest shows test
    arguments in failure reports)."""

    def __repr__(self) -> str:
        return f"<{len(self)} gold records>"


@pytest.fixture(scope="module")
def records() -> GoldRecords:
    return GoldRecords(load_records())


# ------------------------------------------------------------------- ground truth (pure)
def test_records_have_exact_format(records):
    for i, rec in enumerate(records):
        assert set(rec) == {"id", "text", "spans"}, f"line {i + 1}: keys {sorted(rec)}"
        assert isinstance(rec["id"], str) and isinstance(rec["text"], str)
        assert "\\" not in rec["id"] and not rec["id"].startswith("/"), f"line {i + 1}: id must be relative, /-separated"
        for span in rec["spans"]:
            assert set(span) == {"start", "end", "type", "text"}, f"{rec['id']}: span keys {sorted(span)}"
            assert isinstance(span["start"], int) and isinstance(span["end"], int)


def test_every_sample_file_has_exactly_one_record(records):
    counts = Counter(rec["id"] for rec in records)
    duplicated = sorted(i for i, n in counts.items() if n > 1)
    assert not duplicated, f"duplicate records: {duplicated}"
    files = set(sample_ids())
    assert not files - set(counts), f"sample files without a record: {sorted(files - set(counts))}"
    assert not set(counts) - files, f"records without a sample file: {sorted(set(counts) - files)}"


def test_record_text_equals_file_content(records):
    for rec in records:
        same = read_exact(SAMPLES_DIR / rec["id"]) == rec["text"]  # bool: keep note text out of reports
        assert same, f"{rec['id']}: text differs from file"


def test_offsets_are_exact(records):
    for rec in records:
        text = rec["text"]
        for span in rec["spans"]:
            ok = 0 <= span["start"] < span["end"] <= len(text) and text[span["start"] : span["end"]] == span["text"]
            assert ok, f"bad offsets: {describe(rec['id'], span)}"


def test_span_types_are_known(records):
    for rec in records:
        for span in rec["spans"]:
            assert span["type"] in GOLD_TYPES, f"unknown type: {describe(rec['id'], span)}"


def test_spans_are_sorted_and_do_not_overlap(records):
    for rec in records:
        spans = rec["spans"]
        for a, b in zip(spans, spans[1:], strict=False):
            assert a["end"] <= b["start"], f"overlap/order: {describe(rec['id'], a)} / {describe(rec['id'], b)}"


def test_every_note_kind_is_present(records):
    kinds = Counter(rec["id"].split("/")[0] for rec in records if "/" in rec["id"])
    assert len(records) >= MIN_NOTES, f"only {len(records)} notes"
    for kind, minimum in REQUIRED_KINDS.items():
        assert kinds[kind] >= minimum, f"need {minimum} {kind!r} note(s), have {kinds[kind]}"
    # every gold type is exercised somewhere
    used = {span["type"] for rec in records for span in rec["spans"]}
    assert used == GOLD_TYPES, f"types without an example: {sorted(GOLD_TYPES - used)}"


def test_icu_nursing_notes_are_upper_case(records):
    for rec in records:
        if rec["id"].startswith("icu/"):
            upper = rec["text"] == rec["text"].upper()
            assert upper, f"{rec['id']} is not upper case"


def test_long_values_occur_only_inside_spans(records):
    """Every occurrence of a gold value (3+ chars) in its note is annotated, so 'value
    not in output' is a fair test of the redactor."""
    for rec in records:
        text, spans = rec["text"], rec["spans"]
        for span in spans:
            if len(span["text"]) < SHORT:
                continue
            for m in re.finditer(re.escape(span["text"]), text):
                covered = any(o["start"] <= m.start() and m.end() <= o["end"] for o in spans)
                assert covered, f"unannotated occurrence at {m.start()} of {describe(rec['id'], span)}"


def test_short_spans_have_unique_context(records):
    for rec in records:
        for span in rec["spans"]:
            if len(span["text"]) >= SHORT:
                continue
            needle = short_span_needle(rec["text"], rec["spans"], span)
            has_context = len(needle) - len(span["text"]) >= SHORT
            unique = rec["text"].count(needle) == 1
            assert has_context, f"no context: {describe(rec['id'], span)}"
            assert unique, f"context not unique: {describe(rec['id'], span)}"


def test_hard_negatives_file_is_consistent(records):
    by_id = {rec["id"]: rec for rec in records}
    with open(HARD_NEGATIVES, encoding="utf-8") as fh:
        negatives = [json.loads(line) for line in fh if line.strip()]
    assert {n["id"] for n in negatives} == set(by_id)
    for neg in negatives:
        rec = by_id[neg["id"]]
        for span in neg["spans"]:
            exact = rec["text"][span["start"] : span["end"]] == span["text"]
            assert exact, f"{neg['id']}: bad negative offsets at [{span['start']}:{span['end']}]"
            for gold in rec["spans"]:
                overlaps = span["start"] < gold["end"] and gold["start"] < span["end"]
                assert not overlaps, f"hard negative overlaps {describe(neg['id'], gold)}"


def test_generator_matches_files_on_disk():
    """samples/_build_ground_truth.py is the source of truth; the files must be its output."""
    module = load_build_module()
    stale = [
        path.relative_to(SAMPLES_DIR).as_posix()
        for path, content in module.outputs().items()
        if not path.exists() or read_exact(path) != content
    ]
    assert not stale, f"run samples/_build_ground_truth.py; out of date: {stale}"
    assert module.CONTEXT == CONTEXT and module.SHORT == SHORT


# ------------------------------------------------------------------------- end to end
def test_cli_redacts_every_gold_span(tmp_path):
    # Not a skip: the CLI is a required part of the product.
    try:
        from click.testing import CliRunner

        from redactphi.cli import main
    except Exception as exc:  # ImportError, or an error raised while importing
        pytest.fail(f"cannot import redactphi.cli.main: {type(exc).__name__}: {exc}")

    out_dir = tmp_path / "out"
    audit = tmp_path / "audit.jsonl"
    error = run_redact(CliRunner(), main, out_dir, audit)
    if error:
        pytest.fail(error)
    if not audit.is_file():
        pytest.fail("redact did not write the audit file")
    failures, checked = find_leaks(out_dir, audit)
    assert checked > 0
    if failures:
        shown = "\n".join(failures[:60])
        more = f"\n... and {len(failures) - 60} more" if len(failures) > 60 else ""
        pytest.fail(f"{len(failures)} PHI leak(s) out of {checked} gold spans:\n{shown}{more}")


def run_redact(runner, main, out_dir: Path, audit: Path) -> str | None:
    """Run ``redact`` on the samples; on failure return a description that names where
    it failed but not the CLI's output or exception text, which may quote note content."""
    result = runner.invoke(main, ["redact", str(SAMPLES_DIR), "-o", str(out_dir), "--audit", str(audit)])
    if result.exit_code == 0:
        return None
    where = ""
    if result.exc_info is not None:
        frames = traceback.extract_tb(result.exc_info[2])
        where = "; ".join(f"{Path(f.filename).name}:{f.lineno} in {f.name}" for f in frames[-5:])
    name = type(result.exception).__name__ if result.exception else "none"
    return f"redact exited with {result.exit_code} (exception {name}) {where}"


def find_leaks(out_dir: Path, audit: Path) -> tuple[list[str], int]:
    """Safe-to-print descriptions of gold spans left in the outputs or audit log, and the
    number of spans checked. A separate function so that note text, outputs and the
    audit log are never locals of the failing test frame (pytest --showlocals)."""
    audit_text = read_exact(audit)
    failures: list[str] = []
    checked = 0
    for rec in load_records():
        out_file = out_dir / rec["id"]
        if not out_file.is_file():
            failures.append(f"{rec['id']}: no output file at the mirrored path")
            continue
        output = read_exact(out_file)
        for span in rec["spans"]:
            if span["type"] in HARD_NEGATIVE_TYPES:
                continue
            value = span["text"]
            checked += 1
            if len(value) < SHORT:
                # Too short for a substring search (see SHORT); look for the value in
                # its original, unique context instead. Not checked in the audit log.
                if short_span_needle(rec["text"], rec["spans"], span) in output:
                    failures.append(f"left in output: {describe(rec['id'], span)}")
                continue
            if value_pattern(value).search(output):
                failures.append(f"left in output: {describe(rec['id'], span)}")
            # the audit log may be JSON, where non-ASCII characters can be escaped
            variants = {value, json.dumps(value)[1:-1], json.dumps(value, ensure_ascii=False)[1:-1]}
            if any(value_pattern(v).search(audit_text) for v in variants):
                failures.append(f"found in audit log: {describe(rec['id'], span)}")
    return failures, checked


def test_hard_negatives_in_samples_survive(redactor):
    """Eponyms, doses, vitals, codes, years and young ages in the samples are kept.
    (These are not PHI, so naming them in the failure message is safe.)"""
    negatives = {r["id"]: r["spans"] for r in map(json.loads, HARD_NEGATIVES.read_text().splitlines())}
    texts = {nid: read_exact(SAMPLES_DIR / nid) for nid in negatives}
    over = []
    for nid, result in zip(texts, redactor.redact_many(texts.values()), strict=True):
        for span in negatives[nid]:
            if any(r.start < span["end"] and span["start"] < r.end for r in result.redactions):
                over.append(f"{nid}: {span['text']!r}")
    if over:
        pytest.fail(f"{len(over)} hard negatives redacted:\n" + "\n".join(over))
