"""What the commands share: click settings, the config options and loader, and the
progress line (errors and exit codes: :mod:`redactphi.cli.errors`). Kept apart from
:mod:`redactphi.cli.app` (which registers the commands) so command modules can use them
without importing the group that imports them back.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def load_config(config_path: str | None, **overrides: Any) -> Any:
    """Config from --config (or the nearest redactphi.toml / pyproject.toml), then the
    command-line overrides that were actually given."""
    from redactphi.config import Config

    if config_path:
        cfg = Config.from_file(config_path)
    else:
        cfg, _ = Config.discover(Path.cwd())
    changes = {k: v for k, v in overrides.items() if v is not None}
    return cfg.replace(**changes) if changes else cfg


@dataclass(frozen=True)
class ConfigArgs:
    """What the shared config options said; :meth:`build` turns it into a Config (and
    raises ConfigError), so a command decides where a bad config is reported."""

    path: str | None
    engine: str | None
    threshold: float | None
    redact_years: bool | None
    entities: str | None

    def build(self) -> Any:
        ents = tuple(e.strip().upper() for e in self.entities.split(",") if e.strip()) if self.entities else None
        return load_config(
            self.path, engine=self.engine, score_threshold=self.threshold, redact_years=self.redact_years, entities=ents
        )


def config_options(command: Any) -> Any:
    """Options shared by every command that detects PHI; the command receives them as
    one ``config_args`` (:class:`ConfigArgs`)."""

    @functools.wraps(command)
    def f(
        *args: Any, config_path: str | None, engine: str | None, threshold: float | None,
        redact_years: bool | None, entities: str | None, **kwargs: Any,
    ) -> Any:
        return command(*args, config_args=ConfigArgs(config_path, engine, threshold, redact_years, entities), **kwargs)

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


class Progress:
    """Files done, notes per second and ETA on one stderr line (terminals only)."""

    def __init__(self, unit: str = "notes") -> None:
        import time

        self._unit = unit
        self._time = time.perf_counter
        self._start = self._time()
        self._last = 0.0

    def __call__(self, done: int, total: int | None) -> None:
        now = self._time()
        if now - self._last < 0.2 and done != total:
            return
        self._last = now
        rate = done / (now - self._start) if now > self._start else 0.0
        if total is None:
            click.echo(f"\r  {done} {self._unit}  {rate:.1f} {self._unit}/s   ", err=True, nl=False)
            return
        eta = (total - done) / rate if rate else 0.0
        click.echo(f"\r  {done}/{total} {self._unit}  {rate:.1f} {self._unit}/s  ETA {eta:.0f}s   ", err=True, nl=False)

    def done(self) -> None:
        click.echo("", err=True)
