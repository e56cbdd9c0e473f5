"""Referral letter: letterhead, addressee, "Re:" line, body and signature block."""

from __future__ import annotations

from typing import TYPE_CHECKING

from redactphi.bench.synth.fields import field
from redactphi.bench.synth.people import name_text, person
from redactphi.bench.synth.styles.base import Style

if TYPE_CHECKING:
    from redactphi.bench.synth.context import Ctx

STYLE = Style("referral_letter", weight=9)


@field
def f_addressee(c: Ctx) -> None:
    """The physician the letter is written to (a new person, kept for "Dear Dr. ...")."""
    to = person(c)
    c.scratch["addressee"] = to
    c.phi("NAME", name_text(to, c.rng.choice(("full", "full_mi"))))


@field
def f_addressee_last(c: Ctx) -> None:
    c.phi("NAME", c.scratch["addressee"].last)
