"""The renderers: golden reports, SARIF against its schema, escaping, and the HTML in a real browser.

Golden files live in tests/golden/. After a deliberate change, regenerate them
(and docs/report.png, when chromium is installed) with

    CFCHECK_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_render.py

and review the diff; otherwise every output is compared byte for byte.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest

from ceasefire_cli.codes import RULES
from support import sarif_validator
from ceasefire_cli.config import load_settings
from ceasefire_cli.errors import UsageError
from ceasefire_cli.models import Claim, Document, Finding, Report, Topic
from ceasefire_cli.run.pipeline import analyse
from ceasefire_cli.render import FORMATS, RenderOptions, render
from ceasefire_cli.render.common import findings_phrase
from ceasefire_cli.render.github import escape_data, escape_property

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden"
UPDATE = os.environ.get("CFCHECK_UPDATE_GOLDEN") == "1"
PLAIN = RenderOptions(width=100, color=False)


def _analyse(*paths: str) -> Report:
    """Analyse ``paths`` given relative to the repository root, so document ids are ``seeds/...``."""
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(ROOT)
        return analyse(list(paths), load_settings(ROOT / "claims.yaml"))


@pytest.fixture(scope="module")
def seeds() -> Report:
    return _analyse("seeds/")


@pytest.fixture(scope="module")
def planted() -> Report:
    """The seeds and the planted errors: every kind of finding the corpus holds."""
    return _analyse("seeds/", "tests/data/planted/")


def check_golden(name: str, text: str) -> None:
    """Compare ``text`` with tests/golden/``name`` exactly (or rewrite it under CFCHECK_UPDATE_GOLDEN=1)."""
    path = GOLDEN / name
    data = text.encode("utf-8")
    if UPDATE:
        GOLDEN.mkdir(exist_ok=True)
        path.write_bytes(data)
        return
    assert path.exists(), f"no golden file {name}: run CFCHECK_UPDATE_GOLDEN=1 pytest tests/test_render.py"
    assert data.decode("utf-8") == path.read_bytes().decode("utf-8"), f"{name} differs from its golden file"


# --- golden files ---------------------------------------------------------------------------------


def test_golden_json_seeds(seeds):
    check_golden("compare_seeds.json", render("json", seeds))


@pytest.mark.parametrize(
    "name, fmt, options",
    [
        ("compare_seeds_planted.json", "json", PLAIN),
        ("compare_seeds_planted_terminal_80.txt", "terminal", RenderOptions(width=80)),
        ("compare_seeds_planted_terminal_120.txt", "terminal", RenderOptions(width=120)),
        ("compare_seeds_planted.md", "markdown", PLAIN),
        ("compare_seeds_planted.html", "html", PLAIN),
        ("compare_seeds_planted.sarif", "sarif", PLAIN),
        ("compare_seeds_planted.github.txt", "github", PLAIN),
        ("compare_seeds_planted.line.txt", "line", PLAIN),
    ],
)
def test_golden_seeds_planted(planted, name, fmt, options):
    check_golden(name, render(fmt, planted, options))


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_every_format_is_deterministic(planted, fmt):
    again = _analyse("seeds/", "tests/data/planted/")
    for options in (RenderOptions(width=80), RenderOptions(width=120, color=True), RenderOptions(verbose=True)):
        assert render(fmt, planted, options) == render(fmt, again, options)


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_every_format_renders_an_empty_report(fmt):
    out = render(fmt, Report((), (), (), ()), PLAIN)
    assert isinstance(out, str)
    assert out == "" if fmt in ("line", "github") else out == "" or out.endswith("\n")


def test_unknown_format_is_a_usage_error():
    with pytest.raises(UsageError, match="unknown format 'xml'"):
        render("xml", Report((), (), (), ()))


# --- line and github --------------------------------------------------------------------------------


def test_line_is_one_finding_per_line_at_the_primary_claim(planted):
    lines = render("line", planted).splitlines()
    assert len(lines) == len(planted.findings)
    claims = {c.id: c for c in planted.claims}
    for line, finding in zip(lines, planted.findings):
        if finding.claims:
            c = claims[finding.claims[0]]
            assert line.startswith(f"{c.document}:{c.line}:{c.column}: {finding.code} ")
        else:
            # A finding about text (CF202) points at the first place it names.
            doc, at_line, column = finding.locations[0]
            assert line.startswith(f"{doc}:{at_line}:{column}: {finding.code} ")


def test_line_is_empty_without_findings(planted):
    assert render("line", replace(planted, findings=())) == ""
    assert render("github", replace(planted, findings=())) == ""


def test_line_places_a_finding_without_claims_at_its_topic():
    report = Report((), (), (), (Finding("CF101", "error", "killed.war", (), "two figures\nfor one day"),))
    assert render("line", report) == "killed.war:0:0: CF101 two figures for one day\n"


def test_github_commands_per_severity(planted):
    lines = render("github", planted).splitlines()
    assert len(lines) == len(planted.findings)
    command = {"error": "::error ", "warning": "::warning ", "info": "::notice "}
    for line, finding in zip(lines, planted.findings):
        assert line.startswith(command[finding.severity])
        assert f"title={finding.code} " in line


def test_github_escapes_messages_and_properties():
    assert escape_data("50% up\r\nnext") == "50%25 up%0D%0Anext"
    assert escape_property("a:b,c%.md") == "a%3Ab%2Cc%25.md"
    doc = Document("x,y:z.md", "x,y:z.md", "20 killed\n")
    claim = Claim("x,y:z.md#1", "x,y:z.md", "count", "20", 0, 2, 1, 1, "20 killed")
    finding = Finding("CF104", "warning", "t", (claim.id,), "100% wrong\n::error::injected")
    out = render("github", Report((doc,), (claim,), (), (finding,)))
    assert out == "::warning file=x%2Cy%3Az.md,line=1,col=1,title=CF104 event-count-conflict::100%25 wrong%0A::error::injected\n"


# --- SARIF ----------------------------------------------------------------------------------------




@pytest.mark.parametrize("which", ["seeds", "planted", "empty", "nasty"])
def test_sarif_is_valid_against_the_schema(which, seeds, planted):
    report = {"seeds": seeds, "planted": planted, "empty": Report((), (), (), ()), "nasty": nasty_report()}[which]
    log = json.loads(render("sarif", report))
    errors = sorted(sarif_validator().iter_errors(log), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:10])


def test_sarif_rules_results_and_locations(planted):
    log = json.loads(render("sarif", planted))
    assert log["version"] == "2.1.0" and len(log["runs"]) == 1
    run = log["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "cfcheck"
    assert [r["id"] for r in driver["rules"]] == [r.code for r in RULES]
    level = {"error": "error", "warning": "warning", "info": "note"}
    assert [r["defaultConfiguration"]["level"] for r in driver["rules"]] == [level[r.severity] for r in RULES]
    results = run["results"]
    assert [(r["ruleId"], r["level"]) for r in results] == [(f.code, level[f.severity]) for f in planted.findings]
    claims = {c.id: c for c in planted.claims}
    for result, finding in zip(results, planted.findings):
        assert result["message"]["text"] == finding.message
        if not finding.claims:
            continue
        first = claims[finding.claims[0]]
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uri"] == first.document
        assert location["region"]["startLine"] == first.line
        assert location["region"]["startColumn"] == first.column
        if "\n" not in first.text:
            assert location["region"]["endColumn"] == first.column + len(first.text)
        related = [r["physicalLocation"]["artifactLocation"]["uri"] for r in result.get("relatedLocations", [])]
        assert related == [claims[i].document for i in finding.claims[1:]]


def test_sarif_uris_are_relative_posix_and_encoded():
    from ceasefire_cli.render.sarif import artifact_uri

    assert artifact_uri("seeds/000.txt") == "seeds/000.txt"
    assert artifact_uri("my docs\\a#1.md") == "my%20docs/a%231.md"
    assert artifact_uri("/abs/a.md") == "file:///abs/a.md"


# --- escaping: article text is data -------------------------------------------------------------------

EVIL = '<script>alert("x")</script> At least 20 | *Palestinians* were [killed](http://evil.example) @octocat #12 \x1b[2J[bold red]x[/]'


def nasty_report() -> Report:
    """A report whose every article-derived string tries to break out of its format."""
    text = f"Headline\n{EVIL} on Saturday.\nComments\nreader: 100% <b>fake</b>\n"
    start = text.index("At least 20")
    doc = Document(
        id="evil/a|b,c:d.md",
        path="evil/a|b,c:d.md",
        text=text,
        published=None,
        outlet='<img src="https://evil.example/x.png">',
        title="<iframe src=//evil.example>",
        url="https://evil.example/article",
        body_end=text.index("Comments"),
    )
    dated = Document(id="ok.md", path="ok.md", text="35 Palestinians were killed on Saturday.\n", published=dt.date(2025, 11, 30))
    sentence = " ".join(f"{EVIL} on Saturday.".split())
    a = Claim(
        f"{doc.id}#1", doc.id, "count", "At least 20", start, start + 11, 2, start - 9, sentence,
        low=20, high=None, metric="killed", population="palestinians", scope="event",
        event_first=dt.date(2025, 11, 29), event_last=dt.date(2025, 11, 29), attribution="<b>officials</b> | ministry",
        topic="t", hedge="at_least",
    )
    b = Claim(
        "ok.md#1", "ok.md", "count", "35", 0, 2, 1, 1, "35 Palestinians were killed on Saturday.",
        low=35, high=35, metric="killed", population="palestinians", scope="event",
        event_first=dt.date(2025, 11, 29), event_last=dt.date(2025, 11, 29), as_of=dt.date(2025, 11, 30), topic="t",
    )
    topic = Topic("t", "Palestinians killed · <on> | 2025-11-29", "event_count", "killed", "palestinians", "event", (a.id, b.id), "conflict")
    finding = Finding("CF104", "error", "t", (a.id, b.id), f'one event: {doc.id}: "{EVIL}"\n[≥ 20] vs "35"')
    return Report((doc, dated), (a, b), (topic,), (finding,))


def remote_references(page: str) -> list[str]:
    """Every attribute of a real tag (escaped text has no ``<``) that points off the page."""
    attribute = re.compile(r"""\b(?:src|href|action|poster|data|srcset|background)\s*=\s*["']?\s*(?:[a-z][a-z0-9+.-]*:|//)""", re.I)
    return [tag for tag in re.findall(r"<[a-zA-Z][^<>]*>", page) if attribute.search(tag)]


