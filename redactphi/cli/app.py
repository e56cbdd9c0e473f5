"""The command line. It parses arguments, builds a Config, calls the library and turns
results into text and an exit code; the work itself lives in the library modules.

Heavy imports (Presidio, spaCy) happen inside commands so ``--help`` is instant.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from redactphi import __version__
from redactphi.cli.bench import bench, synth
from redactphi.cli.options import CONTEXT_SETTINGS, Progress, build_config, config_options, fail
from redactphi.errors import EXIT_ERROR, EXIT_FOUND, EXIT_OK, RedactPHIError, UsageError


class _FailClosedGroup(click.Group):
    """Last line of defence for every command.

    Our own errors (:class:`RedactPHIError`) are shown with their message, which never
    holds note text. Any other exception becomes a content-free message and exit code 2:
    its message or traceback can carry values from the note (an exception quoting a
    string); set REDACTPHI_DEBUG=1 to see it anyway, on a machine where that is acceptable.
    """

    def invoke(self, ctx: click.Context) -> Any:
        import os

        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort, SystemExit, KeyboardInterrupt):
            raise
        except RedactPHIError as exc:
            fail(exc)
        except Exception as exc:  # noqa: BLE001 - the last line of defence
            if os.environ.get("REDACTPHI_DEBUG"):
                raise
            where = exc.__traceback__
            while where is not None and where.tb_next is not None:
                where = where.tb_next
            loc = f" at {where.tb_frame.f_code.co_filename.rsplit('/', 1)[-1]}:{where.tb_lineno}" if where else ""
            click.echo(
                f"redactphi: internal error ({type(exc).__name__}{loc}); nothing further was written. "
                "The message is withheld because it could quote note text; rerun with "
                "REDACTPHI_DEBUG=1 to see it.",
                err=True,
            )
            sys.exit(EXIT_ERROR)


@click.group(cls=_FailClosedGroup, context_settings=CONTEXT_SETTINGS)
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
@click.argument("sources", nargs=-1, required=True, type=click.Path(exists=True, allow_dash=True), metavar="SRC...")
@click.option("-o", "--output", "out_path", type=click.Path(allow_dash=True), metavar="OUT", help="Folder for redacted notes (folder mode), or the output file in stream mode (default: stdout).")
@click.option("--audit", "audit_path", type=click.Path(dir_okay=False), metavar="FILE", help="Write the audit log (JSONL) here. Folder mode default: OUT.audit.jsonl next to OUT; stream mode: none unless given.")
@click.option("--format", "fmt", type=click.Choice(["auto", "text", "jsonl", "csv", "tsv"]), default="auto", show_default=True, help="Input format; auto: .jsonl/.ndjson, .csv, .tsv by extension, otherwise text.")
@click.option("--field", "fields", multiple=True, metavar="PATH", help="JSONL field to redact (repeatable; dotted paths such as note.text; arrays on the path are entered, so a list of strings is redacted item by item).")
@click.option("--column", "columns", multiple=True, metavar="NAME", help="CSV/TSV column to redact, by header name (repeatable).")
@click.option("--glob", "globs", multiple=True, default=("*.txt",), show_default=True, help="Which files to take when walking folders (repeatable: a file matching any pattern is taken).")
@click.option("--encoding", metavar="CODEC", help="Folder mode: decode every note with this codec (e.g. cp1252) and write it back the same way. Default: UTF-8 (BOM kept) or UTF-16 with a BOM; anything else is refused.")
@click.option("--hash-names", is_flag=True, help="Folder mode: name outputs by a keyed hash of their relative path (flat in OUT, key in OUT.names.key beside it), so neither outputs nor the audit carry file names, which can hold PHI.")
@click.option("--workers", type=click.IntRange(min=1), metavar="N", help="Folder mode: processes, one engine each (default: one per core, at most one per file). Output is the same for any N.")
@click.option("--resume", is_flag=True, help="Skip notes that an earlier (interrupted) run with this audit file already finished for the same input.")
@click.option("-q", "--quiet", is_flag=True, help="Print nothing but errors.")
@click.option("-v", "--verbose", is_flag=True, help="List every failed note or record with its reason.")
@config_options
def redact(
    sources: tuple[str, ...],
    out_path: str | None,
    audit_path: str | None,
    fmt: str,
    fields: tuple[str, ...],
    columns: tuple[str, ...],
    globs: tuple[str, ...],
    encoding: str | None,
    hash_names: bool,
    workers: int | None,
    resume: bool,
    quiet: bool,
    verbose: bool,
    config_path: str | None,
    engine: str | None,
    threshold: float | None,
    redact_years: bool | None,
    entities: str | None,
) -> None:
    """Redact notes: a folder tree into OUT, or a stream (stdin, JSONL, CSV) into a stream.

    \b
    Folder mode (SRC are folders or text files, -o OUT required):
    Folders are walked recursively for files matching --glob and each redacted note is
    written to the same relative path under OUT; inputs are never modified, and OUT may
    not lie inside an input. Writes are atomic: a note is either fully written or absent.
    A note that cannot be processed (unreadable, binary or NUL bytes, not UTF-8 and no
    --encoding, detection error, a FIFO, a symbolic link leaving the input folder) is
    not written; it is listed by path and reason, and the exit code is 1. Files passed
    over (not matching --glob, .git) are counted on stderr; if nothing matched, exit 2.
    Bytes outside redactions are kept exactly (line endings, BOM, encoding). One run at
    a time per output folder: a second one exits 2. --resume redoes notes an earlier
    run finished under another config, tool version or model.

    \b
    Stream mode (SRC is `-` for stdin, or one .jsonl/.csv/.tsv file or --format jsonl/csv):
    Records are redacted in order and written to stdout (or -o FILE, atomically), with
    flat memory however long the input. JSONL: the --field values are redacted and
    everything else in each line is kept byte for byte. CSV/TSV (header row required):
    the --column values are redacted; quoting, column order and line endings are kept.
    Plain text (`-` without --format) is read in the same overlapping windows as a long
    note in folder mode, so both find the same PHI, and is streamed out in order.
    A record that cannot be processed (bad encoding, invalid JSON, a non-string value,
    a row whose field count differs from the header, too large) is DROPPED - never
    emitted - and reported on stderr by location and reason ("stdin:line 12",
    "notes.csv:row 5, column note_text"; the header is row 1), never by content.

    \b
    Exit codes: 0 everything redacted; 1 some notes/records failed (not emitted as if
    redacted); 2 usage, configuration or input error (nothing was written); 130
    interrupted (SIGINT, Ctrl-C); 143 terminated (SIGTERM).

    \b
    Examples:
      redactphi redact notes/ -o redacted/ --audit audit.jsonl --workers 4
      redactphi redact notes/ -o redacted/ --audit audit.jsonl --resume
      cat note.txt | redactphi redact - > note.redacted.txt
      redactphi redact - --format jsonl --field text --field meta.comment < in.jsonl > out.jsonl
      redactphi redact export.csv --column note_text -o export.redacted.csv
    """
    from redactphi.cli.folder import FolderOptions, interrupted
    from redactphi.io import interrupt

    folder = FolderOptions(globs, encoding, hash_names, workers, resume)
    try:
        with interrupt.handled():
            cfg = build_config(config_path, engine, threshold, redact_years, entities)
            code = _redact(sources, out_path, audit_path, fmt, fields, columns, folder, quiet, verbose, cfg)
            interrupt.check()  # an interrupt whose exception was swallowed still counts
    except RedactPHIError as exc:
        fail(exc)
    except KeyboardInterrupt as exc:
        interrupted(exc, stream=sources[0] == "-" or getattr(exc, "stream", False))
    sys.exit(code)


def _redact(
    sources: tuple[str, ...],
    out_path: str | None,
    audit_path: str | None,
    fmt: str,
    fields: tuple[str, ...],
    columns: tuple[str, ...],
    folder: Any,
    quiet: bool,
    verbose: bool,
    cfg: Any,
) -> int:
    from redactphi.cli.folder import redact_folder_cli
    from redactphi.io.records import format_for

    names = list(fields) + list(columns)
    if "-" in sources and len(sources) > 1:
        raise UsageError("`-` (stdin) cannot be combined with other inputs")
    single_file = len(sources) == 1 and (sources[0] == "-" or Path(sources[0]).is_file())
    stream_fmt = format_for("" if sources[0] == "-" else sources[0], fmt) if single_file else None
    if sources[0] == "-" or (stream_fmt is not None and stream_fmt != "text"):
        if folder.encoding or folder.hash_names or folder.resume:
            raise UsageError("--encoding, --hash-names and --resume apply to folder mode")
        try:
            return _redact_stream(sources[0], stream_fmt or "text", names, out_path, audit_path, cfg, quiet, verbose)
        except KeyboardInterrupt as exc:
            exc.stream = True  # type: ignore[attr-defined]  # streams have no --resume
            raise
    if names or fmt not in ("auto", "text"):
        raise UsageError("--format/--field/--column apply to one stream (`-` or a single .jsonl/.csv file); folders hold plain-text notes")
    if not out_path or out_path == "-":
        raise UsageError("folder mode needs -o OUT, a folder to write the redacted notes into")
    return redact_folder_cli(sources, out_path, audit_path, folder, cfg, quiet, verbose)


#: Failures printed as they happen in stream mode without --verbose.
_STREAM_FAILURES_SHOWN = 100


def _redact_stream(
    src: str,
    fmt: str,
    fields: list[str],
    out_path: str | None,
    audit_path: str | None,
    cfg: Any,
    quiet: bool,
    verbose: bool,
) -> int:
    import contextlib

    from redactphi.io.stream import check_stream_paths, redact_stream
    from redactphi.pipeline.write import atomic_output

    check_stream_paths(src, out_path, audit_path)  # neither -o nor --audit may be the input
    name = "stdin" if src == "-" else src
    shown = 0

    def on_failure(location: str, reason: str) -> None:
        nonlocal shown
        shown += 1
        if verbose or shown <= _STREAM_FAILURES_SHOWN:
            click.echo(f"redactphi: failed (dropped): {location}: {reason}", err=True)
        elif shown == _STREAM_FAILURES_SHOWN + 1:
            click.echo("redactphi: further failures are not listed (see --verbose or --audit)", err=True)

    progress = None if quiet or not sys.stderr.isatty() else Progress(unit="records")
    with contextlib.ExitStack() as stack:
        instream = sys.stdin.buffer if src == "-" else stack.enter_context(open(src, "rb"))
        if out_path and out_path != "-":
            outstream = stack.enter_context(atomic_output(Path(out_path)))
        else:
            outstream = sys.stdout.buffer
        summary = redact_stream(
            instream,
            outstream,
            fmt=fmt,
            fields=fields,
            config=cfg,
            name=name,
            audit_path=audit_path,
            on_failure=on_failure,
            progress=progress,
        )
    if progress:
        progress.done()
    for f in summary.unseen_fields:
        click.echo(f"redactphi: field '{f}' was not found in any record; check --field (nothing was redacted for it)", err=True)
    if not quiet:
        counts = ", ".join(f"{k} {v}" for k, v in sorted(summary.counts.items())) or "none"
        what = "lines" if fmt == "text" else "records"
        click.echo(
            f"redactphi: {summary.records} {what}: {summary.emitted} written, {summary.failed} failed (dropped); "
            f"{summary.redactions} redactions ({counts}); {summary.records_per_second:.1f} {what}/s"
            + (f"; audit: {audit_path}" if audit_path else ""),
            err=True,
        )
    return summary.exit_code


@main.command(context_settings=CONTEXT_SETTINGS)
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@config_options
def recognizers(fmt: str, config_path: str | None, engine: str | None, threshold: float | None, redact_years: bool | None, entities: str | None) -> None:
    """List the enabled recognizers: name, entity types, and where each is defined.

    Recognizer names are what the audit log and `scan` output show; switch one off with
    `disabled_recognizers = ["name"]` in redactphi.toml. Each entity is shown with its
    HIPAA Safe Harbor category, lettered (A)-(R) as in 45 CFR 164.514(b)(2)(i).

    \b
    Example:
      redactphi recognizers --format json
    """
    import json

    try:
        cfg = build_config(config_path, engine, threshold, redact_years, entities)
        from redactphi.pipeline.engine import describe_recognizers

        infos = describe_recognizers(cfg)
    except RedactPHIError as exc:
        fail(exc)
    from redactphi.entities import safe_harbor_category

    if fmt == "json":
        click.echo(json.dumps([{"name": i.name, "entities": list(i.entities), "safe_harbor": sorted({safe_harbor_category(e) for e in i.entities}), "source": i.source, "description": i.description} for i in infos], indent=2))
        return
    ents = {i.name: ", ".join(f"{e} ({safe_harbor_category(e)})" for e in i.entities) for i in infos}
    w = max(len(i.name) for i in infos)
    we = max(len(v) for v in ents.values())
    click.echo(f"{'NAME':<{w}}  {'ENTITIES (SAFE HARBOR)':<{we}}  SOURCE")
    for i in infos:
        click.echo(f"{i.name:<{w}}  {ents[i.name]:<{we}}  {i.source}")
    click.echo(f"\nengine: {cfg.engine}; score threshold: {cfg.score_threshold}; {len(infos)} recognizers")
    click.echo("(A)-(R): the HIPAA Safe Harbor identifier, 45 CFR 164.514(b)(2); the audit header lists each one's status")


@main.command(context_settings=CONTEXT_SETTINGS)
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
    config_path: str | None,
    engine: str | None,
    threshold: float | None,
    redact_years: bool | None,
    entities: str | None,
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
    import json

    from redactphi.io.baseline import DEFAULT_BASELINE
    from redactphi.io.names import printable
    from redactphi.io.walk import describe_skipped

    try:
        cfg = build_config(config_path, engine, threshold, redact_years, entities)
        from redactphi.io.baseline import Baseline
        from redactphi.io.scan import scan_paths

        bpath = Path(baseline_path) if baseline_path else (Path(DEFAULT_BASELINE) if Path(DEFAULT_BASELINE).is_file() or update_baseline else None)
        baseline = None
        if bpath is not None:
            baseline = Baseline.load(bpath) if bpath.is_file() else Baseline.new(bpath.resolve().parent)
            if not bpath.is_file() and not update_baseline:
                raise UsageError(f"baseline not found: {bpath} (create it with `redactphi scan --update-baseline`)")
        report = scan_paths(paths, config=cfg, glob=globs, baseline=baseline, update_baseline=update_baseline)
        if update_baseline and baseline is not None and bpath is not None:
            baseline.save(bpath)
    except RedactPHIError as exc:
        fail(exc)
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


# Every command is registered here, in one place: the benchmark commands live in their
# own module and share the option helpers in redactphi.cli.options, not this module.
main.add_command(synth)
main.add_command(bench)

__all__ = ["main", "EXIT_OK", "EXIT_FOUND", "EXIT_ERROR"]
