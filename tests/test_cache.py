"""The claim cache: hits and misses, what invalidates it, and a corrupt or locked file."""

from __future__ import annotations

import datetime as dt
import json
import multiprocessing
import sqlite3
from dataclasses import fields, replace
from pathlib import Path

import pytest

from ceasefire_cli.run import cache as cache_module
from ceasefire_cli.run import rows as rows_module
from ceasefire_cli.run import parallel
from ceasefire_cli.run.cache import CacheError, cache_dir, decode_claims, encode_claims, open_cache
from ceasefire_cli.extract.claims import build_lexicon, extract_claims
from ceasefire_cli.config import load_settings, settings_from_text
from ceasefire_cli.load.corpus import load
from ceasefire_cli.models import Claim
from ceasefire_cli.run.parallel import extract_all

ROOT = Path(__file__).resolve().parent.parent
SETTINGS = load_settings(ROOT / "claims.yaml")
DOCUMENTS = load([ROOT / "seeds", *sorted((ROOT / "tests" / "data" / "planted").glob("*.md"))]).documents


def expected(documents=DOCUMENTS, settings=SETTINGS) -> tuple:
    lexicon = build_lexicon(settings)
    return tuple(c for d in documents for c in extract_claims(d, lexicon))


def run(folder: Path, documents=DOCUMENTS, settings=SETTINGS):
    """One run over ``documents`` with a fresh connection: (claims, hits, misses)."""
    with open_cache(settings, folder) as cache:
        claims, problems = extract_all(documents, settings, jobs=1, cache=cache)
        assert problems == ()
        return claims, cache.hits, cache.misses


def test_first_run_misses_second_run_hits(tmp_path):
    claims, hits, misses = run(tmp_path)
    assert (hits, misses) == (0, len(DOCUMENTS))
    assert claims == expected()
    claims, hits, misses = run(tmp_path)
    assert (hits, misses) == (len(DOCUMENTS), 0)
    assert claims == expected()


def test_a_warm_run_extracts_nothing(tmp_path, monkeypatch):
    run(tmp_path)

    def refuse(*args):
        raise AssertionError("extracted a document the cache holds")

    monkeypatch.setattr(parallel, "extract_claims", refuse)
    assert run(tmp_path)[0] == expected()


def test_a_document_that_fails_is_not_cached(tmp_path):
    broken = replace(DOCUMENTS[0], id="broken.txt", path="broken.txt", published="2025-11-23")  # type: ignore[arg-type]
    for _ in range(2):
        with open_cache(SETTINGS, tmp_path) as cache:
            claims, problems = extract_all((broken, *DOCUMENTS), SETTINGS, jobs=1, cache=cache)
            assert [p.path for p in problems] == ["broken.txt"]
            assert claims == expected()
    assert (cache.hits, cache.misses) == (len(DOCUMENTS), 1)


def test_a_file_corrupted_while_open_is_rebuilt_on_the_next_read(tmp_path):
    run(tmp_path)
    with open_cache(SETTINGS, tmp_path) as cache:
        for suffix in ("", "-wal", "-shm"):
            path = tmp_path / (cache_module.FILE_NAME + suffix)
            if path.exists():
                path.write_bytes(b"garbage" * 1000)
        assert extract_all(DOCUMENTS, SETTINGS, jobs=1, cache=cache) == (expected(), ())
        assert cache.rebuilt
    assert run(tmp_path)[1:] == (len(DOCUMENTS), 0)


def test_cached_claims_share_sentences_within_a_document_and_dates_across_documents(tmp_path):
    run(tmp_path)
    claims = run(tmp_path)[0]
    by_sentence: dict[tuple[str, str], set[int]] = {}
    by_day: dict[dt.date, set[int]] = {}
    for c in claims:
        by_sentence.setdefault((c.document, c.sentence), set()).add(id(c.sentence))
        if c.as_of is not None:
            by_day.setdefault(c.as_of, set()).add(id(c.as_of))
    assert all(len(ids) == 1 for ids in by_sentence.values())
    assert all(len(ids) == 1 for ids in by_day.values())


