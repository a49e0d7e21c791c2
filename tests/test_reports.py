"""The report cache: a re-run over an unchanged archive prints what the first run printed, and nothing else is trusted."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ceasefire_cli.cli import app
from ceasefire_cli.run.reports import KEPT, ReportCache

ROOT = Path(__file__).resolve().parent.parent
PLANTED = ROOT / "tests" / "data" / "planted"
CLAIMS = str(ROOT / "claims.yaml")


def run(*args: str):
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


@pytest.fixture
def corpus(tmp_path):
    """A corpus with findings and an unreadable file (a problem on stderr)."""
    folder = tmp_path / "corpus"
    shutil.copytree(ROOT / "seeds", folder / "seeds")
    for name in ("b_stale_toll.md", "g_growth.md", "h_growth_earlier.md"):
        shutil.copy(PLANTED / name, folder / name)
    (folder / "broken.json").write_text("{not json", encoding="utf-8")
    return folder


def _entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.json"))


def _cache() -> ReportCache:
    return ReportCache()


@pytest.mark.parametrize("fmt", ["json", "terminal", "sarif", "line"])
def test_a_rerun_prints_the_same_bytes_and_exits_the_same(corpus, fmt):
    first = run("compare", str(corpus), "--claims", CLAIMS, "--format", fmt)
    assert len(_entries(_cache().folder)) == 1
    second = run("compare", str(corpus), "--claims", CLAIMS, "--format", fmt)
    assert (second.exit_code, second.stdout, second.stderr) == (first.exit_code, first.stdout, first.stderr)
    assert "broken.json" in first.stderr and "CF103" in first.stdout
    assert len(_entries(_cache().folder)) == 1  # served, not stored again


def test_a_kept_report_is_what_is_printed(corpus):
    run("compare", str(corpus), "--claims", CLAIMS, "--format", "json")
    cache = _cache()
    (entry,) = _entries(cache.folder)
    # Forge the stored report: the entry no longer proves itself, so the archive is read again.
    kept = cache.lookup(entry.stem)
    assert kept is not None
    text = "".join(kept.report())
    import zlib

    (cache.folder / f"{entry.stem}.z").write_bytes(zlib.compress(text.replace('"error"', '"info"').encode()))
    again = run("compare", str(corpus), "--claims", CLAIMS, "--format", "json")
    assert json.loads(again.stdout)["summary"] == json.loads(text)["summary"]


def test_an_entry_signed_with_another_secret_is_never_trusted(corpus, tmp_path, monkeypatch):
    first = run("compare", str(corpus), "--claims", CLAIMS, "--format", "line")
    (entry,) = _entries(_cache().folder)
    header = json.loads(entry.read_text())
    header["exit"] = 0  # a forged exit code, signed with someone else's secret
    monkeypatch.setenv("CFCHECK_STATE_DIR", str(tmp_path / "other-user"))
    other = _cache()
    header["mac"] = other._mac(entry.stem, 0, header["stderr"], header["sha256"])
    entry.write_text(json.dumps(header))
    monkeypatch.undo()
    monkeypatch.setenv("CFCHECK_CACHE_DIR", str(_cache().folder.parent))
    again = run("compare", str(corpus), "--claims", CLAIMS, "--format", "line")
    assert (again.exit_code, again.stdout) == (first.exit_code, first.stdout)


def test_a_changed_file_or_option_is_a_new_run(corpus):
    run("compare", str(corpus), "--claims", CLAIMS, "--format", "line")
    stale = corpus / "b_stale_toll.md"
    stale.write_text(stale.read_text(encoding="utf-8").replace("2", "3"), encoding="utf-8")
    changed = run("compare", str(corpus), "--claims", CLAIMS, "--format", "line")
    run("compare", str(corpus), "--claims", CLAIMS, "--format", "line", "--fail-on", "never")
    assert len(_entries(_cache().folder)) == 3
    assert changed.stdout == run("compare", str(corpus), "--claims", CLAIMS, "--format", "line", "--no-cache").stdout


def test_no_cache_keeps_nothing_and_standard_input_is_never_kept(corpus):
    run("compare", str(corpus), "--claims", CLAIMS, "--no-cache")
    result = CliRunner().invoke(app, ["compare", "-", "--claims", CLAIMS], input=(PLANTED / "b_stale_toll.md").read_text(), catch_exceptions=False)
    assert result.exit_code in (0, 1)
    assert _entries(_cache().folder) == []


def test_a_damaged_entry_is_a_miss_and_is_removed(corpus):
    first = run("compare", str(corpus), "--claims", CLAIMS, "--format", "line")
    (entry,) = _entries(_cache().folder)
    body = entry.with_suffix(".z")
    body.write_bytes(body.read_bytes()[:10])
    assert _cache().lookup(entry.stem) is None
    assert not entry.exists() and not body.exists()
    again = run("compare", str(corpus), "--claims", CLAIMS, "--format", "line")
    assert again.stdout == first.stdout


def test_only_the_latest_entries_are_kept(corpus):
    runs = [(fmt, fail_on) for fmt in ("line", "json", "markdown") for fail_on in ("error", "warning", "never", "info")]
    assert len(runs) > KEPT
    for fmt, fail_on in runs:
        assert run("compare", str(corpus), "--claims", CLAIMS, "--format", fmt, "--fail-on", fail_on).exit_code in (0, 1)
    assert len(_entries(_cache().folder)) == KEPT
