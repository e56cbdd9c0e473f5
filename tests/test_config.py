"""Configuration files: loading, validation with clear errors, and the digest."""

from __future__ import annotations

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
        ('engine = "bert"\n', "engine must be one of"),
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


def test_site_patterns_and_deny_words_are_redacted():
    from redactphi import Redactor

    cfg = Config(deny={"NAME": ("Zorblatt",)}, id_patterns=())
    from redactphi.config import IdPattern

    cfg = cfg.replace(id_patterns=(IdPattern("site acct", r"ACC-(?P<value>\d{6})", "ACCOUNT_NUMBER"),))
    r = Redactor(cfg)
    res = r.redact("Zorblatt family paid on ACC-123456 today.")
    assert res.text == "[NAME] family paid on ACC-[ACCOUNT] today."


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