def test_html_is_self_contained_and_escaped():
    out = render("html", nasty_report(), PLAIN)
    assert "<script" not in out.lower()
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in out
    assert "<img" not in out and "<iframe" not in out
    assert not remote_references(out)
    assert "url(" not in out and "@import" not in out
    assert "\x1b" not in out
    assert "<mark>At least 20</mark>" in out
    assert "Content-Security-Policy" in out


def test_html_of_the_corpus_has_no_script_and_no_remote_reference(planted):
    out = render("html", planted, PLAIN)
    assert out.startswith("<!DOCTYPE html>\n") and out.endswith("</html>\n")
    assert "<script" not in out.lower()
    assert not remote_references(out)
    assert "http://" not in out and "https://" not in out
    assert out.count("<mark>") >= sum(len(f.claims) for f in planted.findings)
    assert "set aside, not compared" in out


def test_html_escapes_script_from_an_article_file(tmp_path):
    article = tmp_path / "evil.md"
    article.write_text(
        "---\ndate: 2025-11-30\noutlet: <script>alert(1)</script>\n---\n"
        "<script>alert(1)</script> At least 24 Palestinians were killed in Israeli air strikes on Saturday.\n",
        encoding="utf-8",
    )
    report = analyse([article], load_settings(ROOT / "claims.yaml"))
    for fmt in ("html", "markdown"):
        out = render(fmt, report, RenderOptions(verbose=True))
        assert "<script" not in out.lower(), fmt


