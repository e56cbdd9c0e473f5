"""Presidio's own recognizers that earn their place in clinical text, renamed to our schema.

Only the ones whose precision holds up on notes are used: Presidio's date, driver-licence
and bank-number recognizers fire on doses, lab values and ICD codes, and we have better
clinical replacements for them. Its phone recognizer was replaced by ``phone``
(recognizers/contact.py), which knows clinical labels ("cb#", "pager", fax vs phone) and
the seven-digit and spaced layouts notes use; email and IP stay Presidio's. Its URL
recognizer stays, but judged: nursing notes run sentences together without a space
("secretions.NO", "pt.ON", "improved..skin"), and every such pair of words ends in some
country code, so a URL without a scheme or "www." must look like a real domain.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from presidio_analyzer import EntityRecognizer, Pattern, RecognizerResult
from presidio_analyzer.predefined_recognizers import (
    EmailRecognizer,
    IpRecognizer,
    UrlRecognizer,
)

from redactphi.lexicons import ordinary_words

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

#: Top-level domains a bare domain ("clinic.org", "nhs.uk") may end in. Other country
#: codes (.re, .no, .pt, .ma, .am ...) are also the first letters of the next sentence in
#: run-together notes; they still count after a scheme or "www.". Source: the IANA root
#: zone's generic TLDs and the most used country codes (general knowledge).
_BARE_TLDS = frozenset(
    "com org net edu gov mil int info biz io app dev health us uk ca au nz ie de fr nl eu in".split()
)
#: Generic TLDs no English sentence starts with: a bare domain in them is a URL on sight.
_GENERIC_TLDS = frozenset("com org net edu gov mil".split())
_SCHEME = re.compile(r"(?:https?|ftp)://|www\d{0,3}\.", re.I)


class ClinicalUrlRecognizer(UrlRecognizer):
    """Presidio's URL patterns; a match without a scheme or "www." must be a plausible
    domain (no ellipsis, whole words, a common TLD; before a country code, a label that is not a word)."""

    def analyze(self, text: str, entities: list[str], nlp_artifacts: Any = None, regex_flags: int | None = None) -> list[RecognizerResult]:
        results = super().analyze(text, entities, nlp_artifacts, regex_flags)
        return [r for r in results if self.plausible(text, r.start, r.end)]

    @staticmethod
    def plausible(text: str, start: int, end: int) -> bool:
        """Whether ``text[start:end]``, found by Presidio's URL patterns, is a URL."""
        url = text[start:end]
        if (start and text[start - 1].isalnum()) or (end < len(text) and text[end].isalnum()):
            return False  # cut out of a longer word: "control.aw|aiting"
        if _SCHEME.match(url):
            return True
        if ".." in url or url.startswith((".", "-")):
            return False  # an ellipsis between two words
        host = url.split("/", 1)[0].rstrip(".")
        labels = host.lower().split(".")
        if len(labels) < 2 or labels[-1] not in _BARE_TLDS:
            return False
        if labels[-1] in _GENERIC_TLDS or "/" in url:
            return True
        name = labels[-2]
        return len(labels) > 2 or not (name in ordinary_words() or len(name) < 3 or name.isdigit())


#: (recognizer name, entity, factory) - the name is what the audit shows.
BUILTINS = (
    ("presidio_email", "EMAIL", lambda: EmailRecognizer(patterns=[EMAIL_PATTERN], supported_entity="EMAIL", name="presidio_email")),
    ("presidio_url", "URL", lambda: ClinicalUrlRecognizer(patterns=URL_PATTERNS, supported_entity="URL", name="presidio_url")),
    ("presidio_ip", "IP_ADDRESS", lambda: IpRecognizer(supported_entity="IP_ADDRESS", name="presidio_ip")),
)


def extra_recognizers(config: Config) -> list[EntityRecognizer]:
    """Instantiate the Presidio built-ins we use (called by the engine's discovery)."""
    return [factory() for name, _entity, factory in BUILTINS]
