"""ICU nursing note: upper case, abbreviations, little punctuation, the style recognizers
trained on prose find hardest."""

from __future__ import annotations

from redactphi.bench.synth.styles.base import Style

STYLE = Style("icu_nursing", weight=10, case="upper")
