"""claims.yaml: the shipped taxonomy loads, and every malformed file gets an exact, located message."""

from __future__ import annotations

from pathlib import Path

import pytest

from ceasefire_cli.config import find_config, load_settings, settings_from_text
from ceasefire_cli.errors import ConfigError

ROOT = Path(__file__).resolve().parent.parent


def test_shipped_taxonomy_loads():
    s = load_settings(ROOT / "claims.yaml")
    assert [m.name for m in s.metrics][:5] == ["killed", "injured", "killed_or_missing", "killed_or_injured", "missing"]
    assert s.default_population == "palestinians"
    assert s.scope("since_ceasefire").kind == "cumulative"
    assert s.scope("event").kind == "event_count"
    assert {p.side for p in s.parties} == {"palestinian", "israeli", "neutral"}


def test_packaged_default_is_the_top_level_file():
    # The wheel ships a copy so cfcheck works outside the repository; it must not drift.
    packaged = ROOT / "ceasefire_cli" / "default_claims.yaml"
    assert packaged.read_text("utf-8") == (ROOT / "claims.yaml").read_text("utf-8")


def test_found_in_folder_above(tmp_path):
    (tmp_path / "claims.yaml").write_text("metrics:\n  killed:\n    aliases: [killed]\n")
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    assert find_config(deep) == tmp_path / "claims.yaml"
    assert [m.name for m in load_settings(cwd=deep).metrics] == ["killed"]


def test_builtin_used_when_none_found(tmp_path):
    s = load_settings(cwd=tmp_path)
    assert s.path == "(built-in claims.yaml)"
    assert any(m.name == "killed" for m in s.metrics)


def test_missing_file():
    with pytest.raises(ConfigError) as err:
        load_settings("nope/claims.yaml")
    assert str(err.value) == "nope/claims.yaml: no such file"


MINIMAL = "metrics:\n  killed:\n    aliases: [killed]\n"


@pytest.mark.parametrize(
    "text, message",
    [
        ("metrics: [a\n", "c.yaml:2: YAML syntax error: expected ',' or ']', but got '<stream end>'"),
        ("metrics:\n  killed:\n    alias: [killed]\n", "c.yaml:3: unknown key 'metrics.killed.alias' (did you mean 'aliases'?)"),
        ("metric:\n  killed:\n    aliases: [killed]\n", "c.yaml:1: unknown key 'metric' (did you mean 'metrics'?)"),
        ("metrics:\n  killed:\n    aliases: killed\n", "c.yaml:3: 'metrics.killed.aliases' must be a list of phrases, not a string"),
        ("metrics:\n  killed:\n    label: x\n", "c.yaml:2: 'metrics.killed' needs 'aliases'"),
        (MINIMAL + "  killed:\n    aliases: [dead]\n", "c.yaml:4: duplicate key 'metrics.killed'"),
        ("metrics:\n  killed:\n    aliases: ['*']\n", "c.yaml:3: 'metrics.killed.aliases' item 1 ('*') would match everything"),
        ("metrics:\n  killed:\n    aliases: [a]\n", "c.yaml:3: 'metrics.killed.aliases' item 1 ('a') would match everything"),
        ("metrics:\n  killed:\n    aliases: [dead]\n  injured:\n    aliases: [Dead]\n",
         "c.yaml:5: alias 'Dead' of 'metrics.injured' is also an alias of 'metrics.killed'"),
        (MINIMAL + "defaults:\n  tolerance: lots\n", "c.yaml:5: 'defaults.tolerance' must be a number from 0 to 10, not 'lots'"),
        (MINIMAL + "defaults:\n  population: martians\n", "c.yaml:5: 'defaults.population' names population 'martians', which is not defined"),
        (MINIMAL + "scopes:\n  weekly:\n    kind: monthly\n", "c.yaml:6: 'scopes.weekly.kind' must be one of cumulative, event_count, event_date, other, unchecked, not 'monthly'"),
        (MINIMAL + "parties:\n  x:\n    side: blue\n    aliases: [Blue team]\n", "c.yaml:6: 'parties.x.side' must be one of palestinian, israeli, neutral, not 'blue'"),
        ("version: 2\n" + MINIMAL, "c.yaml:1: 'version' must be 1, not 2"),
        (MINIMAL + "  people:\n    fallback: yes please\n    aliases: [people]\n",
         "c.yaml:5: 'metrics.people.fallback' must be true or false, not 'yes please'"),
        (MINIMAL + "  people:\n    fallback: true\n    aliases: [people]\n  others:\n    fallback: true\n    aliases: [others]\n",
         "c.yaml:1: 'metrics' may have one fallback metric, not people, others"),
        ("- a\n- b\n", "c.yaml:1: '' must be a mapping, not a list"),
        ("metrics: {}\n", "c.yaml:1: 'metrics' must list at least one metric"),
        ("metrics:\n  killed:\n    aliases: [killed]\n    population: [a]\n", "c.yaml:4: 'metrics.killed.population' must be a non-empty string, not a list"),
        ("x: !!python/object/apply:os.system ['true']\n", "c.yaml:1: YAML syntax error: could not determine a constructor for the tag 'tag:yaml.org,2002:python/object/apply:os.system'"),
    ],
)
def test_errors_name_file_line_and_key(text, message):
    with pytest.raises(ConfigError) as err:
        settings_from_text(text, "c.yaml")
    assert str(err.value) == message


def test_wildcard_phrase_and_null_population():
    s = settings_from_text(MINIMAL + "  violations:\n    population: null\n    aliases: [violations]\n", "c.yaml")
    assert [(m.name, m.population) for m in s.metrics] == [("killed", None), ("violations", None)]
