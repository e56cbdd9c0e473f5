"""Recognizer cases as data, the way sqlfluff keeps its rule cases: every YAML file in
tests/cases/ is expanded into one test per case, with the id ``<file>:<case id>``.

File format (``version: 1``)::

    version: 1
    recognizer: date              # <name>.yaml: the recognizer registered under this name
    # recognizers: [city, zip_code]   group_*.yaml: the spans of these recognizers together
    # level: pipeline                 pipeline_*.yaml: the whole Redactor (resolve included)
    config: {redact_years: true}  # optional: Config keywords, as in redactphi.toml
    cases:
    - id: year-alone              # unique in its file; test ids never carry a value
      text: Diagnosed with cancer in 2015.   # written for the test, never corpus text
      caught:                     # every letter and digit of the value lies in some span,
      - {value: "2015", entity: DATE}        # and a span of this type overlaps it
      kept:                       # no span touches the value ...
      - "cancer"
      - {value: "2015", entity: NAME}        # ... or no span of this type does
      finds_nothing: true         # or [NAME]: no span at all (of these types) in the text
      config: {}                  # optional, over the file's config
      xfail: why                  # a known miss: reported, and strict (an XPASS fails)
      note: free text for the reader

A value is looked for at its first occurrence in the text. Recognizers are looked up by
their registered name (``redactphi.pipeline.engine.build_recognizers``), never by module
path, so cases survive a recognizer moving to another module.

Cases that need the spaCy model (the NER recognizer, default-engine pipeline cases) carry
the ``spacy`` marker: ``pytest -m "not spacy"`` runs the rest without loading the model.

Failure messages give offsets, types and sha256 fingerprints, never a value or the text.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import fingerprint, is_covered, locate, touched

from redactphi import Config, Redactor
from redactphi.pipeline.engine import build_recognizers

CASES_DIR = Path(__file__).parent / "cases"
FORMAT_VERSION = 1
_FILE_KEYS = {"version", "recognizer", "recognizers", "level", "config", "cases"}
_CASE_KEYS = {"id", "text", "caught", "kept", "finds_nothing", "config", "xfail", "note"}
#: Configs under which the recognizers that only exist when configured are registered
#: too, so that the coverage check below sees every recognizer a user can get.
COVERAGE_CONFIG: dict[str, Any] = {
    "deny": {"NAME": ["Zorblatt"]},
    "id_patterns": [{"name": "site visit number", "regex": r"\bVN-\d{6}\b", "entity": "ID"}],
}


@dataclass(frozen=True, repr=False)
class Case:
    file: str
    id: str
    text: str
    level: str  # "recognizer" or "pipeline"
    recognizers: tuple[str, ...]  # empty at pipeline level
    config: str  # JSON of the Config keywords (hashable, for the caches below)
    caught: tuple[tuple[str, str | None], ...]
    kept: tuple[tuple[str, str | None], ...]
    finds_nothing: bool | tuple[str, ...]
    xfail: str | None

    def __repr__(self) -> str:  # pytest may show parameters: never the text
        return f"Case({self.file}:{self.id})"

    @property
    def test_id(self) -> str:
        return f"{self.file}:{self.id}"


class CaseFileError(ValueError):
    pass


def _values(raw: Any, where: str, entity_required: bool) -> tuple[tuple[str, str | None], ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise CaseFileError(f"{where}: must be a list")
    out = []
    for i, item in enumerate(raw, 1):
        if isinstance(item, str):
            value, entity = item, None
        elif isinstance(item, dict) and set(item) <= {"value", "entity"} and isinstance(item.get("value"), str):
            value, entity = item["value"], item.get("entity")
        else:
            raise CaseFileError(f"{where} item {i}: a string or {{value, entity}}")
        if entity_required and entity is None:
            raise CaseFileError(f"{where} item {i}: a recognizer-level caught value needs its entity")
        out.append((value, entity))
    return tuple(out)


def _load_file(path: Path) -> list[Case]:
    stem = path.stem
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or data.get("version") != FORMAT_VERSION:
        raise CaseFileError(f"{path.name}: needs 'version: {FORMAT_VERSION}' at the top")
    if set(data) - _FILE_KEYS:
        raise CaseFileError(f"{path.name}: unknown keys {sorted(set(data) - _FILE_KEYS)}")
    level = data.get("level", "recognizer")
    if stem.startswith("pipeline_") != (level == "pipeline"):
        raise CaseFileError(f"{path.name}: pipeline_*.yaml files, and only they, have 'level: pipeline'")
    if level == "pipeline":
        recognizers: tuple[str, ...] = ()
        if "recognizer" in data or "recognizers" in data:
            raise CaseFileError(f"{path.name}: a pipeline file names no recognizer")
    elif stem.startswith("group_"):
        recognizers = tuple(data.get("recognizers") or ())
        if len(recognizers) < 2 or "recognizer" in data:
            raise CaseFileError(f"{path.name}: a group file lists two or more 'recognizers'")
    else:
        if data.get("recognizer") != stem or "recognizers" in data:
            raise CaseFileError(f"{path.name}: 'recognizer' must be the file's name, {stem!r}")
        recognizers = (stem,)
    file_config = data.get("config") or {}
    cases, seen = [], set()
    for n, raw in enumerate(data.get("cases") or [], 1):
        where = f"{path.name} case {n}"
        if not isinstance(raw, dict) or set(raw) - _CASE_KEYS:
            raise CaseFileError(f"{where}: unknown keys {sorted(set(raw) - _CASE_KEYS) if isinstance(raw, dict) else raw!r}")
        cid, text = raw.get("id"), raw.get("text")
        if not isinstance(cid, str) or not cid or cid in seen:
            raise CaseFileError(f"{where}: needs an 'id' unique in the file")
        seen.add(cid)
        if not isinstance(text, str) or not text:
            raise CaseFileError(f"{where} ({cid}): needs a 'text'")
        nothing = raw.get("finds_nothing", False)
        nothing = tuple(nothing) if isinstance(nothing, list) else bool(nothing)
        case = Case(
            file=stem,
            id=cid,
            text=text,
            level=level,
            recognizers=recognizers,
            config=json.dumps({**file_config, **(raw.get("config") or {})}, sort_keys=True),
            caught=_values(raw.get("caught"), f"{where} ({cid}) caught", entity_required=level != "pipeline"),
            kept=_values(raw.get("kept"), f"{where} ({cid}) kept", entity_required=False),
            finds_nothing=nothing,
            xfail=raw.get("xfail"),
        )
        if not (case.caught or case.kept or case.finds_nothing):
            raise CaseFileError(f"{where} ({cid}): checks nothing (no caught, kept or finds_nothing)")
        cases.append(case)
    if not cases:
        raise CaseFileError(f"{path.name}: has no cases")
    return cases


@functools.cache
def load_cases() -> tuple[Case, ...]:
    """Every case of every file in tests/cases/, in file order."""
    return tuple(c for path in sorted(CASES_DIR.glob("*.yaml")) for c in _load_file(path))


@functools.cache
def _registry(config_json: str) -> dict[str, Any]:
    """Recognizers by registered name for a config (building them loads no spaCy model)."""
    return {str(r.name): r for r in build_recognizers(Config.from_mapping(json.loads(config_json)))}


def _needs_nlp(rec: Any) -> bool:
    return bool(getattr(type(rec), "NEEDS_NLP", False))


def needs_spacy(case: Case) -> bool:
    config = json.loads(case.config)
    if case.level == "pipeline":
        return config.get("engine", "spacy") != "rules"
    registry = _registry(case.config)
    return any(name in registry and _needs_nlp(registry[name]) for name in case.recognizers)


def _params() -> Iterator[Any]:
    for case in load_cases():
        marks = [pytest.mark.spacy] if needs_spacy(case) else []
        if case.xfail:
            marks.append(pytest.mark.xfail(reason=case.xfail, strict=True))
        yield pytest.param(case, id=case.test_id, marks=marks)


_REDACTORS: dict[str, Redactor] = {}


def _redactor(request: pytest.FixtureRequest, config_json: str) -> Redactor:
    # The session fixtures for the two usual configs (the model loads once per run).
    config = json.loads(config_json)
    if not config:
        return request.getfixturevalue("redactor")
    if config == {"engine": "rules"}:
        return request.getfixturevalue("rules_redactor")
    if config_json not in _REDACTORS:
        _REDACTORS[config_json] = Redactor(Config.from_mapping(config))
    return _REDACTORS[config_json]


def spans_for(case: Case, request: pytest.FixtureRequest) -> list[tuple[int, int, str]]:
    """(start, end, entity) of what the case's recognizers, or the pipeline, find."""
    if case.level == "pipeline":
        result = _redactor(request, case.config).redact(case.text)
        return [(r.start, r.end, r.entity) for r in result.redactions]
    registry = _registry(case.config)
    missing = [n for n in case.recognizers if n not in registry]
    if missing:
        pytest.fail(f"{case.file}: no recognizer registered as {missing}; see `redactphi recognizers`", pytrace=False)
    recs = [registry[n] for n in case.recognizers]
    artifacts = None
    if any(_needs_nlp(r) for r in recs):
        if json.loads(case.config):
            pytest.fail(f"{case.file}: recognizers that need spaCy run only under the default config", pytrace=False)
        # The recognizer instance and NLP engine of the session's default engine, so the
        # model loads once per run.
        engine = request.getfixturevalue("redactor").engine
        recs = [r for r in engine.analyzer.registry.recognizers if str(r.name) in case.recognizers]
        artifacts = engine.analyzer.nlp_engine.process_text(case.text, "en")
    return [(r.start, r.end, r.entity_type) for rec in recs for r in rec.analyze(case.text, [], artifacts)]


