"""Stream mode: JSONL, CSV and plain text through redact_stream (the library) and the
CLI. Values in these tests are synthetic; failures show offsets and hashes only."""

from __future__ import annotations

import io
import json

import pytest
from conftest import assert_absent
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from redactphi.errors import EXIT_FOUND, EXIT_OK, UsageError
from redactphi.io.records import format_for
from redactphi.io.stream import redact_stream

PHI_SENTENCE = "Seen by Dr. Alvarez on 3/14/2023, MRN 4829301."
PHI_VALUES = ("3/14/2023", "4829301")  # pattern-detected values, robust to NER changes
CLEAN = "Vitals stable. Continue current plan."
SECRET = "Zqxwv Plmok"  # marker that must never appear in messages


def run(redactor, data: bytes, fmt: str, fields=(), **kw):
    out = io.BytesIO()
    failures: list[tuple[str, str]] = []
    summary = redact_stream(
        io.BytesIO(data), out, fmt=fmt, fields=fields, redactor=redactor, on_failure=lambda loc, r: failures.append((loc, r)), **kw
    )
    return out.getvalue(), summary, failures


# -- JSONL ------------------------------------------------------------------------------
def test_jsonl_redacts_fields_and_keeps_the_rest_byte_for_byte(redactor):
    line1 = f'{{"id": 1, "text": {json.dumps(PHI_SENTENCE)}, "score": 1.50e3, "tags": ["a",  "b"], "u": "caf\\u00e9", "note": null}}\n'
    line2 = f'{{"id":2,"note":{{"body":{json.dumps(PHI_SENTENCE)},"by":"x"}},"text":null}}\r\n'
    data = (line1 + line2 + "\n").encode()
    out, summary, failures = run(redactor, data, "jsonl", ["text", "note.body"])
    assert failures == [] and summary.exit_code == EXIT_OK
    lines = out.split(b"\n")
    assert len(lines) == 4 and lines[2] == b"" and lines[3] == b""  # blank line kept, order kept
    assert_absent(out, *PHI_VALUES)
    # everything after the redacted value is untouched, including number formats and escapes
    assert lines[0].endswith(b', "score": 1.50e3, "tags": ["a",  "b"], "u": "caf\\u00e9", "note": null}')
    assert lines[0].startswith(b'{"id": 1, "text": "')
    assert lines[1].startswith(b'{"id":2,"note":{"body":"') and lines[1].endswith(b',"by":"x"},"text":null}\r')
    rec = json.loads(lines[0])
    assert "[DATE]" in rec["text"] and "[MRN]" in rec["text"]
    assert summary.records == 3 and summary.emitted == 3 and summary.units == 2


def test_jsonl_arrays_on_the_path_are_entered(redactor):
    data = json.dumps({"notes": [{"text": PHI_SENTENCE}, {"text": CLEAN}], "k": 1}).encode() + b"\n"
    out, summary, _ = run(redactor, data, "jsonl", ["notes.text"])
    assert_absent(out, *PHI_VALUES)
    assert json.loads(out)["notes"][1]["text"] == CLEAN
    assert summary.units == 2


@pytest.mark.parametrize(
    "line, reason",
    [
        (b'{"text": 42, "name": "%s"}\n', "field text is a number, not a string"),
        (b'{"text": {"a": "%s"}}\n', "field text is an object, not a string"),
        (b'{"text": "%s" \n', "not valid JSON"),
        (b'["%s"]\n', "not a JSON object"),
        (b'{"text": "\xff%s"}\n', "not valid UTF-8"),
    ],
)
def test_jsonl_bad_records_are_dropped_with_location_not_content(redactor, line, reason):
    bad = line.replace(b"%s", SECRET.encode())
    good = json.dumps({"text": CLEAN}).encode() + b"\n"
    out, summary, failures = run(redactor, good + bad + good, "jsonl", ["text"])
    assert out == good + good  # the failed record is not emitted
    assert summary.exit_code == EXIT_FOUND and summary.failed == 1
    assert [loc for loc, _ in failures] == ["stdin:line 2"]
    assert failures[0][1].startswith(reason)
    assert_absent(failures[0][1], SECRET, where="failure reason")


