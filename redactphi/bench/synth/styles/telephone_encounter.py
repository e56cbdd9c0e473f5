"""Telephone encounter: caller, callback number, reason, advice and routing."""

from __future__ import annotations

from redactphi.bench.synth.styles.base import Style

STYLE = Style("telephone_encounter", weight=10)
