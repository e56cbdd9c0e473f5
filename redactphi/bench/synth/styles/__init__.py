"""The note styles, one module each, in the order the generator draws them from.

A style module declares its :class:`Style` (weight, PHI-free share, casing) and any
fields only it uses; its text is the script ``data/styles/<name>.yaml``. The order of
:data:`ALL` is part of the seed contract: reordering changes every generated corpus.
"""

from __future__ import annotations

from redactphi.bench.synth.styles import (
    discharge_summary,
    icu_nursing,
    lab_report,
    portal_message,
    progress_note,
    radiology_report,
    referral_letter,
    search_query,
    telephone_encounter,
)
from redactphi.bench.synth.styles.base import Style

ALL: tuple[Style, ...] = (
    discharge_summary.STYLE,
    progress_note.STYLE,
    icu_nursing.STYLE,
    radiology_report.STYLE,
    lab_report.STYLE,
    referral_letter.STYLE,
    portal_message.STYLE,
    telephone_encounter.STYLE,
    search_query.STYLE,
)
BY_NAME: dict[str, Style] = {s.name: s for s in ALL}

__all__ = ["ALL", "BY_NAME", "Style"]
