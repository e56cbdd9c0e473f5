"""What every note style declares: its name, how often it is drawn, how often it is
PHI-free, and how its text is cased. The text itself is the style's script
(``data/styles/<name>.yaml``)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from redactphi.bench.synth.context import Ctx

# A few PHI-free notes in every style; search queries set their own (far higher) share.
PHI_FREE_DEFAULT = 0.05


@dataclass(frozen=True)
class Style:
    name: str
    #: Relative weight of the style among all notes.
    weight: int
    #: Share of the style's notes that carry no PHI at all.
    phi_free_rate: float = PHI_FREE_DEFAULT
    #: "upper" for a style always written in capitals; None otherwise.
    case: str | None = None
    #: Share of notes typed all in lower case (people type names that way; NER relies on capitals).
    lower_case_share: float = 0.0
    #: Draws the style needs before its script runs (e.g. the imaging study of a report).
    prepare: Callable[[Ctx], None] | None = None
