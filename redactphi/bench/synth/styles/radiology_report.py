"""Radiology report: header, exam, history, comparison, findings and impression."""

from __future__ import annotations

from typing import TYPE_CHECKING

from redactphi.bench.synth.clinical import IMAGING
from redactphi.bench.synth.fields import field
from redactphi.bench.synth.styles.base import Style

if TYPE_CHECKING:
    from redactphi.bench.synth.context import Ctx


def _choose_study(c: Ctx) -> None:
    # Drawn before the header, so the report's exam is fixed before anything is written.
    c.scratch["imaging"] = c.rng.choice(IMAGING)


STYLE = Style("radiology_report", weight=10, prepare=_choose_study)


@field
def f_exam(c: Ctx) -> None:
    c.lit(c.scratch["imaging"][0])


@field
def f_findings(c: Ctx) -> None:
    c.lit(c.scratch["imaging"][1])


@field
def f_impression(c: Ctx) -> None:
    c.lit(c.scratch["imaging"][2])
