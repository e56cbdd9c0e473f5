"""The `redact` command in each mode: CliRunner for arguments and messages, real
subprocesses where pipes, exit codes and worker processes matter."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import assert_absent
from test_resume import audit_notes, make_notes, tree

from redactphi import cli
from redactphi.errors import EXIT_ERROR, EXIT_FOUND, EXIT_OK

PHI = "Seen on 03/14/2023, MRN 4829301."
VALUES = ("03/14/2023", "4829301")
SECRET = "Zqxwv Plmok"


@pytest.fixture()
def invoke(redactor, monkeypatch, tmp_path):
    """CliRunner in an empty folder, with the session engine (no model load per call)."""
    import redactphi.api

    real = redactphi.api.Redactor
    def shared(cfg):
        same = cfg.engine_key() == redactor.config.engine_key()
        return real(cfg, engine=redactor.engine) if same else real(cfg)

    monkeypatch.setattr("redactphi.io.job.Redactor", shared)
    monkeypatch.setattr("redactphi.io.stream.Redactor", shared)
    monkeypatch.chdir(tmp_path)

    def run(*args: str, input: bytes | None = None):
        return CliRunner().invoke(cli.main, ["redact", *args], input=input)

    return run


def no_values(data: str | bytes) -> None:
    assert_absent(data, *VALUES, where="redacted output")


# -- CliRunner ----------------------------------------------------------------------------
def test_folder_mode(invoke, tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(PHI + "\n")
    (tmp_path / "in" / "b.txt").write_bytes(b"\xff" + SECRET.encode())
    res = invoke("in", "-o", "out", "--workers", "1")
    assert res.exit_code == EXIT_FOUND
    assert (tmp_path / "out" / "a.txt").read_text() == "Seen on [DATE], MRN [MRN].\n"
    assert not (tmp_path / "out" / "b.txt").exists()
    assert "failed: b.txt: not valid UTF-8" in res.stderr
    assert_absent(res.stderr, SECRET, where="stderr")
    assert (tmp_path / "out.audit.jsonl").exists()


def test_stdin_text_to_stdout(invoke):
    res = invoke("-", input=(PHI + "\r\nVitals stable.\n").encode())
    assert res.exit_code == EXIT_OK
    assert res.stdout_bytes == b"Seen on [DATE], MRN [MRN].\r\nVitals stable.\n"
    assert "2 lines" in res.stderr


def test_stdin_jsonl_with_failures(invoke):
    data = (json.dumps({"id": 1, "text": PHI}) + "\n" + '{"id": 2, "text": {"a": "' + SECRET + '"}}\n').encode()
    res = invoke("-", "--format", "jsonl", "--field", "text", "--audit", "a.jsonl", input=data)
    assert res.exit_code == EXIT_FOUND
    assert res.stdout_bytes == b'{"id": 1, "text": "Seen on [DATE], MRN [MRN]."}\n'
    assert "failed (dropped): stdin:line 2: field text is an object, not a string" in res.stderr
    assert_absent(res.output, SECRET)
    assert [r["note"] for r in audit_notes(Path("a.jsonl"))] == ["stdin:line 1, field text", "stdin:line 2"]


def test_csv_file_auto_format_to_output_file(invoke, tmp_path):
    src = tmp_path / "export.csv"
    src.write_bytes(b'id,note_text,ward\r\n1,"' + PHI.encode() + b'",4B\r\n')
    res = invoke(str(src), "--column", "note_text", "-o", "red.csv")
    assert res.exit_code == EXIT_OK, res.stderr
    assert (tmp_path / "red.csv").read_bytes() == b'id,note_text,ward\r\n1,"Seen on [DATE], MRN [MRN].",4B\r\n'
    assert res.stdout == ""


@pytest.mark.parametrize(
    "args, message",
    [
        (["in"], "folder mode needs -o OUT"),
        (["-", "in"], "cannot be combined"),
        (["-", "--format", "jsonl"], "needs --field"),
        (["-", "--field", "text"], "apply to jsonl and csv"),
        (["in", "-o", "out", "--field", "x"], "folders hold plain-text notes"),
        (["x.csv", "--column", "nope"], "no column named 'nope'"),
        (["in", "-o", "in/out"], "inside"),
    ],
)
def test_usage_errors_exit_2_and_write_nothing(invoke, tmp_path, args, message):
    (tmp_path / "in").mkdir()
    (tmp_path / "x.csv").write_text("id,text\n1,a\n")
    res = invoke(*args, input=b"")
    assert res.exit_code == EXIT_ERROR
    assert message in res.stderr
    assert res.stdout == ""


def test_help_documents_the_stream_decisions():
    res = CliRunner().invoke(cli.main, ["redact", "--help"])
    text = " ".join(res.output.split())
    assert "DROPPED" in text and "same overlapping windows" in text and "row 1" in text
    assert "--workers" in text and "--resume" in text


# -- real subprocesses --------------------------------------------------------------------
def run_cli(*args: str, cwd: Path, input: bytes | None = None, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "redactphi", *args], cwd=cwd, input=input, capture_output=True, timeout=timeout)


@pytest.mark.slow
def test_pipes_and_exit_codes(tmp_path):
    good = json.dumps({"text": PHI, "n": 1}) + "\n"
    bad = '{"text": "' + SECRET + '"\n'
    data = (good + bad + good).encode()
    p = subprocess.Popen(
        f"cat | {sys.executable} -m redactphi redact - --format jsonl --field text | cat",
        shell=True, cwd=tmp_path, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    out, err = p.communicate(data, timeout=300)
    assert out.count(b"\n") == 2 and out.count(b"[DATE]") == 2
    no_values(out)
    assert b"stdin:line 2: not valid JSON" in err
    assert_absent(err, SECRET, where="stderr")
    assert b"\r" not in err  # no progress line when stderr is not a terminal
    res = run_cli("redact", "-", "--format", "jsonl", "--field", "text", cwd=tmp_path, input=data)
    assert res.returncode == EXIT_FOUND
    res = run_cli("redact", "-", cwd=tmp_path, input=(PHI + "\n").encode())
    assert res.returncode == EXIT_OK and res.stdout == b"Seen on [DATE], MRN [MRN].\n"
    res = run_cli("redact", "-", "--format", "csv", "--column", "x", cwd=tmp_path, input=b"a,b\n1,2\n")
    assert res.returncode == EXIT_ERROR and res.stdout == b""
    res = run_cli("redact", "-", "--entities", "NAMES", cwd=tmp_path, input=b"x\n")
    assert res.returncode == EXIT_ERROR and b"not a known entity" in res.stderr


@pytest.mark.slow
def test_output_is_identical_for_any_number_of_workers(tmp_path):
    make_notes(tmp_path / "notes", 40, seed=7)
    for n in (1, 2):
        res = run_cli("redact", "notes", "-o", f"out{n}", "--audit", f"a{n}.jsonl", "--workers", str(n), "-q", cwd=tmp_path)
        assert res.returncode == EXIT_OK, res.stderr.decode()[-400:]
    assert tree(tmp_path / "out1") == tree(tmp_path / "out2")
    assert len(tree(tmp_path / "out1")) == 40

    def body(p: Path) -> list[dict]:
        return [json.loads(line) for line in p.read_text().splitlines() if json.loads(line)["type"] not in ("header", "summary")]

    assert body(tmp_path / "a1.jsonl") == body(tmp_path / "a2.jsonl")


def test_help_does_not_import_the_engine():
    code = "import sys; from redactphi import cli; print(any(m.startswith(('presidio', 'spacy')) for m in sys.modules))"
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert res.stdout.strip() == "False"
