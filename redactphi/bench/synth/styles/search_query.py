"""Search query: one line, the way clinicians type into a search box or chatbot. Real
traffic is often a pure clinical question, so over a third carry no PHI."""

from __future__ import annotations

from redactphi.bench.synth.styles.base import Style

STYLE = Style("search_query", weight=18, phi_free_rate=0.35, lower_case_share=0.2)
