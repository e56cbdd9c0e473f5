"""Laboratory report: header with identifiers, a fixed-width results table and a comment."""

from __future__ import annotations

from typing import TYPE_CHECKING

from redactphi.bench.synth.clinical import LAB_ROWS
from redactphi.bench.synth.fields import field
from redactphi.bench.synth.styles.base import Style

if TYPE_CHECKING:
    from redactphi.bench.synth.context import Ctx

STYLE = Style("lab_report", weight=8)


@field
def f_lab_table(c: Ctx) -> None:
    """The rows of the results table (the header line is in the script)."""
    rng = c.rng
    for test, unit, ref, lo, hi, dec in rng.sample(LAB_ROWS, rng.randrange(4, 11)):
        value = rng.uniform(lo, hi)
        flag = "H" if rng.random() < 0.2 else ("L" if rng.random() < 0.1 else "")
        c.lit(f"{test:<20} {value:>7.{dec}f}  {flag:<4}  {unit:<8}  {ref}\n")
