"""Vetted facts in claims.yaml: validation, and which claims contradict them."""

from __future__ import annotations

import datetime as dt

import pytest

from ceasefire_cli.config import Fact, settings_from_text
from ceasefire_cli.errors import ConfigError
from ceasefire_cli.rules.facts import check_facts, contradicts
from ceasefire_cli.models import Claim

D = dt.date
BASE = "metrics:\n  killed:\n    aliases: [killed]\nevents:\n  ceasefire_start:\n    subjects: [ceasefire]\n    verbs: [began]\n"


def fact_settings(facts_yaml: str):
    return settings_from_text(BASE + "facts:\n" + facts_yaml, "c.yaml")


def test_facts_are_read_with_their_line():
    s = fact_settings(
        "  - topic: date.ceasefire_start\n    date: 2025-10-10\n    source: the deal\n"
        "  - topic: killed.any.war\n    value: 71551\n    as_of: 2026-01-20\n"
    )
    assert s.facts == (
        Fact("date.ceasefire_start", "the deal", 9, first=D(2025, 10, 10), last=D(2025, 10, 10)),
        Fact("killed.any.war", "vetted by the desk", 12, low=71551, high=71551, as_of=D(2026, 1, 20)),
    )


@pytest.mark.parametrize(
    "facts, message",
    [
        ("  - topic: date.truce\n    date: 2025-10-10\n", "c.yaml:9: 'facts.0.topic' names event 'truce', which is not defined"),
        ("  - topic: date.ceasefire_start\n    date: 10 Oct\n", "c.yaml:10: 'facts.0.date' must be a date (YYYY-MM-DD), not '10 Oct'"),
        ("  - topic: killed.any.war\n", "c.yaml:9: 'facts.0' needs 'value' (or 'low'/'high') or, for a date.<event> topic, 'date'"),
        ("  - topic: killed.any.war\n    value: many\n", "c.yaml:10: 'facts.0.value' must be a number, not 'many'"),
        ("  - topic: killed.any.war\n    vaule: 3\n", "c.yaml:10: unknown key 'facts.0.vaule' (did you mean 'value'?)"),
        ("  topic: x\n", "c.yaml:8: 'facts' must be a list, not a mapping"),
    ],
)
def test_bad_facts(facts, message):
    with pytest.raises(ConfigError) as err:
        fact_settings(facts)
    assert str(err.value) == message


def count(low, high, as_of):
    return Claim("a#1", "a", "count", "x", 0, 1, 1, 1, "", low=low, high=high, as_of=as_of, scope="war", topic="killed.any.war")


TOLL = Fact("killed.any.war", "moh", 1, low=71551, high=71551, as_of=D(2026, 1, 20))


@pytest.mark.parametrize(
    "claim, expected",
    [
        (count(71000, 72000, D(2026, 1, 20)), False),  # same date, overlapping
        (count(69000, 70000, D(2026, 1, 20)), True),  # same date, below
        (count(69000, 70000, D(2026, 2, 1)), True),  # later, yet below the vetted toll
        (count(80000, 80000, D(2026, 2, 1)), False),  # later and higher: the toll rose
        (count(80000, 80000, D(2025, 12, 1)), True),  # earlier, yet above it
        (count(44000, 45000, D(2024, 11, 30)), False),  # earlier and lower
        (count(1000, 1000, None), False),  # undated: cannot be placed before or after the fact
    ],
)
def test_cumulative_fact(claim, expected):
    assert contradicts(claim, TOLL, cumulative=True) is expected


def test_event_fact_must_overlap_whatever_the_date():
    fact = Fact("killed.any.event.2025-11-22", "x", 1, low=20, high=21)
    assert contradicts(count(9, 9, D(2025, 11, 30)), fact, cumulative=False)
    assert not contradicts(count(21, 21, None), fact, cumulative=False)


def test_check_facts_names_the_claim_and_the_fact():
    s = fact_settings("  - topic: date.ceasefire_start\n    date: 2025-10-10\n    source: the deal\n")
    claim = Claim(
        "d.md#2", "d.md", "date", "October 12", 0, 1, 3, 5, "", first=D(2025, 10, 12), last=D(2025, 10, 12),
        as_of=D(2025, 11, 5), topic="date.ceasefire_start",
    )
    (finding,) = check_facts([claim], s)
    assert (finding.code, finding.severity, finding.claims) == ("CF401", "error", ("d.md#2",))
    assert finding.message == 'd.md (2025-11-05): "October 12" [2025-10-12] contradicts a vetted fact: 2025-10-10 (the deal; c.yaml:9)'


# --- documents dated before the span they report -------------------------------------------------

def test_a_document_dated_before_the_war_that_reports_its_toll_is_a_warning(tmp_path):
    from ceasefire_cli.load.corpus import load
    from ceasefire_cli.models import Problem
    from ceasefire_cli.run.pipeline import analyse_documents

    (tmp_path / "early.md").write_text(
        "---\ndate: 2023-09-01\n---\nThe death toll has risen to 9,000 since the war began, the ministry said.\n"
    )
    (tmp_path / "truce.md").write_text(
        "---\ndate: 2025-09-20\n---\nSince the ceasefire took effect, 240 people have been killed.\n"
    )
    (tmp_path / "fine.md").write_text("---\ndate: 2023-09-01\n---\nAn air strike killed 4 people on Tuesday.\n")
    from pathlib import Path

    from ceasefire_cli.config import load_settings

    settings = load_settings(Path(__file__).resolve().parent.parent / "claims.yaml")
    report = analyse_documents(load([str(tmp_path)]).documents, settings)
    assert [(p.path.rsplit("/", 1)[-1], p.message, p.severity) for p in report.problems] == [
        ("early.md", 'dated 2023-09-01, before the war began (2023-10-07), yet it reports a figure since then ("9,000", line 4): check its date', "warning"),
        ("truce.md", 'dated 2025-09-20, before the ceasefire took effect (2025-10-10), yet it reports a figure since then ("240", line 4): check its date', "warning"),
    ]
    assert all(isinstance(p, Problem) for p in report.problems)
