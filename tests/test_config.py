"""Configuration files: loading, validation with clear errors, and the digest."""

from __future__ import annotations

import dataclasses
import textwrap
import tomllib
from pathlib import Path

import pytest

from redactphi.config import Config
from redactphi.errors import ConfigError


def write(tmp_path, name, body):
    p = tmp_path / name
    p.write_text(body, encoding="utf-8")
    return p


def test_redactphi_toml_is_read(tmp_path):
    p = write(
        tmp_path,
        "redactphi.toml",
        'score_threshold = 0.6\nredact_years = true\nallow = ["Mercy"]\n[deny]\nNAME = ["Zorblatt"]\n'
        '[[id_patterns]]\nname = "site acct"\nregex = "ACC-(?P<value>\\\\d{6})"\nentity = "ACCOUNT_NUMBER"\n',
    )
    cfg = Config.from_file(p)
    assert cfg.score_threshold == 0.6 and cfg.redact_years and cfg.allow == ("Mercy",)
    assert cfg.deny == {"NAME": ("Zorblatt",)}
    assert cfg.id_patterns[0].entity == "ACCOUNT_NUMBER"


def test_pyproject_tool_table_is_discovered_from_a_subfolder(tmp_path):
    write(tmp_path, "pyproject.toml", '[project]\nname = "x"\n[tool.redactphi]\nengine = "rules"\n')
    sub = tmp_path / "a" / "b"
    sub.mkdir(parents=True)
    cfg, found = Config.discover(sub)
    assert cfg.engine == "rules" and found == tmp_path / "pyproject.toml"


def test_no_config_file_means_defaults(tmp_path):
    cfg, found = Config.discover(tmp_path)
    assert found is None and cfg == Config()


@pytest.mark.parametrize(
    "body,needle",
    [
        ("score_treshold = 0.5\n", "did you mean 'score_threshold'"),
        ("score_threshold = 3\n", "between 0 and 1"),
        ('engine = "bert"\n', "'engine' must be one of"),
        ('entities = ["NAMES"]\n', "did you mean 'NAME'"),
        ('[[id_patterns]]\nname = "x"\nregex = "(unclosed"\n', "invalid regex"),
        ('[[id_patterns]]\nname = "x"\nregex = "(\\\\d+)-(\\\\d+)"\n', "group named 'value'"),
        ('placeholder = "<>"\n', "{label}"),
        ("this is not toml", "not valid TOML"),
    ],
)
def test_bad_config_is_an_error_that_says_what_is_wrong(tmp_path, body, needle):
    p = write(tmp_path, "redactphi.toml", body)
    with pytest.raises(ConfigError) as err:
        Config.from_file(p)
    assert needle in str(err.value)
    assert str(p) in str(err.value)


# A distinctive invented word standing for PHI a user might type into a config: no error
# message may repeat it, whichever setting it sits in.
SECRET = "Quillfeather"


