"""The command line. It parses arguments, builds a Config, calls the library and turns
results into text and an exit code; the work itself lives in the library modules.

Heavy imports (Presidio, spaCy) happen inside commands so ``--help`` is instant.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, NoReturn, Optional

import click

from redactphi import __version__
from redactphi.errors import EXIT_ERROR, EXIT_FOUND, EXIT_OK, RedactPHIError

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def _fail(exc: RedactPHIError) -> NoReturn:
    click.echo(f"redactphi: error: {exc}", err=True)
    sys.exit(exc.exit_code)


def load_config(config_path: Optional[str], **overrides: Any) -> Any:
    """Config from --config (or the nearest redactphi.toml / pyproject.toml), then the
    command-line overrides that were actually given."""
    from redactphi.config import Config

    if config_path:
        cfg = Config.from_file(config_path)
    else:
        cfg, _ = Config.discover(Path.cwd())
    changes = {k: v for k, v in overrides.items() if v is not None}
    return cfg.replace(**changes) if changes else cfg


def config_options(f: Any) -> Any:
    """Options shared by every command that detects PHI."""
    f = click.option(
        "--entities",
        metavar="LIST",
        help="Comma-separated entity types to redact (default: all; see `redactphi recognizers`).",
    )(f)
    f = click.option("--redact-years", is_flag=True, default=None, help="Also redact years standing alone (Safe Harbor keeps them).")(f)
    f = click.option(
        "--threshold", type=click.FloatRange(0, 1), metavar="SCORE", help="Minimum detection score to redact (default 0.35)."
    )(f)
    f = click.option(
        "--engine",
        type=click.Choice(["spacy", "rules"]),
        help="spacy: NER + rules (default). rules: patterns and word lists only - weaker on names; "
        "the audit header records the choice.",
    )(f)
    f = click.option(
        "--config",
        "config_path",
        type=click.Path(exists=True, dir_okay=False),
        metavar="FILE",
        help="Config file (redactphi.toml or pyproject.toml). Default: the nearest one above the current folder.",
    )(f)
    return f


def build_config(config_path: Optional[str], engine: Optional[str], threshold: Optional[float], redact_years: Optional[bool], entities: Optional[str]) -> Any:
    ents = tuple(e.strip().upper() for e in entities.split(",") if e.strip()) if entities else None
    return load_config(config_path, engine=engine, score_threshold=threshold, redact_years=redact_years, entities=ents)


@click.group(context_settings=CONTEXT_SETTINGS)
@click.version_option(__version__, "-V", "--version", prog_name="redactphi")
def main() -> None:
    """Remove protected health information (PHI) from clinical notes.

    RedactPHI finds the HIPAA Safe Harbor identifiers in free text - names, dates, ages
    over 89, places, phone numbers, record and account numbers and the rest - and
    replaces each with a typed placeholder such as [NAME] or [DATE]. Every decision is
    written to an audit log that never contains the PHI itself.

    \b
    Examples:
      redactphi redact notes/ -o redacted/ --audit audit.jsonl
      redactphi recognizers
      redactphi bench --notes 1000 --seed 0

    Exit codes: 0 success; 1 PHI found (scan), a gate not met (bench) or some notes
    failed (redact); 2 usage, configuration or input error.
    """


@main.command(context_settings=CONTEXT_SETTINGS)
@click.argument("sources", nargs=-1, required=True, type=click.Path(exists=True), metavar="SRC...")
@click.option("-o", "--output", "out_dir", required=True, type=click.Path(file_okay=False), metavar="OUT", help="Folder to write redacted notes into (mirrors each SRC's tree).")
@click.option("--audit", "audit_path", type=click.Path(dir_okay=False), metavar="FILE", help="Write the audit log (JSONL) here. Default: OUT.audit.jsonl next to OUT.")
@click.option("--glob", default="*.txt", show_default=True, help="Which files to take when walking folders.")
@click.option("--resume", is_flag=True, help="Skip notes that an earlier (interrupted) run with this audit file already finished for the same input.")
@click.option("-q", "--quiet", is_flag=True, help="Print nothing but errors.")
@click.option("-v", "--verbose", is_flag=True, help="List every failed note with its reason.")
@config_options
def redact(
    sources: tuple[str, ...],
    out_dir: str,
    audit_path: Optional[str],
    glob: str,
    resume: bool,
    quiet: bool,
    verbose: bool,
    config_path: Optional[str],
    engine: Optional[str],
    threshold: Optional[float],
    redact_years: Optional[bool],
    entities: Optional[str],
) -> None:
    """Redact notes in files and folders into OUT.

    Folders are walked recursively for files matching --glob and each redacted note is
    written to the same relative path under OUT; inputs are never modified, and OUT may
    not lie inside an input. Writes are atomic: a note is either fully written or absent.

    A note that cannot be processed (unreadable, not UTF-8, detection error) is not
    written; it is listed by path and reason, and the exit code is 1.

    \b
    Examples:
      redactphi redact notes/ -o redacted/
      redactphi redact notes/ -o redacted/ --audit audit.jsonl --glob '*.note'
      redactphi redact notes/ -o redacted/ --audit audit.jsonl --resume
      redactphi redact notes/ -o redacted/ --engine rules --redact-years
    """
    try:
        cfg = build_config(config_path, engine, threshold, redact_years, entities)
        from redactphi.job import redact_folder

        out = Path(out_dir)
        audit = Path(audit_path) if audit_path else out.with_name(out.name + ".audit.jsonl")
        progress = None if quiet or not sys.stderr.isatty() else _Progress()
        summary = redact_folder(
            sources, out, config=cfg, audit_path=audit, glob=glob, resume=resume, progress=progress
        )
        if progress:
            progress.done()
    except RedactPHIError as exc:
        _fail(exc)
    if not quiet:
        counts = ", ".join(f"{k} {v}" for k, v in sorted(summary.counts.items())) or "none"
        click.echo(
            f"redactphi: {summary.redacted} redacted, {summary.failed} failed, {summary.skipped} skipped "
            f"of {summary.notes} notes; {summary.redactions} redactions ({counts}); "
            f"{summary.notes_per_second:.1f} notes/s; audit: {audit}",
            err=True,
        )
    if summary.failed:
        shown = summary.failures if verbose else summary.failures[:10]
        for note_id, reason in shown:
            click.echo(f"redactphi: failed: {note_id}: {reason}", err=True)
        if len(summary.failures) > len(shown):
            click.echo(f"redactphi: ... and {len(summary.failures) - len(shown)} more (see --verbose or the audit)", err=True)
    sys.exit(summary.exit_code)


class _Progress:
    """Files done, notes per second and ETA on one stderr line (terminals only)."""

    def __init__(self) -> None:
        import time

        self._time = time.perf_counter
        self._start = self._time()
        self._last = 0.0

    def __call__(self, done: int, total: int) -> None:
        now = self._time()
        if now - self._last < 0.2 and done != total:
            return
        self._last = now
        rate = done / (now - self._start) if now > self._start else 0.0
        eta = (total - done) / rate if rate else 0.0
        click.echo(f"\r  {done}/{total} notes  {rate:.1f} notes/s  ETA {eta:.0f}s   ", err=True, nl=False)

    def done(self) -> None:
        click.echo("", err=True)


@main.command(context_settings=CONTEXT_SETTINGS)
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@config_options
def recognizers(fmt: str, config_path: Optional[str], engine: Optional[str], threshold: Optional[float], redact_years: Optional[bool], entities: Optional[str]) -> None:
    """List the enabled recognizers: name, entity types, and where each is defined.

    Recognizer names are what the audit log and `scan` output show; switch one off with
    `disabled_recognizers = ["name"]` in redactphi.toml.

    \b
    Example:
      redactphi recognizers --format json
    """
    import json

    try:
        cfg = build_config(config_path, engine, threshold, redact_years, entities)
        from redactphi.engine import describe_recognizers

        infos = describe_recognizers(cfg)
    except RedactPHIError as exc:
        _fail(exc)
    if fmt == "json":
        click.echo(json.dumps([{"name": i.name, "entities": list(i.entities), "source": i.source, "description": i.description} for i in infos], indent=2))
        return
    w = max(len(i.name) for i in infos)
    we = max(len(", ".join(i.entities)) for i in infos)
    click.echo(f"{'NAME':<{w}}  {'ENTITIES':<{we}}  SOURCE")
    for i in infos:
        click.echo(f"{i.name:<{w}}  {', '.join(i.entities):<{we}}  {i.source}")
    click.echo(f"\nengine: {cfg.engine}; score threshold: {cfg.score_threshold}; {len(infos)} recognizers")


def _register_optional() -> None:
    # Commands that live in their own modules register themselves here.
    try:
        from redactphi.cli_bench import bench, synth
    except ImportError:  # pragma: no cover - during development only
        return
    main.add_command(synth)
    main.add_command(bench)


_register_optional()

__all__ = ["main", "EXIT_OK", "EXIT_FOUND", "EXIT_ERROR"]
