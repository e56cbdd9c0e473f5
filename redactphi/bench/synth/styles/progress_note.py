"""Hospital progress note in SOAP form, with a short header and a signature."""

from __future__ import annotations

from redactphi.bench.synth.styles.base import Style

STYLE = Style("progress_note", weight=14)
