"""Stream mode fails closed (issue 9): a wrong --field, CSV quirks, records that cannot be
decoded, wide or binary input, an audit that names a stream's file, interrupts.

Values are synthetic (pattern-detected MRNs), failures show locations, counts and hashes.
"""

from __future__ import annotations

import io
import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import assert_absent

from redactphi.errors import EXIT_FOUND, UsageError
from redactphi.io.stream import check_stream_paths, redact_stream

MRN_A, MRN_B, MRN_C = "48291037", "59302148", "60413259"
SECRET = "Zqxwv Plmok"


def run(redactor, data: bytes, fmt: str, fields=(), **kw):
    out = io.BytesIO()
    failures: list[tuple[str, str]] = []
    summary = redact_stream(
        io.BytesIO(data), out, fmt=fmt, fields=fields, redactor=redactor, on_failure=lambda loc, r: failures.append((loc, r)), **kw
    )
    return out.getvalue(), summary, failures


def jl(**rec) -> bytes:
    return json.dumps(rec).encode() + b"\n"


# -- 1. a wrong --field -----------------------------------------------------------------
def test_wrong_field_is_refused_before_anything_is_written(rules_redactor):
    data = jl(text=f"MRN {MRN_A}") + jl(text=f"MRN {MRN_B}")
    out = io.BytesIO()
    with pytest.raises(UsageError) as err:
        redact_stream(io.BytesIO(data), out, fmt="jsonl", fields=["txt"], redactor=rules_redactor)
    assert out.getvalue() == b""
    assert_absent(str(err.value), MRN_A, MRN_B, where="error message")


def test_wrong_field_after_blank_and_bad_lines_is_still_refused(rules_redactor):
    data = b"\n" + b"{not json\n" + jl(body=f"MRN {MRN_A}")
    with pytest.raises(UsageError, match="line 3"):
        run(rules_redactor, data, "jsonl", ["text"])


def test_record_lacking_the_field_is_dropped_not_copied(rules_redactor):
    data = jl(text=f"MRN {MRN_A}") + jl(other=f"MRN {MRN_B}", note=SECRET) + jl(text=None) + jl(text=f"MRN {MRN_C}")
    out, summary, failures = run(rules_redactor, data, "jsonl", ["text"])
    assert [loc for loc, _ in failures] == ["stdin:line 2"] and failures[0][1] == "no field text"
    assert summary.exit_code == EXIT_FOUND and summary.emitted == 3  # an explicit null is present
    assert_absent(out, MRN_A, MRN_B, MRN_C, SECRET)


def test_one_of_two_fields_missing_fails_the_record(rules_redactor):
    data = jl(text=f"MRN {MRN_A}", meta={"c": "x"}) + jl(text=f"MRN {MRN_B}", meta={})
    out, summary, failures = run(rules_redactor, data, "jsonl", ["text", "meta.c"])
    assert [loc for loc, _ in failures] == ["stdin:line 2"] and summary.emitted == 1
    assert_absent(out, MRN_B)


# -- 2. CSV -----------------------------------------------------------------------------
def test_csv_every_column_of_a_duplicated_name_is_redacted(rules_redactor):
    data = f'note,id,note\n"MRN {MRN_A}",1,"MRN {MRN_B}"\n'.encode()
    out, summary, failures = run(rules_redactor, data, "csv", ["note"])
    assert failures == [] and summary.units == 2 and out.count(b"[MRN]") == 2
    assert_absent(out, MRN_A, MRN_B)
    assert out.startswith(b"note,id,note\n")


def test_csv_with_cr_only_line_endings_is_read_row_by_row(rules_redactor):
    data = f'note,id\r"MRN {MRN_A}",1\rMRN {MRN_B},2\r'.encode()
    out, summary, failures = run(rules_redactor, data, "csv", ["note"])
    assert failures == [] and summary.records == 3 and summary.units == 2
    assert_absent(out, MRN_A, MRN_B)
    assert out.count(b"\r") == 3 and b"\n" not in out  # line endings kept as they were


def test_headerless_csv_error_does_not_quote_the_first_row(rules_redactor):
    data = f"MRN {MRN_A},{SECRET}\nMRN {MRN_B},x\n".encode()
    with pytest.raises(UsageError) as err:
        run(rules_redactor, data, "csv", ["note"])
    assert_absent(str(err.value), MRN_A, SECRET, where="error message")


# -- 3. records that cannot be decoded ----------------------------------------------------
@pytest.mark.parametrize(
    "bad, reason",
    [
        (b'{"text": "\\ud800 MRN %s"}\n', "unpaired surrogate"),
        (b'{"text": "MRN %s", "deep": ' + b"[" * 100_000 + b"]" * 100_000 + b"}\n", "nested too deeply"),
        (b'{"text": ' + b"[" * 100_000 + b"]" * 100_000 + b', "x": "MRN %s"}\n', "nested too deeply"),
        (b'{"text": "MRN 0048\\u0000%s"}\n', "NUL"),
    ],
)
def test_undecodable_record_is_dropped_with_location_and_the_stream_goes_on(rules_redactor, bad, reason):
    bad = bad.replace(b"%s", MRN_B.encode())
    data = jl(text=f"MRN {MRN_A}") + bad + jl(text=f"MRN {MRN_C}")
    out, summary, failures = run(rules_redactor, data, "jsonl", ["text"])
    assert [loc for loc, _ in failures] == ["stdin:line 2"] and reason in failures[0][1]
    assert summary.exit_code == EXIT_FOUND and summary.emitted == 2
    assert_absent(out, MRN_A, MRN_B, MRN_C)


