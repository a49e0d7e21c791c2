"""The rules registry: every finding code belongs to a family, every family's codes are in the catalogue."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ceasefire_cli.codes import RULES
from ceasefire_cli.config import Fact, load_settings
from ceasefire_cli.models import Claim, Topic
from ceasefire_cli.rules.registry import FAMILIES, Context, run_rules

ROOT = Path(__file__).resolve().parent.parent
SETTINGS = load_settings(ROOT / "claims.yaml")


def test_every_code_of_the_catalogue_has_a_family_and_every_family_code_is_catalogued():
    catalogued = {r.code for r in RULES}
    claimed = {code for family in FAMILIES for code in family.codes}
    assert claimed == catalogued
    assert len({family.name for family in FAMILIES}) == len(FAMILIES)


def _count(doc: str, low: float, day: dt.date) -> Claim:
    return Claim(f"{doc}#1", doc, "count", str(low), 0, 1, 1, 1, "", low=low, high=low, metric="killed",
                 population="palestinians", scope="war", as_of=day, topic="killed.palestinians.war")


def test_status_is_set_once_from_every_family():
    # Two reports that agree with each other (evolving), one of which contradicts a vetted fact:
    # the topic is a conflict because of the facts family, not the comparison.
    a, b = _count("a", 70000, dt.date(2025, 12, 1)), _count("b", 70100, dt.date(2025, 12, 3))
    topic = Topic("killed.palestinians.war", "Palestinians killed · whole war", "cumulative", "killed", "palestinians", "war", ("a#1", "b#1"))
    settings = SETTINGS.__class__(**{**{f: getattr(SETTINGS, f) for f in SETTINGS.__slots__},
                                    "facts": (Fact("killed.palestinians.war", "desk", 1, low=70500, high=70500, as_of=dt.date(2025, 12, 2)),)})
    topics, findings = run_rules((topic,), (a, b), Context(settings))
    assert [f.code for f in findings] == ["CF401"]
    assert topics[0].status == "conflict"
    topics, findings = run_rules((topic,), (a, b), Context(SETTINGS))
    assert (findings, topics[0].status) == ((), "evolving")


def test_cli_format_choices_are_the_renderer_registry():
    # The --format choices and the renderers are one list: a new renderer must reach the CLI.
    from ceasefire_cli.cli import Format
    from ceasefire_cli.render import FORMATS

    assert sorted(f.value for f in Format) == sorted(FORMATS)


def test_every_code_has_its_message_templates_in_the_catalogue():
    import string

    from ceasefire_cli.codes import RULES

    for r in RULES:
        forms = dict(r.messages)
        assert "" in forms, r.code
        for form, template in forms.items():
            fields = {name for _, name, _, _ in string.Formatter().parse(template) if name}
            assert r.message(form, **{f: f"<{f}>" for f in fields}).count("<") == len(fields), (r.code, form)
