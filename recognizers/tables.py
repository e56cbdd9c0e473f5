"""Tables with a header row: CSV exports, pipe tables and tab-separated pastes.

Under a column headed "Last Name", "DOB", "Address", "MRN" or "Employer" every cell is PHI
of that type whatever it looks like: "Hope" under "first" is a name, "Grace Lutheran"
under "employer" a workplace. The header vocabulary is redactphi/data/field_labels.json.

A header row is a line of two or more short, label-like cells of which at least one names a
PHI field; the table is the run of following lines with the same separator and the same
number of cells (a markdown rule line such as "|---|---|" is skipped). A state column is
kept: a state alone is not a Safe Harbor identifier.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from presidio_analyzer import RecognizerResult
from redactphi.recognizers._fields import FIELD_ENTITIES, is_empty_value, label_entity, strip_cell
from redactphi.recognizers.age import phi_age
from redactphi.recognizers.base import RegexRecognizer, Rx

_SEPARATORS = ("\t", "|", ",", ";")
_HEADER_CELL = re.compile(r"[A-Za-z][A-Za-z0-9 _.\-/#()']{0,38}")
_RULE_LINE = re.compile(r"[\s|:+\-=]+")


# An age in a cell, alone or with a unit ("93", "93 yrs"), judged by age.phi_age.
_AGE_CELL = re.compile(r"(\d{2,3})(?:[ \t]*(?:y|yo|yrs?|years?))?", re.I)


def _lines(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for m in re.finditer(r"\r\n|\r|\n", text):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, len(text)))
    return out


def split_cells(text: str, start: int, end: int, sep: str) -> list[tuple[int, int]]:
    """Offsets of the cells of one row, trimmed of spaces and CSV quotes. A quoted cell may
    hold the separator ("Doe, Jane"); outer pipes of a markdown row are dropped."""
    cells: list[tuple[int, int]] = []
    pos, quoted, cell_start = start, False, start
    while pos < end:
        ch = text[pos]
        if ch == '"' and sep != "|":
            quoted = not quoted
        elif ch == sep and not quoted:
            cells.append((cell_start, pos))
            cell_start = pos + 1
        pos += 1
    cells.append((cell_start, end))
    if sep == "|":
        if cells and not text[cells[0][0]:cells[0][1]].strip():
            cells = cells[1:]
        if cells and not text[cells[-1][0]:cells[-1][1]].strip():
            cells = cells[:-1]
    return [strip_cell(text, s, e) for s, e in cells]


class TableRecognizer(RegexRecognizer):
    """Cells under a PHI column header in CSV, pipe and tab tables."""

    NAME = "table_columns"
    ENTITY = "ID"
    EXTRA_ENTITIES = FIELD_ENTITIES
    DESCRIPTION = "table cells (CSV, pipe, tab) under a header such as Name, DOB, Address, MRN, Employer"
    # candidate header lines: at least two separators (the structure is checked in code)
    PATTERNS = (Rx("table header", r"(?m)^.*[\t|,;].*[\t|,;].*$", 0.85, flags=0),)

    def analyze(self, text, entities, nlp_artifacts=None):  # type: ignore[no-untyped-def]
        lines = _lines(text)
        results: list[RecognizerResult] = []
        i = 0
        while i < len(lines):
            header = self._header(text, *lines[i])
            if header is None:
                i += 1
                continue
            sep, columns = header
            i += 1
            if i < len(lines) and self._key_value_list(text, *lines[i], sep):
                continue
            while i < len(lines):
                s, e = lines[i]
                if _RULE_LINE.fullmatch(text[s:e] or "x") and sep == "|":
                    i += 1
                    continue
                cells = split_cells(text, s, e, sep) if sep in text[s:e] else []
                if len(cells) != len(columns):
                    break
                results.extend(self._row_results(text, cells, columns))
                i += 1
        return [r for r in results if not entities or r.entity_type in entities]

    @staticmethod
    def _header(text: str, start: int, end: int) -> tuple[str, list[str | None]] | None:
        """(separator, entity per column) if the line is a header naming a PHI column."""
        line = text[start:end]
        if re.match(r"[ \t]*[A-Z][A-Z0-9]{2}\|", line):
            return None  # an HL7 segment (hl7.py reads it by field)
        for sep in _SEPARATORS:
            if line.count(sep) < 1 or (sep == "," and line.count(sep) < 2):
                continue
            cells = split_cells(text, start, end, sep)
            if len(cells) < 2 or not all(_HEADER_CELL.fullmatch(text[s:e]) for s, e in cells):
                continue
            if any(len(text[s:e].split()) > 4 for s, e in cells):
                continue  # prose with commas, not a header
            columns = [label_entity(text[s:e]) for s, e in cells]
            if any(columns):
                return sep, columns
        return None

    @staticmethod
    def _key_value_list(text: str, start: int, end: int, sep: str) -> bool:
        """"Patient Name<TAB>Ana Ruiz" then "Date of Birth<TAB>...": the first line was a
        key/value pair, not a header (forms.py reads such lists)."""
        cells = split_cells(text, start, end, sep) if sep in text[start:end] else []
        return bool(cells) and label_entity(text[cells[0][0]:cells[0][1]]) is not None

    def _row_results(self, text: str, cells: list[tuple[int, int]], columns: list[str | None]) -> Iterator[RecognizerResult]:
        for (s, e), entity in zip(cells, columns, strict=True):
            age = _AGE_CELL.fullmatch(text[s:e]) if entity == "AGE" else None
            if entity == "AGE" and not (age and phi_age(int(age.group(1)))):
                continue  # Safe Harbor: only an age over 89 is PHI ("75" under "age" stays)
            if entity and s < e and not is_empty_value(text[s:e]) and any(c.isalnum() for c in text[s:e]):
                yield self.result(entity, s, e, 0.9, "table cell under header")