def test_jsonl_record_too_large_is_reported_and_skipped(redactor):
    big = json.dumps({"text": "word " * 400}).encode() + b"\n"
    good = json.dumps({"text": CLEAN}).encode() + b"\n"
    out, summary, failures = run(redactor, good + big + good, "jsonl", ["text"], max_record_bytes=1000)
    assert out == good + good
    assert failures == [("stdin:line 2", "record too large (over 1000 bytes)")]


def test_jsonl_field_never_seen_fails_the_run(redactor):
    data = json.dumps({"body": CLEAN}).encode() + b"\n"
    out = io.BytesIO()
    with pytest.raises(UsageError, match="has no field 'txet'"):
        redact_stream(io.BytesIO(data), out, fmt="jsonl", fields=["txet"], redactor=redactor)
    assert out.getvalue() == b""  # refused before anything was written


def test_stream_arguments_are_checked_before_output(redactor):
    with pytest.raises(UsageError):
        run(redactor, b"{}\n", "jsonl", [])
    with pytest.raises(UsageError):
        run(redactor, b"x\n", "text", ["text"])
    with pytest.raises(UsageError):
        run(redactor, b"{}\n", "jsonl", ["a..b"])
    with pytest.raises(UsageError, match="no column named 'note'"):
        run(redactor, b"id,text\n1,x\n", "csv", ["note"])


# -- CSV --------------------------------------------------------------------------------
def test_csv_keeps_quoting_order_and_line_endings(redactor):
    data = (
        'id,note_text,comment\r\n'
        '1,"{}","say ""hi"", twice"\r\n'
        '2,{},plain\r\n'
        '3,"multi\nline {}",x\r\n'
        '4,,empty\r\n'
    ).format(PHI_SENTENCE, PHI_SENTENCE.replace(",", ";"), PHI_SENTENCE)
    out, summary, failures = run(redactor, data.encode(), "csv", ["note_text"])
    assert failures == [] and summary.exit_code == EXIT_OK
    assert_absent(out, *PHI_VALUES)
    text = out.decode()
    assert text.startswith("id,note_text,comment\r\n1,\"")
    assert ',"say ""hi"", twice"\r\n2,' in text
    assert ",plain\r\n3,\"multi\nline " in text
    assert text.endswith(",x\r\n4,,empty\r\n")
    assert summary.records == 5 and summary.units == 4


def test_csv_bad_rows_are_dropped_with_row_and_reason(redactor):
    data = (
        "id,note_text\n"
        f"1,{CLEAN}\n"
        f"2,{SECRET},extra\n"
        f'3,"unterminated {SECRET}\n'
    )
    out, summary, failures = run(redactor, data.encode(), "csv", ["note_text"])
    assert out == (f"id,note_text\n1,{CLEAN}\n").encode()
    assert [f[0] for f in failures] == ["stdin:row 3", "stdin:row 4"]
    assert "3 fields" in failures[0][1] and "unterminated" in failures[1][1]
    for _, reason in failures:
        assert_absent(reason, SECRET, where="failure reason")
    assert summary.exit_code == EXIT_FOUND


def test_tsv_and_format_detection(redactor):
    data = (f"id\tnote\n1\t{PHI_SENTENCE}\n").encode()
    out, _, _ = run(redactor, data, "tsv", ["note"])
    assert_absent(out, *PHI_VALUES)
    assert out.startswith(b"id\tnote\n1\t")
    assert [format_for(n) for n in ("a.jsonl", "b.NDJSON", "c.csv", "d.tsv", "e.txt", "stdin")] == [
        "jsonl", "jsonl", "csv", "tsv", "text", "text"
    ]


# -- plain text -------------------------------------------------------------------------
def test_text_stream_keeps_line_endings_and_drops_undecodable_lines(redactor):
    data = (PHI_SENTENCE + "\r\n" + CLEAN + "\n").encode() + b"\xff\xfe" + SECRET.encode() + b"\n" + CLEAN.encode()
    out, summary, failures = run(redactor, data, "text")
    assert_absent(out, *PHI_VALUES)
    assert out.endswith(("\r\n" + CLEAN + "\n" + CLEAN).encode())
    assert_absent(out, SECRET)
    assert failures == [("stdin:line 3", failures[0][1])] and "UTF-8" in failures[0][1]
    assert summary.exit_code == EXIT_FOUND


