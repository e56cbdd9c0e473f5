"""No built-in pattern, recognizer or the spaCy path takes more than about linear time on
hostile input (issue 9, Robustness), and a catastrophic site pattern is a config error.

Every pattern of every recognizer the engine loads (ours, the YAML ones and Presidio's
built-ins) and every module-level compiled regex in recognizers/ is run over the inputs
in redactphi.regex_bounds.PATHOLOGICAL at n and 8n characters. Failures name the pattern
and the input kind; the inputs are synthetic.
"""

from __future__ import annotations

import importlib
import pkgutil
import re

import pytest

from redactphi.config import Config, IdPattern
from redactphi.errors import ConfigError
from redactphi.pipeline.engine import build_recognizers
from redactphi.regex_bounds import growth

N = 500


def _engine_patterns() -> list[tuple[str, re.Pattern[str]]]:
    out = []
    for rec in build_recognizers(Config()):
        for rx, compiled in getattr(rec, "_compiled", ()):  # our RegexRecognizer
            out.append((f"{rec.name}: {rx.name}", compiled))
        for p in getattr(rec, "patterns", ()) or ():  # Presidio PatternRecognizer (built-in, YAML)
            out.append((f"{rec.name}: {p.name}", re.compile(p.regex, rec.global_regex_flags)))
    return out


def _module_patterns() -> list[tuple[str, re.Pattern[str]]]:
    """Module-level compiled regexes, each wrapped as it is used: one that the module
    scans text with (finditer, search, findall, sub, split) is timed scanning; one only
    matched at a given position (match, fullmatch) is timed as one match attempt."""
    import inspect

    import redactphi.recognizers as pkg

    out = []
    # every module of the recognizer packages (names/, locations/ hold rule modules),
    # and re-casing, which the recognizers and detect share
    modules = [info.name for info in pkgutil.walk_packages(pkg.__path__, prefix=f"{pkg.__name__}.")]
    modules.append("redactphi.pipeline.casing")
    seen: set[int] = set()
    # a pattern defined in one rule module is often used in another (names/words.py ->
    # names/context.py): how it is used is read from all of them
    source = "\n".join(inspect.getsource(importlib.import_module(m)) for m in modules)
    for modname in modules:
        mod = importlib.import_module(modname)
        label = modname.removeprefix(f"{pkg.__name__}.").removeprefix("redactphi.pipeline.")
        for attr, value in vars(mod).items():
            if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
                if id(value) in seen:
                    continue  # imported from a module already read: timed there
                seen.add(id(value))
                scans = re.search(rf"\b{attr}\.(?:finditer|search|findall|sub|subn|split)\(", source)
                if scans or not re.search(rf"\b{attr}\.(?:match|fullmatch)\(", source):
                    out.append((f"{label}.{attr}", value))
                else:
                    out.append((f"{label}.{attr} (anchored)", _Anchored(value)))
    return out



class _Anchored:
    """A pattern used only with match()/fullmatch(): finditer means one attempt at 0."""

    def __init__(self, rx: re.Pattern[str]):
        self.rx = rx

    def finditer(self, s: str) -> list[re.Match[str]]:
        m = self.rx.match(s)
        return [m] if m else []


ENGINE_PATTERNS = _engine_patterns()
MODULE_PATTERNS = _module_patterns()


def test_the_walk_finds_the_patterns_that_were_slow():
    names = {n for n, _ in ENGINE_PATTERNS}
    assert len(ENGINE_PATTERNS) > 50 and len(MODULE_PATTERNS) > 5
    assert {"facility: facility head word", "presidio_email: Email (Medium)", "presidio_url: Non schema URL"} <= names
    assert "casing._CITY_STATE_ZIP" in {n for n, _ in MODULE_PATTERNS}


@pytest.mark.parametrize("name, rx", ENGINE_PATTERNS + MODULE_PATTERNS, ids=[n for n, _ in ENGINE_PATTERNS + MODULE_PATTERNS])
def test_pattern_time_grows_linearly(name, rx):
    why = growth(lambda s: sum(1 for _ in rx.finditer(s)), n=N, limit=5.0)
    assert why is None, f"{name}: {why}"


@pytest.mark.slow
@pytest.mark.parametrize("rec", build_recognizers(Config()), ids=lambda r: r.name)
def test_recognizer_time_grows_linearly(rec):
    """The whole recognizer, judge() included (the city judge re-cases the text)."""
    why = growth(lambda s: rec.analyze(s, [], None), n=250, limit=20.0)
    assert why is None, f"{rec.name}: {why}"


@pytest.mark.slow
def test_detection_time_grows_linearly(redactor):
    """spaCy's tokenizer included: 40,000 "(" took 112 s before the NLP copy was spaced."""
    why = growth(lambda s: redactor.detector.detect(s), n=1000, limit=60.0)
    assert why is None, why


def test_the_check_catches_a_catastrophic_pattern():
    assert growth(lambda s: re.match(r"(?:a|a)*b", s), n=N, limit=1.0) is not None
    assert growth(lambda s: list(re.finditer(r"\s*\s*x", s)), n=N, limit=1.0) is not None  # quadratic
    assert growth(lambda s: list(re.finditer(r"\d{3}-\d{4}", s)), n=N, limit=1.0) is None


@pytest.mark.parametrize("regex", [r"(?:\w|\d)*#", r"(?:\d+)*-", r"\s*\s*ID"])
def test_catastrophic_user_id_pattern_is_a_config_error_naming_it(regex):
    with pytest.raises(ConfigError) as err:
        Config(id_patterns=(IdPattern(name="site acct", regex=regex, entity="SITE_ID"),))
    assert "site acct" in str(err.value) and regex not in str(err.value)


def test_ordinary_user_id_pattern_is_accepted():
    cfg = Config(id_patterns=(IdPattern(name="site acct", regex=r"\bACC-(?P<value>\d{6})\b", entity="SITE_ID"),))
    assert cfg.id_patterns[0].name == "site acct"
