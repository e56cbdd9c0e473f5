"""The command line (click only): :mod:`~redactphi.cli.app` holds the ``redactphi`` group
and registers every command, one module each (:mod:`~redactphi.cli.redact`,
:mod:`~redactphi.cli.scan`, :mod:`~redactphi.cli.recognizers`, :mod:`~redactphi.cli.bench`,
:mod:`~redactphi.cli.synth`); :mod:`~redactphi.cli.options` holds what they share and
:mod:`~redactphi.cli.errors` the one mapping from errors to messages and exit codes.
``redactphi.cli:main`` is the console-script entry point."""

from __future__ import annotations

from typing import Any

from redactphi.errors import EXIT_ERROR, EXIT_FOUND, EXIT_OK

__all__ = ["main", "EXIT_OK", "EXIT_FOUND", "EXIT_ERROR"]


def __getattr__(name: str) -> Any:
    # Lazy, so `python -m redactphi.cli.bench` can run that module as __main__ without the
    # package having imported it first (through app) under its own name.
    if name == "main":
        from redactphi.cli.app import main

        return main
    raise AttributeError(name)
