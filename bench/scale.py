"""Whole-process cost of the default output at several corpus sizes, beside a bare digit scan.

Usage::

    .venv/bin/python bench/scale.py                 # 1,000 and 10,000 articles, about 3 minutes on 2 cores
    .venv/bin/python bench/scale.py -n 100000       # one size (generated once into bench/out/)
    .venv/bin/python bench/scale.py -n 100000 --quick --repeat 1   # only ``--format json --jobs 2 --no-cache``

For each size it runs, as a user would (output to /dev/null, no ``--quiet``):
``cfcheck compare DIR --format json`` and ``--format terminal`` with
``--jobs 1`` and ``--jobs 2`` and no cache, then ``--format json --jobs 2``
with a cold cache (a fresh folder) and warm (the same folder again). Each
figure is the median of ``--repeat`` runs; peak memory is the largest
proportional set size of the whole process tree (parent and workers: shared
pages counted once, see ``run._tree_rss``) sampled every 50 ms, and the
largest resident size of a single process (``/usr/bin/time -v``). CPU time
(user + system of the whole tree) is given beside wall time because it moves
far less when other work shares the machine. The ratio
is to ``bench/scan.py`` (read, decode, ``re.finditer(r"\\d[\\d,.]*")``) over
the same files, measured in the same run, so the table travels between
machines.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import run as base  # noqa: E402  (corpus generation, process timing and memory sampling)


#: CPU seconds (user + system) of every run, in order, for the table's CPU column.
CPU: list[float] = []


def timed(cmd: list[str], env: dict[str, str]) -> tuple[float, int, int]:
    """:func:`run.run`, also noting the CPU seconds the process tree used (workers included, as they are reaped)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    result = base.run(cmd, env)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    CPU.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return result


def median_run(cmd: list[str], env: dict[str, str], repeat: int) -> tuple[float, int, int]:
    """(median seconds, peak kB of the largest process, peak kB of the process tree) over ``repeat`` runs."""
    runs = [timed(cmd, env) for _ in range(repeat)]
    return statistics.median(r[0] for r in runs), max(r[1] for r in runs), max(r[2] for r in runs)


def cpu(repeat: int) -> str:
    """The median CPU seconds of the last ``repeat`` runs."""
    seconds = statistics.median(CPU[-repeat:])
    return f"{seconds:.2f} s" if seconds < 10 else f"{seconds:.1f} s"


def measure(n: int, args: argparse.Namespace, env: dict[str, str]) -> list[str]:
    """Table rows for a corpus of ``n`` articles."""
    folder = base.corpus(args.out, n)
    rel = base._rel(folder)
    py = base._rel(Path(sys.executable)) if Path(sys.executable).is_relative_to(base.ROOT) else sys.executable
    cfcheck = ".venv/bin/cfcheck" if (base.ROOT / ".venv" / "bin" / "cfcheck").exists() else "cfcheck"
    size = sum(os.path.getsize(p) for p in base.scan.files_under(str(folder)))
    base.run([py, "bench/scan.py", rel], env, record=False)  # the page cache, warm for everyone
    t_scan = median_run([py, "bench/scan.py", rel], env, max(3, args.repeat))[0]
    label = f"{n:,} articles ({size / 1e6:.0f} MB)"
    rows = [f"| {label} | bare digit scan | — | — | {t_scan:.2f} s | {cpu(max(3, args.repeat))} | 1× | — |"]
    times: dict[tuple[str, int], float] = {}
    runs = [("json", 2)] if args.quick else [(fmt, jobs) for fmt in ("json", "terminal") for jobs in (1, 2)]
    for fmt, jobs in runs:
        cmd = [cfcheck, "compare", rel, "--format", fmt, "--fail-on", "never", "--jobs", str(jobs), "--no-cache"]
        t, big, tree = median_run(cmd, env, args.repeat)
        times[(fmt, jobs)] = t
        speedup = "" if jobs == 1 or (fmt, 1) not in times else f" ({times[(fmt, 1)] / t:.2f}× --jobs 1)"
        rows.append(f"| {label} | `--format {fmt}` | {jobs} | none | {t:.2f} s{speedup} | {cpu(args.repeat)} | {t / t_scan:.1f}× | "
                    f"{big / 1024:.0f} MB / {tree / 1024:.0f} MB |")
    if args.quick:
        return rows
    cache_env = dict(env, CFCHECK_CACHE_DIR=str(args.out / f"cache-scale-{n}"))
    cmd = [cfcheck, "compare", rel, "--format", "json", "--fail-on", "never", "--jobs", "2"]
    cold = []
    for _ in range(args.repeat):
        shutil.rmtree(cache_env["CFCHECK_CACHE_DIR"], ignore_errors=True)
        cold.append(timed(cmd, cache_env))
    t_cold = statistics.median(r[0] for r in cold)
    cpu_cold = cpu(args.repeat)
    t_warm, big, tree = median_run(cmd, cache_env, args.repeat)
    rows.append(f"| {label} | `--format json`, cache cold | 2 | cold | {t_cold:.2f} s | {cpu_cold} | {t_cold / t_scan:.1f}× | "
                f"{max(r[1] for r in cold) / 1024:.0f} MB / {max(r[2] for r in cold) / 1024:.0f} MB |")
    rows.append(f"| {label} | `--format json`, cache warm | 2 | warm | {t_warm:.2f} s ({t_cold / t_warm:.1f}× faster) | {cpu(args.repeat)} | "
                f"{t_warm / t_scan:.1f}× | {big / 1024:.0f} MB / {tree / 1024:.0f} MB |")
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, action="append", help="corpus size in articles (repeatable; default 1000 and 10000)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each command (the median is kept)")
    parser.add_argument("--quick", action="store_true", help="only issue 15's run: --format json --jobs 2 --no-cache (beside the scan)")
    parser.add_argument("--out", type=Path, default=base.ROOT / "bench" / "out", help="corpora and caches (default bench/out)")
    args = parser.parse_args(argv)
    args.out = args.out.resolve()
    args.out.mkdir(parents=True, exist_ok=True)
    env = base.child_env(args.out)
    started = time.perf_counter()
    rows = ["| corpus | run | --jobs | cache | median wall time | median CPU time | wall-time ratio to scan | peak memory: largest process / all processes |",
            "| --- | --- | --- | --- | --- | --- | --- | --- |"]
    for n in args.n or [1000, 10000]:
        rows += measure(n, args, env)
    print("\n".join(rows))
    print(f"\nMachine: {os.cpu_count()} CPUs, Python {sys.version.split()[0]}; bench took {time.perf_counter() - started:.0f} s.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
