"""Click commands for the recall benchmark: ``synth`` and ``bench``.

The commands only parse arguments, call :mod:`redactphi.bench.synth`, :mod:`redactphi.bench.run`
and :mod:`redactphi.bench.score`, and turn results into text and an exit code. The main CLI
registers them with ``main.add_command(synth)`` and ``main.add_command(bench)``; until
then ``python -m redactphi.cli.bench`` runs them standalone.

Nothing written to the terminal contains PHI: only counts, rates, type names and paths.
Missed spans (which are PHI) go only to the ``--misses`` file.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import click

from redactphi.cli.errors import fail, where
from redactphi.cli.synth import synth
from redactphi.entities import GOLD_CATEGORIES
from redactphi.errors import EXIT_FOUND, EXIT_OK, RedactPHIError

BENCH_JSON_VERSION = 1
_TYPE_GATE = re.compile(r"^([A-Z][A-Z0-9_]*)=([0-9]*\.?[0-9]+)$")


def _write_private(path: str, lines: Iterator[str]) -> None:
    """Write a file readable by its owner only (it holds PHI)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
        for line in lines:
            handle.write(line)


# --- bench ----------------------------------------------------------------------------


def _parse_type_gates(
    ctx: click.Context, param: click.Parameter, values: tuple[str, ...]
) -> dict[str, float]:
    gates: dict[str, float] = {}
    for value in values:
        m = _TYPE_GATE.match(value.strip())
        if not m:
            raise click.BadParameter(f"expected TYPE=RECALL such as NAME=0.98, got {value!r}")
        gates[m.group(1)] = float(m.group(2))
    return gates


def _load_config(path: str | None) -> Any:
    """The configuration `redactphi redact` would use: --config, else the nearest
    redactphi.toml / pyproject.toml (the loader the other commands use)."""
    from redactphi.cli.options import load_config

    try:
        return load_config(path)
    except (RedactPHIError, OSError, ValueError) as exc:  # config errors never quote note text
        fail(f"invalid config: {exc}")


def _report_json(
    corpus: dict[str, Any], reports: dict[str, Any], gates: list[Any]
) -> str:
    document = {
        "version": BENCH_JSON_VERSION,
        "corpus": corpus,
        "reports": {name: report.to_dict() for name, report in reports.items()},
        "gates": [g.to_dict() for g in gates],
    }
    return json.dumps(document, indent=2) + "\n"


_BENCH_HELP = """Measure how much PHI the redaction pipeline catches.

Generates synthetic notes with exact gold annotations (or reads a gold corpus), redacts
them with the same pipeline and configuration as `redactphi redact`, and scores the
redactions. Only figures are printed: recall, precision, leak counts and throughput,
overall and per PHI type.

\b
Figures
  strict span recall   a gold span counts as caught only if every letter and digit
                       in it is redacted (any entity label); the headline figure
  any-overlap recall   at least one letter or digit of the span redacted
  token recall and     tokens are runs of letters and digits; precision shows how
  token precision      much of what was redacted really was PHI
  missed spans, leaking notes
                       counts, because a rate hides how many notes would leak
  over-redacted PHI-free notes
                       notes without any PHI in which something was redacted

\b
Gates
  --min-recall and --min-recall-type turn the benchmark into a CI check on strict
  recall; several --min-recall-type options may be given.

\b
Exit status
  0  finished, and every gate (if any) was met
  1  a recall gate was not met
  2  usage, configuration or input error (including a gate on a type with no spans)

\b
Examples
  redactphi bench --notes 1000 --seed 0
  redactphi bench --compare presidio --json bench.json
  redactphi bench --min-recall 0.99 --min-recall-type NAME=0.98 --min-recall-type DATE=0.99
  redactphi bench --corpus gold.jsonl --misses misses.jsonl
  redactphi bench --corpus gold.jsonl --case upper     (recall without capitals)
"""


@click.command("bench", help=_BENCH_HELP)
@click.option("--notes", "n", type=click.IntRange(min=1), default=1000, show_default=True,
              help="Number of synthetic notes to generate and score.")
@click.option("--seed", type=int, default=0, show_default=True,
              help="Seed of the synthetic notes (same seed, same notes).")
@click.option("--corpus", type=click.Path(exists=True, dir_okay=False),
              help="Score this gold JSONL file (shared format) instead of synthetic notes.")
@click.option("--config", "config_path", type=click.Path(exists=True, dir_okay=False),
              help="RedactPHI config file, as for `redactphi redact --config`.")
@click.option("--case", "case", type=click.Choice(["as-written", "upper", "lower"]), default="as-written",
              metavar="CASE",
              help="Score the notes as-written (default), or re-cased to `upper` (as upper-case "
                   "nursing notes are written) or `lower` (as typed queries); gold offsets are "
                   "unchanged.")
@click.option("--compare", type=click.Choice(["presidio"]),
              help="Also score vanilla Presidio (default recognizers) on the same notes, "
                   "side by side.")
@click.option("--json", "json_path", type=click.Path(dir_okay=False, writable=True),
              help="Write every figure (versioned JSON, no PHI) to this file.")
@click.option("--misses", "misses_path", type=click.Path(dir_okay=False, writable=True),
              help="Write each missed gold span with surrounding text to this JSONL file. "
                   "THIS FILE CONTAINS PHI (the missed identifiers themselves); it is "
                   "created readable by you only.")
@click.option("--min-recall", type=click.FloatRange(min=0.0),
              help="Exit 1 if overall strict span recall is below this (0-1, e.g. 0.99).")
@click.option("--min-recall-type", "type_gates", multiple=True, callback=_parse_type_gates,
              metavar="TYPE=RECALL",
              help="Exit 1 if strict recall of one gold type is below RECALL, "
                   "e.g. NAME=0.98. Repeatable.")
