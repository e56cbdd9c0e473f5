"""The explicit recognizer list (recognizers/__init__.py RECOGNIZER_MODULES): every
module that defines a recognizer is on it, so adding one without listing it fails here
rather than silently never running."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import redactphi.recognizers as pkg
from presidio_analyzer import EntityRecognizer

from redactphi.config import Config
from redactphi.pipeline.engine import build_recognizers


def _all_modules() -> list[str]:
    """Every module and package under redactphi.recognizers, by dotted name."""
    return [info.name for info in pkgutil.walk_packages(pkg.__path__, prefix=f"{pkg.__name__}.")]


def _defines_recognizer(modname: str) -> bool:
    mod = importlib.import_module(modname)
    if hasattr(mod, "extra_recognizers"):
        return True
    for _, obj in inspect.getmembers(mod, inspect.isclass):
        if obj.__module__ == modname and issubclass(obj, EntityRecognizer) and getattr(obj, "NAME", ""):
            return True
    return False


def test_every_module_that_defines_a_recognizer_is_listed() -> None:
    listed = set(pkg.RECOGNIZER_MODULES)
    missing = []
    for modname in _all_modules():
        top = modname.removeprefix(f"{pkg.__name__}.").split(".", 1)[0]
        if _defines_recognizer(modname) and top not in listed:
            missing.append(modname)
    assert not missing, f"add these to RECOGNIZER_MODULES in recognizers/__init__.py: {missing}"


def test_every_listed_module_defines_a_recognizer() -> None:
    for name in pkg.RECOGNIZER_MODULES:
        modname = f"{pkg.__name__}.{name}"
        inside = [m for m in _all_modules() if m == modname or m.startswith(modname + ".")]
        assert inside, f"{name} is listed but is no module"
        assert any(_defines_recognizer(m) for m in inside), f"{name} is listed but defines no recognizer"


def test_a_package_s_recognizers_are_all_built() -> None:
    # a class defined in a rule module of a package (names/, locations/) must be exported
    # by the package, or the engine never sees it
    built = {type(r).__name__ for r in build_recognizers(Config(engine="spacy"))}
    for modname in _all_modules():
        mod = importlib.import_module(modname)
        for cname, obj in inspect.getmembers(mod, inspect.isclass):
            if obj.__module__ != modname or not issubclass(obj, EntityRecognizer) or not getattr(obj, "NAME", ""):
                continue
            if getattr(obj, "PATTERNS", True) == ():
                continue  # configured per site (extra_recognizers), built only with a config
            assert cname in built, f"{modname}.{cname} is never built"