@pytest.mark.parametrize(
    "body,needle",
    [
        ('keep_titles = "no"\n', "'keep_titles' must be true or false"),
        ('redact_years = "no"\n', "'redact_years' must be true or false"),
        ("redact_years = 1\n", "'redact_years' must be true or false"),
        ("batch_size = true\n", "'batch_size' must be an integer"),
        ("batch_size = 2.5\n", "'batch_size' must be an integer"),
        ('chunk_chars = "9000"\n', "'chunk_chars' must be an integer"),
        ("score_threshold = true\n", "'score_threshold' must be a number"),
        ('score_threshold = "0.5"\n', "'score_threshold' must be a number"),
        ("model = 3\n", "'model' must be a string"),
        ("placeholder = 7\n", "'placeholder' must be a string"),
        ('placeholder = "[{label}] {0}"\n', "no other {...} field"),
        ('placeholder = "[{label!r}]"\n', "no other {...} field"),
        ('placeholder = "[{label:>9}]"\n', "no other {...} field"),
        (f'allow = "{SECRET}"\n', "'allow' must be a list of strings"),
        ("allow = [3]\n", "'allow' item 1 must be a non-empty string"),
        ('allow = [""]\n', "'allow' item 1 must be a non-empty string"),
        ('disabled_recognizers = "mrn"\n', "'disabled_recognizers' must be a list"),
        (f'[deny]\nNAEM = ["{SECRET}"]\n', "did you mean 'NAME'"),
        (f'[deny]\n{SECRET} = ["x"]\n', "[deny] key 1 is not a known entity type"),
        (f'[deny]\nNAME = "{SECRET}"\n', "'deny.NAME' must be a list of strings"),
        (f'deny = ["{SECRET}"]\n', "'deny' must be a table"),
        (f'entities = ["NAME", "{SECRET}"]\n', "'entities' item 2 is not a known entity type"),
        (f'{SECRET} = 1\n', "not a known setting"),
        (f'[[id_patterns]]\nname = "x"\nregex = "{SECRET}"\nscore = true\n', "'score' must be a number"),
        (f'[[id_patterns]]\nname = "x"\nregex = "{SECRET}"\nentity = "account"\n', "'entity' must be an UPPER_SNAKE"),
        (f'[[id_patterns]]\nname = "x"\nregex = "{SECRET}"\n{SECRET} = 1\n', "is not one of name, regex"),
        ('[[id_patterns]]\nname = "x"\nregex = "a"\n[[id_patterns]]\nname = "x"\nregex = "b"\n', "same name"),
        (f'id_patterns = "{SECRET}"\n', "must be an array of tables"),
        (f'engine = "{SECRET}"\n', "'engine' must be one of"),
        (f'allow = ["{SECRET}"]\nkeep_titles = "yes"\n', "'keep_titles' must be true or false"),
        (f'"{SECRET}" = 1\n"{SECRET}" = 2\n', "not valid TOML"),
        (f'allow = ["{SECRET}" "x"]\n', "not valid TOML"),
    ],
)
def test_bad_values_are_refused_without_echoing_them(tmp_path, body, needle):
    p = write(tmp_path, "redactphi.toml", body)
    with pytest.raises(ConfigError) as err:
        Config.from_file(p)
    message = str(err.value)
    assert needle in message, "unexpected message"
    assert SECRET.lower() not in message.lower(), "the error repeats a value typed in the config"


def test_an_entity_introduced_by_an_id_pattern_may_be_denied_and_selected():
    from redactphi.config import IdPattern

    cfg = Config(
        id_patterns=(IdPattern("badge", r"BDG\d{5}", "BADGE_ID"),),
        deny={"BADGE_ID": ("Z1",)},
        entities=("BADGE_ID", "NAME"),
    )
    assert cfg.deny == {"BADGE_ID": ("Z1",)} and cfg.entities == ("BADGE_ID", "NAME")


def test_python_api_lists_become_tuples_and_bad_types_are_refused():
    cfg = Config(entities=["NAME"], allow=["Mercy"], deny={"NAME": ["Zorblatt"]}, score_threshold=1)
    assert cfg.entities == ("NAME",) and cfg.allow == ("Mercy",) and cfg.deny == {"NAME": ("Zorblatt",)}
    assert cfg.score_threshold == 1.0 and isinstance(cfg.score_threshold, float)
    with pytest.raises(ConfigError):
        Config(keep_titles="no")
    with pytest.raises(ConfigError):
        Config().replace(redact_years="no")


def test_cli_config_error_names_the_key_not_the_value(tmp_path):
    from click.testing import CliRunner

    from redactphi.cli import main

    cfg = write(tmp_path, "redactphi.toml", f'[deny]\nNAME = ["{SECRET}"]\nNAEM = ["{SECRET}"]\n')
    note = write(tmp_path, "n.txt", "Seen today.\n")
    res = CliRunner().invoke(main, ["redact", str(note), "-o", str(tmp_path / "out"), "--config", str(cfg)])
    assert res.exit_code == 2
    assert "did you mean 'NAME'" in res.output
    assert SECRET not in res.output, "the error repeats a deny word"
    assert not (tmp_path / "out").exists(), "a run with a bad config wrote something"


