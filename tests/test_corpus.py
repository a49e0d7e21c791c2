"""Tests for ceasefire_cli.load.corpus: paths -> Documents."""

from __future__ import annotations

import codecs
import datetime as dt
import importlib.util
import os
import re
import shutil
import sys
import types
from pathlib import Path

import pytest

from ceasefire_cli.load import corpus
from ceasefire_cli.load.corpus import LoadResult, find_comments, front_matter, load
from ceasefire_cli.errors import ConfigError, InputError
from ceasefire_cli.models import Document, Problem

MAIN = Path(__file__).resolve().parents[1]
SEEDS = MAIN / "seeds"
DATA = Path(__file__).resolve().parent / "data" / "corpus"
SEED_NAMES = [
    "000_f18b52ff7516bb79.txt",
    "001_6a8443359ebb0a21.txt",
    "002_ccac73b0137fe5d3.txt",
    "003_2e492561142a1098.txt",
    "004_69648c64d7c2cb5d.txt",
]

_MONTHS = "January February March April May June July August September October November December".split()
_FULL_DATE = re.compile(rf"\b(?:({'|'.join(_MONTHS)}) (\d{{1,2}}), (\d{{4}})|(\d{{4}})-(\d\d)-(\d\d))\b")


def _fake_find_full_date(text: str) -> dt.date | None:
    """Stand-in for dates.find_full_date while dates.py is not written yet."""
    match = _FULL_DATE.search(text)
    if not match:
        return None
    if match[4]:
        return dt.date(int(match[4]), int(match[5]), int(match[6]))
    return dt.date(int(match[3]), _MONTHS.index(match[1]) + 1, int(match[2]))


@pytest.fixture(autouse=True)
def _dates_module(monkeypatch: pytest.MonkeyPatch) -> None:
    """Use the real dates.py when it exists, a minimal stand-in otherwise."""
    if importlib.util.find_spec("ceasefire_cli.extract.dates") is None:
        fake = types.ModuleType("ceasefire_cli.extract.dates")
        fake.find_full_date = _fake_find_full_date  # type: ignore[attr-defined]
        monkeypatch.setitem(sys.modules, "ceasefire_cli.extract.dates", fake)


def _write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def _by_id(result: LoadResult) -> dict[str, Document]:
    return {d.id: d for d in result.documents}


# --- the seed articles ------------------------------------------------------------


SEED_META = [
    ("000_f18b52ff7516bb79.txt", dt.date(2025, 11, 23), "DZWatch"),
    ("001_6a8443359ebb0a21.txt", dt.date(2025, 3, 7), "Palestine Foundation Information Center"),
    ("002_ccac73b0137fe5d3.txt", dt.date(2026, 1, 21), None),
    ("003_2e492561142a1098.txt", dt.date(2025, 11, 23), None),
    ("004_69648c64d7c2cb5d.txt", dt.date(2024, 11, 30), None),
]


def test_seeds_load_in_path_order_with_sources_yaml() -> None:
    result = load(["seeds"], base=str(MAIN))
    assert [d.id for d in result.documents] == [f"seeds/{n}" for n in SEED_NAMES]
    assert result.problems == ()
    for (name, published, outlet), doc in zip(SEED_META, result.documents, strict=True):
        assert doc.path == f"seeds/{name}"
        assert (doc.published, doc.published_basis, doc.outlet) == (published, "sources.yaml", outlet)
        assert doc.title is None and doc.url is None
        assert doc.encoding == "utf-8"
        assert doc.text == (SEEDS / name).read_text(encoding="utf-8")


def test_seed_comment_section_starts_at_its_header() -> None:
    docs = _by_id(load(["seeds"], base=str(MAIN)))
    commented = docs["seeds/003_2e492561142a1098.txt"]
    assert commented.body_end == commented.text.index("5 Comments\nDonatello\n")
    assert commented.text[commented.body_end :].startswith("5 Comments\n")
    assert commented.comments_start == commented.body_end
    for doc_id, doc in docs.items():
        if doc_id != "seeds/003_2e492561142a1098.txt":
            assert (doc.body_end, doc.comments_start) == (len(doc.text), None)


def test_seeds_without_sources_yaml_are_never_dated_from_their_story(tmp_path: Path) -> None:
    folder = tmp_path / "seeds"
    folder.mkdir()
    for name in SEED_NAMES:
        shutil.copy(SEEDS / name, folder / name)
    result = load(["seeds"], base=str(tmp_path))
    got = [(d.id, d.published, d.published_basis, d.outlet) for d in result.documents]
    assert got == [
        ("seeds/000_f18b52ff7516bb79.txt", None, None, None),
        ("seeds/001_6a8443359ebb0a21.txt", None, None, None),
        ("seeds/002_ccac73b0137fe5d3.txt", None, None, None),
        # The meeting day the story names is not the day it was published.
        ("seeds/003_2e492561142a1098.txt", None, None, None),
        ("seeds/004_69648c64d7c2cb5d.txt", None, None, None),
    ]
    assert result.problems == ()


def test_a_seed_file_given_directly_still_uses_its_folders_sources_yaml() -> None:
    result = load(["seeds/001_6a8443359ebb0a21.txt"], base=str(MAIN))
    (doc,) = result.documents
    assert (doc.id, doc.published, doc.published_basis) == (
        "seeds/001_6a8443359ebb0a21.txt",
        dt.date(2025, 3, 7),
        "sources.yaml",
    )