def test_markdown_escapes_article_text():
    out = render("markdown", nasty_report(), PLAIN)
    assert "<script" not in out and "<img" not in out and "<b>" not in out
    assert "&lt;script&gt;alert(\"x\")&lt;/script&gt;" in out
    assert "@octocat" not in out and "@&#8203;octocat" in out
    assert "#12" not in out
    assert not re.search(r"(?<!\\)\]\(", out)  # no live link: "[killed](http://…)" stays text
    assert "\x1b" not in out
    assert "**At least 20**" in out
    for row in (line for line in out.splitlines() if line.startswith("| ")):
        cells = re.split(r"(?<!\\)\|", row)
        assert len(cells) == 7, row  # five cells between six unescaped pipes
    assert "Undated: 1 document has no known publication date" in out
    assert "Reader comments: 1 document ends in a comment section" in out


def test_markdown_has_no_colour_codes_and_states_comments(planted):
    out = render("markdown", planted, PLAIN)
    assert "\x1b" not in out
    assert out.startswith("## ")
    assert out.index("### Findings") < out.index("### Documents") < out.index("### Topics")
    assert "set aside, not compared" in out


def test_line_and_github_keep_one_line_per_finding():
    report = nasty_report()
    assert len(render("line", report).splitlines()) == 1
    assert len(render("github", report).splitlines()) == 1
    assert "\x1b" not in render("line", report)


