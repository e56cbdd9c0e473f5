"""The command line (click only): :mod:`~redactphi.cli.app` holds the ``redactphi`` group
and registers every command, :mod:`~redactphi.cli.options` what the commands share,
:mod:`~redactphi.cli.folder` and :mod:`~redactphi.cli.bench` the folder run and the
benchmark commands. ``redactphi.cli:main`` is the console-script entry point."""

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