# --- folders, ids, order ------------------------------------------------------------


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """A folder of articles, with things a walk must skip."""
    root = tmp_path / "corpus"
    for rel in ["b.txt", "a.md", "a/z.txt", "a-b.txt", "A.markdown", "sub/deeper/c.TXT",
                ".hidden/x.txt", ".swap.txt", "notes.rst", "image.png.bak"]:
        _write(root / rel, f"Article {rel} says 12 people were killed.\n")
    _write(root / "sources.yaml", "documents: {}\n")
    return tmp_path


TREE_ORDER = ["A.markdown", "a-b.txt", "a.md", "a/z.txt", "b.txt", "sub/deeper/c.TXT"]


@pytest.mark.parametrize(
    ("given", "prefix"),
    [
        ("corpus", "corpus/"),
        ("corpus/", "corpus/"),
        ("./corpus", "corpus/"),
        ("corpus/../corpus", "corpus/../corpus/"),
    ],
)
def test_folders_are_read_recursively_in_path_order(tree: Path, given: str, prefix: str) -> None:
    result = load([given], base=str(tree))
    assert [d.id for d in result.documents] == [prefix + rel for rel in TREE_ORDER]
    assert [d.path for d in result.documents] == [prefix + rel for rel in TREE_ORDER]
    assert result.problems == ()


def test_absolute_folder_keeps_its_absolute_prefix(tree: Path) -> None:
    result = load([tree / "corpus"])
    assert [d.id for d in result.documents] == [f"{(tree / 'corpus').as_posix()}/{rel}" for rel in TREE_ORDER]


def test_dot_folder_gives_bare_relative_ids(tree: Path) -> None:
    result = load(["."], base=str(tree / "corpus"))
    assert [d.id for d in result.documents] == TREE_ORDER


def test_explicit_file_with_another_extension_is_read_as_text(tree: Path) -> None:
    result = load(["corpus/notes.rst", "corpus/.hidden/x.txt"], base=str(tree))
    assert [(d.id, d.text) for d in result.documents] == [
        ("corpus/.hidden/x.txt", "Article .hidden/x.txt says 12 people were killed.\n"),
        ("corpus/notes.rst", "Article notes.rst says 12 people were killed.\n"),
    ]


@pytest.mark.parametrize("given", [["corpus/b.txt", "corpus/a"], ["corpus/a", "corpus/b.txt"]])
def test_documents_are_sorted_whatever_order_the_paths_come_in(tree: Path, given: list[str]) -> None:
    result = load(given, base=str(tree))
    assert [d.id for d in result.documents] == ["corpus/a/z.txt", "corpus/b.txt"]


def test_duplicate_ids_are_loaded_once(tree: Path) -> None:
    result = load(["corpus", "corpus/b.txt", "./corpus/a.md"], base=str(tree))
    assert [d.id for d in result.documents] == ["corpus/" + rel for rel in TREE_ORDER]
    assert result.problems == (
        Problem("corpus/a.md", "duplicate: already loaded, skipped", "warning"),
        Problem("corpus/b.txt", "duplicate: already loaded, skipped", "warning"),
    )


@pytest.mark.parametrize("given", [["corpus/b.txt", "alias.txt"], ["alias.txt", "corpus/b.txt"]])
def test_the_same_file_under_two_names_is_loaded_once_under_the_first_name(tree: Path, given: list[str]) -> None:
    os.symlink(tree / "corpus" / "b.txt", tree / "alias.txt")
    result = load(given, base=str(tree))
    assert [d.id for d in result.documents] == ["alias.txt"]
    assert result.problems == (Problem("corpus/b.txt", "duplicate: same file as alias.txt, skipped", "warning"),)


def test_a_hard_link_is_the_same_file(tree: Path) -> None:
    os.link(tree / "corpus" / "b.txt", tree / "corpus" / "hard.txt")
    result = load(["corpus"], base=str(tree))
    assert "corpus/hard.txt" not in [d.id for d in result.documents]
    assert result.problems == (Problem("corpus/hard.txt", "duplicate: same file as corpus/b.txt, skipped", "warning"),)


def test_explicit_sources_yaml_is_not_an_article(tree: Path) -> None:
    result = load(["corpus/sources.yaml"], base=str(tree))
    assert result.documents == ()
    assert result.problems == (
        Problem("corpus/sources.yaml", "sources.yaml holds metadata, not an article; skipped", "warning"),
    )


def test_folder_without_articles_is_a_warning(tmp_path: Path) -> None:
    _write(tmp_path / "empty" / "notes.rst", "nothing\n")
    result = load(["empty"], base=str(tmp_path))
    assert result == LoadResult((), (Problem("empty", "no article files found (.txt, .md, .markdown, .html, .htm, .json, .jsonl)", "warning"),))


@pytest.mark.parametrize("given", ["nope/missing.txt", "missing-folder"])
def test_missing_path_raises_input_error(tmp_path: Path, given: str) -> None:
    with pytest.raises(InputError) as caught:
        load([given], base=str(tmp_path))
    assert (caught.value.where, caught.value.message) == (given, "no such file or directory")
    assert str(caught.value) == f"{given}: no such file or directory"