# --- terminal ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("width", [80, 100, 120, 160, 200])
def test_terminal_fits_its_width(planted, width):
    out = render("terminal", planted, RenderOptions(width=width, verbose=True))
    assert max(len(line) for line in out.splitlines()) <= width
    assert not any(line != line.rstrip(" ") for line in out.splitlines())


def test_terminal_findings_come_first_and_quiet_shows_findings_only(planted):
    full = render("terminal", planted, RenderOptions(width=100))
    assert full.index("Findings") < full.index("Documents") < full.index("Topics")
    quiet = render("terminal", planted, RenderOptions(width=100, quiet=True))
    assert "Findings" in quiet and "Topics" not in quiet and "Documents" not in quiet
    assert quiet.splitlines()[0] == "cfcheck · " + findings_phrase(planted.findings)
    assert all(f"{f.code} {f.severity}" in quiet for f in planted.findings)


def test_terminal_verbose_adds_every_claim(planted):
    verbose = render("terminal", planted, RenderOptions(width=200, verbose=True))
    assert "Claims in no topic" in verbose
    for c in planted.claims:
        if c.topic is None:
            assert f"{c.line}:{c.column}" in verbose


def test_terminal_colours_errors_red_and_warnings_yellow(planted):
    out = render("terminal", planted, RenderOptions(width=100, color=True))
    assert "\x1b[1;31m✖ CF" in out and "\x1b[1;33m▲ CF" in out


def test_terminal_keeps_article_text_inert():
    out = render("terminal", nasty_report(), RenderOptions(width=120, color=True))
    assert "\x1b[2J" not in out
    assert "[bold red]x[/]" in out  # printed as written, never parsed as markup
    plain = render("terminal", nasty_report(), RenderOptions(width=120))
    assert "Undated: 1 document has no known publication date" in plain
    assert "Reader comments: 1 document ends in a comment section" in plain


# --- the HTML in a browser -----------------------------------------------------------------------------


