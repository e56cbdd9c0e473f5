"""A note being written: text appended piece by piece, PHI spans recorded as they are appended."""

from __future__ import annotations

import functools
import re

from redactphi.bench.gold import GoldSpan


class Doc:
    """Appends text; PHI spans are recorded where they are appended (exact by construction)."""

    def __init__(self, case: str | None) -> None:
        self._parts: list[str] = []
        self._pos = 0
        self.spans: list[GoldSpan] = []
        self._case = case

    def _shape(self, text: str) -> str:
        if self._case == "upper":
            return text.upper()
        if self._case == "lower":
            return text.lower()
        return text

    def lit(self, text: str) -> None:
        text = self._shape(text)
        self._parts.append(text)
        self._pos += len(text)

    def phi(self, typ: str, text: str) -> None:
        text = self._shape(text)
        if not text or text != text.strip():
            raise AssertionError(f"malformed {typ} span in generator (length {len(text)})")
        self.spans.append(GoldSpan(self._pos, self._pos + len(text), typ, text))
        self._parts.append(text)
        self._pos += len(text)

    @property
    def text(self) -> str:
        return "".join(self._parts)


FIELD = re.compile(r"\{(\w+)\}")


@functools.lru_cache(maxsize=4096)
def parse_template(template: str) -> tuple[tuple[bool, str], ...]:
    """Split a template into (is_field, text) pieces once; templates are reused a lot."""
    pieces: list[tuple[bool, str]] = []
    pos = 0
    for m in FIELD.finditer(template):
        if m.start() > pos:
            pieces.append((False, template[pos : m.start()]))
        pieces.append((True, m.group(1)))
        pos = m.end()
    if pos < len(template):
        pieces.append((False, template[pos:]))
    return tuple(pieces)