def test_fifo_is_not_read(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    result = load(["pipe.txt"], base=str(tmp_path))
    assert result == LoadResult((), (Problem("pipe.txt", "not a regular file, skipped"),))


# --- symbolic links -----------------------------------------------------------------


def test_broken_symlink_is_a_problem_and_the_rest_loads(tmp_path: Path) -> None:
    _write(tmp_path / "corpus" / "ok.txt", "Five were killed.\n")
    os.symlink(tmp_path / "corpus" / "gone.txt", tmp_path / "corpus" / "broken.txt")
    os.symlink(tmp_path / "nowhere", tmp_path / "corpus" / "broken-dir")  # not a text name: ignored
    result = load(["corpus", "corpus/broken.txt"], base=str(tmp_path))
    assert [d.id for d in result.documents] == ["corpus/ok.txt"]
    assert result.problems == (
        Problem("corpus/broken.txt", "broken symbolic link, skipped"),
        Problem("corpus/broken.txt", "broken symbolic link, skipped"),
    )


def test_symlink_loop_does_not_hang(tmp_path: Path) -> None:
    _write(tmp_path / "corpus" / "sub" / "a.txt", "Three were killed.\n")
    os.symlink("..", tmp_path / "corpus" / "sub" / "up")
    os.symlink("b.txt", tmp_path / "corpus" / "c.txt")
    os.symlink("c.txt", tmp_path / "corpus" / "b.txt")
    result = load(["corpus"], base=str(tmp_path))
    assert [d.id for d in result.documents] == ["corpus/sub/a.txt"]
    assert result.problems == (
        Problem("corpus/b.txt", "cannot read: Too many levels of symbolic links"),
        Problem("corpus/c.txt", "cannot read: Too many levels of symbolic links"),
        Problem("corpus/sub/up", "symbolic link to a folder already read, skipped", "warning"),
    )


def test_symlinked_folder_is_followed_under_its_link_name(tmp_path: Path) -> None:
    _write(tmp_path / "elsewhere" / "x.txt", "Two were killed.\n")
    _write(tmp_path / "corpus" / "a.txt", "One was killed.\n")
    os.symlink(tmp_path / "elsewhere", tmp_path / "corpus" / "linked")
    result = load(["corpus"], base=str(tmp_path))
    assert [d.id for d in result.documents] == ["corpus/a.txt", "corpus/linked/x.txt"]


def test_unreadable_file_is_a_problem(tmp_path: Path) -> None:
    _write(tmp_path / "corpus" / "a.txt", "One was killed.\n")
    locked = _write(tmp_path / "corpus" / "locked.txt", "Secret.\n")
    locked.chmod(0)
    try:
        if os.access(locked, os.R_OK):
            pytest.skip("running with privileges that can read a chmod 000 file")
        result = load(["corpus"], base=str(tmp_path))
    finally:
        locked.chmod(0o644)
    assert [d.id for d in result.documents] == ["corpus/a.txt"]
    assert result.problems == (Problem("corpus/locked.txt", "cannot read: Permission denied"),)


# --- decoding -----------------------------------------------------------------------

CP1252_NOTE = Problem("a.txt", "not valid UTF-8; decoded as cp1252", "warning")
LATIN1_NOTE = Problem("a.txt", "not valid UTF-8 or cp1252; decoded as latin-1", "warning")
UTF16_NOTE = Problem("a.txt", "no byte order mark, but UTF-16 by its zero bytes; decoded as utf-16-le", "warning")
NUL_NOTE = Problem("a.txt", "contains 1 NUL character; read as text", "warning")


@pytest.mark.parametrize(
    ("data", "text", "encoding", "problems"),
    [
        ("Truce “holds” – 5 killed\r\n".encode(), "Truce “holds” – 5 killed\r\n", "utf-8", ()),
        (codecs.BOM_UTF8 + "Truce “holds”\n".encode(), "Truce “holds”\n", "utf-8-sig", ()),
        (codecs.BOM_UTF16_LE + "Gaza – 70\r\n".encode("utf-16-le"), "Gaza – 70\r\n", "utf-16-le", ()),
        (codecs.BOM_UTF16_BE + "Gaza – 70\n".encode("utf-16-be"), "Gaza – 70\n", "utf-16-be", ()),
        ("“Truce” holds – 5 killed\n".encode("cp1252"), "“Truce” holds – 5 killed\n", "cp1252", (CP1252_NOTE,)),
        (b"R\xe9sum\xe9 \x90 Gaza\n", "Résumé \x90 Gaza\n", "latin-1", (LATIN1_NOTE,)),
        (b"line one\rline two\r\n\r\n", "line one\rline two\r\n\r\n", "utf-8", ()),
        (codecs.BOM_UTF32_LE + "Gaza – 70\n".encode("utf-32-le"), "Gaza – 70\n", "utf-32-le", ()),
        (codecs.BOM_UTF32_BE + "Gaza – 70\n".encode("utf-32-be"), "Gaza – 70\n", "utf-32-be", ()),
        ("Five were killed.\r\n".encode("utf-16-le"), "Five were killed.\r\n", "utf-16-le", (UTF16_NOTE,)),
        ("Five were killed.\n".encode("utf-16-be"), "Five were killed.\n", "utf-16-be",
         (Problem("a.txt", "no byte order mark, but UTF-16 by its zero bytes; decoded as utf-16-be", "warning"),)),
        (codecs.BOM_UTF8 + "“Truce” – 5\n".encode("cp1252"), "“Truce” – 5\n", "cp1252", (CP1252_NOTE,)),
        (b"Five killed\x00 in Gaza\n", "Five killed\x00 in Gaza\n", "utf-8", (NUL_NOTE,)),
        ("\ufeffA \U0010ffff and \uffff\n".encode(), "A \U0010ffff and \uffff\n", "utf-8-sig", ()),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16-le-bom", "utf-16-be-bom", "cp1252", "latin-1", "newlines-kept", "utf-32-le-bom",
         "utf-32-be-bom", "utf-16-le-no-bom", "utf-16-be-no-bom", "utf-8-bom-then-cp1252", "one-nul", "noncharacters"],
)
def test_encodings(tmp_path: Path, data: bytes, text: str, encoding: str, problems: tuple[Problem, ...]) -> None:
    _write(tmp_path / "a.txt", data)
    result = load(["a.txt"], base=str(tmp_path))
    (doc,) = result.documents
    assert (doc.text, doc.encoding) == (text, encoding)
    assert result.problems == problems


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"\x89PNG\r\n\x1a\n" + b"IHDR" * 20, Problem("a.txt", "binary file, skipped")),
        (b"Five\x00\x00\x00 killed\x00\x00\x00\x00 in\x00\x00 Gaza\n", Problem("a.txt", "binary file, skipped")),
        (b"\x00\x01\x02\x03" * 100, Problem("a.txt", "binary file, skipped")),
        (bytes(range(256)) * 8, Problem("a.txt", "binary file, skipped")),
        (b"%PDF-1.7\n" + b"Five were killed.\n" * 10, Problem("a.txt", "binary file, skipped")),
        (b"Gaza \x01\x02\x03\x04\x05\x06\x07\x08 strike\n", Problem("a.txt", "binary file, skipped")),
        (b"", Problem("a.txt", "empty file, skipped", "warning")),
        (b" \n\t\r\n", Problem("a.txt", "empty file, skipped", "warning")),
        (codecs.BOM_UTF8 + b"\n", Problem("a.txt", "empty file, skipped", "warning")),
        (codecs.BOM_UTF16_LE + b"\x00\xd8", Problem("a.txt", "not valid UTF-16 despite its byte order mark, skipped")),
        (codecs.BOM_UTF16_BE + b"\x00G\x00", Problem("a.txt", "not valid UTF-16 despite its byte order mark, skipped")),
        (codecs.BOM_UTF32_LE + b"\x00\x00\x11\x00", Problem("a.txt", "not valid UTF-32 despite its byte order mark, skipped")),
    ],
    ids=["png", "many-nuls", "nul-pattern", "random-bytes", "pdf", "control-chars", "empty", "whitespace", "bom-only",
         "bad-utf-16", "odd-utf-16", "bad-utf-32"],
)
def test_files_that_are_skipped(tmp_path: Path, data: bytes, problem: Problem) -> None:
    _write(tmp_path / "a.txt", data)
    _write(tmp_path / "b.txt", "Still loaded.\n")
    result = load(["a.txt", "b.txt"], base=str(tmp_path))
    assert [d.id for d in result.documents] == ["b.txt"]
    assert result.problems == (problem,)


