"""The benchmark library and CLI.

Most tests use fake predictors (perfect, empty) so they run without any NLP model. The
tests at the end run the lead's ``Redactor`` for real and FAIL, not skip, if that API is
missing: a benchmark that silently stops benchmarking is worse than a red build.

No assertion message includes span text; CLI output is checked for the absence of PHI.
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import assert_absent

import redactphi.bench.run as bench_lib
from redactphi.bench.gold import GoldNote, load_gold, recase, write_gold
from redactphi.bench.run import BenchError, GateResult, check_gates, run_bench
from redactphi.bench.score import Miss
from redactphi.bench.synth import generate
from redactphi.cli.bench import bench, main, synth

Spans = list[tuple[int, int, str]]


@pytest.fixture(scope="module")
def notes() -> list[GoldNote]:
    return list(generate(120, 0))


def perfect_for(notes: list[GoldNote]):
    """A predictor that returns exactly the gold spans (looked up by text)."""
    by_text = {n.text: [(s.start, s.end, "X") for s in n.spans] for n in notes}

    def predict(texts: Iterable[str]) -> Iterator[Spans]:
        for text in texts:
            yield by_text[text]

    return predict


def empty(texts: Iterable[str]) -> Iterator[Spans]:
    for _ in texts:
        yield []


def _phi_strings(notes: list[GoldNote]) -> set[str]:
    # Long enough not to collide with words of the table ("NAME", "spans", ...).
    return {s.text for n in notes for s in n.spans if len(s.text) >= 6}


def _assert_no_phi(output: str, notes: list[GoldNote]) -> None:
    leaked = sum(1 for value in _phi_strings(notes) if value in output)
    assert leaked == 0, f"{leaked} gold span values appear in the output"


# --- library ------------------------------------------------------------------------------


def test_perfect_predictor_recall_one(notes: list[GoldNote]) -> None:
    report = run_bench(notes, perfect_for(notes))
    assert report.notes == len(notes)
    assert report.strict_recall == 1.0
    assert report.token_precision == 1.0
    assert report.missed_spans == 0
    assert report.over_redacted_notes == 0
    assert report.seconds is not None and report.seconds >= 0


def test_empty_predictor_recall_zero(notes: list[GoldNote]) -> None:
    found: list[Miss] = []
    report = run_bench(notes, empty, on_miss=found.append)
    assert report.strict_recall == 0.0
    assert report.missed_spans == report.spans == len(found)
    assert report.leaking_notes == sum(1 for n in notes if n.spans)
    assert [(m.note_id, m.start) for m in found][:3] == [
        (n.id, s.start) for n in notes for s in n.spans
    ][:3]


def test_predictor_may_batch_and_read_ahead(notes: list[GoldNote]) -> None:
    perfect = perfect_for(notes)

    def batching(texts: Iterable[str]) -> Iterator[Spans]:
        batch: list[str] = []
        for text in texts:
            batch.append(text)
            if len(batch) == 16:
                yield from perfect(batch)
                batch = []
        yield from perfect(batch)

    assert run_bench(notes, batching).strict_recall == 1.0


def test_too_few_or_too_many_results_are_errors(notes: list[GoldNote]) -> None:
    def short(texts: Iterable[str]) -> Iterator[Spans]:
        for i, _ in enumerate(texts):
            if i == 3:
                return
            yield []

    def extra(texts: Iterable[str]) -> Iterator[Spans]:
        for _ in texts:
            yield []
        yield []

    with pytest.raises(BenchError, match="fewer"):
        run_bench(notes[:10], short)
    with pytest.raises(BenchError, match="more"):
        run_bench(notes[:10], extra)


def test_timing_excludes_note_production_and_scoring(notes: list[GoldNote]) -> None:
    now = [0.0]

    def clock() -> float:
        return now[0]

    def slow_source() -> Iterator[GoldNote]:
        for n in notes[:10]:
            now[0] += 100.0  # generating a note is expensive, but not the predictor's cost
            yield n

    def one_second_each(texts: Iterable[str]) -> Iterator[Spans]:
        for _ in texts:
            now[0] += 1.0
            yield []

    report = run_bench(slow_source(), one_second_each, clock=clock)
    assert report.seconds == pytest.approx(10.0)
    assert report.notes_per_second == pytest.approx(1.0)


def test_gates(notes: list[GoldNote]) -> None:
    report = run_bench(notes, perfect_for(notes))
    gates = check_gates(report, 0.99, {"NAME": 1.0, "DATE": 0.5})
    assert [g.passed for g in gates] == [True, True, True]
    failing = check_gates(run_bench(notes, empty), 0.5)
    assert [g.passed for g in failing] == [False]
    assert "FAILED" in failing[0].describe()
    with pytest.raises(BenchError, match="no NOT_A_TYPE spans"):
        check_gates(report, None, {"NOT_A_TYPE": 0.5})
    assert GateResult(None, 0.9, 0.9).passed


# --- CLI with fake predictors --------------------------------------------------------------


@pytest.fixture
def fake_predictor(monkeypatch: pytest.MonkeyPatch):
    """Swap RedactPHI's predictor for a fake; returns a setter taking 'perfect' or 'empty'."""

    def use(kind: str) -> None:
        def factory(config: object = None):
            if kind == "empty":
                return empty
            # Perfect against whatever notes the CLI generated or loaded: gold is looked up
            # by regenerating, so it only serves synthetic runs with the default seed 0.
            return perfect_for(list(generate(200, 0)))

        monkeypatch.setattr(bench_lib, "redactphi_predictor", factory)
        monkeypatch.setattr("redactphi.cli.bench._load_config", lambda path: None)

    return use


