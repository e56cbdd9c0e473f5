"""`redactphi scan`: positions, formats, exit codes and the baseline. Output must never
hold the values found."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import assert_absent
from hypothesis import given
from hypothesis import strategies as st

from redactphi import cli
from redactphi.config import Config
from redactphi.errors import EXIT_ERROR, EXIT_FOUND, EXIT_OK
from redactphi.io.scan import LineIndex, scan_paths

PHI_NOTE = "Follow-up visit.\r\n  Seen on 03/14/2023, MRN 4829301.\nVitals stable.\n"
VALUES = ("03/14/2023", "4829301")
CLEAN_NOTE = "Vitals stable. Continue current plan.\n"


@pytest.fixture()
def repo(tmp_path, monkeypatch):
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "a.txt").write_text(PHI_NOTE, newline="")
    (tmp_path / "clean.txt").write_text(CLEAN_NOTE)
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture()
def invoke(redactor, monkeypatch):
    """CliRunner with the session engine (no model load per command)."""
    import redactphi.api

    real = redactphi.api.Redactor
    def shared(cfg):
        # share the session engine where the config allows it (same recognizers)
        same = cfg.engine_key() == redactor.config.engine_key()
        return real(cfg, engine=redactor.engine) if same else real(cfg)

    monkeypatch.setattr("redactphi.io.scan.Redactor", shared)

    def run(*args: str):
        return CliRunner().invoke(cli.main, ["scan", *args])

    return run


def no_values(text: str) -> None:
    for v in VALUES:
        assert_absent(text, v, where="scan output")


def test_scan_prints_positions_not_values(repo, invoke):
    res = invoke("notes/a.txt", "clean.txt")
    assert res.exit_code == EXIT_FOUND
    no_values(res.output)
    lines = res.stdout.splitlines()
    assert lines == ["notes/a.txt:2:11: DATE (date, 0.95)", lines[1]]
    assert lines[1].startswith("notes/a.txt:2:27: MRN (")


def test_scan_clean_file_exits_zero(repo, invoke):
    res = invoke("clean.txt")
    assert res.exit_code == EXIT_OK and res.stdout == ""


def test_scan_json_format(repo, invoke):
    res = invoke("--format", "json", "notes")
    assert res.exit_code == EXIT_FOUND
    no_values(res.output)
    doc = json.loads(res.stdout)
    assert doc["version"] == 1 and doc["files"] == 1 and doc["exit_code"] == 1
    f = doc["findings"][0]
    assert (f["path"], f["line"], f["col"], f["end_line"], f["end_col"], f["type"]) == ("notes/a.txt", 2, 11, 2, 21, "DATE")


def test_scan_unreadable_file_is_an_error(repo, invoke):
    Path("bad.txt").write_bytes(b"caf\xe9 not utf-8")  # Latin-1 (FF FE would be a UTF-16 BOM)
    res = invoke("bad.txt", "clean.txt")
    assert res.exit_code == EXIT_ERROR
    assert "cannot scan bad.txt: not valid UTF-8" in res.stderr


@pytest.mark.spacy
def test_scan_threshold_above_every_score_finds_nothing(repo, invoke):
    assert invoke("--threshold", "1.0", "notes/a.txt").exit_code == EXIT_OK


def test_baseline_allows_known_findings_and_survives_moving_lines(repo, invoke):
    res = invoke("--update-baseline", "notes/a.txt")
    assert res.exit_code == EXIT_OK
    raw = Path(".redactphi-baseline.json").read_text()
    no_values(raw)
    assert "a.txt" not in raw  # file names are hashed too
    data = json.loads(raw)
    assert data["version"] == 1 and len(data["results"]) == 2
    assert invoke("notes/a.txt").exit_code == EXIT_OK
    # unrelated lines added above: line numbers change, the baseline still holds
    p = Path("notes/a.txt")
    p.write_text("New first line.\n\n" + PHI_NOTE, newline="")
    assert invoke("notes/a.txt").exit_code == EXIT_OK
    # a new finding is reported, with its position; the known ones stay allowed
    p.write_bytes(p.read_bytes() + b"Next visit 04/02/2023.\n")
    res = invoke("notes/a.txt")
    assert res.exit_code == EXIT_FOUND
    assert res.stdout.splitlines() == ["notes/a.txt:6:12: DATE (date, 0.95)"]
    assert "2 allowed by the baseline" in res.stderr
    # updating again is stable: same salt, same entries for unchanged lines
    before = json.loads(raw)
    invoke("--update-baseline", "notes/a.txt")
    after = json.loads(Path(".redactphi-baseline.json").read_text())
    assert after["salt"] == before["salt"]
    assert {r["hash"] for r in before["results"]} < {r["hash"] for r in after["results"]}


def test_baseline_entries_are_per_file(repo, invoke, tmp_path):
    invoke("--update-baseline", "notes/a.txt")
    Path("copy.txt").write_text(PHI_NOTE, newline="")
    assert invoke("copy.txt").exit_code == EXIT_FOUND


def test_bad_baseline_is_a_config_error(repo, invoke):
    Path("b.json").write_text('{"version": 99}')
    res = invoke("--baseline", "b.json", "clean.txt")
    assert res.exit_code == EXIT_ERROR and "unsupported baseline version" in res.stderr
    res = invoke("--baseline", "missing.json", "clean.txt")
    assert res.exit_code == EXIT_ERROR and "--update-baseline" in res.stderr


def test_scan_library_api(repo, redactor):
    report = scan_paths(["notes"], config=Config(), redactor=redactor, glob="*.txt")
    assert report.exit_code == EXIT_FOUND
    assert [(f.line, f.col, f.entity) for f in report.findings][0] == (2, 11, "DATE")


@given(st.text(alphabet="ab\n\r", max_size=60), st.data())
def test_line_index_matches_a_naive_count(text, data):
    offset = data.draw(st.integers(0, len(text)))
    line, col = LineIndex(text).position(offset)
    before = text[:offset]
    assert line == before.count("\n") + 1
    assert col == len(before) - (before.rfind("\n") + 1) + 1
