"""The registry of template fields: ``{name}`` in a template calls the function ``f_name``.

Field functions live in the modules that know their subject (people, places, dates,
contact, identifiers, clinical, and a style module for a style's own fields) and register
themselves with :func:`field` when imported; the package imports them all.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from redactphi.bench.synth.context import Ctx

FieldFn = Callable[["Ctx"], None]

#: ``name -> function``; filled at import time, read by ``Ctx.say``.
FIELDS: dict[str, FieldFn] = {}


def field(fn: FieldFn) -> FieldFn:
    """Register ``f_<name>`` as the template field ``{<name>}``."""
    name = fn.__name__.removeprefix("f_")
    if name == fn.__name__ or name in FIELDS:
        raise AssertionError(f"synth field {fn.__name__} must be named f_<name> and registered once")
    FIELDS[name] = fn
    return fn
