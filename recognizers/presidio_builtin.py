"""Presidio's own recognizers that earn their place in clinical text, renamed to our schema.

Only the ones whose precision holds up on notes are used: Presidio's date, driver-licence
and bank-number recognizers fire on doses, lab values and ICD codes, and we have better
clinical replacements for them. Its phone recognizer was replaced by ``phone``
(recognizers/contact.py), which knows clinical labels ("cb#", "pager", fax vs phone) and
the seven-digit and spaced layouts notes use; email, URL and IP stay Presidio's, which
catch every case in our benchmarks without false positives.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from presidio_analyzer import EntityRecognizer
from presidio_analyzer.predefined_recognizers import (
    EmailRecognizer,
    IpRecognizer,
    UrlRecognizer,
)

if TYPE_CHECKING:
    from redactphi.config import Config

#: (recognizer name, entity, factory) - the name is what the audit shows.
BUILTINS = (
    ("presidio_email", "EMAIL", lambda: EmailRecognizer(supported_entity="EMAIL", name="presidio_email")),
    ("presidio_url", "URL", lambda: UrlRecognizer(supported_entity="URL", name="presidio_url")),
    ("presidio_ip", "IP_ADDRESS", lambda: IpRecognizer(supported_entity="IP_ADDRESS", name="presidio_ip")),
)


def extra_recognizers(config: Config) -> list[EntityRecognizer]:
    """Instantiate the Presidio built-ins we use (called by the engine's discovery)."""
    return [factory() for name, _entity, factory in BUILTINS]