def test_digest_is_stable_and_changes_with_settings():
    assert Config().digest() == Config().digest()
    assert Config().digest() != Config(redact_years=True).digest()
    # deny-list words may be real names: the digest must not reveal them
    assert "Zorblatt" not in Config(deny={"NAME": ("Zorblatt",)}).digest()


def test_an_engine_is_only_shared_between_compatible_configs(redactor):
    from redactphi import Redactor

    Redactor(Config(chunk_chars=5_000), engine=redactor.engine)  # driving details only
    with pytest.raises(ValueError):
        Redactor(Config(redact_years=True), engine=redactor.engine)


@pytest.mark.spacy
def test_site_patterns_and_deny_words_are_redacted():
    from redactphi import Redactor

    cfg = Config(deny={"NAME": ("Zorblatt",)}, id_patterns=())
    from redactphi.config import IdPattern

    cfg = cfg.replace(id_patterns=(IdPattern("site acct", r"ACC-(?P<value>\d{6})", "ACCOUNT_NUMBER"),))
    r = Redactor(cfg)
    res = r.redact("Zorblatt family paid on ACC-123456 today.")
    assert res.text == "[NAME] family paid on ACC-[ACCOUNT] today."


@pytest.mark.spacy
def test_allow_list_keeps_a_word_but_a_title_still_wins():
    from redactphi import Redactor

    r = Redactor(Config(allow=("Mercy",)))
    text = "Transferred from Mercy overnight; spoke with Dr. Mercy about the plan."
    res = r.redact(text)
    starts = [x.start for x in res.redactions]
    first = text.index("Mercy")
    second = text.index("Mercy", first + 1)
    assert first not in starts
    assert any(x.start <= second < x.end for x in res.redactions)


def test_keep_titles_leaves_the_title_outside_the_name(redactor):
    from redactphi import Redactor

    text = "Seen by Dr. Alvarez and Mrs. Okafor today."
    assert redactor.redact(text).text == "Seen by [NAME] and [NAME] today."
    kept = Redactor(Config(keep_titles=True), engine=redactor.engine).redact(text)
    assert kept.text == "Seen by Dr. [NAME] and Mrs. [NAME] today."


def _readme_config() -> str:
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    start = readme.index("    score_threshold = 0.35")
    end = readme.index("score = 0.9", start)
    block = readme[start : readme.index("\n", end)]
    return textwrap.dedent(block)


def test_the_readme_config_example_loads_and_does_what_it_says(tmp_path):
    from redactphi import Redactor

    cfg = Config.from_file(write(tmp_path, "redactphi.toml", _readme_config()))
    assert {f.name for f in dataclasses.fields(Config)} <= set(tomllib.loads(_readme_config())), "a key is undocumented"
    r = Redactor(cfg.replace(engine="rules"))
    # Only group `value` is redacted by the id_patterns entry...
    assert r.redact("Paid on ACC-123456 today.").text == "Paid on ACC-[ACCOUNT] today."
    # ...and a built-in recognizer that also finds it after a label takes the whole token.
    assert r.redact("Acct ACC-123456 closed.").text == "Acct [ACCOUNT] closed."
    assert r.redact("Zorblatt called.").text == "[NAME] called."


def test_an_unknown_recognizer_name_is_refused_with_a_hint_and_not_echoed():
    from redactphi.pipeline.engine import build_recognizers

    with pytest.raises(ConfigError) as err:
        build_recognizers(Config(disabled_recognizers=("ssn", "mrnn", SECRET)))
    assert "item 2" in str(err.value) and "did you mean 'mrn'" in str(err.value)
    assert "mrnn" not in str(err.value)
