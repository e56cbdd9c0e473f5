"""The folder-mode half of `redactphi redact`: its options, its summary on stderr (counts,
passed-over reasons, file-name warnings, failures by escaped path) and the interrupt
message. Like the rest of the CLI it only turns library results into text and an
exit code."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

import click


@dataclass(frozen=True)
class FolderOptions:
    """The `redact` options that only folder mode takes."""

    globs: tuple[str, ...]
    encoding: str | None
    hash_names: bool
    workers: int | None
    resume: bool


def interrupted(exc: KeyboardInterrupt, stream: bool) -> NoReturn:
    signum = getattr(exc, "signum", 2)
    what = "terminated (SIGTERM)" if signum == 15 else "interrupted"
    if stream:
        after = "only whole, redacted records were written; a stream cannot be resumed: run the command again from the start"
    else:
        after = "every output written so far is complete - rerun with --resume to finish"
    click.echo(f"\nredactphi: {what}; {after}", err=True)
    sys.exit(getattr(exc, "exit_code", 130))


def redact_folder_cli(
    sources: tuple[str, ...],
    out_dir: str,
    audit_path: str | None,
    folder: FolderOptions,
    cfg: Any,
    quiet: bool,
    verbose: bool,
) -> int:
    from redactphi.io import interrupt
    from redactphi.io.job import redact_folder
    from redactphi.io.names import key_path_for, printable
    from redactphi.io.walk import describe_skipped

    out = Path(out_dir)
    audit = Path(audit_path) if audit_path else out.with_name(out.name + ".audit.jsonl")
    from redactphi.cli.options import Progress

    shown = None if quiet or not sys.stderr.isatty() else Progress()

    def progress(done: int, total: int | None) -> None:
        interrupt.check()  # stop at the next note even if the signal's exception was lost
        if shown:
            shown(done, total)

    summary = redact_folder(
        sources, out, config=cfg, audit_path=audit, glob=folder.globs, resume=folder.resume,
        progress=progress, workers=folder.workers, encoding=folder.encoding, hash_names=folder.hash_names,
    )
    if shown:
        shown.done()
    if not quiet:
        counts = ", ".join(f"{k} {v}" for k, v in sorted(summary.counts.items())) or "none"
        click.echo(
            f"redactphi: {summary.redacted} redacted, {summary.failed} failed, {summary.skipped} skipped "
            f"of {summary.notes} notes; {summary.redactions} redactions ({counts}); "
            f"{summary.notes_per_second:.1f} notes/s; audit: {printable(str(audit))}",
            err=True,
        )
        if summary.passed_over:
            click.echo(f"redactphi: passed over: {describe_skipped(summary.passed_over)}", err=True)
        if summary.redone:
            click.echo(f"redactphi: {summary.redone} notes finished by an earlier run under another config, version or model were redone", err=True)
    if summary.names_with_phi and not folder.hash_names:
        types = ", ".join(sorted(summary.name_counts))
        click.echo(
            f"redactphi: warning: {summary.names_with_phi} file names look like they hold PHI ({types}); they are "
            "copied into output paths and the audit - rename the files, or rerun with --hash-names",
            err=True,
        )
    elif folder.hash_names and not quiet:
        click.echo(f"redactphi: outputs named by keyed hash; key (keep it private): {printable(str(key_path_for(out)))}", err=True)
    _print_failures(summary.failures, verbose)
    return summary.exit_code


def _print_failures(failures: list[tuple[str, str]], verbose: bool) -> None:
    from redactphi.io.names import printable

    shown = failures if verbose else failures[:10]
    for note_id, reason in shown:
        click.echo(f"redactphi: failed: {printable(note_id)}: {reason}", err=True)
    if len(failures) > len(shown):
        click.echo(f"redactphi: ... and {len(failures) - len(shown)} more (see --verbose or the audit)", err=True)
