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
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import click

from redactphi.entities import GOLD_CATEGORIES
from redactphi.errors import EXIT_ERROR, EXIT_FOUND, EXIT_OK, RedactPHIError

BENCH_JSON_VERSION = 1
_TYPE_GATE = re.compile(r"^([A-Z][A-Z0-9_]*)=([0-9]*\.?[0-9]+)$")


def _fail(message: str) -> click.exceptions.Exit:
    """Print an error on stderr and return the exit to raise (exit code 2). ``message``
    is ours (a location, a setting, what to do next), never note text."""
    message = " ".join(message.splitlines())
    click.echo(f"redactphi: error: {message}", err=True)
    return click.exceptions.Exit(EXIT_ERROR)


def _where(exc: BaseException) -> str:
    # Where an unexpected exception was raised, without its message: messages from deep
    # inside NLP libraries can quote the text being processed.
    frames = traceback.extract_tb(exc.__traceback__)
    if not frames:
        return type(exc).__name__
    last = frames[-1]
    return f"{type(exc).__name__} at {Path(last.filename).name}:{last.lineno}"


def _write_private(path: str, lines: Iterator[str]) -> None:
    """Write a file readable by its owner only (it holds PHI)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
        for line in lines:
            handle.write(line)


# --- synth ----------------------------------------------------------------------------


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
        raise _fail(f"cannot write to {out_dir}: {exc.strerror}; nothing was left behind") from None
    except RedactPHIError as exc:  # ours: it names no note text
        raise _fail(f"synth failed: {exc}; nothing was left behind") from None
    click.echo(f"wrote {counts['notes']:,} notes ({counts['spans']:,} gold spans) to {gold}")


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
        raise _fail(f"invalid config: {exc}") from None


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
    from redactphi.bench.run import BenchError, check_gates, presidio_predictor, redactphi_predictor, run_bench

    src = click.core.ParameterSource
    if corpus is not None:
        for name in ("n", "seed"):
            if ctx.get_parameter_source(name) is src.COMMANDLINE:
                raise click.UsageError("--notes and --seed apply to synthetic notes, not --corpus")

    # Read and validate all input before loading any model: a bad gold line or a gate on
    # a type the corpus lacks should fail in a second, not after the run.
    if corpus is not None:
        from redactphi.bench.gold import load_gold

        try:
            notes = list(load_gold(corpus))
        except (OSError, UnicodeDecodeError) as exc:
            raise _fail(f"cannot read {corpus}: {type(exc).__name__}") from None
        except ValueError as exc:
            raise _fail(str(exc)) from None
        corpus_info: dict[str, Any] = {"source": "file", "path": corpus, "notes": len(notes)}
    else:
        from redactphi.bench.synth import generate

        notes = list(generate(n, seed))
        corpus_info = {"source": "synthetic", "seed": seed, "notes": n}
    if not notes:
        raise _fail("the corpus has no notes")
    if case != "as-written":
        from redactphi.bench.gold import recase

        notes = [recase(note, case) for note in notes]
        corpus_info["case"] = case
    present = {s.type for note in notes for s in note.spans}
    for gold_type in type_gates:
        if gold_type not in present:
            known = "" if gold_type in GOLD_CATEGORIES else " (not a known gold category)"
            raise _fail(f"--min-recall-type {gold_type}: the corpus has no {gold_type} spans{known}")
    corpus_info["gold_spans"] = sum(len(note.spans) for note in notes)

    config = _load_config(config_path)
    miss_lines: list[str] = []

    def keep_miss(miss: Any) -> None:
        miss_lines.append(json.dumps({"system": "redactphi", **miss.to_dict()}, ensure_ascii=False) + "\n")

    def run(label: str, make: Callable[[], Any], **kwargs: Any) -> Any:
        try:
            predictor = make()
        except ImportError as exc:
            raise _fail(f"{label} is not available ({exc.name or 'import failed'} missing)") from None
        except (BenchError, RedactPHIError, RuntimeError) as exc:
            # Setup errors (a model not installed, a bad recognizer file) say what to do.
            raise _fail(str(exc)) from None
        except Exception as exc:
            raise _fail(f"{label} could not start ({_where(exc)})") from None
        try:
            return run_bench(notes, predictor, **kwargs)
        except (BenchError, RedactPHIError) as exc:
            # Our own errors never quote note text (a NoteError names the note's position).
            raise _fail(f"{label}: {exc}") from None
        except Exception as exc:
            raise _fail(f"{label} failed while redacting ({_where(exc)})") from None

    ours = run("RedactPHI's pipeline (redactphi.api)", lambda: redactphi_predictor(config),
               on_miss=keep_miss if misses_path else None)
    theirs = None
    if compare == "presidio":
        from redactphi.bench.vanilla import PRESIDIO_GOLD_CATEGORY

        theirs = run("vanilla Presidio", presidio_predictor, category_map=PRESIDIO_GOLD_CATEGORY)

    try:
        gates = check_gates(ours, min_recall, type_gates)
    except BenchError as exc:
        raise _fail(str(exc)) from None

    from redactphi.bench.score import format_table

    if case != "as-written":
        click.echo(f"(every note re-cased to {case} case)")
    click.echo(format_table(ours, theirs))
    if gates:
        click.echo("\nGates")
        for gate in gates:
            click.echo(f"  {gate.describe()}")

    reports = {"redactphi": ours} if theirs is None else {"redactphi": ours, "presidio": theirs}
    try:
        if json_path:
            Path(json_path).write_text(_report_json(corpus_info, reports, gates), encoding="utf-8")
        if misses_path:
            header = {"version": BENCH_JSON_VERSION, "contains_phi": True, "corpus": corpus_info}
            _write_private(misses_path, iter([json.dumps(header) + "\n", *miss_lines]))
            click.echo(f"\n{len(miss_lines):,} missed spans written to {misses_path} (contains PHI)")
    except OSError as exc:
        raise _fail(f"cannot write output: {exc.strerror}") from None

    ctx.exit(EXIT_FOUND if any(not g.passed for g in gates) else EXIT_OK)


@click.group()
def main() -> None:
    """Standalone entry for the benchmark commands (the main CLI registers them too)."""


main.add_command(synth)
main.add_command(bench)

if __name__ == "__main__":  # pragma: no cover
    main()
