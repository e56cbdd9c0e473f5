"""RedactPHI: remove protected health information from clinical notes.

The public API is imported lazily so that ``redactphi --help`` and ``--version`` do not
pay for Presidio and spaCy::

    from redactphi import Redactor, Config
    result = Redactor(Config()).redact("Seen by Dr. Alvarez on 3/14/2023.")
    result.text  # 'Seen by [NAME] on [DATE].'
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

# Presidio's e-mail recognizer calls tldextract, which fetches the public suffix list over
# the network on first use unless told not to. Set here, before any module of ours (the
# recognizers included) can import Presidio: nothing may go to the network at run time.
os.environ.setdefault("TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS", "")

__version__ = "0.1.0"

__all__ = ["Config", "Redactor", "RedactionResult", "Redaction", "__version__"]

if TYPE_CHECKING:  # pragma: no cover
    from redactphi.api import RedactionResult, Redactor
    from redactphi.config import Config
    from redactphi.pipeline.resolve import Redaction


def __getattr__(name: str) -> Any:
    if name in ("Redactor", "RedactionResult"):
        from redactphi import api

        return getattr(api, name)
    if name == "Config":
        from redactphi.config import Config

        return Config
    if name == "Redaction":
        from redactphi.pipeline.resolve import Redaction

        return Redaction
    raise AttributeError(name)
