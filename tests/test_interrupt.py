"""Ctrl-C during a parallel run: exit 130 at once, one line on stderr, no traceback, no worker left behind.

The run is a real process in its own session, interrupted as a terminal does
(SIGINT to the whole process group) once its workers exist. Nothing here
waits on a clock: the test polls /proc for the workers (the readiness
marker), and the timeouts only keep a hanging run from hanging the suite.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"

pytestmark = pytest.mark.skipif(not Path("/proc/self/task").is_dir() or not hasattr(os, "killpg"), reason="needs Linux /proc")


def children(pid: int) -> set[int]:
    out: set[int] = set()
    try:
        for task in Path(f"/proc/{pid}/task").iterdir():
            out |= {int(c) for c in (task / "children").read_text().split()}
    except OSError:
        pass
    return out


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """About 8 MB of seed copies: seconds of extraction, far more than the parallel threshold."""
    folder = tmp_path_factory.mktemp("big")
    seeds = sorted(p for p in SEEDS.iterdir() if p.suffix == ".txt")
    for i in range(300):
        for s in seeds:
            shutil.copy(s, folder / f"{i:04d}-{s.name}")
    return folder


@pytest.mark.parametrize("interrupts", [1, 2])
def test_ctrl_c_during_jobs_4_ends_the_run_with_130_and_no_worker_left(tmp_path, corpus, interrupts):
    env = dict(os.environ, CFCHECK_CACHE_DIR=str(tmp_path / "cache"), PYTHONUNBUFFERED="1")
    cmd = [sys.executable, "-m", "ceasefire_cli", "compare", str(corpus), "--jobs", "4", "--no-cache", "-f", "json"]
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    try:
        workers: set[int] = set()
        while not workers and proc.poll() is None:  # the readiness marker: worker processes exist
            workers = children(proc.pid)
        assert proc.poll() is None, "the run ended before its workers could be seen"
        for _ in range(interrupts):
            os.killpg(proc.pid, signal.SIGINT)
        _, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    stderr = err.decode()
    # 130, or killed by the SIGINT itself when the second one lands while the interpreter is already
    # shutting down (Python then restores the default action): a shell shows 130 for both.
    assert proc.returncode in (130, -signal.SIGINT), stderr
    assert "Traceback" not in stderr and stderr.endswith("error: interrupted\n"), stderr
    assert not [w for w in workers if alive(w)]  # killed and reaped before the run ended