# --- metadata precedence ------------------------------------------------------------

FRONT = "---\ndate: 2025-01-02\noutlet: Front Outlet\ntitle: Front title\n---\n"
TEXT_DATE = "Talks were held on Sunday, November 23, 2025, in Cairo.\n"


@pytest.fixture
def dated(tmp_path: Path) -> LoadResult:
    folder = tmp_path / "dated"
    _write(folder / "listed.md", FRONT + TEXT_DATE)
    _write(folder / "partly_listed.md", FRONT + TEXT_DATE)
    _write(folder / "front.md", FRONT + TEXT_DATE)
    _write(folder / "aliases.markdown", "---\npublished: '2025-02-03'\nsource: Source Key\nurl: https://x.test/a\n---\n")
    _write(folder / "text.txt", TEXT_DATE)
    _write(folder / "front_in_txt.txt", FRONT + TEXT_DATE)
    _write(folder / "none.txt", "Talks were held on Sunday in Cairo.\n")
    _write(folder / "2025" / "06" / "01" / "talks.txt", TEXT_DATE)
    _write(folder / "2025-06-02-talks.txt", TEXT_DATE)
    _write(folder / "byline.md", "# Talks\n\nPublished :`2025-06-03 10:00`\n\n" + TEXT_DATE)
    _write(folder / "updated.txt", "Talks resume\nUpdated 9:14 AM EDT, Wed June 4, 2025\n\n" + TEXT_DATE)
    _write(folder / "dateline.txt", "GAZA CITY, June 5, 2025 (AP) — " + TEXT_DATE)
    _write(folder / "undated_dateline.txt", "CAIRO, Nov. 23 (Reuters) - " + TEXT_DATE)
    _write(folder / "date_in_comments.txt", "Talks resumed.\n3 Comments\nAmal\nOn November 24, 2025 too.\nSami\nNo.\n")
    _write(
        folder / "sources.yaml",
        "documents:\n"
        "  listed.md: {published: 2025-03-04, outlet: Listed Outlet, basis: ignored, url: https://x.test/l}\n"
        "  partly_listed.md:\n    title: Listed title\n    published:\n",
    )
    return load(["dated"], base=str(tmp_path))


@pytest.mark.parametrize(
    ("name", "published", "basis", "outlet", "title", "url"),
    [
        ("listed.md", dt.date(2025, 3, 4), "sources.yaml", "Listed Outlet", "Front title", "https://x.test/l"),
        ("partly_listed.md", dt.date(2025, 1, 2), "front matter", "Front Outlet", "Listed title", None),
        ("front.md", dt.date(2025, 1, 2), "front matter", "Front Outlet", "Front title", None),
        ("aliases.markdown", dt.date(2025, 2, 3), "front matter", "Source Key", None, "https://x.test/a"),
        # A date inside the story never dates the article.
        ("text.txt", None, None, None, None, None),
        # Front matter is a Markdown feature: in a .txt file it is plain text, but a "date:" line on top is a byline.
        ("front_in_txt.txt", dt.date(2025, 1, 2), "byline", None, None, None),
        ("2025/06/01/talks.txt", dt.date(2025, 6, 1), "path", None, None, None),
        ("2025-06-02-talks.txt", dt.date(2025, 6, 2), "path", None, None, None),
        ("byline.md", dt.date(2025, 6, 3), "byline", None, None, None),
        ("updated.txt", dt.date(2025, 6, 4), "byline", None, None, None),
        ("dateline.txt", dt.date(2025, 6, 5), "dateline", None, None, None),
        # A dateline without its year does not say which year.
        ("undated_dateline.txt", None, None, None, None, None),
        ("none.txt", None, None, None, None, None),
        ("date_in_comments.txt", None, None, None, None, None),
    ],
)
def test_published_precedence(dated: LoadResult, name: str, published, basis, outlet, title, url) -> None:
    doc = _by_id(dated)[f"dated/{name}"]
    assert (doc.published, doc.published_basis, doc.outlet, doc.title, doc.url) == (published, basis, outlet, title, url)
    assert dated.problems == ()


