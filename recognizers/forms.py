"""Templated "Label: value" fields of intake forms, face sheets and letter headers.

"Patient Name: ...", "DOB: ...", "Employer: ...", "Emergency Contact: ...", "Guarantor: ...":
the label says what the value is, and the value runs to the end of its field (the end of
the line, a tab, a pipe, a semicolon, a wide gap or the next "Label:"). The label
vocabulary is the one tables use (redactphi/data/field_labels.json).

Free text reuses these labels loosely ("Patient: resting comfortably", "Contact: family at
bedside"), so unlike a table cell a form value must also look like its type
(``_fields.plausible``): a name is not a run of everyday words, a date has a date's shape.
"""

from __future__ import annotations

import re

from presidio_analyzer import RecognizerResult
from redactphi.recognizers._fields import (
    FIELD_ENTITIES,
    is_empty_value,
    label_entity,
    normalise_label,
    plausible,
    shape_length,
    vocabulary,
)
from redactphi.recognizers.base import RegexRecognizer, Rx

from redactphi.vocabulary import CREDENTIAL_PATTERN, FAMILY

# The value is read inside a lookahead so that a later label on the same line can still
# start its own match ("Name: Ana Ruiz DOB: 3/4/61").
_VALUE_AHEAD = r"(?=[ \t]*(?P<value>[^\r\n|\t;]*?)[ \t]*(?:$|[\r\n|\t;]|[ ]{2,}))"
_LABEL = r"[A-Za-z][A-Za-z0-9 .'/#()_\-]{0,40}?"
# a field starts a line or follows a tab, a pipe or a gap of two spaces (written so that no
# run of blanks is scanned from each of its positions: linear on any input)
_FIELD = (
    rf"(?m)(?:^[ \t]*|(?<=[\t|])[ ]?|(?<=  ))(?P<label>{_LABEL})[ \t]*:{_VALUE_AHEAD}"
)
_KNOWN_LABELS = sorted(vocabulary()["exact"], key=len, reverse=True)
_MIDLINE = (
    # the lookahead for a colon ahead rejects most positions before the long alternation is tried
    r"(?<=[ ,])(?=[A-Za-z][A-Za-z0-9 _\-]{0,40}:)(?P<label>" + "|".join(r"[ _\-]?".join(map(re.escape, k.split())) for k in _KNOWN_LABELS if len(k) > 2)
    + r")[ \t]*:" + _VALUE_AHEAD
)
# a second label on the same line after one space: "Name: Ana Ruiz DOB: 3/4/61"
_NEXT_LABEL = re.compile(r"(?<=\S)[ ]+((?:[A-Za-z][\w.'/#()\-]*[ ]){0,3}[A-Za-z][\w.'/#()\-]*):(?=[ \t]|$)")
# "Loren Oakes MD, PhD": the credentials are not part of the name
# (?<!\s): a match starts only at the first space of a run, so a long run of spaces is
# scanned once, not retried from each of its positions (quadratic; issue 9 regex bounds)
_CREDENTIAL = re.compile(rf"(?<!\s)(?:\s*,\s*|\s+){CREDENTIAL_PATTERN}\b\.?", re.I)
# a name field's value ends before a parenthesis, a number or a dash aside:
# "Emergency Contact: Ana Ruiz (sister) 555-0142" -> "Ana Ruiz"
_NAME_END = re.compile(
    r"(?<!\s)\s*(?:\(|\d|\s-\s|\s–\s|,\s*(?:her|his|the|pt'?s?|patient'?s?|tel|ph|phone|cell|mobile|home|work|pager|cb)\b)", re.I
)


class FormFieldRecognizer(RegexRecognizer):
    """The value of a "Label: value" field whose label names a PHI type."""

    NAME = "form_fields"
    ENTITY = "ID"
    EXTRA_ENTITIES = FIELD_ENTITIES
    DESCRIPTION = "values of 'Label: value' fields (Patient Name:, DOB:, Employer:, Guarantor:, Emergency Contact: ...)"
    PATTERNS = (
        Rx("form field", _FIELD, 0.85, flags=0),
        # a known label later on a line after a single space or comma: "..., MRN: 5521078"
        Rx("form field mid-line", _MIDLINE, 0.85),
        # two-column key/value pastes without colons: "Date of Birth<TAB>03/04/1961"
        Rx("form field tab pair", rf"(?m)^[ ]*(?P<label>{_LABEL})\t+(?=(?P<value>[^\r\n\t]*?)[ \t]*$)", 0.85, flags=0),
    )

    def analyze(self, text, entities, nlp_artifacts=None):  # type: ignore[no-untyped-def]
        results: list[RecognizerResult] = []
        for rx, pattern in self._compiled:
            for m in pattern.finditer(text):
                entity = label_entity(m.group("label"))
                if entity is None or (entities and entity not in entities):
                    continue
                span = self._value_span(text, m, entity)
                if span is not None:
                    results.append(self.result(entity, *span, rx.score, f"{rx.name} {entity.lower()}"))
        return results

    @staticmethod
    def _value_span(text: str, m: re.Match[str], entity: str) -> tuple[int, int] | None:
        start, end = m.span("value")
        end = _before_next_label(text, start, end)
        if entity == "NAME":
            start = _after_relation(text, start, end)
            end = _name_end(text, start, end)
        value = text[start:end].rstrip(" ,.")
        value = value[:shape_length(entity, value)]
        end = start + len(value)
        if is_empty_value(value) or not plausible(entity, value):
            return None
        return start, end


def _before_next_label(text: str, start: int, end: int) -> int:
    """End of a value that a second "Label:" follows after a single space: the longest run
    of words before the colon that is a known label, else the one word before it."""
    m = _NEXT_LABEL.search(text, start, end)
    if m is None:
        return end
    words = list(re.finditer(r"\S+", m.group(1)))
    for w in words:  # longest suffix first
        if normalise_label(m.group(1)[w.start():]) in vocabulary()["exact"]:
            return m.start(1) + w.start()
    return m.start(1) + words[-1].start()


def _name_end(text: str, start: int, end: int) -> int:
    """A name field's value ends before an aside, a number, a verb-like word, or a comma
    once two words precede it ("John Smith, evaluated at ..."; "Doe, Jane" stays whole)."""
    cut = _NAME_END.search(text, start, end)
    end = cut.start() if cut else end
    cred = _CREDENTIAL.search(text, start, end)
    end = cred.start() if cred else end
    for m in re.finditer(r",|\s(?:was|is|were|who|seen|evaluated|admitted|at|on|in|from|with|for)\b", text[start:end], re.I):
        if m.group() != "," or len(text[start:start + m.start()].split()) >= 2:
            return start + m.start()
    return end


def _after_relation(text: str, start: int, end: int) -> int:
    """"Legal Guardian: Niece, Ana Ruiz", "NOK: HUSBAND TRAN VAN AN" -> the name starts
    after the relation word."""
    m = re.match(r"([A-Za-z]+)(?:-in-law)?(?:\s*[,:\-]+\s*|\s+)", text[start:end], re.I)
    if m and m.group(1).lower() in FAMILY and m.end() < end - start:
        return start + m.end()
    return start
