"""`redactphi redact`: folder mode (a tree of notes into OUT) and stream mode (stdin,
JSONL, CSV into a stream). Parses the options, calls :func:`redactphi.io.job.redact_folder`
or :func:`redactphi.io.stream.redact_stream`, and turns the summary into lines on stderr
(counts, passed-over reasons, file-name warnings, failures by escaped location) and an
exit code."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click

from redactphi.cli.errors import fail, interrupted
from redactphi.cli.options import CONTEXT_SETTINGS, ConfigArgs, Progress, config_options
from redactphi.errors import RedactPHIError, UsageError

_HELP = """Redact notes: a folder tree into OUT, or a stream (stdin, JSONL, CSV) into a stream.

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
      redactphi redact export.jsonl --field text -o out.jsonl --workers 2
      redactphi redact - --format jsonl --field text --field meta.comment < in.jsonl > out.jsonl
      redactphi redact export.csv --column note_text -o export.redacted.csv
    """


@dataclass(frozen=True)
class FolderOptions:
    """The `redact` options that only folder mode takes."""

    globs: tuple[str, ...]
    encoding: str | None
    hash_names: bool
    resume: bool


@click.command(context_settings=CONTEXT_SETTINGS, help=_HELP)
@click.argument("sources", nargs=-1, required=True, type=click.Path(exists=True, allow_dash=True), metavar="SRC...")
@click.option("-o", "--output", "out_path", type=click.Path(allow_dash=True), metavar="OUT", help="Folder for redacted notes (folder mode), or the output file in stream mode (default: stdout).")
@click.option("--audit", "audit_path", type=click.Path(dir_okay=False), metavar="FILE", help="Write the audit log (JSONL) here. Folder mode default: OUT.audit.jsonl next to OUT; stream mode: none unless given.")
@click.option("--format", "fmt", type=click.Choice(["auto", "text", "jsonl", "csv", "tsv"]), default="auto", show_default=True, help="Input format; auto: .jsonl/.ndjson, .csv, .tsv by extension, otherwise text.")
@click.option("--field", "fields", multiple=True, metavar="PATH", help="JSONL field to redact (repeatable; dotted paths such as note.text; arrays on the path are entered, so a list of strings is redacted item by item).")
@click.option("--column", "columns", multiple=True, metavar="NAME", help="CSV/TSV column to redact, by header name (repeatable).")
@click.option("--glob", "globs", multiple=True, default=("*.txt",), show_default=True, help="Which files to take when walking folders (repeatable: a file matching any pattern is taken).")
@click.option("--encoding", metavar="CODEC", help="Folder mode: decode every note with this codec (e.g. cp1252) and write it back the same way. Default: UTF-8 (BOM kept) or UTF-16 with a BOM; anything else is refused.")
@click.option("--hash-names", is_flag=True, help="Folder mode: name outputs by a keyed hash of their relative path (flat in OUT, key in OUT.names.key beside it), so neither outputs nor the audit carry file names, which can hold PHI.")
@click.option("--workers", type=click.IntRange(min=1), metavar="N", help="Processes, one engine each. Folder mode default: one per core, at most one per file; stream mode (`-`, one JSONL/CSV/text file) default 1. Output is the same for any N.")
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
    config_args: ConfigArgs,
) -> None:
    # the help text is _HELP, above
    from redactphi.io import interrupt

    folder = FolderOptions(globs, encoding, hash_names, resume)
    req = _Request(sources, out_path, audit_path, fmt, fields + columns, folder, workers, quiet, verbose)
    try:
        with interrupt.handled():
            cfg = config_args.build()
            code = _redact(req, cfg)
            interrupt.check()  # an interrupt whose exception was swallowed still counts
    except RedactPHIError as exc:
        fail(exc)
    except KeyboardInterrupt as exc:
        interrupted(exc, stream=sources[0] == "-" or getattr(exc, "stream", False))
    sys.exit(code)


@dataclass(frozen=True)
class _Request:
    """What `redact` was asked to do; ``names`` are the --field and --column values."""

    sources: tuple[str, ...]
    out_path: str | None
    audit_path: str | None
    fmt: str
    names: tuple[str, ...]
    folder: FolderOptions
    workers: int | None
    quiet: bool
    verbose: bool


def _redact(req: _Request, cfg: Any) -> int:
    """Folder mode or stream mode, by the sources and --format; the exit code."""
    from redactphi.io.records import format_for

    sources, fmt, folder = req.sources, req.fmt, req.folder
    if "-" in sources and len(sources) > 1:
        raise UsageError("`-` (stdin) cannot be combined with other inputs")
    single_file = len(sources) == 1 and (sources[0] == "-" or Path(sources[0]).is_file())
    stream_fmt = format_for("" if sources[0] == "-" else sources[0], fmt) if single_file else None
    if sources[0] == "-" or (stream_fmt is not None and stream_fmt != "text"):
        if folder.encoding or folder.hash_names or folder.resume:
            raise UsageError("--encoding, --hash-names and --resume apply to folder mode")
        try:
            return _redact_stream(req, stream_fmt or "text", cfg)
        except KeyboardInterrupt as exc:
            exc.stream = True  # type: ignore[attr-defined]  # streams have no --resume
            raise
    if req.names or fmt not in ("auto", "text"):
        raise UsageError("--format/--field/--column apply to one stream (`-` or a single .jsonl/.csv file); folders hold plain-text notes")
    if not req.out_path or req.out_path == "-":
        raise UsageError("folder mode needs -o OUT, a folder to write the redacted notes into")
    return _redact_folder(req, req.out_path, cfg)


#: Failures printed as they happen in stream mode without --verbose.
_STREAM_FAILURES_SHOWN = 100


def _redact_stream(req: _Request, fmt: str, cfg: Any) -> int:
    import contextlib

    from redactphi.io.stream import check_stream_paths, redact_stream
    from redactphi.pipeline.write import atomic_output

    src, out_path, audit_path, verbose = req.sources[0], req.out_path, req.audit_path, req.verbose
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

    progress = None if req.quiet or not sys.stderr.isatty() else Progress(unit="records")
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
            fields=req.names,
            config=cfg,
            name=name,
            audit_path=audit_path,
            on_failure=on_failure,
            progress=progress,
            workers=req.workers or 1,
        )
    if progress:
        progress.done()
    _stream_report(summary, fmt, audit_path, req.quiet)
    return summary.exit_code


def _counts(summary: Any) -> str:
    return ", ".join(f"{k} {v}" for k, v in sorted(summary.counts.items())) or "none"


def _stream_report(summary: Any, fmt: str, audit_path: str | None, quiet: bool) -> None:
    for f in summary.unseen_fields:
        click.echo(f"redactphi: field '{f}' was not found in any record; check --field (nothing was redacted for it)", err=True)
    if not quiet:
        what = "lines" if fmt == "text" else "records"
        click.echo(
            f"redactphi: {summary.records} {what}: {summary.emitted} written, {summary.failed} failed (dropped); "
            f"{summary.redactions} redactions ({_counts(summary)}); {summary.records_per_second:.1f} {what}/s"
            + (f"; audit: {audit_path}" if audit_path else ""),
            err=True,
        )


def _redact_folder(req: _Request, out_dir: str, cfg: Any) -> int:
    from redactphi.io import interrupt
    from redactphi.io.job import redact_folder

    folder = req.folder
    out = Path(out_dir)
    audit = Path(req.audit_path) if req.audit_path else out.with_name(out.name + ".audit.jsonl")
    shown = None if req.quiet or not sys.stderr.isatty() else Progress()

    def progress(done: int, total: int | None) -> None:
        interrupt.check()  # stop at the next note even if the signal's exception was lost
        if shown:
            shown(done, total)

    summary = redact_folder(
        req.sources, out, config=cfg, audit_path=audit, glob=folder.globs, resume=folder.resume,
        progress=progress, workers=req.workers, encoding=folder.encoding, hash_names=folder.hash_names,
    )
    if shown:
        shown.done()
    _folder_report(summary, out, audit, folder.hash_names, req.quiet)
    _print_failures(summary.failures, req.verbose)
    return summary.exit_code


def _folder_report(summary: Any, out: Path, audit: Path, hash_names: bool, quiet: bool) -> None:
    from redactphi.io.names import key_path_for, printable
    from redactphi.io.walk import describe_skipped

    if not quiet:
        click.echo(
            f"redactphi: {summary.redacted} redacted, {summary.failed} failed, {summary.skipped} skipped "
            f"of {summary.notes} notes; {summary.redactions} redactions ({_counts(summary)}); "
            f"{summary.notes_per_second:.1f} notes/s; audit: {printable(str(audit))}",
            err=True,
        )
        if summary.passed_over:
            click.echo(f"redactphi: passed over: {describe_skipped(summary.passed_over)}", err=True)
        if summary.redone:
            click.echo(f"redactphi: {summary.redone} notes finished by an earlier run under another config, version or model were redone", err=True)
    if summary.names_with_phi and not hash_names:
        types = ", ".join(sorted(summary.name_counts))
        click.echo(
            f"redactphi: warning: {summary.names_with_phi} file names look like they hold PHI ({types}); they are "
            "copied into output paths and the audit - rename the files, or rerun with --hash-names",
            err=True,
        )
    elif hash_names and not quiet:
        click.echo(f"redactphi: outputs named by keyed hash; key (keep it private): {printable(str(key_path_for(out)))}", err=True)


def _print_failures(failures: list[tuple[str, str]], verbose: bool) -> None:
    from redactphi.io.names import printable

    shown = failures if verbose else failures[:10]
    for note_id, reason in shown:
        click.echo(f"redactphi: failed: {printable(note_id)}: {reason}", err=True)
    if len(failures) > len(shown):
        click.echo(f"redactphi: ... and {len(failures) - len(shown)} more (see --verbose or the audit)", err=True)
