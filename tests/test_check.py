"""cfcheck check: the pre-publish gate, its inputs (front matter, stdin, HTML, JSON Lines) and suppressions."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ceasefire_cli.cli import app
from ceasefire_cli.load.corpus import load

ROOT = Path(__file__).resolve().parent.parent
DRAFTS = ROOT / "tests" / "data" / "drafts"


def run(*args: str, input: str | None = None):
    return CliRunner().invoke(app, list(args), input=input, catch_exceptions=False)


@pytest.fixture(autouse=True)
def at_root(monkeypatch):
    monkeypatch.chdir(ROOT)


def test_contradicting_draft_fails_with_its_own_line():
    result = run("check", "tests/data/drafts/stale_toll.md", "--against", "seeds", "--format", "line")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert [line.split(": ")[0] + " " + line.split(": ")[1].split()[0] for line in lines] == [
        "tests/data/drafts/stale_toll.md:8:33 CF102",
        "tests/data/drafts/stale_toll.md:13:19 CF101",  # the lower figure of the day is the one blamed
    ]
    assert lines[0].startswith(
        "tests/data/drafts/stale_toll.md:8:33: CF102 a cumulative figure fell (Palestinians killed · whole war): "
        'seeds/002_ccac73b0137fe5d3.txt (2026-01-21): "more than 71,000" [71,000–72,000], later'
    )


def test_clean_draft_passes():
    result = run("check", "tests/data/drafts/clean.md", "--against", "seeds", "--format", "line")
    assert (result.exit_code, result.stdout) == (0, "")


def test_corpus_against_itself_is_not_reported():
    # The planted corpus contradicts itself, but check only reports what involves the draft.
    result = run("check", "tests/data/drafts/clean.md", "--against", "seeds", "--against", "tests/data/planted", "-f", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["findings"] == []


def test_without_the_comments_the_same_draft_fails(tmp_path):
    text = (DRAFTS / "suppressed.md").read_text("utf-8").replace("<!-- cfcheck", "<!-- not-cfcheck")
    (tmp_path / "draft.md").write_text(text)
    result = run("check", str(tmp_path / "draft.md"), "--against", "seeds", "--format", "line")
    assert result.exit_code == 1
    assert sorted(line.split(": ")[1].split()[0] for line in result.stdout.splitlines()) == ["CF101", "CF102"]


def test_suppression_comments_and_code_blocks():
    result = run("check", "tests/data/drafts/suppressed.md", "--against", "seeds", "--format", "json")
    report = json.loads(result.stdout)
    assert result.exit_code == 0, report["findings"]
    draft = [c["text"] for c in report["claims"] if c["document"].endswith("suppressed.md") and c["kind"] == "count"]
    # The passage between cfcheck off/on is not read; nor is the code span.
    assert draft == ["more than 71,400", "68,000"]


def test_ignore_option():
    result = run("check", "tests/data/drafts/stale_toll.md", "--against", "seeds", "-f", "line", "--ignore", "CF102", "--ignore", "cf101")
    assert (result.exit_code, result.stdout) == (0, "")
    bad = run("check", "tests/data/drafts/stale_toll.md", "--ignore", "CF999")
    assert (bad.exit_code, bad.stderr) == (2, "error: --ignore: unknown finding code 'CF999' (see 'cfcheck codes')\n")


def test_stdin_draft():
    text = (DRAFTS / "stale_toll.md").read_text("utf-8")
    result = run("check", "-", "--against", "seeds", "--format", "line", input=text)
    assert result.exit_code == 1
    assert result.stdout.startswith("-:8:33: ")


@pytest.mark.parametrize(
    "args, basis, published",
    [
        (["--date", "2026-02-01"], "option", "2026-02-01"),
        ([], "front matter", "2026-01-25"),
    ],
)
def test_draft_date(args, basis, published):
    result = run("check", "tests/data/drafts/clean.md", "--against", "seeds", "-f", "json", *args)
    doc = json.loads(result.stdout)["documents"][0]
    assert (doc["id"], doc["published_basis"], doc["published"]) == ("tests/data/drafts/clean.md", basis, published)


def test_undated_draft_is_dated_today(tmp_path):
    import datetime as dt

    draft = tmp_path / "draft.txt"
    draft.write_text("Israel's war on Gaza has killed more than 71,400 Palestinians since October 2023.\n")
    doc = json.loads(run("check", str(draft), "--against", "seeds", "-f", "json").stdout)["documents"][0]
    assert (doc["published_basis"], doc["published"]) == ("today", dt.date.today().isoformat())


def test_bad_date_option():
    result = run("check", "tests/data/drafts/clean.md", "--date", "25/01/2026")
    assert (result.exit_code, result.stderr) == (2, "error: --date: '25/01/2026' is not a date (expected YYYY-MM-DD)\n")


def test_missing_draft():
    result = run("check", "nope.md", "--against", "seeds")
    assert (result.exit_code, result.stderr) == (2, "error: nope.md: no such file or directory\n")


HTML = """<html><head><title>Strikes kill 24 in Gaza</title>
<meta property="article:published_time" content="2025-11-30T08:00:00Z"><meta property="og:site_name" content="Desk Wire"></head>
<body><nav><a href="/">Home</a> | <a href="/world">World</a> | 5 comments</nav>
<article><h1>Strikes kill 24 in Gaza</h1>
<p>At least 24 Palestinians were killed in Israeli air strikes on Saturday, according to the Gaza Civil Defence.</p>
<p>The army said it had struck militants who crossed the line.</p></article>
<footer>Copyright 2025. 12 shares. Subscribe for 3 free articles.</footer></body></html>"""


def test_html_article_main_text_and_metadata(tmp_path):
    (tmp_path / "page.html").write_text(HTML)
    (doc,) = load([tmp_path / "page.html"]).documents
    assert (doc.title, doc.outlet, doc.published.isoformat(), doc.published_basis) == (
        "Strikes kill 24 in Gaza", "Desk Wire", "2025-11-30", "metadata"
    )
    assert "At least 24 Palestinians" in doc.text
    assert "Subscribe" not in doc.text and "Home" not in doc.text


def test_json_and_jsonl_records(tmp_path):
    (tmp_path / "feed.jsonl").write_text(
        '{"text": "Strikes on Saturday killed 9 Palestinians, medics said.", "published": "2025-11-30", "source": "Coastal Times"}\n'
        '{"outlet": "no body, no title"}\n'
        "not json\n"
    )
    (tmp_path / "one.json").write_text(json.dumps([{"body": "At least 24 Palestinians were killed on Saturday.", "date": "2025-11-30"}]))
    result = load([tmp_path])
    assert [(d.id.split("/")[-1], d.outlet, str(d.published)) for d in result.documents] == [
        ("feed.jsonl:1", "Coastal Times", "2025-11-30"),
        ("one.json#1", None, "2025-11-30"),
    ]
    assert [p.message for p in result.problems] == ["line 2: no 'text', 'body', 'content' or 'title', skipped", "line 3: not JSON (Expecting value), skipped"]


def test_html_and_jsonl_are_compared(tmp_path):
    (tmp_path / "page.html").write_text(HTML)
    (tmp_path / "feed.jsonl").write_text('{"text": "Israeli air strikes on Saturday killed 9 Palestinians, medics said.", "date": "2025-11-30"}\n')
    result = run("compare", str(tmp_path), "-f", "json")
    assert result.exit_code == 1
    assert [f["code"] for f in json.loads(result.stdout)["findings"]] == ["CF104"]


def test_stdin_loader_reads_markdown():
    result = load(["-"], stdin=io.BytesIO(b"---\ndate: 2025-11-30\n---\nStrikes killed 9 Palestinians on Saturday.\n"))
    (doc,) = result.documents
    assert (doc.id, doc.published_basis, doc.text.startswith("   ")) == ("-", "front matter", True)


def test_unwritable_plot_and_bad_suffix(tmp_path):
    shutil.copy(ROOT / "seeds" / "002_ccac73b0137fe5d3.txt", tmp_path / "a.txt")
    result = run("compare", str(tmp_path), "--plot", str(tmp_path / "x.pdf"), "--reference", "x.json")
    assert (result.exit_code, result.stderr) == (2, f"error: --plot: {tmp_path / 'x.pdf'}: the file name must end in .png or .svg\n")


def test_drafts_in_new_wording():
    # "climbed past", "On Monday alone ... 6 deaths", "four of its soldiers ... in the same period",
    # "600 trucks a day", "15-member", "3 p.m.": a clean draft stays clean against both corpora.
    clean = run("check", "tests/data/drafts/clean_wording.md", "-a", "seeds", "-a", "tests/data/clean", "-f", "line")
    assert (clean.exit_code, clean.stdout) == (0, "")
    planted = run("check", "tests/data/drafts/planted_wording.md", "-a", "seeds", "-a", "tests/data/clean", "-f", "line")
    assert planted.exit_code == 1
    assert [line.split(": ")[0].rsplit("/", 1)[1] + " " + line.split(": ")[1].split()[0] for line in planted.stdout.splitlines()] == [
        "planted_wording.md:10:27 CF105",
        "planted_wording.md:10:27 CF401",
        "planted_wording.md:8:69 CF102",
    ]


# --- suppression is a filter over one analysis, never a second analysis --------------------------

REFERENCE = str(ROOT / "tests" / "data" / "reference" / "gaza_moh.json")
OVER_TOLL = "Israel's war on Gaza has killed 90,000 Palestinians since October 2023, the ministry said.\n"


@pytest.mark.parametrize(
    "directive",
    [
        "",
        "<!-- cfcheck off -->\nAn aside of ours on 12 deaths.\n<!-- cfcheck on -->\n",
        "<!-- cfcheck: ignore CF301 -->\nAn aside of ours on 12 deaths.\n",
        "<!-- cfcheck: ignore CF102 -->\nAn aside of ours on 12 deaths.\n",
    ],
    ids=["none", "off elsewhere", "ignore CF301 elsewhere", "ignore another code"],
)
def test_a_directive_on_another_line_keeps_the_reference_finding(tmp_path, directive):
    draft = tmp_path / "draft.md"
    draft.write_text("---\ndate: 2026-01-21\n---\n" + OVER_TOLL + "\n" + directive)
    result = run("check", str(draft), "--against", "seeds", "--reference", REFERENCE, "--format", "line", "--no-cache")
    codes = [line.split(": ")[1].split()[0] for line in result.stdout.splitlines()]
    assert "CF301" in codes
    assert result.exit_code == 1


def test_ignore_on_the_line_itself_silences_only_that_code(tmp_path):
    draft = tmp_path / "draft.md"
    draft.write_text("---\ndate: 2026-01-21\n---\n<!-- cfcheck: ignore CF301 -->\n" + OVER_TOLL)
    result = run("check", str(draft), "--against", "seeds", "--reference", REFERENCE, "--format", "line", "--no-cache")
    codes = sorted({line.split(": ")[1].split()[0] for line in result.stdout.splitlines()})
    assert "CF301" not in codes
    assert codes, "the draft's other findings on that line stay"


def test_cfcheck_off_takes_the_claim_out_of_every_finding(tmp_path):
    draft = tmp_path / "draft.md"
    draft.write_text("---\ndate: 2026-01-21\n---\n<!-- cfcheck off -->\n" + OVER_TOLL + "<!-- cfcheck on -->\n")
    result = run("check", str(draft), "--against", "seeds", "--reference", REFERENCE, "--format", "line", "--no-cache")
    assert (result.exit_code, result.stdout) == (0, "")


def _write(folder: Path, name: str, day: str, body: str) -> Path:
    path = folder / name
    path.write_text(f"---\ndate: {day}\n---\n# Report\n\n{body}\n", "utf-8")
    return path


@pytest.fixture
def outlier_corpus(tmp_path):
    # A corpus whose own fault is one misdated record: a toll far above everything after it.
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    _write(corpus, "a.md", "2024-03-01", "The health ministry says 30,000 Palestinians have been killed since the war began.")
    _write(corpus, "b.md", "2024-03-02", "The death toll in Gaza rose to 48,000, the ministry said.")
    _write(corpus, "c.md", "2024-03-10", "The death toll in Gaza rose to 31,000, the ministry said.")
    _write(corpus, "d.md", "2024-03-20", "The death toll in Gaza rose to 31,900, the ministry said.")
    return corpus


def test_a_draft_is_not_blamed_for_the_corpus_outlier_it_sits_beside(tmp_path, outlier_corpus):
    # 31,500 on 15 March agrees with the corpus around it; only the misdated 48,000 disagrees with it.
    draft = _write(tmp_path, "draft.md", "2024-03-15", "The death toll in Gaza has risen to 31,500, the ministry said.")
    result = run("check", str(draft), "--against", str(outlier_corpus), "--format", "line")
    assert (result.exit_code, result.stdout) == (0, "")


def test_a_draft_at_fault_is_still_blamed_beside_a_corpus_outlier(tmp_path, outlier_corpus):
    # 25,000 on 15 March falls below the 31,000 of five days before, whatever the outlier says.
    draft = _write(tmp_path, "draft.md", "2024-03-15", "The death toll in Gaza has risen to 25,000, the ministry said.")
    result = run("check", str(draft), "--against", str(outlier_corpus), "--format", "line")
    assert result.exit_code == 1
    assert [line.split(": ")[1].split()[0] for line in result.stdout.splitlines()] == ["CF102"]
    assert result.stdout.startswith(f"{draft}:6:")


def test_a_dropped_digit_is_measured_against_the_toll_grown_since(tmp_path):
    # 1,350 is a seventh of the 10,000 reported twelve days before, but a tenth of the
    # 13,000 that toll had grown to: a dropped digit (CF107), not only a fall.
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    _write(corpus, "a.md", "2023-10-20", "The death toll in Gaza rose to 4,000, the ministry said.")
    _write(corpus, "b.md", "2023-11-08", "The death toll in Gaza rose to 10,000, the ministry said.")
    _write(corpus, "c.md", "2023-12-20", "The death toll in Gaza rose to 20,000, the ministry said.")
    draft = _write(tmp_path, "draft.md", "2023-11-20", "The death toll in Gaza has risen to 1,350, the ministry said.")
    result = run("check", str(draft), "--against", str(corpus), "--format", "line")
    assert result.exit_code == 1
    assert "CF107" in [line.split(": ")[1].split()[0] for line in result.stdout.splitlines()]


@pytest.mark.parametrize(("with_recovery", "codes"), [(True, []), (False, ["CF101"])])
def test_a_stock_may_move_by_the_days_flow(tmp_path, with_recovery, codes):
    # On a day bodies of hostages are recovered, "116 held" and "111 remain" are one update.
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    _write(corpus, "a.md", "2024-07-25", "Hamas is still holding 116 hostages in Gaza, officials said.")
    _write(corpus, "b.md", "2024-07-25", "Officials said 111 hostages remain in Gaza.")
    if with_recovery:
        _write(corpus, "c.md", "2024-07-24", "Troops recovered the bodies of five hostages in Khan Younis on Wednesday.")
    result = run("compare", str(corpus), "--format", "json")
    assert [f["code"] for f in json.loads(result.stdout)["findings"] if f["severity"] != "info"] == codes


# --- several drafts: each against the corpus alone, blamed where it is at fault ----------------------

WIRE = "---\ndate: 2026-01-20\noutlet: Wire\n---\nThe health ministry says the war on Gaza has killed more than 71,000 Palestinians since October 2023.\n"
GOOD = "---\ndate: 2026-01-22\n---\nThe war on Gaza has killed more than 71,200 Palestinians since October 2023, the health ministry says.\n"
BAD = "---\ndate: 2026-01-22\n---\nThe war on Gaza has killed 60,500 Palestinians since October 2023, the health ministry says.\n"


@pytest.fixture
def desk(tmp_path, monkeypatch):
    """A corpus of one wire report and two drafts of the same day: one agrees with the wire, one does not."""
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "wire.md").write_text(WIRE)
    (tmp_path / "good.md").write_text(GOOD)
    (tmp_path / "bad.md").write_text(BAD)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _places(fmt: str, stdout: str) -> list[str]:
    if fmt == "line":
        return [line.split(":")[0] for line in stdout.splitlines()]
    if fmt == "github":
        return [line.split("file=")[1].split(",")[0] for line in stdout.splitlines()]
    results = json.loads(stdout)["runs"][0]["results"]
    return [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results]


@pytest.mark.parametrize("fmt", ["line", "github", "sarif"])
def test_the_clean_draft_gets_no_annotation(desk, fmt):
    alone = run("check", "good.md", "--against", "sources", "--claims", str(ROOT / "claims.yaml"), "-f", fmt, "--no-cache")
    assert alone.exit_code == 0
    both = run("check", "good.md", "bad.md", "--against", "sources", "--claims", str(ROOT / "claims.yaml"), "-f", fmt, "--no-cache")
    assert both.exit_code == 1
    assert _places(fmt, both.stdout) == ["bad.md"]


def test_drafts_are_not_compared_with_one_another(desk):
    result = run("check", "good.md", "bad.md", "-a", "sources", "--claims", str(ROOT / "claims.yaml"), "-f", "json", "--no-cache")
    # The fall from the wire's figure, not the two drafts' same-day disagreement (CF101).
    assert [(f["code"], f["claims"]) for f in json.loads(result.stdout)["findings"]] == [("CF102", ["bad.md#1", "sources/wire.md#1"])]


def test_cross_drafts_compares_them_and_still_blames_the_bad_one(desk):
    result = run("check", "good.md", "bad.md", "-a", "sources", "--claims", str(ROOT / "claims.yaml"), "-f", "json", "--no-cache", "--cross-drafts")
    findings = json.loads(result.stdout)["findings"]
    assert sorted(f["code"] for f in findings) == ["CF101", "CF102"]
    assert all(f["claims"][0] == "bad.md#1" for f in findings)  # the primary place: the figure at fault
    sarif = run("check", "good.md", "bad.md", "-a", "sources", "--claims", str(ROOT / "claims.yaml"), "-f", "sarif", "--no-cache", "--cross-drafts")
    same_day = next(r for r in json.loads(sarif.stdout)["runs"][0]["results"] if r["ruleId"] == "CF101")
    assert same_day["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "bad.md"
    assert [r["physicalLocation"]["artifactLocation"]["uri"] for r in same_day["relatedLocations"]] == ["good.md"]


# --- a draft that could not be checked fails the gate ------------------------------------------------


def test_an_unreadable_draft_exits_2_and_the_others_are_reported(desk):
    (desk / "picture.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    result = run("check", "good.md", "picture.md", "bad.md", "-a", "sources", "--claims", str(ROOT / "claims.yaml"), "-f", "line", "--no-cache")
    assert result.exit_code == 2
    assert _places("line", result.stdout) == ["bad.md"]
    assert result.stderr == "error: picture.md: binary file, skipped\nerror: 1 draft could not be checked: picture.md\n"


def test_a_draft_whose_figures_could_not_be_read_exits_2(desk, monkeypatch):
    import ceasefire_cli.run.parallel as parallel

    real = parallel.extract_claims

    def flaky(doc, lexicon):
        if doc.path == "good.md":
            raise RuntimeError("boom")
        return real(doc, lexicon)

    monkeypatch.setattr(parallel, "extract_claims", flaky)
    result = run("check", "good.md", "-a", "sources", "--claims", str(ROOT / "claims.yaml"), "-f", "line", "--no-cache", "--jobs", "1")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "error: good.md: internal error while reading figures (RuntimeError: boom); please report it\n"
        "error: 1 draft could not be checked: good.md\n"
    )


def test_several_drafts_find_what_each_finds_alone():
    # One analysis of every draft must equal one run per draft (what a loop over the drafts would report).
    drafts = sorted(str(p.relative_to(ROOT)) for p in [*(ROOT / "tests" / "data" / "planted").glob("*.md"), *DRAFTS.glob("*.md")])
    args = ["-a", "seeds", "-r", "tests/data/reference/gaza_moh.json", "-f", "json", "--no-cache", "--fail-on", "never"]

    def findings(*paths: str) -> list[dict]:
        result = run("check", *paths, *args)
        assert result.exit_code == 0, result.stderr
        return json.loads(result.stdout)["findings"]

    together = findings(*drafts)
    alone = [f for d in drafts for f in findings(d)]
    key = lambda f: json.dumps(f, sort_keys=True)  # noqa: E731
    assert len(together) > 10
    assert sorted(together, key=key) == sorted(alone, key=key)


def test_a_draft_quoting_the_same_old_update_as_a_corpus_article_is_told_it_is_stale(tmp_path, monkeypatch):
    # A wire article and a draft both quote the ministry's update of some days before, on a
    # day when another article already has the newer one: the draft keeps stale company.
    monkeypatch.chdir(tmp_path)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    old = "The Health Ministry says the war has killed 39,090 Palestinians since October 7.\n"
    new = "The Health Ministry says the war has killed 39,258 Palestinians since October 7.\n"
    for name, day, text in (("a.md", "2024-07-20", "The Health Ministry says the war has killed 38,950 Palestinians since October 7.\n"),
                            ("b.md", "2024-07-27", old), ("c.md", "2024-07-27", new),
                            ("d.md", "2024-07-23", old)):
        (corpus / name).write_text(f"---\ndate: {day}\n---\n{text}", encoding="utf-8")
    (tmp_path / "draft.md").write_text(f"---\ndate: 2024-07-27\n---\n{old}", encoding="utf-8")
    result = run("check", "draft.md", "--against", "corpus", "--no-cache", "--format", "line")
    assert result.exit_code == 0  # a stale figure is a warning: the gate does not fail on it
    assert [line.split(": ")[0] + " " + line.split(": ")[1].split()[0] for line in result.stdout.splitlines()] == ["draft.md:4:45 CF106"]


def test_a_feed_of_headlines_is_read_from_its_titles(tmp_path):
    # {"title", "date", "source"} with no body: the headline (and a summary under it) is the article.
    (tmp_path / "feed.jsonl").write_text(
        json.dumps({"title": "Gaza death toll passes 70,050, ministry says", "date": "2025-12-03", "source": "Desk A"}) + "\n"
        + json.dumps({"headline": "Strikes kill 9 in Khan Younis", "summary": "Medics said 4 children were among the dead.", "date": "2025-12-04"}) + "\n"
    )
    result = load([tmp_path])
    assert [(d.id.split("/")[-1], d.text, str(d.published)) for d in result.documents] == [
        ("feed.jsonl:1", "Gaza death toll passes 70,050, ministry says", "2025-12-03"),
        ("feed.jsonl:2", "Strikes kill 9 in Khan Younis\n\nMedics said 4 children were among the dead.", "2025-12-04"),
    ]
    assert result.problems == ()