def test_html_renders_in_headless_chromium(planted, tmp_path):
    chromium = shutil.which("chromium")
    if chromium is None:
        pytest.skip("chromium is not installed (Debian: apt-get install chromium)")
    page = tmp_path / "report.html"
    page.write_text(render("html", planted, PLAIN), encoding="utf-8")
    shot = tmp_path / "report.png"
    command = [
        chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={tmp_path / 'profile'}",
        f"--screenshot={shot}", "--window-size=1200,1600", page.as_uri(),
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert shot.exists(), f"chromium wrote no screenshot (exit {done.returncode}): {done.stderr[-2000:]}"
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    if UPDATE:
        (ROOT / "docs").mkdir(exist_ok=True)
        shutil.copyfile(shot, ROOT / "docs" / "report.png")


# --- shared helpers -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "start, before, after",
    [
        (15, "Officials said ", " were hurt and 20 were killed."),
        (32, "Officials said 20 were hurt and ", " were killed."),
    ],
)
def test_quote_highlights_the_claimed_occurrence_of_a_repeated_figure(start, before, after):
    from ceasefire_cli.render.common import quote

    text = "Officials said 20 were hurt and 20 were killed."
    claim = Claim("a#1", "a", "count", "20", start, start + 2, 1, start + 1, text)
    q = quote(claim, Document("a", "a", text))
    assert (q.before, q.figure, q.after) == (before, "20", after)


def test_quote_shortens_long_sentences_at_word_boundaries():
    from ceasefire_cli.render.common import quote

    text = "word " * 40 + "killing 447 people " + "more " * 40
    start = text.index("447")
    q = quote(Claim("a#1", "a", "count", "447", start, start + 3, 1, start + 1, text), Document("a", "a", text), 30)
    assert q.before.startswith("…") and q.after.endswith("…")
    assert q.before.endswith("killing ") and q.figure == "447"
    assert len(q.before) <= 31 and len(q.after) <= 31


def test_short_names_are_unique_suffixes():
    from ceasefire_cli.render.common import short_names

    names = short_names(["seeds/a.txt", "tests/x/a.txt", "tests/x/b.md"])
    assert names == {"seeds/a.txt": "seeds/a.txt", "tests/x/a.txt": "x/a.txt", "tests/x/b.md": "b.md"}


def test_renderer_doctests():
    import doctest

    from ceasefire_cli.render import common, github, html, line, markdown, sarif, terminal

    for module in (common, github, html, line, markdown, sarif, terminal):
        assert doctest.testmod(module).failed == 0, module.__name__


# --- an archive opens on a summary ------------------------------------------------------------------

def test_an_archive_opens_on_a_summary_and_says_what_it_left_out(tmp_path):
    from ceasefire_cli.config import load_settings
    from ceasefire_cli.load.corpus import load
    from ceasefire_cli.run.pipeline import analyse_documents

    for i in range(34):
        day = 1 + i % 28
        toll = 70000 + 10 * day
        (tmp_path / f"a{i:02}.md").write_text(
            f"---\ndate: 2025-11-{day:02}\n---\nThe death toll has risen to {toll:,} since the war began, the ministry said.\n"
        )
    # One stale figure: an error the summary must show.
    (tmp_path / "z_stale.md").write_text("---\ndate: 2025-11-29\n---\nThe death toll has risen to 60,000 since the war began.\n")
    report = analyse_documents(load([str(tmp_path)]).documents, load_settings(ROOT / "claims.yaml"))
    text = render("terminal", report, RenderOptions(width=100))
    lines = text.splitlines()
    assert lines[0].startswith("cfcheck · 1 error")
    assert "  35: 35 dated from front matter. --verbose lists them." in lines
    assert any(line.strip().startswith("(+") and "more claims in this topic: --verbose lists them)" in line for line in lines)
    assert len(lines) < 60
    full = render("terminal", report, RenderOptions(width=100, verbose=True))
    assert len(full.splitlines()) > len(lines) and "more claims in this topic" not in full