def problems(case: Case, found: list[tuple[int, int, str]]) -> list[str]:
    """What is wrong with ``found`` for ``case``, in offsets, types and fingerprints."""
    text, out = case.text, []
    plain = [(s, e) for s, e, _ in found]
    for i, (value, entity) in enumerate(case.caught, 1):
        start, end = locate(text, value)
        if not is_covered(plain, start, end, text):
            out.append(f"caught value {i} at [{start}:{end}] ({fingerprint(value)}) missed")
        elif entity is not None:
            types = sorted({t for s, e, t in found if s < end and start < e})
            if entity not in types:
                out.append(f"caught value {i} at [{start}:{end}] typed {types}, wanted {entity}")
    for i, (value, entity) in enumerate(case.kept, 1):
        start, end = locate(text, value)
        near = [(s, e) for s, e, t in found if entity is None or t == entity]
        if touched(near, start, end):
            what = "a span" if entity is None else f"a {entity} span"
            out.append(f"kept value {i} at [{start}:{end}] ({fingerprint(value)}) touched by {what}")
    if case.finds_nothing:
        wanted = None if case.finds_nothing is True else set(case.finds_nothing)
        extra = [f for f in found if wanted is None or f[2] in wanted]
        if extra:
            out.append(f"{len(extra)} span(s) found where none{'' if wanted is None else ' of ' + str(sorted(wanted))} should be")
    return out


