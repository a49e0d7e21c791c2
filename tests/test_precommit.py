"""The shipped pre-commit hook, for real: a contradicting draft blocks a commit, a clean one passes.

pre-commit installs this repository (at its current commit) into a hook
environment from PyPI-style requirements, so the test needs git, the
`pre-commit` package and the package index; it is skipped when any is missing.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DRAFTS = ROOT / "tests" / "data" / "drafts"

pytestmark = pytest.mark.skipif(
    shutil.which("git") is None or not (ROOT / ".git").exists(), reason="needs git and a git checkout of cfcheck"
)


def git(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env_args = ["-c", "user.name=Test", "-c", "user.email=test@example.invalid", "-c", "commit.gpgsign=false"]
    return subprocess.run(["git", *env_args, *args], cwd=cwd, capture_output=True, text=True)


@pytest.fixture(scope="module")
def newsroom(tmp_path_factory):
    pytest.importorskip("pre_commit")
    head = git(ROOT, "rev-parse", "HEAD").stdout.strip()
    repo = tmp_path_factory.mktemp("newsroom")
    git(repo, "init", "-q")
    shutil.copytree(ROOT / "seeds", repo / "sources")
    shutil.copy(ROOT / "claims.yaml", repo / "claims.yaml")
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {ROOT.as_posix()}\n    rev: {head}\n    hooks:\n"
        "      - id: cfcheck\n        args: [--against, sources/]\n"
    )
    git(repo, "add", "-A")
    assert git(repo, "commit", "-qm", "corpus").returncode == 0
    home = tmp_path_factory.mktemp("pre-commit-home")
    install = subprocess.run(
        [sys.executable, "-m", "pre_commit", "install", "--install-hooks"],
        cwd=repo, capture_output=True, text=True, env={"PRE_COMMIT_HOME": str(home), "PATH": _path(), "HOME": str(home)},
    )
    if install.returncode != 0:
        pytest.skip(f"pre-commit could not build the hook environment: {install.stdout[-300:]}{install.stderr[-300:]}")
    return repo, home


def _path() -> str:
    import os

    return os.environ.get("PATH", "/usr/bin:/bin")


def commit(repo: Path, home: Path, draft: str) -> subprocess.CompletedProcess[str]:
    import os

    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "HOME": str(home)}
    shutil.copy(DRAFTS / draft, repo / "draft.md")
    subprocess.run(["git", "add", "draft.md"], cwd=repo, check=True)
    return subprocess.run(
        ["git", "-c", "user.name=T", "-c", "user.email=t@example.invalid", "commit", "-m", draft],
        cwd=repo, capture_output=True, text=True, env=env,
    )


def test_contradicting_draft_blocks_the_commit(newsroom):
    repo, home = newsroom
    result = commit(repo, home, "stale_toll.md")
    assert result.returncode != 0
    assert "draft.md:8:33: CF102 " in result.stdout + result.stderr
    assert git(repo, "rev-list", "--count", "HEAD").stdout.strip() == "1"


def test_clean_draft_is_committed(newsroom):
    repo, home = newsroom
    result = commit(repo, home, "clean.md")
    assert result.returncode == 0, result.stdout + result.stderr
    assert git(repo, "log", "-1", "--format=%s").stdout.strip() == "clean.md"