def test_cli_exit_codes_follow_the_gates(fake_predictor, tmp_path: Path) -> None:
    runner = CliRunner()
    fake_predictor("perfect")
    ok = runner.invoke(bench, ["--notes", "30", "--min-recall", "0.99", "--min-recall-type", "NAME=1"])
    assert ok.exit_code == 0, ok.output
    assert "strict span recall" in ok.output
    fake_predictor("empty")
    low = runner.invoke(bench, ["--notes", "30", "--min-recall", "0.5"])
    assert low.exit_code == 1
    assert "FAILED" in low.output
    no_gate = runner.invoke(bench, ["--notes", "30"])
    assert no_gate.exit_code == 0


def test_cli_never_prints_phi(fake_predictor, tmp_path: Path) -> None:
    fake_predictor("empty")
    misses = tmp_path / "misses.jsonl"
    result = CliRunner().invoke(bench, ["--notes", "40", "--misses", str(misses)])
    assert result.exit_code == 0
    _assert_no_phi(result.output, list(generate(40, 0)))
    assert "contains PHI" in result.output


def test_cli_writes_json_and_misses(fake_predictor, tmp_path: Path) -> None:
    fake_predictor("empty")
    out_json, out_misses = tmp_path / "bench.json", tmp_path / "misses.jsonl"
    result = CliRunner().invoke(bench, ["--notes", "25", "--seed", "0", "--json", str(out_json),
                                        "--misses", str(out_misses), "--min-recall", "0.1"])
    assert result.exit_code == 1
    data = json.loads(out_json.read_text())
    assert data["version"] == 1
    assert data["corpus"] == {"source": "synthetic", "seed": 0, "notes": 25,
                              "gold_spans": sum(len(n.spans) for n in generate(25, 0))}
    assert data["reports"]["redactphi"]["version"] == 1
    assert data["gates"][0]["passed"] is False
    lines = out_misses.read_text(encoding="utf-8").splitlines()
    header = json.loads(lines[0])
    assert header["contains_phi"] is True and header["version"] == 1
    assert len(lines) - 1 == data["reports"]["redactphi"]["leaks"]["missed_spans"]
    if os.name == "posix":
        assert stat.S_IMODE(out_misses.stat().st_mode) == 0o600


def test_cli_scores_a_gold_corpus(fake_predictor, tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    write_gold(generate(15, 0), gold)
    fake_predictor("perfect")
    result = CliRunner().invoke(bench, ["--corpus", str(gold), "--min-recall", "1.0"])
    assert result.exit_code == 0, result.output
    assert "15 notes" in result.output


def test_recase_keeps_gold_offsets() -> None:
    for note in generate(60, 3):
        for case in ("upper", "lower"):
            cased = recase(note, case)
            assert len(cased.text) == len(note.text) and cased.id == note.id
            assert cased.text == (note.text.upper() if case == "upper" else note.text.lower())
            for old, new in zip(note.spans, cased.spans, strict=True):
                assert (new.start, new.end, new.type) == (old.start, old.end, old.type)
                assert new.text == cased.text[new.start : new.end]
    odd = GoldNote("x", "Straße 5, Anna", ())
    assert recase(odd, "upper") is odd  # "ß" grows to "SS": left as written, offsets intact
    with pytest.raises(ValueError):
        recase(odd, "title")


def test_cli_case_option_scores_recased_notes(fake_predictor, tmp_path: Path) -> None:
    fake_predictor("empty")
    out_json = tmp_path / "bench.json"
    result = CliRunner().invoke(bench, ["--notes", "10", "--case", "upper", "--json", str(out_json)])
    assert result.exit_code == 0, result.output
    assert "re-cased to upper case" in result.output
    assert json.loads(out_json.read_text())["corpus"]["case"] == "upper"
    assert CliRunner().invoke(bench, ["--notes", "10", "--case", "title"]).exit_code == 2


# --- CLI usage errors (exit 2), no model needed ----------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["--min-recall-type", "NAME"],
        ["--min-recall-type", "name=0.9"],
        ["--min-recall-type", "NAME=high"],
        ["--min-recall", "-0.1"],
        ["--compare", "spacy"],
        ["--notes", "0"],
    ],
)
def test_cli_bad_options_exit_2(args: list[str]) -> None:
    assert CliRunner().invoke(bench, args).exit_code == 2


