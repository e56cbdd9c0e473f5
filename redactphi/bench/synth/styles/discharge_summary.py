"""Discharge summary: the longest style, with a PHI-dense header, narrative sections,
results, medicines, follow-up appointments and a signature block."""

from __future__ import annotations

from typing import TYPE_CHECKING

from redactphi.bench.synth.clinical import IMAGING
from redactphi.bench.synth.fields import field
from redactphi.bench.synth.styles.base import Style

if TYPE_CHECKING:
    from redactphi.bench.synth.context import Ctx

STYLE = Style("discharge_summary", weight=11)


@field
def f_imaging_line(c: Ctx) -> None:
    """ "IMAGING: <exam> (<date>): <impression>" for one study."""
    exam, _, impression = c.rng.choice(IMAGING)
    c.lit(f"\nIMAGING: {exam} (")
    c.say("{date}): ")
    c.lit(impression)