# -- 4. wide or binary input ----------------------------------------------------------------
TEXT = f"MRN {MRN_A}\nsecond line MRN {MRN_B}\nthird {SECRET}\n"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
@pytest.mark.parametrize("fmt", ["text", "jsonl", "csv"])
def test_utf16_or_32_stream_is_refused_up_front(rules_redactor, encoding, fmt):
    data = TEXT.encode(encoding)
    fields = [] if fmt == "text" else ["text"]
    out = io.BytesIO()
    with pytest.raises(UsageError, match="UTF-16"):
        redact_stream(io.BytesIO(data), out, fmt=fmt, fields=fields, redactor=rules_redactor)
    assert out.getvalue() == b""


def test_text_lines_with_nul_are_dropped_and_reported(rules_redactor):
    data = f"MRN {MRN_A}\nMRN 0048\0{MRN_B}\nMRN {MRN_C}\n".encode()
    out, summary, failures = run(rules_redactor, data, "text")
    assert [loc for loc, _ in failures] == ["stdin:line 2"] and "NUL" in failures[0][1]
    assert b"\0" not in out and out.count(b"\n") == 2
    assert_absent(out, MRN_A, MRN_B, MRN_C)


def test_csv_row_with_nul_is_dropped(rules_redactor):
    data = f"note\nMRN {MRN_A}\nMRN 00\0{MRN_B}\n".encode()
    out, _, failures = run(rules_redactor, data, "csv", ["note"])
    assert [loc for loc, _ in failures] == ["stdin:row 3"]
    assert_absent(out, MRN_B)


# -- 5. the audit must not overwrite a stream's file -------------------------------------------
def test_audit_naming_input_or_output_is_refused(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_bytes(jl(text=f"MRN {MRN_A}"))
    for out, audit in ((None, src), (tmp_path / "o.jsonl", tmp_path / "o.jsonl"), (None, tmp_path / "x" / ".." / "in.jsonl")):
        with pytest.raises(UsageError, match="audit"):
            check_stream_paths(str(src), str(out) if out else None, str(audit))
    link = tmp_path / "link.jsonl"
    link.symlink_to(src)
    with pytest.raises(UsageError):
        check_stream_paths(str(src), None, str(link))
    with pytest.raises(UsageError, match="output"):
        check_stream_paths(str(src), str(link), None)
    check_stream_paths(str(src), str(tmp_path / "o.jsonl"), str(tmp_path / "a.jsonl"))


def test_audit_that_is_stdin_or_stdout_file_is_refused(rules_redactor, tmp_path):
    src = tmp_path / "in.txt"
    src.write_bytes(f"MRN {MRN_A}\n".encode())
    before = src.read_bytes()
    with open(src, "rb") as fin:
        with pytest.raises(UsageError, match="audit"):
            redact_stream(fin, io.BytesIO(), redactor=rules_redactor, audit_path=str(src))
    assert src.read_bytes() == before
    out = tmp_path / "out.txt"
    with open(out, "wb") as fout, pytest.raises(UsageError, match="audit"):
        redact_stream(io.BytesIO(before), fout, redactor=rules_redactor, audit_path=str(out))


def cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "redactphi", *args]


def test_cli_audit_on_redirected_stdin_leaves_the_input_intact(tmp_path):
    src = tmp_path / "in.txt"
    src.write_bytes(f"MRN {MRN_A}\n".encode())
    with open(src, "rb") as fin:
        p = subprocess.run(cli("redact", "-", "--engine", "rules", "--audit", str(src)), stdin=fin, capture_output=True)
    assert p.returncode == 2 and p.stdout == b""
    assert src.read_bytes() == f"MRN {MRN_A}\n".encode()


# -- 6. interrupts ----------------------------------------------------------------------------
@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_stream_interrupt_exits_128_plus_signal_and_does_not_suggest_resume(sig, tmp_path):
    audit = tmp_path / "a.jsonl"
    p = subprocess.Popen(
        cli("redact", "-", "--engine", "rules", "--audit", str(audit)),
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    assert p.stdin is not None
    p.stdin.write(f"MRN {MRN_A}\n".encode())
    p.stdin.flush()
    deadline = time.monotonic() + 60
    while not (audit.exists() and audit.stat().st_size) and time.monotonic() < deadline:
        time.sleep(0.2)  # the audit header is written once the stream is running
    p.send_signal(sig)
    out, err = p.communicate(timeout=60)
    assert p.returncode == 128 + sig  # 130 for SIGINT, 143 for SIGTERM, as in folder mode
    assert b"--resume" not in err and (b"interrupted" in err or b"terminated" in err)
    assert_absent(out + err, MRN_A)


def test_cli_wrong_field_writes_no_output_file(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_bytes(jl(text=f"MRN {MRN_A}"))
    out = tmp_path / "out.jsonl"
    p = subprocess.run(cli("redact", str(src), "--field", "txt", "-o", str(out), "--engine", "rules"), capture_output=True)
    assert p.returncode == 2 and not out.exists()
    assert not [f for f in Path(tmp_path).iterdir() if f.name.startswith(".redactphi-tmp")]
