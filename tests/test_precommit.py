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
    (repo / ".pre-commit-config.yaml").write_text(readme_config(head))
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


def readme_config(head: str) -> str:
    """The README's .pre-commit-config.yaml, pointed at this checkout at ``head``: the example is what is tested."""
    readme = (ROOT / "README.md").read_text("utf-8")
    block = readme.split("### Pre-commit", 1)[1].split("```yaml\n", 1)[1].split("```", 1)[0]
    assert "https://github.com/YOUR-ORG/cfcheck" in block and "rev: v0.1.0" in block
    return block.replace("https://github.com/YOUR-ORG/cfcheck", ROOT.as_posix()).replace("rev: v0.1.0", f"rev: {head}")


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


def stage(repo: Path, home: Path, files: dict[str, Path], message: str) -> subprocess.CompletedProcess[str]:
    import os

    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "HOME": str(home)}
    for name, source in files.items():
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(source, repo / name)
        subprocess.run(["git", "add", name], cwd=repo, check=True)
    return subprocess.run(
        ["git", "-c", "user.name=T", "-c", "user.email=t@example.invalid", "commit", "-m", message],
        cwd=repo, capture_output=True, text=True, env=env,
    )


def test_a_corpus_article_in_the_repository_is_not_checked_as_a_draft(newsroom):
    # The README's `exclude:` keeps sources/ out of the hook, though it is Markdown and contradicts the rest.
    repo, home = newsroom
    result = stage(repo, home, {"sources/late_copy.md": ROOT / "tests" / "data" / "planted" / "b_stale_toll.md"}, "a source")
    assert result.returncode == 0, result.stdout + result.stderr


def test_staged_drafts_are_each_checked_against_the_corpus_only(newsroom):
    repo, home = newsroom
    result = stage(repo, home, {"one.md": DRAFTS / "clean.md", "two.md": DRAFTS / "stale_toll.md"}, "two drafts")
    assert result.returncode != 0
    blamed = {line.split(":")[0] for line in (result.stdout + result.stderr).splitlines() if ": CF1" in line}
    assert blamed == {"two.md"}
    subprocess.run(["git", "reset", "-q", "--hard"], cwd=repo, check=True)
