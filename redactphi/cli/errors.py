"""The one mapping from what went wrong to what the user sees and the exit code.

* Our own errors (:class:`~redactphi.errors.RedactPHIError`, or a message of ours):
  ``redactphi: error: <message>`` on one line of stderr, and the error's exit code
  (2 unless the error says otherwise). Their messages name locations, settings and next
  steps, never note text, so they are shown in full.
* An interrupt: what was left behind and how to finish, and 128 + the signal number.
* Anything else: only its type and where it was raised, exit 2 - its message or
  traceback could quote note text (REDACTPHI_DEBUG=1 shows it, where that is acceptable).
"""

from __future__ import annotations

import os
import traceback
from pathlib import Path
from typing import NoReturn

import click

from redactphi.errors import EXIT_ERROR, RedactPHIError


def fail(error: RedactPHIError | str) -> NoReturn:
    """Print one of our errors (or a message of ours) and exit with its code. One line:
    a newline in a file name must not forge further lines."""
    message = " ".join(str(error).splitlines())
    click.echo(f"redactphi: error: {message}", err=True)
    raise click.exceptions.Exit(error.exit_code if isinstance(error, RedactPHIError) else EXIT_ERROR)


def where(exc: BaseException) -> str:
    """The exception's type and the file and line it was raised at, without its message:
    messages from deep inside NLP libraries can quote the text being processed."""
    frames = traceback.extract_tb(exc.__traceback__)
    if not frames:
        return type(exc).__name__
    last = frames[-1]
    return f"{type(exc).__name__} at {Path(last.filename).name}:{last.lineno}"


def internal_error(exc: Exception) -> NoReturn:
    """The last line of defence: an unexpected exception, shown without its message."""
    if os.environ.get("REDACTPHI_DEBUG"):
        raise exc
    click.echo(
        f"redactphi: internal error ({where(exc)}); nothing further was written. "
        "The message is withheld because it could quote note text; rerun with "
        "REDACTPHI_DEBUG=1 to see it.",
        err=True,
    )
    raise click.exceptions.Exit(EXIT_ERROR)


def interrupted(exc: KeyboardInterrupt, stream: bool) -> NoReturn:
    """SIGINT or SIGTERM: what the outputs are worth now, and exit 128 + the signal."""
    signum = getattr(exc, "signum", 2)
    what = "terminated (SIGTERM)" if signum == 15 else "interrupted"
    if stream:
        after = "only whole, redacted records were written; a stream cannot be resumed: run the command again from the start"
    else:
        after = "every output written so far is complete - rerun with --resume to finish"
    click.echo(f"\nredactphi: {what}; {after}", err=True)
    raise click.exceptions.Exit(getattr(exc, "exit_code", 130))
