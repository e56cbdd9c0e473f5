"""The generator's package data: word pools, clinical content and the note-style scripts.

Everything a synthetic note is made of that is not logic lives in ``data/`` next to this
module (YAML, shipped in the wheel as package data), so a new phrase, name or style
section is an edit to a data file. Lists are read in file order and never deduplicated:
draws index into them, so their order is part of what makes a seed reproducible.
"""

from __future__ import annotations

import functools
from importlib import resources
from typing import Any

import yaml

# libyaml when available (fast); both loaders build the same Python objects.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@functools.cache
def load(name: str) -> Any:
    """The parsed YAML file ``data/<name>`` (``name`` may include ``styles/``)."""
    path = resources.files(__package__).joinpath("data")
    for part in name.split("/"):
        path = path.joinpath(part)
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)


def pool(name: str, key: str) -> tuple[str, ...]:
    """One list of strings from ``data/<name>``, as a tuple in file order."""
    values = load(name)[key]
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise TypeError(f"synth data {name}:{key} must be a list of strings")
    return tuple(values)
