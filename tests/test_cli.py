"""The command line: exit codes, exact error text, formats, and the seeds' verdict."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ceasefire_cli.cli import app

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
PLANTED = ROOT / "tests" / "data" / "planted"
CLAIMS = str(ROOT / "claims.yaml")


def run(*args: str):
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


def seeds_without_sources(tmp_path: Path) -> Path:
    folder = tmp_path / "seeds"
    folder.mkdir()
    for f in SEEDS.glob("*.txt"):
        shutil.copy(f, folder / f.name)
    return folder


def test_seeds_have_no_contradiction():
    result = run("compare", str(SEEDS), "--claims", CLAIMS, "--no-color")
    assert result.exit_code == 0, result.output
    assert "error" not in result.stdout and "warning" not in result.stdout


def test_seeds_without_sources_yaml_have_no_contradiction(tmp_path):
    result = run("compare", str(seeds_without_sources(tmp_path)), "--claims", CLAIMS, "--format", "json")
    assert result.exit_code == 0
    report = json.loads(result.stdout)
    # Two spelling variants of names are noted (info); nothing contradicts.
    assert report["summary"]["findings"] == {"error": 0, "warning": 0, "info": 2}
    basis = {d["id"].split("/")[-1][:3]: d["published_basis"] for d in report["documents"]}
    # Never dated from a date inside the story: 003 names the meeting day, not its own.
    assert basis == {"000": None, "001": None, "002": None, "003": None, "004": None}


def test_planted_errors_fail_the_run():
    result = run("compare", str(SEEDS), str(PLANTED), "--claims", CLAIMS, "--format", "json")
    assert result.exit_code == 1
    codes = sorted(f["code"] for f in json.loads(result.stdout)["findings"] if f["code"] != "CF202")
    # One planted error of each kind; the wrong ceasefire date also contradicts the vetted fact (CF401).
    assert codes == ["CF102", "CF103", "CF104", "CF105", "CF107", "CF201", "CF401"]


CLEAN = ROOT / "tests" / "data" / "clean"


def test_clean_articles_in_other_wording_raise_no_alarm():
    # Hand-written articles with UK dates, headline verbs, number words, labels, identifiers,
    # a second UN resolution, a comment section, wire copy with a dateline, an Israeli-side
    # account, a live blog and a feature: nothing in them contradicts the seeds.
    result = run("compare", str(SEEDS), str(CLEAN), "--claims", CLAIMS, "--format", "json")
    assert result.exit_code == 0
    report = json.loads(result.stdout)
    assert [f["code"] for f in report["findings"]] == ["CF202", "CF202"]
    topics = {t["id"]: t["status"] for t in report["topics"]}
    assert topics["killed.palestinians.war"] == "evolving"
    assert topics["killed.palestinians.since_ceasefire"] == "evolving"
    assert topics["date.ceasefire_start"] == "agree"
    assert topics["date.un_resolution_adopted.2720"] == topics["date.un_resolution_adopted.2803"] == "single"
    # The wire's "at least 27" and the ministry's 104 for the same night agree.
    assert topics["killed.palestinians.event.2025-10-28"] == "agree"


@pytest.mark.parametrize(
    "fail_on, code",
    [("error", 1), ("warning", 1), ("info", 1), ("never", 0)],
)
def test_fail_on(fail_on, code):
    result = run("compare", str(PLANTED), "--claims", CLAIMS, "--format", "json", "--fail-on", fail_on)
    assert result.exit_code == code


def test_warning_only_corpus_passes_by_default_and_fails_on_warning():
    args = ["compare", str(PLANTED / "g_growth.md"), str(PLANTED / "h_growth_earlier.md"), "--claims", CLAIMS, "--format", "json"]
    assert run(*args).exit_code == 0
    assert run(*args, "--fail-on", "warning").exit_code == 1


def test_missing_path_exits_2_with_one_line():
    result = run("compare", "no/such/dir", "--claims", CLAIMS)
    assert result.exit_code == 2
    assert result.stderr == "error: no/such/dir: no such file or directory\n"
    assert result.stdout == ""


def test_bad_claims_file_exits_2(tmp_path):
    bad = tmp_path / "claims.yaml"
    bad.write_text("metrics:\n  killed:\n    alias: [killed]\n")
    result = run("compare", str(SEEDS), "--claims", str(bad))
    assert result.exit_code == 2
    assert result.stderr == f"error: {bad}:3: unknown key 'metrics.killed.alias' (did you mean 'aliases'?)\n"


def test_missing_claims_file_exits_2():
    result = run("compare", str(SEEDS), "--claims", "nope.yaml")
    assert (result.exit_code, result.stderr) == (2, "error: nope.yaml: no such file\n")


def test_unknown_format_is_a_usage_error():
    result = run("compare", str(SEEDS), "--format", "xml")
    assert result.exit_code == 2
    assert result.stderr == (
        "error: invalid value for '--format' / '-f': 'xml' is not one of "
        "'terminal', 'json', 'markdown', 'html', 'line', 'github', 'sarif' (see 'cfcheck compare --help')\n"
    )


def test_no_paths_is_a_usage_error():
    result = run("compare")
    assert result.exit_code == 2
    assert result.stderr == "error: missing argument 'PATH...' (see 'cfcheck compare --help')\n"


def test_verbose_and_quiet_conflict():
    result = run("compare", str(SEEDS), "-v", "-q")
    assert (result.exit_code, result.stderr) == (2, "error: --verbose and --quiet cannot be used together\n")


def test_bad_file_is_reported_and_the_others_still_compared(tmp_path):
    folder = seeds_without_sources(tmp_path)
    (folder / "picture.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (folder / "empty.md").write_text("")
    result = run("compare", str(folder), "--claims", CLAIMS, "--format", "json")
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [
        f"warning: {folder.name}/empty.md: empty file, skipped".replace(folder.name, str(folder)),
        f"error: {folder}/picture.txt: binary file, skipped",
    ]
    report = json.loads(result.stdout)
    assert len(report["documents"]) == 5
    assert [p["path"] for p in report["problems"]] == [f"{folder}/empty.md", f"{folder}/picture.txt"]


def test_nothing_readable_exits_2(tmp_path):
    (tmp_path / "a.txt").write_text("")
    result = run("compare", str(tmp_path / "a.txt"))
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == "error: no article could be read from the paths given"


def test_comments_are_set_aside_unless_included():
    plain = json.loads(run("compare", str(SEEDS), "--claims", CLAIMS, "--format", "json").stdout)
    comment_claims = [c for c in plain["claims"] if c["section"] == "comments"]
    assert [c["text"] for c in comment_claims if c["kind"] == "count"] == ["20+"]
    assert all(c["topic"] is None for c in comment_claims)
    included = json.loads(run("compare", str(SEEDS), "--claims", CLAIMS, "--format", "json", "--include-comments").stdout)
    assert [c["topic"] for c in included["claims"] if c["section"] == "comments" and c["kind"] == "count"] == [
        "killed.palestinians.event.undated"
    ]


def test_explain_and_codes():
    result = run("explain", "cf102")
    assert result.exit_code == 0
    assert result.stdout.startswith("CF102 cumulative-decrease (error)\n\nA cumulative figure")
    unknown = run("explain", "CF999")
    assert unknown.exit_code == 2
    assert unknown.stderr == (
        "error: unknown finding code 'CF999' (known: CF101, CF102, CF103, CF104, CF105, CF106, CF107, CF201, CF202, CF203, CF301, CF302, CF303, CF401)\n"
    )
    listing = run("codes").stdout.splitlines()
    assert listing[0] == "CF101  error    same-date-conflict"
    assert len(listing) == 14


def test_python_dash_m_runs(tmp_path):
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-m", "ceasefire_cli", "codes"], capture_output=True, text=True, cwd=tmp_path)
    assert out.returncode == 0
    assert out.stdout.splitlines()[0].startswith("CF101")


def test_reference_sparkline_in_terminal_report(tmp_path):
    folder = seeds_without_sources(tmp_path)
    series = ROOT / "tests" / "data" / "reference" / "gaza_moh.json"
    result = run("compare", str(folder), "--claims", CLAIMS, "--reference", str(series), "--no-color")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    at = lines.index("  [evolving] Palestinians killed · whole war")
    assert lines[at + 1].startswith("    Gaza Ministry of Health daily report: 2023-10-07 ")
    assert set(lines[at + 2].strip()) <= set("▁▂▃▄▅▆▇█") and len(lines[at + 2].strip()) == 60
    assert lines[at + 3].count("^") == 2  # the 2024 and the 2026 claim, in date order along the series


@pytest.mark.parametrize(
    ("jobs", "note"),
    [("1", ""), ("2", ""), ("10000", "note: --jobs 10000 capped at 2, the CPUs this process may use\n")],
)
def test_jobs_beyond_the_usable_cpus_are_capped_with_one_line(monkeypatch, jobs, note):
    import os

    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1}, raising=False)
    result = run("compare", str(SEEDS), "--claims", CLAIMS, "--format", "json", "--jobs", jobs, "--no-cache")
    assert (result.exit_code, result.stderr) == (0, note)


def test_the_progress_bar_says_comparing_once_every_article_is_read():
    import io

    from rich.console import Console

    from ceasefire_cli.cli_run import progress_bar

    out = io.StringIO()
    console = Console(file=out, force_terminal=True, width=80, color_system=None)
    with progress_bar(300, console) as advance:
        advance(100)
        advance(200)
    assert "comparing figures" in out.getvalue()
    assert "reading figures" not in out.getvalue().rsplit("comparing figures", 1)[1]
