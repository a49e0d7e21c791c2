"""One run request (run/request.py), run() and extract_each() (run/pipeline.py), and the dating stage (run/dating.py)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from ceasefire_cli.config import load_settings
from ceasefire_cli.extract.claims import build_lexicon, extract_claims
from ceasefire_cli.load.corpus import load
from ceasefire_cli.models import Document, Finding, Problem
from ceasefire_cli.rules.reference import date_documents, read_reference
from ceasefire_cli.run.dating import date_from_references
from ceasefire_cli.run.pipeline import analyse_documents, check_documents, extract_each, run
from ceasefire_cli.run.request import RunRequest
from ceasefire_cli.topics import assign_topics

ROOT = Path(__file__).resolve().parent.parent
SETTINGS = load_settings(ROOT / "claims.yaml")
FIXTURE = read_reference(ROOT / "tests" / "data" / "reference" / "gaza_moh.json", SETTINGS.references.series[0])
DAY = dt.date(2025, 12, 1)


def _doc(name: str, figure: str, published: dt.date | None = DAY) -> Document:
    return Document(name, f"{name}.md", f"The ministry says {figure} Palestinians have been killed in the war.\n", published=published)


@pytest.mark.parametrize(
    ("fail_on", "severities", "fails"),
    [
        ("error", ("warning", "info"), False),
        ("error", ("info", "error"), True),
        ("warning", ("warning",), True),
        ("warning", ("info",), False),
        ("info", ("info",), True),
        ("never", ("error",), False),
        ("error", (), False),
    ],
)
def test_fail_on_is_the_lowest_severity_that_fails(fail_on, severities, fails):
    findings = [Finding("CF101", s, None, (), "m") for s in severities]
    assert RunRequest(SETTINGS, fail_on=fail_on).fails(findings) is fails


def test_run_compares_drops_ignored_codes_and_puts_loadings_problems_first():
    docs = (_doc("a", "70,100"), _doc("b", "52,000"))
    loading = (Problem("c.md", "cannot read"),)
    report = run(RunRequest(SETTINGS, docs, problems=loading))
    assert [f.code for f in report.findings] == [f.code for f in analyse_documents(docs, SETTINGS).findings] == ["CF101"]
    assert report.problems == loading
    assert run(RunRequest(SETTINGS, docs, ignore=("CF101",))).findings == ()


def test_run_with_drafts_is_a_check_of_the_dated_drafts():
    corpus, draft = (_doc("a", "70,100"),), _doc("d", "52,000", published=None)
    report = run(RunRequest(SETTINGS, corpus, drafts=(draft,), draft_date=DAY))
    dated = Document(draft.id, draft.path, draft.text, published=DAY, published_basis="option")
    assert report == check_documents((dated,), corpus, SETTINGS)
    assert report.drafts == ("d",) and [f.code for f in report.findings] == ["CF101"]
    today = run(RunRequest(SETTINGS, corpus, drafts=(draft,), today=DAY))
    assert [d.published_basis for d in today.documents if d.id == "d"] == ["today"]


def test_extract_each_gives_each_documents_claims_with_topics_or_its_problem():
    found = list(extract_each(RunRequest(SETTINGS, (_doc("a", "70,100"), _doc("b", "52,000")))))
    assert [[(c.text, c.topic) for c in claims] for claims in found] == [
        [("70,100", "killed.palestinians.war")],
        [("52,000", "killed.palestinians.war")],
    ]


def test_dating_is_a_stage_before_topics_that_matches_reading_twice(tmp_path):
    # The seeds without sources.yaml are undated; their figures place 002 and 004 on the series.
    for f in (ROOT / "seeds").glob("*.txt"):
        shutil.copy(f, tmp_path / f.name)
    docs = load([tmp_path]).documents
    lexicon = build_lexicon(SETTINGS)
    claims = tuple(c for d in docs for c in extract_claims(d, lexicon))
    dated = date_from_references(docs, claims, SETTINGS, (FIXTURE,))
    assert sorted(Path(d.id).name[:3] for d in dated.documents if d.published_basis == "reference") == ["000", "002", "004"]
    assert all(c.topic is None for c in dated.claims)  # topics come after, once
    # The loop it replaces: topics, dating, reading the dated documents again, topics again.
    before = date_documents(docs, assign_topics(claims, SETTINGS)[0], (FIXTURE,), SETTINGS)
    again = tuple(c for d in before for c in extract_claims(d, lexicon))
    assert dated.documents == before
    assert assign_topics(dated.claims, SETTINGS) == assign_topics(again, SETTINGS)
    report = analyse_documents(docs, SETTINGS, references=(FIXTURE,))
    assert (report.documents, report.claims) == (before, assign_topics(again, SETTINGS)[0])
