"""`redactphi scan`: detect PHI in files without changing them (pre-commit hooks, CI).
Prints positions and types, never the text found; a baseline allows reviewed findings."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from redactphi.cli.errors import fail
from redactphi.cli.options import CONTEXT_SETTINGS, ConfigArgs, config_options
from redactphi.errors import EXIT_ERROR, EXIT_OK, RedactPHIError, UsageError


@click.command(context_settings=CONTEXT_SETTINGS)
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True), metavar="PATH...")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True, help="text: one `path:line:col: TYPE (recognizer, score)` line per finding; json: one document (version 1).")
@click.option("--glob", "globs", multiple=True, default=("*.txt",), show_default=True, help="Which files to take when walking folders (repeatable; files named directly are always scanned).")
@click.option("--baseline", "baseline_path", type=click.Path(dir_okay=False), metavar="FILE", help="Known false positives to allow (default: ./.redactphi-baseline.json if it exists).")
@click.option("--update-baseline", is_flag=True, help="Record every current finding in PATH... as known (creating the baseline) and exit 0.")
@click.option("-q", "--quiet", is_flag=True, help="Print findings and errors only, no summary.")
@config_options
def scan(
    paths: tuple[str, ...],
    fmt: str,
    globs: tuple[str, ...],
    baseline_path: str | None,
    update_baseline: bool,
    quiet: bool,
    config_args: ConfigArgs,
) -> None:
    """Detect PHI in files without changing them; for pre-commit hooks and CI.

    Prints one line per finding - `path:line:col: TYPE (recognizer, score)` - and never
    the text found. Findings listed in the baseline (reviewed false positives) are not
    reported; a baseline stores only salted hashes of (file, type, line text), so
    moving lines keeps entries valid while editing the line makes its finding new again.

    \b
    Exit codes: 0 nothing at or above the threshold; 1 PHI found; 2 error (a file could
    not be scanned, bad options or config).

    \b
    Examples:
      redactphi scan notes/ docs/handover.txt
      redactphi scan --format json notes/
      redactphi scan --update-baseline notes/ && git add .redactphi-baseline.json
    """
    try:
        cfg = config_args.build()
        from redactphi.io.scan import scan_paths

        bpath, baseline = _baseline(baseline_path, update_baseline)
        report = scan_paths(paths, config=cfg, glob=globs, baseline=baseline, update_baseline=update_baseline)
        if update_baseline and baseline is not None and bpath is not None:
            baseline.save(bpath)
    except RedactPHIError as exc:
        fail(exc)
    _print_report(report, fmt, quiet)
    if update_baseline:
        if not quiet:
            click.echo(f"redactphi: baseline {bpath}: {report.allowed} findings recorded in {report.files} files; `git add {bpath}`", err=True)
        sys.exit(EXIT_ERROR if report.errors else EXIT_OK)
    if not quiet:
        allowed = f" ({report.allowed} allowed by the baseline)" if report.allowed else ""
        click.echo(f"redactphi: {len(report.findings)} findings in {report.files} files{allowed}", err=True)
        if report.findings:
            click.echo(
                "redactphi: remove the PHI (e.g. `redactphi redact`), or if these are false positives, "
                "record them with `redactphi scan --update-baseline PATH...` and commit the baseline",
                err=True,
            )
    sys.exit(report.exit_code)


def _baseline(baseline_path: str | None, update: bool) -> tuple[Path | None, Any]:
    """The baseline file and its contents: --baseline, else ./.redactphi-baseline.json if it
    exists (or is about to be made by --update-baseline); a new one when updating."""
    from redactphi.io.baseline import DEFAULT_BASELINE, Baseline

    default = Path(DEFAULT_BASELINE)
    bpath = Path(baseline_path) if baseline_path else (default if default.is_file() or update else None)
    if bpath is None:
        return None, None
    baseline = Baseline.load(bpath) if bpath.is_file() else Baseline.new(bpath.resolve().parent)
    if not bpath.is_file() and not update:
        raise UsageError(f"baseline not found: {bpath} (create it with `redactphi scan --update-baseline`)")
    return bpath, baseline


def _print_report(report: Any, fmt: str, quiet: bool) -> None:
    """Findings on stdout (never the text found), errors and warnings on stderr."""
    import json

    from redactphi.io.names import printable
    from redactphi.io.walk import describe_skipped

    if fmt == "json":
        click.echo(json.dumps(report.to_dict(), indent=2))
    else:
        for f in report.findings:
            click.echo(f"{printable(f.path)}:{f.line}:{f.col}: {f.entity} ({f.recognizer}, {f.score:.2f})")
    for path, reason in report.errors:
        click.echo(f"redactphi: cannot scan {printable(path)}: {reason}", err=True)
    if report.passed_over and not quiet:
        click.echo(f"redactphi: passed over: {describe_skipped(report.passed_over)}", err=True)
    if report.names_with_phi:
        click.echo(f"redactphi: warning: {report.names_with_phi} file names look like they hold PHI; rename them", err=True)
