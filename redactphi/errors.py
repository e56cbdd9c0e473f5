"""Exception types and exit codes.

The library raises these; only the CLI turns them into a message and an exit code.
Messages say what to do next and never quote note text.
"""

from __future__ import annotations

EXIT_OK = 0
#: PHI found by ``scan``, recall below the gate, or some notes/records failed.
EXIT_FOUND = 1
#: Usage, configuration or input error: nothing was (or could safely be) done.
EXIT_ERROR = 2


class RedactPHIError(Exception):
    """Base class for every error RedactPHI raises on purpose."""

    exit_code = EXIT_ERROR


class ConfigError(RedactPHIError):
    """The configuration file or options are invalid."""


class ModelNotInstalledError(RedactPHIError):
    """The spaCy pipeline package is missing; we never download it at run time."""


class UsageError(RedactPHIError):
    """The command line asks for something unsafe or impossible (e.g. OUT inside SRC)."""


class NoteError(RedactPHIError):
    """One note or record could not be processed. ``reason`` never contains note text."""

    exit_code = EXIT_FOUND

    def __init__(self, location: str, reason: str) -> None:
        super().__init__(f"{location}: {reason}")
        self.location = location
        self.reason = reason