def test_sources_yaml_is_read_once_per_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("a.txt", "b.txt", "c.txt"):
        _write(tmp_path / "f" / name, "One.\n")
    _write(tmp_path / "f" / "sources.yaml", "documents:\n  a.txt: {published: 2025-01-01}\n")
    calls: list[str] = []
    real = corpus.read_sources
    monkeypatch.setattr(corpus, "read_sources", lambda path, where: calls.append(where) or real(path, where))
    result = load(["f", "f/./b.txt"], base=str(tmp_path))
    assert calls == ["f/sources.yaml"]
    assert [d.published for d in result.documents] == [dt.date(2025, 1, 1), None, None]


# --- front matter -------------------------------------------------------------------


def test_front_matter_is_blanked_and_body_offsets_kept() -> None:
    raw = (DATA / "front_matter.md").read_text(encoding="utf-8")
    (doc,) = load([DATA / "front_matter.md"]).documents
    _, end = front_matter(raw)
    assert end == raw.index("# Ceasefire holds")
    assert len(doc.text) == len(raw)
    assert doc.text[end:] == raw[end:]
    assert doc.text[:end] == "   \n" + " " * 53 + "\n" + " " * 16 + "\n" + " " * 20 + "\n" + " " * 40 + "\n   \n"
    assert doc.text.splitlines()[8] == raw.splitlines()[8] == "Written on Monday, October 20, 2025, in Cairo."
    assert doc.text.count("300") == 1  # the title's figure is gone, the body's stays
    assert (doc.published, doc.published_basis) == (dt.date(2025, 10, 20), "front matter")
    assert (doc.title, doc.outlet, doc.url) == (
        "Ceasefire holds as 300 aid trucks enter Gaza",
        "Example Wire",
        "https://example.org/ceasefire-holds",
    )


def test_bad_front_matter_is_a_warning_and_the_document_loads_without_it() -> None:
    result = load(["tests/data/corpus/bad_front_matter.md"], base=str(MAIN))
    (doc,) = result.documents
    assert result.problems == (
        Problem(
            "tests/data/corpus/bad_front_matter.md",
            "front matter, line 3: YAML syntax error: expected ',' or ']', but got ':'; metadata ignored",
            "warning",
        ),
    )
    assert (doc.title, doc.outlet) == (None, None)
    # Blanked all the same; the date the story names does not date it.
    assert doc.text.startswith("   \n" + " " * 23 + "\n")
    assert (doc.published, doc.published_basis) == (None, None)


@pytest.mark.parametrize(
    ("front", "message"),
    [
        ("- a\n- b\n", "front matter, line 2: the front matter must be a mapping; metadata ignored"),
        ("title: T\ndate: yesterday\n", "front matter, line 3: 'date': 'yesterday' is not a date (expected YYYY-MM-DD); metadata ignored"),
        ("date: 2025-02-30\n", "front matter, line 2: 'date': '2025-02-30' is not a date (expected YYYY-MM-DD); metadata ignored"),
        ("title: [a, b]\n", "front matter, line 2: 'title' must be a single value; metadata ignored"),
    ],
)
def test_invalid_front_matter_values(tmp_path: Path, front: str, message: str) -> None:
    _write(tmp_path / "a.md", f"---\n{front}---\nBody.\n")
    result = load(["a.md"], base=str(tmp_path))
    (doc,) = result.documents
    assert (doc.published, doc.title, doc.text.endswith("---\nBody.\n")) == (None, None, False)
    assert result.problems == (Problem("a.md", message, "warning"),)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("---\ntitle: T\n---\nBody", ("title: T\n", 17)),
        ("---\r\ntitle: T\r\n---\r\nBody", ("title: T\r\n", 20)),
        ("---\n---\nBody", ("", 8)),
        ("---\ntitle: T\n---", ("title: T\n", 16)),
        ("---\ntitle: T\nno closing line\n", ("", 0)),
        ("Intro\n---\ntitle: T\n---\n", ("", 0)),
        ("----\ntitle: T\n----\n", ("", 0)),
    ],
)
def test_front_matter_shapes(text: str, expected: tuple[str, int]) -> None:
    assert front_matter(text) == expected


# --- comment sections ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "header"),
    [
        ("comments_paren.txt", "Comments (2)\nAmal Haddad\n"),
        ("join_conversation.txt", "Join the conversation\nNour\n"),
        ("early_header.txt", "Reader comments\nSami Nasser\n"),  # early, but names follow
        ("declined.txt", None),
        ("responses_heading.txt", None),  # a subheading, no commenter names
    ],
)
def test_comment_sections_in_fixtures(name: str, header: str | None) -> None:
    (doc,) = load([DATA / name]).documents
    expected = doc.text.index(header) if header else len(doc.text)
    assert doc.body_end == expected


LONG = "Officials said 40 people were killed in strikes on Gaza City and Khan Younis overnight.\n" * 3


