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

from presidio_analyzer import EntityRecognizer, Pattern
from presidio_analyzer.predefined_recognizers import (
    EmailRecognizer,
    IpRecognizer,
    UrlRecognizer,
)

if TYPE_CHECKING:
    from redactphi.config import Config

# Robustness (issue 9): Presidio's e-mail and URL patterns can be made to take quadratic
# time with a huge constant ("a." * 10,000 + "@" took 67 s; "http://" + "a." * 40,000
# did not finish). The two patterns below are Presidio's with two bounds: the e-mail local
# part is at most 64 characters (RFC 5321's limit), and a URL host starts only where a
# token starts, so a long run of "a.a.a." is not retried from every one of its positions.
_EMAIL_CH = r"[!#$%&'*+\-/=?^_`{|}~\w]"
EMAIL_PATTERN = Pattern(
    "Email (Medium)",
    rf"\b(({_EMAIL_CH}|{_EMAIL_CH}[!#$%&'*+\-/=?^_`{{|}}~\.\w]{{0,62}}{_EMAIL_CH})[@]\w+(?:-+\w+)*(?:\.\w+(?:-+\w+)*)+)\b",
    0.5,
)
_URL_START = r"(?<![a-z0-9.\-])"
URL_PATTERNS = [
    Pattern("Standard Url", "(?i)(?:https?://)" + UrlRecognizer.BASE_URL_REGEX, 0.6),
    Pattern("Non schema URL", "(?i)" + _URL_START + UrlRecognizer.BASE_URL_REGEX, 0.5),
    Pattern("Quoted URL", r'(?i)["\'](https?://' + UrlRecognizer.BASE_URL_REGEX + r')["\']', 0.6),
    Pattern("Quoted Non-schema URL", r'(?i)["\'](' + UrlRecognizer.BASE_URL_REGEX + r')["\']', 0.5),
]

#: (recognizer name, entity, factory) - the name is what the audit shows.
BUILTINS = (
    ("presidio_email", "EMAIL", lambda: EmailRecognizer(patterns=[EMAIL_PATTERN], supported_entity="EMAIL", name="presidio_email")),
    ("presidio_url", "URL", lambda: UrlRecognizer(patterns=URL_PATTERNS, supported_entity="URL", name="presidio_url")),
    ("presidio_ip", "IP_ADDRESS", lambda: IpRecognizer(supported_entity="IP_ADDRESS", name="presidio_ip")),
)


def extra_recognizers(config: Config) -> list[EntityRecognizer]:
    """Instantiate the Presidio built-ins we use (called by the engine's discovery)."""
    return [factory() for name, _entity, factory in BUILTINS]
