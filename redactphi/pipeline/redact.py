"""Apply redactions to text with Presidio's anonymizer (typed placeholders).

The anonymizer only ever sees resolved, non-overlapping regions, so its own overlap
handling (which can only trim or merge same-type spans) never decides anything.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from redactphi.entities import PLACEHOLDER_LABEL
from redactphi.pipeline.resolve import Redaction

OPERATOR = "replace"


@lru_cache(maxsize=1)
def _anonymizer():  # type: ignore[no-untyped-def]
    import logging

    from presidio_anonymizer import AnonymizerEngine

    logging.getLogger("presidio-anonymizer").setLevel(logging.ERROR)
    return AnonymizerEngine()


def placeholder_text(entity: str, template: str = "[{label}]") -> str:
    return template.format(label=PLACEHOLDER_LABEL.get(entity, entity))


def apply(text: str, redactions: Sequence[Redaction], template: str = "[{label}]") -> str:
    """Replace each region with its placeholder. Regions must not overlap."""
    if not redactions:
        return text
    from presidio_anonymizer.entities import OperatorConfig, RecognizerResult

    results = [RecognizerResult(r.entity, r.start, r.end, r.score) for r in redactions]
    operators = {
        e: OperatorConfig(OPERATOR, {"new_value": placeholder_text(e, template)}) for e in {r.entity for r in redactions}
    }
    # Our resolver already merged neighbours; Presidio's own merging would also swallow
    # the space between e.g. [DATE] and [NAME] of the same type, so it is off.
    return _anonymizer().anonymize(
        text=text, analyzer_results=results, operators=operators, merge_entities_with_spaces=False
    ).text


def splice(text: str, redactions: Sequence[Redaction], template: str = "[{label}]") -> str:
    """Reference implementation of :func:`apply` (pure string splicing); the tests hold
    the anonymizer to it."""
    parts = []
    pos = 0
    for r in sorted(redactions, key=lambda r: r.start):
        parts.append(text[pos:r.start])
        parts.append(placeholder_text(r.entity, template))
        pos = r.end
    parts.append(text[pos:])
    return "".join(parts)