@click.pass_context
def bench(
    ctx: click.Context,
    n: int,
    seed: int,
    corpus: str | None,
    config_path: str | None,
    case: str,
    compare: str | None,
    json_path: str | None,
    misses_path: str | None,
    min_recall: float | None,
    type_gates: dict[str, float],
) -> None:
    from redactphi.bench.run import BenchError, check_gates, presidio_predictor, redactphi_predictor

    notes, corpus_info = _read_corpus(ctx, n, seed, corpus, case, type_gates)
    config = _load_config(config_path)
    miss_lines: list[str] = []

    def keep_miss(miss: Any) -> None:
        miss_lines.append(json.dumps({"system": "redactphi", **miss.to_dict()}, ensure_ascii=False) + "\n")

    ours = _run("RedactPHI's pipeline (redactphi.api)", lambda: redactphi_predictor(config), notes,
                on_miss=keep_miss if misses_path else None)
    theirs = None
    if compare == "presidio":
        from redactphi.bench.vanilla import PRESIDIO_GOLD_CATEGORY

        theirs = _run("vanilla Presidio", presidio_predictor, notes, category_map=PRESIDIO_GOLD_CATEGORY)

    try:
        gates = check_gates(ours, min_recall, type_gates)
    except BenchError as exc:
        fail(str(exc))

    from redactphi.bench.score import format_table

    if case != "as-written":
        click.echo(f"(every note re-cased to {case} case)")
    click.echo(format_table(ours, theirs))
    if gates:
        click.echo("\nGates")
        for gate in gates:
            click.echo(f"  {gate.describe()}")

    reports = {"redactphi": ours} if theirs is None else {"redactphi": ours, "presidio": theirs}
    _write_outputs(json_path, misses_path, corpus_info, reports, gates, miss_lines)
    ctx.exit(EXIT_FOUND if any(not g.passed for g in gates) else EXIT_OK)


def _read_corpus(
    ctx: click.Context, n: int, seed: int, corpus: str | None, case: str, type_gates: dict[str, float]
) -> tuple[list[Any], dict[str, Any]]:
    """The notes to score and what the bench JSON says about them. All input is read and
    checked before any model loads: a bad gold line or a gate on a type the corpus lacks
    should fail in a second, not after the run."""
    if corpus is not None:
        for name in ("n", "seed"):
            if ctx.get_parameter_source(name) is click.core.ParameterSource.COMMANDLINE:
                raise click.UsageError("--notes and --seed apply to synthetic notes, not --corpus")
        from redactphi.bench.gold import load_gold

        try:
            notes = list(load_gold(corpus))
        except (OSError, UnicodeDecodeError) as exc:
            fail(f"cannot read {corpus}: {type(exc).__name__}")
        except ValueError as exc:
            fail(str(exc))
        corpus_info: dict[str, Any] = {"source": "file", "path": corpus, "notes": len(notes)}
    else:
        from redactphi.bench.synth import generate

        notes = list(generate(n, seed))
        corpus_info = {"source": "synthetic", "seed": seed, "notes": n}
    if not notes:
        fail("the corpus has no notes")
    if case != "as-written":
        from redactphi.bench.gold import recase

        notes = [recase(note, case) for note in notes]
        corpus_info["case"] = case
    present = {s.type for note in notes for s in note.spans}
    for gold_type in type_gates:
        if gold_type not in present:
            known = "" if gold_type in GOLD_CATEGORIES else " (not a known gold category)"
            fail(f"--min-recall-type {gold_type}: the corpus has no {gold_type} spans{known}")
    corpus_info["gold_spans"] = sum(len(note.spans) for note in notes)
    return notes, corpus_info


def _run(label: str, make: Callable[[], Any], notes: list[Any], **kwargs: Any) -> Any:
    """Build a predictor and score it on ``notes``; any failure exits 2 with a message
    that names the system and, for unexpected errors, only the exception's type and place."""
    from redactphi.bench.run import BenchError, run_bench

    try:
        predictor = make()
    except ImportError as exc:
        fail(f"{label} is not available ({exc.name or 'import failed'} missing)")
    except (BenchError, RedactPHIError, RuntimeError) as exc:
        # Setup errors (a model not installed, a bad recognizer file) say what to do.
        fail(str(exc))
    except Exception as exc:
        fail(f"{label} could not start ({where(exc)})")
    try:
        return run_bench(notes, predictor, **kwargs)
    except (BenchError, RedactPHIError) as exc:
        # Our own errors never quote note text (a NoteError names the note's position).
        fail(f"{label}: {exc}")
    except Exception as exc:
        fail(f"{label} failed while redacting ({where(exc)})")


def _write_outputs(
    json_path: str | None, misses_path: str | None, corpus_info: dict[str, Any],
    reports: dict[str, Any], gates: list[Any], miss_lines: list[str],
) -> None:
    try:
        if json_path:
            Path(json_path).write_text(_report_json(corpus_info, reports, gates), encoding="utf-8")
        if misses_path:
            header = {"version": BENCH_JSON_VERSION, "contains_phi": True, "corpus": corpus_info}
            _write_private(misses_path, iter([json.dumps(header) + "\n", *miss_lines]))
            click.echo(f"\n{len(miss_lines):,} missed spans written to {misses_path} (contains PHI)")
    except OSError as exc:
        fail(f"cannot write output: {exc.strerror}")


@click.group()
def main() -> None:
    """Standalone entry for the benchmark commands (the main CLI registers them too)."""


main.add_command(synth)
main.add_command(bench)

if __name__ == "__main__":  # pragma: no cover
    main()
