"""Parallel extraction gives exactly the serial claims; claims as JSON Lines."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from ceasefire_cli.run import parallel
from ceasefire_cli.extract.claims import build_lexicon, extract_claims
from ceasefire_cli.config import load_settings
from ceasefire_cli.load.corpus import load
from ceasefire_cli.models import Document
from ceasefire_cli.run.parallel import default_jobs, extract_all
from ceasefire_cli.run.pipeline import extract
from ceasefire_cli.render.json_format import claim_json
from ceasefire_cli.render.jsonl import iter_claims_jsonl

ROOT = Path(__file__).resolve().parent.parent
SETTINGS = load_settings(ROOT / "claims.yaml")
DOCUMENTS = load([ROOT / "seeds", *sorted((ROOT / "tests" / "data" / "planted").glob("*.md"))]).documents


def serial() -> tuple:
    lexicon = build_lexicon(SETTINGS)
    return tuple(c for d in DOCUMENTS for c in extract_claims(d, lexicon))


def jsonl(claims) -> str:
    return "".join(iter_claims_jsonl(claims))


def test_the_corpus_is_the_seeds_and_the_planted_articles():
    assert len(DOCUMENTS) == 5 + 9
    assert len(serial()) > 40


def test_two_jobs_give_the_serial_claims_byte_for_byte():
    expected = serial()
    got, problems = extract_all(DOCUMENTS, SETTINGS, jobs=2, min_parallel_chars=0)
    assert problems == ()
    assert got == expected
    assert [c.id for c in got] == [c.id for c in expected]
    assert jsonl(got) == jsonl(expected)


@pytest.mark.parametrize("jobs", [1, 2])
def test_the_result_is_the_pipelines_serial_extraction(jobs):
    assert extract_all(DOCUMENTS, SETTINGS, jobs=jobs, min_parallel_chars=0) == extract(DOCUMENTS, SETTINGS)


def test_one_job_gives_the_serial_claims():
    assert extract_all(DOCUMENTS, SETTINGS, jobs=1) == (serial(), ())


def test_more_jobs_than_chunks_still_gives_the_serial_claims():
    assert extract_all(DOCUMENTS[:2], SETTINGS, jobs=8, min_parallel_chars=0)[0] == serial()[: _count(DOCUMENTS[:2])]


def _count(documents) -> int:
    lexicon = build_lexicon(SETTINGS)
    return sum(len(extract_claims(d, lexicon)) for d in documents)


def test_no_documents_no_claims():
    assert extract_all((), SETTINGS, jobs=2, min_parallel_chars=0) == ((), ())


def test_a_small_input_is_extracted_without_starting_processes(monkeypatch):
    def no_pool(*args, **kwargs):
        raise AssertionError("a worker pool was started for a small input")

    monkeypatch.setattr(parallel, "ProcessPoolExecutor", no_pool)
    assert extract_all(DOCUMENTS, SETTINGS, jobs=2) == (serial(), ())


# A document whose extraction raises (here: a publication date that is no date).
BROKEN = Document("broken.txt", "broken.txt", "Israel killed 447 people on Friday.", published="2025-11-23", body_end=36)  # type: ignore[arg-type]


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_document_that_trips_a_bug_is_a_problem_as_in_the_pipeline(jobs):
    documents = (*DOCUMENTS[:3], BROKEN, *DOCUMENTS[3:])
    claims, problems = extract_all(documents, SETTINGS, jobs=jobs, min_parallel_chars=0)
    assert (claims, problems) == extract(documents, SETTINGS)
    assert claims == serial()
    assert [p.path for p in problems] == ["broken.txt"]
    assert problems[0].message.startswith("internal error while reading figures (AttributeError: ")


def test_without_worker_processes_the_claims_come_from_this_process(monkeypatch):
    def no_processes(*args, **kwargs):
        raise PermissionError(1, "Operation not permitted")  # as where /dev/shm is missing

    monkeypatch.setattr(parallel, "ProcessPoolExecutor", no_processes)
    assert extract_all(DOCUMENTS, SETTINGS, jobs=2, min_parallel_chars=0) == (serial(), ())


def test_default_jobs_is_the_cpu_count():
    assert default_jobs() == (os.cpu_count() or 1)


def test_default_jobs_follows_the_affinity_mask_not_the_cpu_count(monkeypatch):
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1, 2}, raising=False)
    monkeypatch.setattr(os, "cpu_count", lambda: 64)
    assert default_jobs() == 3


def test_without_an_affinity_call_the_cpu_count_is_used(monkeypatch):
    monkeypatch.delattr(os, "sched_getaffinity", raising=False)
    monkeypatch.setattr(os, "cpu_count", lambda: 5)
    assert default_jobs() == 5


def test_extract_all_never_starts_more_workers_than_usable_cpus(monkeypatch):
    started = []

    class Pool(parallel.ProcessPoolExecutor):
        def __init__(self, max_workers, **kwargs):
            started.append(max_workers)
            super().__init__(max_workers, **kwargs)

    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1}, raising=False)
    monkeypatch.setattr(parallel, "ProcessPoolExecutor", Pool)
    assert extract_all(list(DOCUMENTS) * 20, SETTINGS, jobs=10_000, min_parallel_chars=0)[1] == ()
    assert started == [2]


@pytest.mark.parametrize("jobs", [1, 2, 3, 16])
def test_chunks_are_contiguous_and_cover_every_document_in_order(jobs):
    documents = list(DOCUMENTS) * 40
    size = sum(len(d.text) for d in documents)
    chunks = parallel._chunks(documents, jobs, size)
    assert [d for chunk in chunks for d in chunk] == documents
    assert all(chunks)


def test_claims_of_a_document_share_their_sentence_strings_after_the_workers():
    got = extract_all(DOCUMENTS, SETTINGS, jobs=2, min_parallel_chars=0)[0]
    by_sentence: dict[tuple[str, str], set[int]] = {}
    for c in got:
        by_sentence.setdefault((c.document, c.sentence), set()).add(id(c.sentence))
    assert all(len(ids) == 1 for ids in by_sentence.values())


# --- JSON Lines -----------------------------------------------------------------------


def test_jsonl_has_one_line_per_claim_that_parses_to_claim_json():
    claims = serial()
    lines = list(iter_claims_jsonl(claims))
    assert len(lines) == len(claims)
    for line, claim in zip(lines, claims):
        assert line.endswith("\n") and "\n" not in line[:-1]
        assert json.loads(line) == {"schema_version": 1, **claim_json(claim)}


def test_jsonl_keeps_the_key_order_of_the_json_report_and_is_ascii():
    claims = serial()
    for line, claim in zip(iter_claims_jsonl(claims), claims):
        assert list(json.loads(line)) == ["schema_version", *claim_json(claim)]
        assert line.isascii()


def test_jsonl_of_no_claims_is_empty():
    assert list(iter_claims_jsonl(())) == []


def test_jsonl_escapes_article_text():
    claim = next(c for c in serial() if not c.sentence.isascii())
    line = next(iter_claims_jsonl([claim]))
    assert "\\u" in line and json.loads(line)["sentence"] == claim.sentence


def test_iter_extracted_gives_each_document_as_soon_as_it_is_read(monkeypatch):
    read = []
    real = parallel._extract_one
    monkeypatch.setattr(parallel, "_extract_one", lambda d, lexicon: read.append(d.id) or real(d, lexicon))
    results = parallel.iter_extracted(DOCUMENTS, SETTINGS, jobs=1)
    first = next(results)
    assert (len(read), first) == (1, serial()[: len(first)])
    assert tuple(c for r in [first, *results] for c in r) == serial()


def test_closing_iter_extracted_early_stops_its_workers():
    import multiprocessing

    before = set(multiprocessing.active_children())  # other tests' processes are not this test's business
    results = parallel.iter_extracted(list(DOCUMENTS) * 20, SETTINGS, jobs=2, min_parallel_chars=0)
    next(results)
    assert set(multiprocessing.active_children()) - before
    results.close()
    assert [p for p in set(multiprocessing.active_children()) - before if p.is_alive()] == []
