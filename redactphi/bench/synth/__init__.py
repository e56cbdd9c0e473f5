"""Synthetic clinical notes with exact PHI ground truth, for the recall benchmark.

Notes are assembled piece by piece; every PHI span is recorded at the moment it is
appended, so offsets are exact by construction and nothing is ever found by searching the
finished text. The generator was written from a description of how PHI appears in real
notes (headers, signatures, family members, letters, portal messages, phone calls), not
from what any recognizer detects: it has to be able to surprise the recognizers.

Annotation conventions (the scorer and the tests rely on them):

* Labels, titles and credentials are context, not PHI: "MRN: 1234567" -> "1234567",
  "Dr. Ana Ruiz, MD" -> "Ana Ruiz", "SSN xxx-xx-1234" -> "1234".
* A street line with its apartment or suite is one GEOGRAPHIC_LOCATION span; city, county
  and ZIP are separate spans. States are not PHI (HIPAA Safe Harbor keeps them).
  Hospitals, clinics, nursing homes and pharmacies are GEOGRAPHIC_LOCATION.
* A DATE span covers the day/month/year parts written; a weekday before it and a time
  after it are context. A year on its own is not PHI.
* AGE spans are ages over 89 only and cover the number ("92" in "92 y/o", "90s").
* Phone and fax extensions are inside the span ("617-555-0142 ext. 214").

Determinism: each note draws from its own ``random.Random`` seeded with a string derived
from ``(seed, index)`` (string seeds are hashed with SHA-512, not ``hash()``), and every
choice is made from tuples in a fixed order, so output is identical across runs, machines
and ``PYTHONHASHSEED`` values, and ``generate(10, s)`` is a prefix of ``generate(500, s)``. Lists
in data files are read in file order and never deduplicated, for the same reason.

Layout: ``context`` (one note's state and its random source), value generators by subject
(``people``, ``places``, ``dates``, ``contact``, ``identifiers``, ``clinical``; ``ids`` for
check digits), ``script`` (runs a style's script), ``styles/`` (one module per note
style) and ``data/`` (every word pool, phrase and style script, as YAML package data).
"""

from __future__ import annotations

import contextlib
import os
import random
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Union

from redactphi.bench.gold import GoldNote, write_gold

# The field modules register their fields on import; styles need them all.
from redactphi.bench.synth import clinical, contact, dates, identifiers, people, places  # noqa: F401
from redactphi.bench.synth.context import Ctx
from redactphi.bench.synth.names import EPONYMS
from redactphi.bench.synth.script import run, script
from redactphi.bench.synth.styles import ALL as _STYLE_LIST

PathLike = Union[str, "os.PathLike[str]"]

STYLES: tuple[str, ...] = tuple(s.name for s in _STYLE_LIST)
_STYLE_WEIGHTS = tuple(s.weight for s in _STYLE_LIST)

__all__ = ["EPONYMS", "STYLES", "generate", "generate_note", "note_id", "write_corpus"]


def note_id(seed: int, index: int) -> str:
    """The id of the ``index``-th note generated with ``seed``."""
    return f"synth-{seed}-{index:05d}"


def generate_note(seed: int, index: int) -> GoldNote:
    """The ``index``-th synthetic note for ``seed`` (independent of how many are generated)."""
    rng = random.Random(f"redactphi-synth-v1:{seed}:{index}")
    style = rng.choices(_STYLE_LIST, weights=_STYLE_WEIGHTS)[0]
    phi_free = rng.random() < style.phi_free_rate
    case = style.case
    if style.lower_case_share and rng.random() < style.lower_case_share:
        case = "lower"  # people type names in lower case; NER relies on capitals
    ctx = Ctx(rng, style.name, phi_free, case)
    if style.prepare is not None:
        style.prepare(ctx)
    run(ctx, script(style.name))
    return GoldNote(id=note_id(seed, index), text=ctx.doc.text, spans=tuple(ctx.doc.spans), style=style.name)


def generate(n: int, seed: int) -> Iterator[GoldNote]:
    """Yield ``n`` synthetic notes with exact gold spans, deterministically from ``seed``."""
    if n < 0:
        raise ValueError("n must be >= 0")
    for i in range(n):
        yield generate_note(seed, i)


def write_corpus(notes: Iterable[GoldNote], out_dir: PathLike) -> Path:
    """Write ``<id>.txt`` per note and ``gold.jsonl`` (shared format) into ``out_dir``.

    Returns the path of ``gold.jsonl``. Text files are written byte-exact (UTF-8, no
    newline translation) so that gold offsets hold for the files too. Every file goes
    through a temporary file and a rename, and if anything fails the files this call
    wrote are removed again: a failed run never leaves a partial corpus (an empty or cut
    ``gold.jsonl``) that a later ``bench --corpus`` would score as if complete.
    """
    from redactphi.pipeline.write import atomic_output

    out = Path(out_dir)
    created = not out.exists()
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []

    def writing_text(items: Iterable[GoldNote]) -> Iterator[GoldNote]:
        for note in items:
            if "/" in note.id or "\\" in note.id or note.id in ("", ".", ".."):
                raise ValueError("a note id is not usable as a file name")
            path = out / f"{note.id}.txt"
            with atomic_output(path) as handle:
                handle.write(note.text.encode("utf-8"))
            written.append(path)
            yield note

    gold_path = out / "gold.jsonl"
    try:
        with atomic_output(gold_path) as handle:
            write_gold(writing_text(notes), handle)
    except BaseException:
        for path in written:
            path.unlink(missing_ok=True)
        if created:
            with contextlib.suppress(OSError):
                out.rmdir()
        raise
    return gold_path