@pytest.mark.parametrize(
    ("text", "header"),
    [
        (LONG + "12 comments\nIt is awful.\n", "12 comments"),
        (LONG + "1 Comment\nIt is awful.\n", "1 Comment"),
        (LONG + "COMMENTS\nIt is awful.\n", "COMMENTS"),
        (LONG + "Comments: 4\nIt is awful.\n", "Comments: 4"),
        (LONG + "  Leave a comment  \n", "  Leave a comment  "),
        (LONG + "What readers say\nIt is awful.\n", "What readers say"),
        (LONG + "Reader comments:\nIt is awful.\n", "Reader comments:"),
        (LONG + "Responses\nAmal\nAwful.\nSami\nTrue.\n", "Responses"),
        (LONG + "Comments\r\nAmal\r\nAwful.\r\n", "Comments"),
        ("Headline\nComments (3)\nAmal\nAwful.\nSami K\nTrue.\n" + LONG, "Comments (3)"),
        # Not headers:
        (LONG + "He declined to comment.\n", None),
        (LONG + "Comments from the ministry were sparse.\n", None),
        (LONG + "The comments drew criticism\n", None),
        (LONG + "Responses\nThe UN called the strikes a violation.\n", None),
        ("Headline\nComments\nThe ministry's comments came late.\n" + LONG, None),
        ("Comments\nAmal\nSami\n", None),  # the first line is a headline, never a header
        (LONG + "Comment\nIt is awful.\n", None),  # singular: an opinion-section label
    ],
)
def test_find_comments(text: str, header: str | None) -> None:
    expected = text.index(header) if header else len(text)
    assert find_comments(text) == expected


@pytest.mark.parametrize(
    ("front", "published"),
    [
        ("date: 2025-10-20 10:30:00 +02:00", dt.date(2025, 10, 20)),
        ("date: 2025-10-20T10:30:00Z", dt.date(2025, 10, 20)),
        ("published: '2025-10-20'", dt.date(2025, 10, 20)),
        ("published: 2025-10-21\ndate: 2025-10-20", dt.date(2025, 10, 21)),
        ("published:\ndate: 2025-10-20", dt.date(2025, 10, 20)),
        ("date: ~", None),
    ],
)
def test_front_matter_dates(tmp_path: Path, front: str, published: dt.date | None) -> None:
    _write(tmp_path / "a.md", f"---\n{front}\n---\nBody.\n")
    result = load(["a.md"], base=str(tmp_path))
    assert [(d.published, d.published_basis) for d in result.documents] == [
        (published, "front matter" if published else None)
    ]
    assert result.problems == ()


# --- sources.yaml errors ------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("documents:\n  a.txt: {published: 2025-01-01\n",
         "f/sources.yaml:3: YAML syntax error: expected ',' or '}', but got '<stream end>'"),
        ("documents:\n  a.txt:\n    published: 2025-01-01\n   outlet: X\n",
         "f/sources.yaml:4: YAML syntax error: expected <block end>, but found '<block mapping start>'"),
        ("--- a\n--- b\n",
         "f/sources.yaml:2: YAML syntax error: expected a single document in the stream, but found another document"),
        ("- a\n", "f/sources.yaml:1: the top level must be a mapping"),
        ("documents:\n  - a.txt\n", "f/sources.yaml:2: 'documents' must be a mapping"),
        ("documents: 5\n", "f/sources.yaml:1: 'documents' must be a mapping"),
        ("documents:\n  a.txt: 2025-01-01\n", "f/sources.yaml:2: 'documents.a.txt' must be a mapping"),
        ("documents:\n  a.txt:\n    outlet: X\n    published: 2025-02-30\n",
         "f/sources.yaml:4: 'documents.a.txt.published': '2025-02-30' is not a date (expected YYYY-MM-DD)"),
        ("documents:\n  a.txt:\n    published: 30/01/2025\n",
         "f/sources.yaml:3: 'documents.a.txt.published': '30/01/2025' is not a date (expected YYYY-MM-DD)"),
        ("documents:\n  a.txt: {}\n  a.txt: {}\n", "f/sources.yaml:3: duplicate key 'documents.a.txt'"),
        ("documents:\n  a.txt:\n    outlet: [X, Y]\n", "f/sources.yaml:3: 'documents.a.txt.outlet' must be a single value"),
        # Tags are never constructed: this is just a string that is not a date.
        ("documents:\n  a.txt:\n    published: !!python/object/apply:os.system [echo]\n",
         "f/sources.yaml:3: 'documents.a.txt.published' must be a single value"),
        (b"documents:\n  a.txt: {outlet: Caf\xe9}\n", "f/sources.yaml: not valid UTF-8"),
        ("other: 1\n", "f/sources.yaml:1: unknown key 'other' (expected one of: documents)"),
        ("document:\n  a.txt: {}\n", "f/sources.yaml:1: unknown key 'document' (did you mean 'documents'?)"),
        ("documents:\n  a.txt:\n    outlet: X\n    publshed: 2025-01-01\n",
         "f/sources.yaml:4: unknown key 'documents.a.txt.publshed' (did you mean 'published'?)"),
        ("documents:\n  a.txt:\n    date: 2025-01-01\n",
         "f/sources.yaml:3: unknown key 'documents.a.txt.date' (expected one of: published, outlet, title, url, basis)"),
        ("documents:\n  [a.txt]: {}\n", "f/sources.yaml:2: a key in 'documents' must be a plain name, not a list or mapping"),
        ("documents:\n  a.txt:\n    published: 5\n",
         "f/sources.yaml:3: 'documents.a.txt.published': '5' is not a date (expected YYYY-MM-DD)"),
        ("documents:\n  a.txt:\n    published: 2025-1-5\n",
         "f/sources.yaml:3: 'documents.a.txt.published': '2025-1-5' is not a date (expected YYYY-MM-DD)"),
        ("documents:\n  a.txt:\n    outlet: \"\\e[31mRed\"\n    published: \"\\e\"\n",
         "f/sources.yaml:4: 'documents.a.txt.published': '\\x1b' is not a date (expected YYYY-MM-DD)"),
        ("documents:\n  a.txt: {outlet: \x07}\n", "f/sources.yaml:2: YAML syntax error: character #x0007 is not allowed"),
        ("documents: " + "[" * 40 + "]" * 40 + "\n", "f/sources.yaml:1: YAML nested more than 32 levels deep"),
        ("documents: &d\n  a.txt: *d\n",
         "f/sources.yaml:2: unknown key 'documents.a.txt.a.txt' (expected one of: published, outlet, title, url, basis)"),
        ("documents:\n\ta.txt: {}\n", "f/sources.yaml:2: YAML syntax error: found character '\\t' that cannot start any token"),
    ],
)
def test_malformed_sources_yaml_raises_config_error(tmp_path: Path, content: str | bytes, message: str) -> None:
    _write(tmp_path / "f" / "a.txt", "One was killed.\n")
    _write(tmp_path / "f" / "sources.yaml", content)
    with pytest.raises(ConfigError) as caught:
        load(["f"], base=str(tmp_path))
    assert str(caught.value) == message


