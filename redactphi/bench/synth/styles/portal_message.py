"""Patient portal message: informal, often typed in lower case, full of contact details."""

from __future__ import annotations

from redactphi.bench.synth.styles.base import Style

STYLE = Style("portal_message", weight=10, lower_case_share=0.2)
