"""A run that reads its files as extraction goes keeps no article text, and reports what loading everything first reports."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from ceasefire_cli.config import load_settings
from ceasefire_cli.extract.claims import build_lexicon, extract_claims
from ceasefire_cli.load.corpus import find_sources, iter_load, load
from ceasefire_cli.models import Document
from ceasefire_cli.render import RenderOptions, render
from ceasefire_cli.render.common import comment_sections, locate, quote
from ceasefire_cli.rules.names import find_names
from ceasefire_cli.run import parallel
from ceasefire_cli.run.digest import digest, without_text
from ceasefire_cli.run.request import RunRequest
from ceasefire_cli.run.pipeline import run

ROOT = Path(__file__).resolve().parent.parent
SETTINGS = load_settings(ROOT / "claims.yaml")
PATHS = [str(ROOT / "seeds"), str(ROOT / "tests" / "data" / "planted"), str(ROOT / "tests" / "data" / "corpus")]

# The figure "12" twice in one sentence: which one a quote shows depends on the text before the claim.
TWICE = (
    "Hamas leader Khalil al-Hayya spoke on Monday.\n"
    "Officials said 12 captives were freed, and 12 Palestinians have been killed in the war, said Hassan Rashad.\n"
    "Comments\nA reader says 30 were killed.\n"
)


def _twice() -> Document:
    return Document("t.md", "t.md", TWICE, body_end=TWICE.index("Comments"))


def test_a_streamed_compare_keeps_no_article_text():
    report = run(RunRequest(SETTINGS, sources=find_sources(PATHS)))
    assert report.documents and all(d.text == "" and d.digest is not None for d in report.documents)


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_streamed_compare_reports_what_loading_everything_first_reports(jobs, monkeypatch):
    monkeypatch.setattr(parallel, "PARALLEL_MIN_CHARS", 0)
    loaded = load(PATHS)
    before = run(RunRequest(SETTINGS, loaded.documents, problems=loaded.problems, jobs=jobs))
    after = run(RunRequest(SETTINGS, sources=find_sources(PATHS), jobs=jobs))
    assert (after.claims, after.topics, after.findings, after.problems) == (before.claims, before.topics, before.findings, before.problems)
    assert [replace(d, text="", digest=None) for d in after.documents] == [replace(d, text="") for d in before.documents]
    for fmt in ("json", "terminal", "markdown", "sarif", "github", "line", "html"):
        options = RenderOptions(width=100, color=False, verbose=True)
        assert render(fmt, after, options) == render(fmt, before, options), fmt


def test_iter_load_gives_what_load_gives():
    items = list(iter_load(PATHS))
    loaded = load(PATHS)
    assert sorted((d for d in items if isinstance(d, Document)), key=lambda d: d.id) == list(loaded.documents)
    assert sorted((p for p in items if not isinstance(p, Document)), key=lambda p: p.path) == list(loaded.problems)


def test_without_its_text_a_document_gives_the_same_names_comments_places_and_quotes():
    doc = _twice()
    claims = extract_claims(doc, build_lexicon(SETTINGS))
    assert [c.text for c in claims].count("12") == 2
    stripped = without_text(doc, digest(doc, claims))
    assert stripped.text == "" and stripped.comments_start == doc.comments_start
    assert find_names(stripped) == find_names(doc) and len(find_names(doc)) == 2
    assert [quote(c, stripped) for c in claims] == [quote(c, doc) for c in claims]
    assert [locate(c, {"t.md": stripped}) for c in claims] == [locate(c, {"t.md": doc}) for c in claims]
    report = run(RunRequest(SETTINGS, (doc,)))
    assert comment_sections(replace(report, documents=(stripped,)))[0].line == comment_sections(report)[0].line == 3


def test_the_second_of_two_equal_figures_is_quoted_as_the_second_without_the_text():
    doc = _twice()
    second = [c for c in extract_claims(doc, build_lexicon(SETTINGS)) if c.text == "12"][1]
    q = quote(second, without_text(doc, digest(doc, (second,))))
    assert q.before.endswith("were freed, and ") and q.figure == "12"


def test_workers_give_the_digest_this_process_gives():
    documents = [_twice(), *load(PATHS).documents]
    lexicon = build_lexicon(SETTINGS)
    expected = [digest(d, extract_claims(d, lexicon)) for d in documents]
    got = [d.digest for d, _ in parallel.stream_extracted(documents, SETTINGS, jobs=2, min_parallel_chars=0, keep_text=False)]
    assert got == expected


def test_equal_sentences_of_different_articles_are_one_string_after_the_workers():
    text = "The ministry says 70,100 Palestinians have been killed in the war.\n"
    documents = [Document(f"{i}.md", f"{i}.md", text * 3) for i in range(4)]
    got = [c for _, found in parallel.stream_extracted(documents, SETTINGS, jobs=2, min_parallel_chars=0, keep_text=False) for c in found]
    assert len(got) == 12 and len({id(c.sentence) for c in got}) == 1
