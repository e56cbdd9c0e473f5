"""Shared fixtures. The engine is session-scoped: the spaCy model loads once per run."""

from __future__ import annotations

import functools
import hashlib
import os
from collections.abc import Iterable, Sequence

import pytest
from hypothesis import Verbosity, settings

# Property tests run the same examples on every machine (CI must not find a new example
# on some run and fail a commit that changed nothing), keep no example database, and do
# not print a failing example: its text is synthetic, but a failure report shows no note
# text by habit. HYPOTHESIS_PROFILE=explore searches freshly and reports examples, for a
# developer hunting new cases on their own machine.
settings.register_profile("repeatable", derandomize=True, database=None, print_blob=False,
                          verbosity=Verbosity.quiet)
settings.register_profile("explore", derandomize=False, verbosity=Verbosity.normal)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))


@pytest.fixture(scope="session")
def redactor():
    from redactphi import Config, Redactor

    return Redactor(Config())


@pytest.fixture(scope="session")
def rules_redactor():
    from redactphi import Config, Redactor

    return Redactor(Config(engine="rules"))


def fingerprint(value: str) -> str:
    """What a failure message may show instead of a (possibly PHI) value."""
    return "sha256:" + hashlib.sha256(value.encode()).hexdigest()[:12]


def locate(text: str, value: str) -> tuple[int, int]:
    i = text.find(value)
    if i < 0:
        pytest.fail(f"test case error: expected value {fingerprint(value)} not in its sentence")
    return i, i + len(value)


def is_covered(spans: Iterable[tuple[int, int]], start: int, end: int, text: str) -> bool:
    """i2b2-strict: every alphanumeric character of text[start:end] lies in some span."""
    spans = list(spans)
    return all(
        any(s <= i < e for s, e in spans) for i in range(start, end) if text[i].isalnum()
    )


def touched(spans: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)


def check_caught(text: str, spans: Sequence[tuple[int, int]], value: str) -> None:
    start, end = locate(text, value)
    if not is_covered(spans, start, end, text):
        pytest.fail(f"missed value at [{start}:{end}] ({fingerprint(value)}); spans found: {list(spans)}")


def check_kept(text: str, spans: Sequence[tuple[int, int]], value: str) -> None:
    start, end = locate(text, value)
    if touched(spans, start, end):
        # not PHI by construction, so showing it is fine and helps the reader
        pytest.fail(f"over-redacted {value!r} at [{start}:{end}]; spans: {list(spans)}")


def check_redaction(redactor, text: str, caught: Iterable[str] = (), kept: Iterable[str] = ()) -> None:
    """Redact ``text`` whole and check each ``caught`` value is covered and each ``kept``
    value untouched (failures show offsets and fingerprints, as above)."""
    spans = [(r.start, r.end) for r in redactor.redact(text).redactions]
    for value in caught:
        check_caught(text, spans, value)
    for value in kept:
        check_kept(text, spans, value)


def same_text(actual: str, expected: str, what: str = "text") -> None:
    """Fail, showing only where, if two texts differ (they may hold PHI-like values)."""
    if actual != expected:
        at = next((i for i, (a, b) in enumerate(zip(actual, expected, strict=False)) if a != b), min(len(actual), len(expected)))
        pytest.fail(f"{what} differs from the expected at offset {at} ({fingerprint(actual)} vs {fingerprint(expected)})", pytrace=False)


def assert_absent(haystack: str | bytes, *values: str, where: str = "output") -> None:
    """Fail if any of ``values`` occurs in ``haystack`` - without printing either (a plain
    ``assert value not in haystack`` would show both in pytest's failure report)."""
    for v in values:
        needle = v.encode() if isinstance(haystack, bytes) else v
        if needle in haystack:  # type: ignore[operator]
            pytest.fail(f"value {fingerprint(v)} appeared in the {where} at {haystack.index(needle)}", pytrace=False)  # type: ignore[arg-type]


def _registry(**config):
    from redactphi import Config
    from redactphi.pipeline.engine import build_recognizers

    return build_recognizers(Config(**config))


@functools.cache
def _default_registry():
    return _registry()


def recognizer(name: str, **config):
    """The recognizer registered under ``name`` for ``Config(**config)``: looked up by its
    registered name, not its module path, so a recognizer may move between modules."""
    found = [r for r in (_registry(**config) if config else _default_registry()) if r.name == name]
    if not found:
        pytest.fail(f"no recognizer registered as {name!r}; see `redactphi recognizers`", pytrace=False)
    return found[0]


def case_text(file: str, case_id: str) -> str:
    """The text of one case in tests/cases/<file>.yaml (for tests that need logic on it)."""
    from pathlib import Path

    import yaml

    data = yaml.safe_load((Path(__file__).parent / "cases" / f"{file}.yaml").read_text(encoding="utf-8"))
    return next(c["text"] for c in data["cases"] if c["id"] == case_id)


@pytest.hookimpl(tryfirst=True)  # before -m deselects
def pytest_collection_modifyitems(config, items):
    # A test that takes the default-engine fixture loads the spaCy model: mark it, so
    # `-m "not spacy"` never loads the model even where a file forgot the marker.
    for item in items:
        if "redactor" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.spacy)