@pytest.mark.parametrize(
    "change",
    [
        lambda d: replace(d, text=d.text + "\nAt least 12 people were killed on Monday.\n"),
        lambda d: replace(d, published=dt.date(2026, 2, 1)),
        lambda d: replace(d, published=None),
        lambda d: replace(d, body_end=len(d.text) // 2),
        lambda d: replace(d, id="renamed.txt"),
    ],
    ids=["text", "published", "undated", "body_end", "id"],
)
def test_a_changed_document_misses_and_the_others_hit(tmp_path, change):
    run(tmp_path)
    documents = list(DOCUMENTS)
    documents[2] = change(documents[2])
    claims, hits, misses = run(tmp_path, documents)
    assert (hits, misses) == (len(DOCUMENTS) - 1, 1)
    assert claims == expected(documents)


def test_metadata_extraction_ignores_does_not_invalidate(tmp_path):
    run(tmp_path)
    documents = [replace(d, outlet="Elsewhere", title="Other", url="https://example.org/") for d in DOCUMENTS]
    assert run(tmp_path, documents)[1:] == (len(DOCUMENTS), 0)


def test_changed_settings_miss(tmp_path):
    run(tmp_path)
    text = (ROOT / "claims.yaml").read_text("utf-8").replace("tolerance: 0.0", "tolerance: 0.02")
    assert text != (ROOT / "claims.yaml").read_text("utf-8")
    other = settings_from_text(text, "other/claims.yaml")
    claims, hits, misses = run(tmp_path, settings=other)
    assert (hits, misses) == (0, len(DOCUMENTS))
    assert claims == expected(settings=other)


def test_the_same_settings_from_another_file_hit(tmp_path):
    run(tmp_path)
    moved = replace(SETTINGS, path="/somewhere/else/claims.yaml")
    assert run(tmp_path, settings=moved)[1:] == (len(DOCUMENTS), 0)


def test_another_version_empties_the_cache(tmp_path, monkeypatch):
    run(tmp_path)
    monkeypatch.setattr(cache_module, "VERSION", "9.9.9+other")
    assert run(tmp_path)[1:] == (0, len(DOCUMENTS))
    monkeypatch.undo()
    # The rows of the first version were deleted, not kept beside the new ones.
    assert run(tmp_path)[1:] == (0, len(DOCUMENTS))
    assert run(tmp_path)[1:] == (len(DOCUMENTS), 0)


@pytest.mark.parametrize(
    "garbage",
    [b"this is not a database\n" * 200, b"SQLite format 3\x00" + b"\xff" * 4000, b"\x00" * 100],
    ids=["text", "bad-header", "zeros"],
)
def test_a_corrupt_cache_file_is_rebuilt(tmp_path, garbage):
    run(tmp_path)
    path = tmp_path / cache_module.FILE_NAME
    path.write_bytes(garbage)
    with open_cache(SETTINGS, tmp_path) as cache:
        assert cache.rebuilt
        assert extract_all(DOCUMENTS, SETTINGS, jobs=1, cache=cache) == (expected(), ())
        assert (cache.hits, cache.misses) == (0, len(DOCUMENTS))
    assert run(tmp_path)[1:] == (len(DOCUMENTS), 0)


def test_garbage_where_no_cache_was_yet_is_replaced(tmp_path):
    (tmp_path / cache_module.FILE_NAME).write_bytes(b"\x89PNG\r\n\x1a\n" + b"x" * 500)
    assert run(tmp_path)[1:] == (0, len(DOCUMENTS))
    assert run(tmp_path)[1:] == (len(DOCUMENTS), 0)


@pytest.mark.parametrize(
    "schema",
    [
        "CREATE TABLE claims (x INTEGER)",
        "CREATE TABLE meta (name TEXT, value TEXT); INSERT INTO meta VALUES ('schema', '0')",
        "CREATE TABLE notes (body TEXT)",
    ],
    ids=["other-columns", "old-schema", "extra-table"],
)
def test_a_sqlite_file_of_another_shape_is_rebuilt(tmp_path, schema):
    path = tmp_path / cache_module.FILE_NAME
    con = sqlite3.connect(path)
    con.executescript(schema)
    con.close()
    with open_cache(SETTINGS, tmp_path) as cache:
        # An extra table is harmless; only tables of ours with the wrong shape force a rebuild.
        assert cache.rebuilt == (schema != "CREATE TABLE notes (body TEXT)")
        assert extract_all(DOCUMENTS, SETTINGS, jobs=1, cache=cache) == (expected(), ())
    assert run(tmp_path)[1:] == (len(DOCUMENTS), 0)


def test_a_row_that_does_not_decode_is_a_miss_and_is_rewritten(tmp_path):
    run(tmp_path)
    con = sqlite3.connect(tmp_path / cache_module.FILE_NAME)
    with con:
        con.execute("UPDATE claims SET data = ?", (b'{"not": "a row"}',))
    con.close()
    claims, hits, misses = run(tmp_path)
    assert (hits, misses) == (0, len(DOCUMENTS))
    assert claims == expected()
    assert run(tmp_path)[1:] == (len(DOCUMENTS), 0)


def test_a_write_lock_held_elsewhere_skips_the_write_without_failing(tmp_path, monkeypatch):
    monkeypatch.setattr(cache_module, "BUSY_TIMEOUT", 0.05)
    with open_cache(SETTINGS, tmp_path) as cache:
        other = sqlite3.connect(tmp_path / cache_module.FILE_NAME, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")  # another cfcheck in the middle of writing
        try:
            assert extract_all(DOCUMENTS, SETTINGS, jobs=1, cache=cache) == (expected(), ())
            assert cache.skipped_writes == len(DOCUMENTS)
        finally:
            other.execute("ROLLBACK")
            other.close()
    assert run(tmp_path)[1:] == (0, len(DOCUMENTS))


def _writer(folder: str) -> None:
    for _ in range(3):
        with open_cache(SETTINGS, folder) as cache:
            documents = [replace(d, text=d.text + " ") for d in DOCUMENTS]
            assert extract_all(DOCUMENTS + tuple(documents), SETTINGS, jobs=1, cache=cache)[0]


def test_concurrent_writers_do_not_crash(tmp_path):
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_writer, args=(str(tmp_path),)) for _ in range(3)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(120)
    assert [w.exitcode for w in workers] == [0, 0, 0]
    assert run(tmp_path)[1:] == (len(DOCUMENTS), 0)


def test_a_folder_that_cannot_be_created_is_a_cache_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(CacheError) as caught:
        open_cache(SETTINGS, blocker / "cache")
    assert str(caught.value).startswith(f"{blocker / 'cache'}: cannot create the cache folder:")
    assert "--no-cache" in str(caught.value)


def test_rows_round_trip_every_field():
    claims = expected()
    for d in DOCUMENTS:
        mine = tuple(c for c in claims if c.document == d.id)
        assert decode_claims(d, encode_claims(d, mine)) == mine
    odd = (replace(claims[0], sentence=f"Ünïcödé “{claims[0].text}”"),)
    assert decode_claims(DOCUMENTS[0], encode_claims(DOCUMENTS[0], odd)) == odd


@pytest.mark.parametrize("change", [{"id": "custom-id"}, {"document": "another.txt"}, {"sentence": "Ünïcödé “quotes”"}])
def test_a_row_holding_what_extraction_never_writes_is_refused(change):
    claims = expected()
    odd = (replace(claims[0], **change),)
    with pytest.raises(ValueError):
        decode_claims(DOCUMENTS[0], encode_claims(DOCUMENTS[0], odd))


def _rows(folder: Path) -> dict[bytes, bytes]:
    con = sqlite3.connect(folder / cache_module.FILE_NAME)
    try:
        return dict(con.execute("SELECT key, data FROM claims"))
    finally:
        con.close()


def _rewrite(folder: Path, edit, *, checksum: bool) -> int:
    """Edit every row's claims with ``edit(claim_array)``, keeping its old checksum or recomputing it; the rows changed."""
    rows = {}
    for key, data in _rows(folder).items():
        sentences, claims = json.loads(data[16:])
        for c in claims:
            edit(c)
        payload = json.dumps([sentences, claims], ensure_ascii=False, separators=(",", ":")).encode()
        rows[key] = (rows_module._checksum(key, payload) if checksum else data[:16]) + payload
    before = _rows(folder)
    con = sqlite3.connect(folder / cache_module.FILE_NAME)
    with con:
        con.executemany("UPDATE claims SET data = ? WHERE key = ?", [(v, k) for k, v in rows.items()])
    con.close()
    return sum(1 for k, v in rows.items() if before[k] != v)


FIELD = {name: i for i, name in enumerate(f.name for f in fields(Claim))}


def _set(name, value):
    def edit(c):
        c[FIELD[name]] = value(c[FIELD[name]]) if callable(value) else value

    return edit


WELL_FORMED_BUT_WRONG = [
    ("value", _set("low", lambda v: None if v is None else v + 1), False),
    ("offsets beyond the text", _set("end", 10**9), True),
    ("offsets on other words", _set("start", lambda v: v + 1), True),
    ("line elsewhere", _set("line", lambda v: v + 1), True),
    ("another document's claim", _set("document", "other.md"), True),
    ("id out of order", _set("id", 7), True),
    ("sentence index beyond the list", _set("sentence", 10**6), True),
    ("low above high", lambda c: c.__setitem__(FIELD["low"], c[FIELD["high"]] + 1) if c[FIELD["high"]] is not None else None, True),
    ("unknown kind", _set("kind", "forged"), True),
    ("infinite value", _set("high", 1e400), True),
]
WRONG_TYPES = [
    ("start as a string", _set("start", "3"), True),
    ("start as a boolean", _set("start", True), True),
    ("value as a list", _set("low", [1]), True),
    ("value as a string", _set("high", "447"), True),
    ("metric as a number", _set("metric", 5), True),
    ("date as a number", _set("as_of", 20251010), True),
    ("date not a date", _set("as_of", "2025-13-45"), True),
    ("claim not an array", lambda c: c.clear(), True),
    ("sentence as an object", _set("sentence", {"a": 1}), True),
]


@pytest.mark.parametrize(("what", "edit", "checksum"), WELL_FORMED_BUT_WRONG + WRONG_TYPES, ids=[w for w, _, _ in WELL_FORMED_BUT_WRONG + WRONG_TYPES])
def test_an_edited_row_is_a_miss_never_a_forged_claim_nor_a_crash(tmp_path, what, edit, checksum):
    run(tmp_path)
    changed = _rewrite(tmp_path, edit, checksum=checksum)
    claims, hits, misses = run(tmp_path)
    assert claims == expected()
    assert (hits, misses) == (len(DOCUMENTS) - changed, changed) and changed > len(DOCUMENTS) // 2
    assert run(tmp_path)[1:] == (len(DOCUMENTS), 0)  # the rows were written afresh


def test_a_row_of_another_key_is_a_miss(tmp_path):
    run(tmp_path)
    rows = _rows(tmp_path)
    keys = list(rows)
    con = sqlite3.connect(tmp_path / cache_module.FILE_NAME)
    with con:  # every row moved to the next document's key: well formed, checksummed, not theirs
        con.executemany("UPDATE claims SET data = ? WHERE key = ?", [(rows[keys[i - 1]], keys[i]) for i in range(len(keys))])
    con.close()
    claims, hits, _ = run(tmp_path)
    assert (claims, hits) == (expected(), 0)


@pytest.mark.parametrize("data", [b"", b"[]", b"[[], [[1, 2]]]", b'[["s"], [[null]]]', b"\xff"])
def test_malformed_rows_raise_value_error(data):
    with pytest.raises(ValueError):
        decode_claims(DOCUMENTS[0], data)


@pytest.mark.parametrize(
    "environ, folder",
    [
        ({"CFCHECK_CACHE_DIR": "/tmp/cf", "XDG_CACHE_HOME": "/x", "HOME": "/h"}, "/tmp/cf"),
        ({"XDG_CACHE_HOME": "/x", "HOME": "/h"}, "/x/cfcheck"),
        ({"XDG_CACHE_HOME": "relative/path", "HOME": "/h"}, "/h/.cache/cfcheck"),
        ({"XDG_CACHE_HOME": "", "HOME": "/h"}, "/h/.cache/cfcheck"),
        ({"CFCHECK_CACHE_DIR": "", "HOME": "/h"}, "/h/.cache/cfcheck"),
    ],
)
def test_cache_dir(environ, folder):
    assert cache_dir(environ).as_posix() == folder


def test_a_deeply_nested_row_with_a_good_checksum_is_a_miss(tmp_path):
    run(tmp_path)
    payload = b"[" * 100_000 + b"]" * 100_000
    con = sqlite3.connect(tmp_path / cache_module.FILE_NAME)
    with con:
        con.executemany("UPDATE claims SET data = ? WHERE key = ?", [(rows_module._checksum(k, payload) + payload, k) for k in _rows(tmp_path)])
    con.close()
    assert run(tmp_path) == (expected(), 0, len(DOCUMENTS))