# -- audit ------------------------------------------------------------------------------
def test_stream_audit_uses_locations_and_holds_no_text(redactor, tmp_path):
    audit = tmp_path / "a.jsonl"
    data = b"".join(json.dumps({"text": t}).encode() + b"\n" for t in (PHI_SENTENCE, CLEAN))
    run(redactor, data, "jsonl", ["text"], audit_path=str(audit))
    raw = audit.read_text()
    assert_absent(raw.encode(), *PHI_VALUES, "Alvarez")
    recs = [json.loads(line) for line in raw.splitlines()]
    assert recs[0]["type"] == "header" and recs[-1]["type"] == "summary"
    notes = [r["note"] for r in recs if r["type"] == "note"]
    assert notes == ["stdin:line 1, field text", "stdin:line 2, field text"]


# -- property: everything that is not a redacted field survives byte for byte ---------------
_words = st.sampled_from(["stable", "plan", "Seen", "by", "Dr.", "Alvarez", "on", "3/14/2023", "MRN", "4829301", "ok", ",", '"', "é", "\\", "\t"])
_value_text = st.one_of(st.lists(_words, max_size=12).map(" ".join), _words.map(lambda w: f"{w} {PHI_SENTENCE} {w}"))
_scalar = st.one_of(
    st.integers(-10**6, 10**6).map(str),
    st.sampled_from(["1.5e3", "-0.0", "true", "false", "null", '"x"', '"caf\\u00e9"', '"a\\"b"', "[]", "{}", '[1, {"k": "v"}]']),
    _value_text.map(lambda t: json.dumps(t, ensure_ascii=False)),
)
_key = st.sampled_from(["id", "ward", "meta", "n", "comment"])
_ws = st.sampled_from(["", " ", "  "])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    before=st.lists(st.tuples(_key, _scalar, _ws), max_size=3),
    after=st.lists(st.tuples(_key, _scalar, _ws), max_size=3),
    value=_value_text,
    ending=st.sampled_from(["\n", "\r\n", ""]),
)
def test_jsonl_round_trip_property(redactor, before, after, value, ending):
    pre = "{" + "".join(f'"{k}":{w}{v},{w}' for k, v, w in before) + '"text": '
    post = "".join(f',{w}"{k}":{w}{v}' for k, v, w in after) + "}" + ending
    token = json.dumps(value, ensure_ascii=False)
    data = (pre + token + post).encode()
    out, summary, failures = run(redactor, data, "jsonl", ["text"])
    assert failures == []
    assert out.startswith(pre.encode()) and out.endswith(post.encode())
    middle = out[len(pre.encode()) : len(out) - len(post.encode())]
    redacted = json.loads(middle)
    if redacted == value:
        assert middle == token.encode()  # untouched value keeps its exact token
    if PHI_SENTENCE in value:
        assert_absent(middle, "3/14/2023", "MRN 4829301")


_cell = st.lists(st.sampled_from(["a", "b c", ",", '"', "\n", "\r\n", "é", "3", " "]), max_size=6).map("".join)


def _csv_token(v: str, quote: bool) -> str:
    if quote or any(c in v for c in ',"\r\n'):
        return '"' + v.replace('"', '""') + '"'
    return v


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    left=st.lists(st.tuples(_cell, st.booleans()), max_size=3),
    right=st.lists(st.tuples(_cell, st.booleans()), max_size=3),
    value=_value_text,
    quote=st.booleans(),
    ending=st.sampled_from(["\n", "\r\n"]),
)
def test_csv_round_trip_property(redactor, left, right, value, quote, ending):
    names = [f"c{i}" for i in range(len(left))] + ["note"] + [f"d{i}" for i in range(len(right))]
    header = ",".join(names) + ending
    pre = "".join(_csv_token(v, q) + "," for v, q in left)
    post = "".join("," + _csv_token(v, q) for v, q in right) + ending
    row = pre + _csv_token(value, quote) + post
    out, summary, failures = run(redactor, (header + row).encode(), "csv", ["note"])
    assert failures == []
    text = out.decode()
    assert text.startswith(header + pre) and text.endswith(post)
    middle = text[len(header + pre) : len(text) - len(post)]
    if middle.startswith('"'):
        assert middle.endswith('"')
    unquoted = middle[1:-1].replace('""', '"') if middle.startswith('"') else middle
    if unquoted == value:
        assert middle == _csv_token(value, quote)  # untouched value keeps its exact token
