"""Recognizers built from the user's config rather than code: deny lists and
site-specific identifier formats (``deny`` and ``id_patterns`` in ``redactphi.toml``)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from presidio_analyzer import EntityRecognizer
from redactphi.recognizers.base import RegexRecognizer, Rx

if TYPE_CHECKING:
    from redactphi.config import Config


class DenyListRecognizer(RegexRecognizer):
    """Words the site always redacts (config ``deny``), matched as whole words, any case."""

    NAME = "config_deny"
    DESCRIPTION = "words listed under [deny] in the config"


class SitePatternRecognizer(RegexRecognizer):
    """Identifier formats from config ``id_patterns``; group ``value`` marks what to redact."""

    NAME = "config_id_patterns"
    DESCRIPTION = "site-specific identifier formats from [[id_patterns]] in the config"


def extra_recognizers(config: Config) -> list[EntityRecognizer]:
    """The config-driven recognizers, only when the config defines something for them."""
    out: list[EntityRecognizer] = []
    deny_rx = []
    for entity, words in sorted(config.deny.items()):
        if words:
            alts = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
            deny_rx.append(Rx(f"deny {entity}", rf"(?<!\w)(?:{alts})(?!\w)", 1.0, entity=entity))
    if deny_rx:
        rec = DenyListRecognizer(config, patterns=deny_rx)
        out.append(rec)
    if config.id_patterns:
        pats = [Rx(p.name, p.regex, float(p.score), flags=0, entity=p.entity) for p in config.id_patterns]
        out.append(SitePatternRecognizer(config, patterns=pats))
    return out
