"""The `redactphi` group: every command is registered here, in one place, each from its
own module; errors reach the user only through :mod:`redactphi.cli.errors`.

Heavy imports (Presidio, spaCy) happen inside commands so ``--help`` is instant.
"""

from __future__ import annotations

from typing import Any

import click

from redactphi import __version__
from redactphi.cli.bench import bench
from redactphi.cli.errors import fail, internal_error
from redactphi.cli.options import CONTEXT_SETTINGS
from redactphi.cli.recognizers import recognizers
from redactphi.cli.redact import redact
from redactphi.cli.scan import scan
from redactphi.cli.synth import synth
from redactphi.errors import EXIT_ERROR, EXIT_FOUND, EXIT_OK, RedactPHIError


class _FailClosedGroup(click.Group):
    """Last line of defence for every command: our own errors (:class:`RedactPHIError`)
    are shown with their message, which never holds note text; any other exception
    becomes a content-free message and exit code 2 (see :mod:`redactphi.cli.errors`)."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort, SystemExit, KeyboardInterrupt):
            raise
        except RedactPHIError as exc:
            fail(exc)
        except Exception as exc:  # noqa: BLE001 - the last line of defence
            internal_error(exc)


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


for command in (redact, recognizers, scan, synth, bench):
    main.add_command(command)

__all__ = ["main", "EXIT_OK", "EXIT_FOUND", "EXIT_ERROR"]
