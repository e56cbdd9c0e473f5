"""Note scripts: a style's text and structure as data (``data/styles/<style>.yaml``).

A script is a list of steps, run in order against one :class:`Ctx`:

* ``"text with {fields}"``: write the template (``Ctx.say``).
* ``{pick: [template, ...]}``: write one of the templates, chosen uniformly.
* ``{chance: p, do: [steps], else: [steps]}``: run ``do`` with probability ``p``, otherwise
  ``else`` (optional).
* ``{phi: [steps], free: [steps]}``: ``phi`` in a note with PHI, ``free`` in a PHI-free
  note (either may be left out). Decides without drawing from the random source.
* ``{repeat: [lo, hi], do: [steps]}``: run ``do`` between ``lo`` and ``hi - 1`` times.

Scripts are checked when first loaded (unknown step keys and unknown ``{field}`` names
are errors), so a typo in a data file fails on the first note, not silently.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any

from redactphi.bench.synth.data import load
from redactphi.bench.synth.doc import FIELD
from redactphi.bench.synth.fields import FIELDS

if TYPE_CHECKING:
    from redactphi.bench.synth.context import Ctx

Step = Any  # str | dict: the YAML as loaded
_FORMS = ({"pick"}, {"chance", "do"}, {"chance", "do", "else"}, {"phi"}, {"free"}, {"phi", "free"}, {"repeat", "do"})


def run(c: Ctx, steps: list[Step]) -> None:
    """Run ``steps`` (already checked by :func:`script`) against ``c``."""
    for step in steps:
        if isinstance(step, str):
            c.say(step)
        elif "pick" in step:
            c.pick(*step["pick"])
        elif "chance" in step:
            if c.chance(step["chance"]):
                run(c, step["do"])
            else:
                run(c, step.get("else", []))
        elif "repeat" in step:
            lo, hi = step["repeat"]
            for _ in range(c.rng.randrange(lo, hi)):
                run(c, step["do"])
        else:
            run(c, step.get("free", []) if c.phi_free else step.get("phi", []))


@functools.cache
def script(style: str) -> list[Step]:
    """The checked script of ``style``."""
    steps = load(f"styles/{style}.yaml")
    check_steps(steps, style)
    return steps


def check_steps(steps: object, where: str) -> None:
    if not isinstance(steps, list):
        raise ValueError(f"synth script {where}: expected a list of steps")
    for step in steps:
        if isinstance(step, str):
            _check_template(step, where)
            continue
        if not isinstance(step, dict) or set(step) not in _FORMS:
            raise ValueError(f"synth script {where}: a step must be a template or one of {_FORMS}")
        if "pick" in step:
            if not isinstance(step["pick"], list) or not step["pick"]:
                raise ValueError(f"synth script {where}: pick needs a non-empty list")
            for template in step["pick"]:
                _check_template(template, where)
        for key in ("do", "else", "phi", "free"):
            if key in step:
                check_steps(step[key], where)
        if "chance" in step and not isinstance(step["chance"], (int, float)):
            raise ValueError(f"synth script {where}: chance must be a number")
        if "repeat" in step and not (
            isinstance(step["repeat"], list) and len(step["repeat"]) == 2
            and all(isinstance(n, int) for n in step["repeat"])
        ):
            raise ValueError(f"synth script {where}: repeat must be [lo, hi]")


def _check_template(template: object, where: str) -> None:
    if not isinstance(template, str):
        raise ValueError(f"synth script {where}: a template must be a string")
    unknown = sorted({m.group(1) for m in FIELD.finditer(template)} - FIELDS.keys())
    if unknown:
        raise ValueError(f"synth script {where}: unknown fields {unknown}")