@pytest.mark.parametrize(
    "content",
    ["", "# only a comment\n", "documents:\n", "documents: {}\n", "documents:\n  a.txt: {basis: a note for people}\n",
     "documents:\n  elsewhere.txt: {published: 2025-01-01}\n  a.txt:\n"],
)
def test_sources_yaml_without_an_entry_for_the_file(tmp_path: Path, content: str) -> None:
    _write(tmp_path / "f" / "a.txt", "One was killed.\n")
    _write(tmp_path / "f" / "sources.yaml", content)
    result = load(["f"], base=str(tmp_path))
    assert [(d.id, d.published, d.published_basis) for d in result.documents] == [("f/a.txt", None, None)]
    assert result.problems == ()


def test_unreadable_file_as_reported_by_the_os(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Root can read a chmod 000 file, so simulate the refusal for one path.
    _write(tmp_path / "a.txt", "One was killed.\n")
    locked = _write(tmp_path / "locked.txt", "Secret.\n")
    real_open = os.open

    def refuse(path, flags, *args):  # noqa: ANN001, ANN002, ANN202
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, flags, *args)

    monkeypatch.setattr(corpus.os, "open", refuse)
    result = load(["locked.txt", "a.txt"], base=str(tmp_path))
    assert [d.id for d in result.documents] == ["a.txt"]
    assert result.problems == (Problem("locked.txt", "cannot read: Permission denied"),)


def test_unreadable_folder_is_a_problem(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _write(tmp_path / "corpus" / "a.txt", "One was killed.\n")
    _write(tmp_path / "corpus" / "locked" / "b.txt", "Secret.\n")
    listdir = os.listdir

    def refuse(path):  # noqa: ANN001, ANN202
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return listdir(path)

    monkeypatch.setattr(corpus.os, "listdir", refuse)
    result = load(["corpus"], base=str(tmp_path))
    assert [d.id for d in result.documents] == ["corpus/a.txt"]
    assert result.problems == (Problem("corpus/locked", "cannot read: Permission denied"),)


# --- hostile names, sizes, trees and YAML -----------------------------------------


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("two\nlines.txt", "two\\nlines.txt"),
        ("red\x1b[31m.txt", "red\\x1b[31m.txt"),
        ("bell\x07\tand tab.txt", "bell\\x07\\tand tab.txt"),
        ("report\u202eslp.txt", "report\\u202eslp.txt"),
        (os.fsdecode(b"caf\xe9.txt"), "caf\\xe9.txt"),
        ("“quoted” – fine.txt", "“quoted” – fine.txt"),
    ],
    ids=["newline", "ansi", "bell-tab", "bidi", "undecodable-byte", "unicode"],
)
def test_file_names_are_shown_as_one_line_of_plain_text(tmp_path: Path, name: str, shown: str) -> None:
    _write(tmp_path / "corpus" / name, "Five were killed.\n")
    result = load(["corpus"], base=str(tmp_path))
    assert [d.id for d in result.documents] == [f"corpus/{shown}"]
    assert result.problems == ()