@pytest.mark.parametrize("case", list(_params()))
def test_case(case: Case, request: pytest.FixtureRequest) -> None:
    found = spans_for(case, request)
    wrong = problems(case, found)
    if wrong:
        spans = sorted(found)
        pytest.fail(f"{case.test_id}: " + "; ".join(wrong) + f"; spans found: {spans}", pytrace=False)


# -- the case files themselves ------------------------------------------------------------


def _registered_names() -> list[str]:
    return sorted(_registry(json.dumps(COVERAGE_CONFIG, sort_keys=True)))


@pytest.mark.parametrize("name", _registered_names())
def test_every_recognizer_has_a_case_file(name: str) -> None:
    """Each registered recognizer shows, in its own file, one thing it catches and one
    hard negative it keeps (not counting known misses)."""
    path = CASES_DIR / f"{name}.yaml"
    assert path.exists(), f"no tests/cases/{name}.yaml: add cases for the recognizer '{name}'"
    cases = [c for c in load_cases() if c.file == name and not c.xfail]
    assert any(c.caught for c in cases), f"tests/cases/{name}.yaml has no passing case with a caught value"
    assert any(c.kept or c.finds_nothing for c in cases), f"tests/cases/{name}.yaml has no passing case with a kept value"


def test_case_files_name_registered_recognizers() -> None:
    registered = set(_registered_names())
    stale = sorted({n for c in load_cases() for n in c.recognizers} - registered)
    assert not stale, f"case files name recognizers that are not registered: {stale}"


def test_case_format_is_checked(tmp_path: Path) -> None:
    bad = tmp_path / "date.yaml"
    bad.write_text("version: 1\nrecognizer: date\ncases:\n- id: a\n  text: on 3/4\n  caught: [3/4]\n")
    with pytest.raises(CaseFileError, match="needs its entity"):
        _load_file(bad)
    bad.write_text("version: 1\nrecognizer: date\ncases:\n- id: a\n  text: x\n  kept: [x]\n- id: a\n  text: y\n  kept: [y]\n")
    with pytest.raises(CaseFileError, match="unique"):
        _load_file(bad)
    bad.write_text("version: 1\nrecognizer: dates\ncases:\n- id: a\n  text: x\n  kept: [x]\n")
    with pytest.raises(CaseFileError, match="file's name"):
        _load_file(bad)


def test_a_wrong_case_fails_without_showing_its_value() -> None:
    # the checker itself can fail: a miss, a wrong type, a touched kept value
    case = Case("date", "t", "Seen 3/4 by Ann.", "recognizer", ("date",), "{}", (("3/4", "DATE"),), (("Ann", None),), False, None)
    assert problems(case, [(5, 8, "DATE")]) == []
    msgs = problems(case, [(5, 7, "DATE"), (12, 15, "NAME")])
    assert len(msgs) == 2 and not any("3/4" in m or "Ann" in m for m in msgs)
    assert "typed ['AGE'], wanted DATE" in problems(case, [(5, 8, "AGE")])[0]