def test_cli_gate_on_absent_type_exits_2(tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    write_gold([GoldNote("a", "Seen by Ann Lee.", ())], gold)
    result = CliRunner().invoke(bench, ["--corpus", str(gold), "--min-recall-type", "NAME=0.9"])
    assert result.exit_code == 2
    assert "no NAME spans" in result.output


def test_cli_bad_gold_exits_2_without_quoting_text(tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    secret = "Quaxley Zebulonsson"
    record = {"id": "bad1", "text": f"Seen by {secret}.",
              "spans": [{"start": 8, "end": 15, "type": "NAME", "text": secret}]}
    gold.write_text(json.dumps(record) + "\n", encoding="utf-8")
    result = CliRunner().invoke(bench, ["--corpus", str(gold)])
    assert result.exit_code == 2
    assert "line 1" in result.output and "bad1" in result.output
    assert_absent(result.output, "Quaxley", "Zebulon")


def test_cli_corpus_with_notes_is_a_usage_error(tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    write_gold(generate(3, 0), gold)
    assert CliRunner().invoke(bench, ["--corpus", str(gold), "--notes", "5"]).exit_code == 2


def test_help_reads_like_a_man_page() -> None:
    result = CliRunner().invoke(main, ["bench", "--help"])
    assert result.exit_code == 0
    for needle in ("Exit status", "Examples", "redactphi bench --notes 1000", "CONTAINS PHI",
                   "--min-recall-type"):
        assert needle in result.output


# --- synth command ----------------------------------------------------------------------------


def test_synth_command_writes_corpus(tmp_path: Path) -> None:
    out = tmp_path / "notes"
    result = CliRunner().invoke(synth, ["-n", "12", "--seed", "7", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "12 notes" in result.output
    assert list(load_gold(out / "gold.jsonl")) == list(generate(12, 7))
    assert len(list(out.glob("*.txt"))) == 12
    _assert_no_phi(result.output, list(generate(12, 7)))


# --- vanilla Presidio comparison (real model, fake RedactPHI) -----------------------------------


@pytest.mark.spacy
def test_compare_presidio_side_by_side(fake_predictor, tmp_path: Path) -> None:
    fake_predictor("perfect")
    out_json = tmp_path / "bench.json"
    result = CliRunner().invoke(bench, ["--notes", "12", "--compare", "presidio", "--json", str(out_json)])
    assert result.exit_code == 0, result.output
    assert "presidio" in result.output
    data = json.loads(out_json.read_text())
    presidio = data["reports"]["presidio"]
    assert presidio["notes"] == 12
    assert 0.0 < presidio["strict_recall"] < 1.0
    assert "PERSON" in presidio["by_predicted_type"]
    assert presidio["by_predicted_type"]["PERSON"]["gold_category"] == "NAME"
    _assert_no_phi(result.output, list(generate(12, 0)))


# --- the lead's Redactor, for real: these FAIL if the API is missing ------------------------------


def _require_redactor() -> None:
    try:
        from redactphi.api import Redactor  # noqa: F401
        from redactphi.config import Config  # noqa: F401
    except ImportError as exc:
        pytest.fail(f"redactphi.api.Redactor / redactphi.config.Config not importable: {exc.name}")


@pytest.mark.spacy
def test_real_redactor_bench_passes_a_zero_gate() -> None:
    _require_redactor()
    result = CliRunner().invoke(bench, ["--notes", "30", "--seed", "0", "--min-recall", "0.0"])
    assert result.exit_code == 0, result.output
    _assert_no_phi(result.output, list(generate(30, 0)))


@pytest.mark.spacy
def test_real_redactor_bench_fails_an_impossible_gate() -> None:
    _require_redactor()
    result = CliRunner().invoke(bench, ["--notes", "30", "--seed", "0", "--min-recall", "1.01"])
    assert result.exit_code == 1, result.output
