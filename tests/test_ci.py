"""The README's CI recipes, run as far as this machine allows: the SARIF a workflow uploads validates, and points at real files."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ceasefire_cli.cli import app
from support import sarif_validator

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text("utf-8")




def _errors(log: dict) -> list[str]:
    return [f"{list(e.absolute_path)}: {e.message}" for e in sarif_validator().iter_errors(log)]


def _workflow_steps(name: str) -> list[str]:
    """The `run:` commands of the README's workflow file ``name``."""
    block = README.split(f"# .github/workflows/{name}\n", 1)[1].split("```", 1)[0]
    return [m.strip() for m in re.findall(r"run: (.+)", block)]


def _run_step(step: str, cwd: Path, monkeypatch) -> tuple[int, str, str]:
    """A `cfcheck …` step as the runner would run it (a `> file` redirection included), in ``cwd``."""
    words = shlex.split(step)
    target = None
    if ">" in words:
        at = words.index(">")
        words, target = words[:at], words[at + 1]
    assert words[0] == "cfcheck"
    monkeypatch.chdir(cwd)
    result = CliRunner().invoke(app, [*words[1:], "--no-cache"], catch_exceptions=False)
    if target:
        (cwd / target).write_text(result.stdout, "utf-8")
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def newsroom(tmp_path):
    """A checkout as the workflow sees it: drafts/ (one clean, one contradicting), sources/ (the seeds), claims.yaml."""
    shutil.copytree(ROOT / "seeds", tmp_path / "sources")
    shutil.copy(ROOT / "claims.yaml", tmp_path / "claims.yaml")
    (tmp_path / "drafts").mkdir()
    for name in ("clean.md", "stale_toll.md"):
        shutil.copy(ROOT / "tests" / "data" / "drafts" / name, tmp_path / "drafts" / name)
    (tmp_path / "drafts" / "broken.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    return tmp_path


def test_the_readme_sarif_recipe_uploads_a_valid_log(newsroom, monkeypatch):
    steps = [s for s in _workflow_steps("cfcheck-sarif.yml") if s.startswith("cfcheck ")]
    assert steps == ["cfcheck check drafts/ --against sources/ --format sarif > cfcheck.sarif"]
    code, _, stderr = _run_step(steps[0], newsroom, monkeypatch)
    assert code == 2, stderr  # the contradicting draft, and a draft that could not be read
    log = json.loads((newsroom / "cfcheck.sarif").read_text("utf-8"))
    assert not _errors(log)
    run = log["runs"][0]
    places = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]}
    assert places == {"drafts/stale_toll.md"}  # never the clean draft, never the corpus
    for result in run["results"]:
        for related in result.get("relatedLocations", []):
            assert (newsroom / related["physicalLocation"]["artifactLocation"]["uri"]).is_file()
    notes = run["invocations"][0]["toolExecutionNotifications"]
    assert [n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for n in notes] == ["drafts/broken.md"]


def test_the_readme_annotation_recipe_runs(newsroom, monkeypatch):
    steps = [s for s in _workflow_steps("factcheck.yml") if s.startswith("cfcheck ")]
    assert steps == ["cfcheck check drafts/ --against sources/ --format github"]
    (newsroom / "drafts" / "broken.md").unlink()
    code, stdout, _ = _run_step(steps[0], newsroom, monkeypatch)
    assert code == 1
    assert {line.split("file=")[1].split(",")[0] for line in stdout.splitlines()} == {"drafts/stale_toll.md"}


RECORDS_JSON = """[
  {"text": "Nothing to count here.", "date": "2026-01-22"},
  {"text": "The war on Gaza has killed 60,500 Palestinians since October 2023, the health ministry said.",
   "date": "2026-01-22"}
]
"""
RECORDS_JSONL = (
    '{"text": "Nothing to count here.", "date": "2026-01-22"}\n'
    '\n'
    '{"text": "The war on Gaza has killed 60,500 Palestinians since October 2023, the health ministry said.", "date": "2026-01-22"}\n'
)
WIRE = "---\ndate: 2026-01-20\n---\nThe health ministry says the war on Gaza has killed more than 71,000 Palestinians since October 2023.\n"


@pytest.mark.parametrize("name, text, line", [("feed.json", RECORDS_JSON, 3), ("feed.jsonl", RECORDS_JSONL, 3)])
@pytest.mark.parametrize("fmt", ["sarif", "github", "line", "terminal", "markdown", "html"])
def test_records_of_json_files_are_placed_at_their_file_and_line(tmp_path, monkeypatch, name, text, line, fmt):
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "wire.md").write_text(WIRE)
    (tmp_path / name).write_text(text)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(
        app, ["check", name, "-a", "sources", "--claims", str(ROOT / "claims.yaml"), "-f", fmt, "--no-cache"], catch_exceptions=False
    )
    assert result.exit_code == 1, result.stderr
    if fmt == "sarif":
        log = json.loads(result.stdout)
        assert not _errors(log)
        where = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
        assert (where["artifactLocation"]["uri"], where["region"]["startLine"]) == (name, line)
    elif fmt == "github":
        assert result.stdout.startswith(f"::error file={name},line={line},col=1,title=CF102 ")
    elif fmt == "line":
        assert result.stdout.startswith(f"{name}:{line}:1: CF102 ")
    else:  # the reports show the same place beside each quote
        assert f"{name}:{line}:1" in result.stdout
