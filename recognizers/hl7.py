"""HL7 v2 messages pasted into or exported as notes: every value is judged by its field.

"PID|1||448812^^^GH^MR||DOE^JANE^Q||19610304|F|||12 ELM ST^^SPRINGFIELD^MA^01101" carries
an MRN, a name, a date of birth and an address, and no label a text recognizer could read.
The field position says what each value is (PID-3 identifiers, PID-5 patient name, PID-7
birth date, PID-11 address, per the HL7 v2.5 standard); the data type of the field says
which components identify someone (the family and given names of an XPN, not its name
type code). The field table lives in redactphi/data/field_labels.json.

Separators come from the message's own MSH-1/MSH-2 (usually | ^ ~ \\ &); segments are
split on carriage returns or newlines. Escape sequences ("\\F\\", "\\T\\") contain no separator
characters, so splitting on the raw separators keeps offsets exact.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from presidio_analyzer import RecognizerResult
from redactphi.recognizers._fields import FIELD_ENTITIES, is_empty_value, strip_cell, vocabulary
from redactphi.recognizers.base import RegexRecognizer, Rx

_DEFAULT_SEPARATORS = ("|", "^", "~")


def _split(text: str, start: int, end: int, sep: str) -> Iterator[tuple[int, int]]:
    """Offsets of the pieces of text[start:end] between ``sep`` characters."""
    pos = start
    while True:
        nxt = text.find(sep, pos, end)
        if nxt < 0:
            yield pos, end
            return
        yield pos, nxt
        pos = nxt + 1


class Hl7Recognizer(RegexRecognizer):
    """Values of HL7 v2 segments (MSH, PID, NK1, PV1, IN1, GT1, ORC, OBR, OBX...) by field."""

    NAME = "hl7_fields"
    ENTITY = "ID"
    EXTRA_ENTITIES = FIELD_ENTITIES
    DESCRIPTION = "HL7 v2 segment fields that hold PHI (PID-3/5/7/11/13/19, NK1-2, PV1-7, IN1-16 ...)"
    PATTERNS = (Rx("hl7 segment", r"(?m)^[ \t]*(?P<seg>[A-Z][A-Z0-9]{2})(?P<sep>[|])", 0.9, flags=0),)

    def analyze(self, text, entities, nlp_artifacts=None):  # type: ignore[no-untyped-def]
        vocab = vocabulary()
        segments = set(vocab["hl7_segments"])
        seps = self._separators(text)
        results: list[RecognizerResult] = []
        for start, end in self._segment_lines(text):
            seg = text[start:start + 3]
            if seg not in segments or text[start + 3:start + 4] != seps[0]:
                continue
            for number, (fs, fe) in self._fields(text, start, end, seg, seps[0]):
                spec = vocab["hl7_fields"].get(f"{seg}-{number}")
                if spec:
                    results.extend(self._field_results(text, fs, fe, spec[0], spec[1], seps))
        return [r for r in results if not entities or r.entity_type in entities]

    @staticmethod
    def _separators(text: str) -> tuple[str, str, str]:
        """Field, component and repetition separators from the first MSH segment."""
        m = re.search(r"(?m)^[ \t]*MSH(.)(.)(.)", text)
        if not m or m.group(1).isalnum() or m.group(2).isalnum():
            return _DEFAULT_SEPARATORS
        return m.group(1), m.group(2), m.group(3)

    @staticmethod
    def _segment_lines(text: str) -> Iterator[tuple[int, int]]:
        for m in re.finditer(r"[^\r\n]+", text):
            s, e = m.span()
            while s < e and text[s] in " \t":
                s += 1
            if e - s > 4:
                yield s, e

    @staticmethod
    def _fields(text: str, start: int, end: int, seg: str, fsep: str) -> Iterator[tuple[int, tuple[int, int]]]:
        """(field number, offsets) of each field; MSH-1 is the separator itself, so MSH's
        pieces are numbered from 2 (MSH-2 is the encoding characters)."""
        offset = 1 if seg == "MSH" else 0
        for i, span in enumerate(_split(text, start, end, fsep)):
            if i > 0:
                yield i + offset, span

    def _field_results(
        self, text: str, start: int, end: int, entity: str, dtype: str, seps: tuple[str, str, str]
    ) -> Iterator[RecognizerResult]:
        vocab = vocabulary()
        wanted = vocab["components"].get(dtype, [1])
        for rs, re_ in _split(text, start, end, seps[2]):
            pieces = [(rs, re_)] if dtype == "ST" else list(_split(text, rs, re_, seps[1]))
            for number in wanted:
                if number > len(pieces):
                    continue
                cs, ce = strip_cell(text, *pieces[number - 1])
                if cs >= ce or is_empty_value(text[cs:ce]) or not any(c.isalnum() for c in text[cs:ce]):
                    continue
                ent = vocab["component_entity"].get(f"{dtype}-{number}", entity)
                yield self.result(ent, cs, ce, 0.9, f"hl7 {dtype} field")