def test_missing_path_with_control_characters_is_escaped(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        load(["no\x1b[2Jsuch\n.txt"], base=str(tmp_path))
    assert str(caught.value) == "no\\x1b[2Jsuch\\n.txt: no such file or directory"


def test_file_over_the_size_limit_is_skipped_unread(tmp_path: Path) -> None:
    _write(tmp_path / "big.txt", "Five were killed. " * 300)
    _write(tmp_path / "small.txt", "Two were killed.\n")
    result = load(["big.txt", "small.txt"], base=str(tmp_path), max_bytes=1000)
    assert [d.id for d in result.documents] == ["small.txt"]
    assert result.problems == (Problem("big.txt", "too large (5.4 kB; the limit is 1.0 kB), skipped"),)


@pytest.mark.skipif(not Path("/proc/self/status").is_file(), reason="needs Linux /proc")
def test_file_whose_size_the_os_does_not_report_is_still_limited() -> None:
    result = load(["/proc/self/status"], max_bytes=10)
    assert result.problems == (Problem("/proc/self/status", "too large (over 10 bytes), skipped"),)


def test_file_swapped_for_a_fifo_after_the_walk_does_not_block(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    fifo = corpus.Found("pipe.txt", str(tmp_path / "pipe.txt"), (0, 0))
    monkeypatch.setattr(corpus, "expand", lambda given, base: ([fifo], []))
    assert load(["pipe.txt"]).problems == (Problem("pipe.txt", "not a regular file, skipped"),)


def test_very_deep_folder_tree(tmp_path: Path) -> None:
    deep = tmp_path / "corpus" / Path(*["d"] * 200)
    _write(deep / "a.txt", "Five were killed.\n")
    _write(tmp_path / "corpus" / "b.txt", "Two were killed.\n")
    result = load(["corpus"], base=str(tmp_path))
    assert [d.id for d in result.documents] == ["corpus/b.txt", "corpus/" + "d/" * 200 + "a.txt"]
    assert result.problems == ()


def test_link_into_the_tree_is_skipped_even_when_it_sorts_first(tmp_path: Path) -> None:
    _write(tmp_path / "corpus" / "z" / "a.txt", "Five were killed.\n")
    os.symlink("z", tmp_path / "corpus" / "a_link")
    result = load(["corpus"], base=str(tmp_path))
    assert [d.id for d in result.documents] == ["corpus/z/a.txt"]
    assert result.problems == (Problem("corpus/a_link", "symbolic link to a folder already read, skipped", "warning"),)


def test_two_links_to_one_outside_folder_read_it_once(tmp_path: Path) -> None:
    _write(tmp_path / "outside" / "a.txt", "Five were killed.\n")
    (tmp_path / "corpus").mkdir()
    os.symlink(tmp_path / "outside", tmp_path / "corpus" / "one")
    os.symlink(tmp_path / "outside", tmp_path / "corpus" / "two")
    result = load(["corpus"], base=str(tmp_path))
    assert [d.id for d in result.documents] == ["corpus/one/a.txt"]
    assert result.problems == (Problem("corpus/two", "symbolic link to a folder already read, skipped", "warning"),)


@pytest.mark.parametrize(
    ("front", "message"),
    [
        ("title: \x1b[31mRed\n", "front matter, line 2: YAML syntax error: character #x001b is not allowed; metadata ignored"),
        ("title: " + "[" * 40 + "]" * 40 + "\n", "front matter, line 2: YAML nested more than 32 levels deep; metadata ignored"),
        ("a: &a [x, x]\nb: &b [*a, *a]\ntitle: *b\n", "front matter, line 4: 'title' must be a single value; metadata ignored"),
        ('date: "\\e[31m"\n', "front matter, line 2: 'date': '\\x1b[31m' is not a date (expected YYYY-MM-DD); metadata ignored"),
        ('"\\u202e": 1\ndate: x\n', "front matter, line 3: 'date': 'x' is not a date (expected YYYY-MM-DD); metadata ignored"),
    ],
    ids=["control-character", "deep", "alias", "escape-in-value", "bidi-key"],
)
def test_hostile_front_matter_is_a_warning(tmp_path: Path, front: str, message: str) -> None:
    _write(tmp_path / "a.md", f"---\n{front}---\nFive were killed.\n")
    result = load(["a.md"], base=str(tmp_path))
    (doc,) = result.documents
    assert doc.text.endswith("\nFive were killed.\n") and doc.title is None
    assert result.problems == (Problem("a.md", message, "warning"),)


def test_a_huge_leading_block_is_text_not_front_matter(tmp_path: Path) -> None:
    body = "---\n" + "Five were killed. " * 4000 + "\n---\nTwo were killed.\n"
    _write(tmp_path / "a.md", body)
    result = load(["a.md"], base=str(tmp_path))
    (doc,) = result.documents
    assert doc.text == body
    assert result.problems == (
        Problem("a.md", "a leading '---' block longer than 64 KB is not front matter; read as text", "warning"),
    )


def test_sources_yaml_key_with_an_escape_is_shown_escaped(tmp_path: Path) -> None:
    _write(tmp_path / "f" / "a.txt", "One was killed.\n")
    _write(tmp_path / "f" / "sources.yaml", 'documents:\n  a.txt:\n    "\\e[2J": x\n')
    with pytest.raises(ConfigError) as caught:
        load(["f"], base=str(tmp_path))
    assert str(caught.value) == (
        "f/sources.yaml:3: unknown key 'documents.a.txt.\\x1b[2J' (expected one of: published, outlet, title, url, basis)"
    )


def test_sources_yaml_alias_bomb_costs_nothing(tmp_path: Path) -> None:
    # Nine levels of nine aliases: 387 million strings if constructed; only two scalars are read.
    levels = ["l0: &l0 [x, x, x, x, x, x, x, x, x]"]
    levels += [f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9)}]" for i in range(1, 9)]
    bomb = "documents:\n  a.txt: {published: 2025-01-02, outlet: Wire}\n  b.txt:\n" + "".join(f"    {x}\n" for x in levels)
    _write(tmp_path / "f" / "a.txt", "One was killed.\n")
    _write(tmp_path / "f" / "sources.yaml", bomb)
    with pytest.raises(ConfigError) as caught:
        load(["f"], base=str(tmp_path))
    assert str(caught.value) == "f/sources.yaml:4: unknown key 'documents.b.txt.l0' (expected one of: published, outlet, title, url, basis)"


def test_many_subheadings_without_commenters_are_not_comments() -> None:
    text = "Talks resumed.\n" + "Responses:\nThe UN objected.\n" * 20_000
    assert find_comments(text) == len(text)


def test_fifo_named_like_an_article_in_a_folder_is_reported_not_opened(tmp_path: Path) -> None:
    _write(tmp_path / "corpus" / "a.txt", "Five were killed.\n")
    os.mkfifo(tmp_path / "corpus" / "pipe.txt")
    result = load(["corpus"], base=str(tmp_path))
    assert [d.id for d in result.documents] == ["corpus/a.txt"]
    assert result.problems == (Problem("corpus/pipe.txt", "not a regular file, skipped"),)
