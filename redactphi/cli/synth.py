"""`redactphi synth`: synthetic clinical notes with exact PHI annotations, written by
:mod:`redactphi.bench.synth`. Prints counts and the gold file's path only."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import click

from redactphi.cli.errors import fail
from redactphi.errors import RedactPHIError


@click.command("synth")
@click.option("-n", "--notes", "n", type=click.IntRange(min=0), default=500, show_default=True,
              help="Number of notes to generate.")
@click.option("--seed", type=int, default=0, show_default=True,
              help="Random seed; the same seed always gives byte-identical output.")
@click.option("-o", "--out", "out_dir", required=True,
              type=click.Path(file_okay=False, writable=True),
              help="Directory for <id>.txt files and gold.jsonl (created if missing).")
def synth(n: int, seed: int, out_dir: str) -> None:
    """Generate synthetic clinical notes with exact PHI annotations.

    Writes one <id>.txt per note and gold.jsonl (the shared gold format: id, text,
    spans with start/end/type/text, plus the note style) into DIR. The notes mix nine
    styles (discharge summaries, ICU nursing notes, radiology and lab reports, referral
    letters, portal messages, phone notes, one-line search queries...), the eighteen
    HIPAA identifier kinds in many layouts, about 10% PHI-free notes, and hard negatives
    that must survive redaction (eponyms, doses, vitals, scores, ages under 90, years).

    The identifiers are fictitious but realistic, so treat the output like PHI.

    \b
    Example:
      redactphi synth -n 500 --seed 7 -o bench-notes/
    """
    from redactphi.bench.synth import generate, write_corpus

    counts = {"notes": 0, "spans": 0}

    def counted() -> Iterator[Any]:
        for note in generate(n, seed):
            counts["notes"] += 1
            counts["spans"] += len(note.spans)
            yield note

    try:
        gold = write_corpus(counted(), out_dir)
    except OSError as exc:
        fail(f"cannot write to {out_dir}: {exc.strerror}; nothing was left behind")
    except RedactPHIError as exc:  # ours: it names no note text
        fail(f"synth failed: {exc}; nothing was left behind")
    click.echo(f"wrote {counts['notes']:,} notes ({counts['spans']:,} gold spans) to {gold}")
