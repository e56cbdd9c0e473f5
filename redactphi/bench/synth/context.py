"""One note being written: its random source, its people, places and dates, and the
plumbing templates use (``say``, ``pick``, ``chance``)."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from redactphi.bench.synth.clinical import SCENARIOS
from redactphi.bench.synth.doc import Doc, parse_template
from redactphi.bench.synth.fields import FIELDS
from redactphi.bench.synth.names import vocab
from redactphi.bench.synth.people import Person, person


class Ctx:
    """The state of one note. Every random choice goes through ``self.rng`` in a fixed
    order, so the same ``rng`` seed writes the same note."""

    def __init__(self, rng: random.Random, style: str, phi_free: bool, case: str | None) -> None:
        self.rng = rng
        self.style = style
        self.phi_free = phi_free
        self.doc = Doc(case)
        self.v = vocab()
        self.scn = rng.choice(SCENARIOS)
        self.base = dt.date(2016, 1, 1) + dt.timedelta(days=rng.randrange(0, 3500))
        self.los = rng.randrange(1, 12)
        sex = rng.choice("FM")
        self.pt = person(self, sex)
        r = rng.random()
        # Ages over 89 are PHI; 89 itself is the boundary hard negative.
        if phi_free:
            self.age = rng.randrange(19, 90)
        elif r < 0.25:
            self.age = rng.randrange(90, 106)
        elif r < 0.29:
            self.age = 89
        else:
            self.age = rng.randrange(19, 89)
        # Drawn on first use, then reused, so a note keeps one attending, hospital and relative.
        self.attending_cache: Person | None = None
        self.facility_cache: str | None = None
        self.relative_cache: tuple[str, Person] | None = None
        # A style's own state (the imaging study of a report, the addressee of a letter).
        self.scratch: dict[str, Any] = {}

    def say(self, template: str) -> None:
        """Write a template; ``{field}`` calls the registered ``f_field`` at that point."""
        for is_field, piece in parse_template(template):
            if is_field:
                FIELDS[piece](self)
            else:
                self.doc.lit(piece)

    def pick(self, *templates: str) -> None:
        self.say(self.rng.choice(templates))

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def lit(self, text: str) -> None:
        self.doc.lit(text)

    def phi(self, typ: str, text: str) -> None:
        if self.phi_free:
            raise AssertionError("PHI written into a PHI-free note (generator bug)")
        self.doc.phi(typ, text)
