"""The scripts in benchmarks/ import what the package still has.

They are run by hand (``make perf``, ``make train``, the CV harness) and most of their
imports of ``redactphi`` are inside functions, so a moved module breaks them only when
someone next measures. This reads every ``from redactphi... import name`` in them and
checks the module and the name exist, without running a benchmark.
"""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"


def _imports() -> list[tuple[str, int, str, str]]:
    found = []
    for path in sorted(BENCHMARKS.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "redactphi":
                found += [(path.name, node.lineno, node.module, a.name) for a in node.names]
            elif isinstance(node, ast.Import):
                found += [(path.name, node.lineno, a.name, "") for a in node.names if a.name.split(".")[0] == "redactphi"]
    return found


IMPORTS = _imports()


def test_the_benchmarks_import_the_package_at_all():
    assert len(IMPORTS) > 10


@pytest.mark.parametrize(("script", "line", "module", "name"), IMPORTS, ids=[f"{s}:{n}" for s, n, _, _ in IMPORTS])
def test_benchmark_import_resolves(script: str, line: int, module: str, name: str):
    mod = importlib.import_module(module)
    if name and not hasattr(mod, name):
        importlib.import_module(f"{module}.{name}")  # a submodule imported by name
