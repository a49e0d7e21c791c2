"""Measure cfcheck against the targets of issue 7 and print a Markdown table.

Usage::

    .venv/bin/python bench/run.py            # about 3 minutes on 2 cores
    .venv/bin/python bench/run.py --full     # adds the 100,000-article run (about 5 more)

Corpora are generated once into ``bench/out/`` (ignored by git) by
``bench/generate.py`` and reused while the generator is unchanged. Each
figure is also given as a ratio to a bare regex scan (``bench/scan.py``:
read, decode, ``re.finditer(r"\\d[\\d,.]*")``) measured in the same run, so
the table means the same thing on a faster or busier machine. Whole-process
timings are the best of several runs; child processes get a bytecode cache
(``PYTHONPYCACHEPREFIX``) as an installed package would have, and their own
claim cache folder. The exact commands follow the table.

``CFCHECK_TREE=DIR`` benchmarks the package in DIR (say, a copy with a
proposed patch applied) instead of this checkout, in process and in the
child processes (through ``PYTHONPATH``).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TREE = Path(os.environ.get("CFCHECK_TREE") or ROOT).resolve()
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(TREE))

import ceasefire_cli  # noqa: E402,F401  (from TREE, before generate.py puts ROOT on the path)
import generate  # noqa: E402,F401
import scan  # noqa: E402

from ceasefire_cli.extract.claims import build_lexicon, extract_claims  # noqa: E402
from ceasefire_cli.config import load_settings  # noqa: E402
from ceasefire_cli.load.corpus import load  # noqa: E402
from ceasefire_cli.extract.dates import find_dates  # noqa: E402
from ceasefire_cli.models import Claim  # noqa: E402
from ceasefire_cli.extract.numbers import find_quantities  # noqa: E402
from ceasefire_cli.run.pipeline import analyse_documents  # noqa: E402

COMMANDS: list[str] = []


@dataclasses.dataclass(frozen=True, slots=True)
class Row:
    """One line of the table."""

    name: str
    figure: str
    ratio: str
    target: str
    met: bool | None


def best(fn, repeat: int = 3) -> float:
    """The fastest of ``repeat`` timings of ``fn()``, in seconds."""
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


# --- corpora ------------------------------------------------------------------------


def corpus(out: Path, n: int) -> Path:
    """The generated corpus of ``n`` articles, (re)built when the generator changed."""
    folder = out / f"corpus-{n}"
    stamp = {"n": n, "generator": _digest(ROOT / "bench" / "generate.py"), "seeds": _digest_dir(ROOT / "seeds")}
    marker = out / f"corpus-{n}.json"
    if folder.is_dir() and marker.is_file() and json.loads(marker.read_text()) == stamp:
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    py = _rel(Path(sys.executable)) if Path(sys.executable).is_relative_to(ROOT) else sys.executable
    cmd = [py, "bench/generate.py", _rel(folder), "-n", str(n)]
    COMMANDS.append(shlex.join(cmd))
    subprocess.run(cmd, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    marker.write_text(json.dumps(stamp))
    return folder


def _digest(path: Path) -> str:
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest()


def _digest_dir(folder: Path) -> str:
    return "".join(_digest(p)[:8] for p in sorted(folder.iterdir()) if p.is_file())


def _tree_tag() -> str:
    """A short tag of the package tree, so trees do not empty each other's claim caches."""
    import hashlib

    return hashlib.sha256(str(TREE).encode()).hexdigest()[:8]


def _rel(path: Path) -> str:
    try:
        return path.relative_to(ROOT).as_posix()
    except ValueError:
        return str(path)


# --- whole processes ----------------------------------------------------------------


def child_env(out: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(out / "pycache")
    env["CFCHECK_CACHE_DIR"] = str(out / f"cache-cli-{_tree_tag()}")
    env["COLUMNS"] = "100"
    if TREE != ROOT:
        env["PYTHONPATH"] = str(TREE)
    env.pop("NO_COLOR", None)
    return env


def _tree_rss(pid: int) -> int:
    """Memory of ``pid`` and its descendants, in kB (0 once it is gone): their proportional set size.

    Forked workers share the pages of the parent they were forked from (copy on
    write): summing resident sizes counts those pages once per process. The
    proportional size (``Pss`` in ``/proc/PID/smaps_rollup``) divides each
    shared page among the processes that share it, so the sum is the memory the
    tree really holds. Where the kernel gives no ``smaps_rollup``, resident sizes are summed.
    """
    total, stack = 0, [pid]
    while stack:
        p = stack.pop()
        try:
            try:
                total += int(re.search(r"^Pss:\s+(\d+)", Path(f"/proc/{p}/smaps_rollup").read_text(), re.M).group(1))
            except (OSError, AttributeError):
                status = Path(f"/proc/{p}/status").read_text()
                total += int(re.search(r"VmRSS:\s+(\d+)", status).group(1)) if "VmRSS" in status else 0
            for task in Path(f"/proc/{p}/task").iterdir():
                stack += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, AttributeError, ValueError):
            continue
    return total


def run(cmd: list[str], env: dict[str, str], *, record: bool = True) -> tuple[float, int, int]:
    """Run ``cmd`` once: (seconds, peak RSS of the largest process in kB, peak memory of the tree in kB (:func:`_tree_rss`))."""
    if record and shlex.join(cmd) not in COMMANDS:
        COMMANDS.append(shlex.join(cmd))
    timer = shutil.which("time", path="/usr/bin")
    full = [timer, "-v", *cmd] if timer else cmd
    start = time.perf_counter()
    proc = subprocess.Popen(full, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    peak_tree = 0
    if Path("/proc").is_dir():
        done = threading.Event()

        def sample() -> None:
            nonlocal peak_tree
            while not done.wait(0.05):
                peak_tree = max(peak_tree, _tree_rss(proc.pid))

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
    _, err = proc.communicate()
    elapsed = time.perf_counter() - start
    if Path("/proc").is_dir():
        done.set()
        sampler.join()
    if proc.returncode not in (0, 1):
        raise SystemExit(f"failed ({proc.returncode}): {shlex.join(cmd)}\n{err[-2000:]}")
    found = re.search(r"Maximum resident set size \(kbytes\): (\d+)", err or "")
    if found:
        peak = int(found.group(1))
    else:
        import resource

        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # max over every child so far
    return elapsed, peak, peak_tree


def fastest(cmd: list[str], env: dict[str, str], repeat: int) -> tuple[float, int, int]:
    runs = [run(cmd, env) for _ in range(repeat)]
    return min(r[0] for r in runs), max(r[1] for r in runs), max(r[2] for r in runs)


# --- the measurements ---------------------------------------------------------------


def measure(args: argparse.Namespace) -> list[Row]:
    out = args.out
    out.mkdir(parents=True, exist_ok=True)
    env = child_env(out)
    rows: list[Row] = []
    cfcheck = ".venv/bin/cfcheck" if (ROOT / ".venv" / "bin" / "cfcheck").exists() else "cfcheck"
    py = _rel(Path(sys.executable)) if Path(sys.executable).is_relative_to(ROOT) else sys.executable
    help_text = subprocess.run([cfcheck, "compare", "--help"], env=env, capture_output=True, text=True).stdout
    wired = "--jobs" in help_text and "--no-cache" in help_text
    small = corpus(out, 10_000)
    settings = load_settings(ROOT / "claims.yaml")

    # The yardstick, in process and as a whole process.
    paths = scan.files_under(str(small))
    size = sum(os.path.getsize(p) for p in paths)
    t_scan = best(lambda: scan.scan(paths))
    regex_mbs = size / 1e6 / t_scan
    run([py, "bench/scan.py", _rel(small)], env)  # warm the page cache
    t_scan_proc = fastest([py, "bench/scan.py", _rel(small)], env, 3)[0]
    rows.append(Row(f"bare regex scan, {len(paths):,} files ({size / 1e6:.1f} MB): read, decode, scan",
                    f"{regex_mbs:.0f} MB/s in process; {t_scan_proc:.2f} s whole process", "1", "yardstick", None))

    # Extraction, one core.
    documents = load([small]).documents
    text10 = _ten_megabytes(documents)
    number = re.compile(r"\d[\d,.]*")
    t_re10 = best(lambda: sum(1 for _ in number.finditer(text10)))
    re10 = len(text10) / 1e6 / t_re10
    fq = len(text10) / 1e6 / best(lambda: find_quantities(text10), 2)
    fd = len(text10) / 1e6 / best(lambda: find_dates(text10, documents[0].published), 2)
    rows.append(Row("find_quantities alone, one 10 MB text", f"{fq:.1f} MB/s", _ratio(fq / re10), "report", None))
    rows.append(Row("find_dates alone, one 10 MB text (dated)", f"{fd:.1f} MB/s", _ratio(fd / re10), "report", None))
    subset = _first_megabytes(documents, args.extract_mb)
    sub_mb = sum(len(d.text) for d in subset) / 1e6
    lexicon = build_lexicon(settings)
    t_ex = best(lambda: [extract_claims(d, lexicon) for d in subset], 2)
    ex = sub_mb / t_ex
    rows.append(Row(f"extraction (`claims.extract_claims`), one core, {len(subset):,} articles",
                    f"{ex:.2f} MB/s", _ratio(ex / regex_mbs), "≥ 5 MB/s (10 stretch)", ex >= 5))

    # Parallel extraction and the cache (extraction stage only, documents already loaded).
    from ceasefire_cli.run.cache import open_cache
    from ceasefire_cli.run.parallel import extract_all

    ceiling = _burn_speedup()
    t_one = best(lambda: extract_all(subset, settings, jobs=1), 2)
    t_par = best(lambda: extract_all(subset, settings, jobs=2), 2)
    rows.append(Row("`parallel.extract_all`, --jobs 2, same articles", f"{sub_mb / t_par:.2f} MB/s ({t_one / t_par:.2f}× --jobs 1)",
                    _ratio(sub_mb / t_par / regex_mbs), f"report (2 processes of pure CPU: {ceiling:.2f}×)", None))
    with tempfile.TemporaryDirectory() as tmp:
        with open_cache(settings, tmp) as cache:
            t = time.perf_counter()
            extract_all(subset, settings, jobs=1, cache=cache)
            t_cold = time.perf_counter() - t
        def warm():
            with open_cache(settings, tmp) as cache:
                extract_all(subset, settings, jobs=1, cache=cache)
                assert cache.misses == 0
        t_warm = best(warm)
    rows.append(Row("extraction stage, cache cold → warm (jobs 1)", f"{t_cold:.2f} s → {t_warm:.3f} s ({t_cold / t_warm:.0f}×)",
                    "—", "warm ≥ 20× faster", t_cold / t_warm >= 20))

    # Comparison scales O(n log n): the claims of 10k articles, then ten times as many.
    with open_cache(settings, out / f"cache-bench-{_tree_tag()}") as cache:
        claims = extract_all(documents, settings, jobs=2, cache=cache)[0]
    t1 = _compare_time(claims, documents, settings, 1)
    t10 = _compare_time(claims, documents, settings, 10)
    rows.append(Row(f"after extraction (`analyse_documents(claims=…)`: topics, compare, notes), 10k → 100k articles "
                    f"({len(claims):,} → {10 * len(claims):,} claims)",
                    f"{t1:.2f} s → {t10:.2f} s ({t10 / t1:.1f}×)", "—", "O(n log n): ≈ 10–13×", t10 / t1 <= 15))

    # Whole process: compare over 10k articles.
    base = [cfcheck, "compare", _rel(small), "--quiet", "--no-color", "--fail-on", "never"]
    cold = base + (["--jobs", "2", "--no-cache"] if wired else [])
    t_cmp, rss, tree = fastest(cold, env, args.repeat_slow)
    rate = len(paths) / t_cmp
    note = "" if wired else " (--jobs/--no-cache not wired yet: one process)"
    rows.append(Row(f"`cfcheck compare` 10k articles, whole process{note}", f"{t_cmp:.2f} s = {rate:,.0f} articles/s",
                    f"{t_cmp / t_scan_proc:.1f}× scan", "≤ 10× scan, ≥ 2,000 articles/s", t_cmp <= 10 * t_scan_proc and rate >= 2000))
    rows.append(Row("peak memory, that run", f"{rss / 1024:.0f} MB largest process; {tree / 1024:.0f} MB all processes", "—", "report", None))
    if wired:
        warm_cmd = base + ["--jobs", "2"]
        run(warm_cmd, env)  # fills the cache
        t_warm_cli = fastest(warm_cmd, env, args.repeat_slow)[0]
        rows.append(Row("`cfcheck compare` 10k articles, warm cache", f"{t_warm_cli:.2f} s = {len(paths) / t_warm_cli:,.0f} articles/s",
                        f"{t_warm_cli / t_scan_proc:.1f}× scan", "report", None))
    report_path = out / "corpus-10000-report.json"
    json_cmd = ["sh", "-c", shlex.join([cfcheck, "compare", _rel(small), "--format", "json", "--fail-on", "never"]
                                       + (["--jobs", "2", "--no-cache"] if wired else [])) + f" > {_rel(report_path)}"]
    t_json = run(json_cmd, env)[0]
    summary = json.loads(report_path.read_text("utf-8"))["summary"]
    rows.append(Row("`cfcheck compare` 10k articles, --format json", f"{t_json:.2f} s; {summary['claims']:,} claims, {summary['topics']} topics, "
                    f"findings {summary['findings']}", f"{t_json / t_scan_proc:.1f}× scan", "report (a few findings)", None))

    # Start-up.
    t_import = fastest([py, "-c", "import typer"], env, args.repeat)[0]
    t_help = fastest([cfcheck, "--help"], env, args.repeat)[0]
    rows.append(Row("`cfcheck --help`", f"{t_help * 1000:.0f} ms", f"{t_help / t_import:.2f}× `import typer` ({t_import * 1000:.0f} ms)",
                    "< 250 ms and ≤ 1.5× import typer", t_help < 0.25 and t_help <= 1.5 * t_import))
    t_libs = fastest([py, "-c", "import typer, rich, rapidfuzz, yaml"], env, args.repeat)[0]
    rows.append(Row("`import typer, rich, rapidfuzz, yaml`", f"{t_libs * 1000:.0f} ms", "—", "reference", None))
    t_seeds = fastest([cfcheck, "compare", "seeds/", "--no-color"], env, args.repeat)[0]
    rows.append(Row("`cfcheck compare seeds/`", f"{t_seeds * 1000:.0f} ms", f"{t_seeds / t_import:.1f}× `import typer`", "< 400 ms", t_seeds < 0.4))

    if args.full:
        big = corpus(out, 100_000)
        cmd = [cfcheck, "compare", _rel(big), "--quiet", "--no-color", "--fail-on", "never"] + (["--jobs", "2", "--no-cache"] if wired else [])
        t_big, rss_big, tree_big = run(cmd, env)
        rows.append(Row(f"`cfcheck compare` 100k articles, --jobs 2{note}", f"{t_big:.1f} s = {100_000 / t_big:,.0f} articles/s",
                        f"{t_big / t_scan_proc / 10:.1f}× scan (scaled)", "< 60 s", t_big < 60))
        rows.append(Row("peak memory, 100k run", f"{rss_big / 1024:.0f} MB largest process; {tree_big / 1024:.0f} MB all processes",
                        "—", "< 500 MB", max(rss_big, tree_big) < 500 * 1024))
    return rows


def _burn(n: int) -> int:
    total = 0
    for i in range(n):
        total += i * i
    return total


def _burn_speedup() -> float:
    """How much faster two processes do two loops than one process: the ceiling for --jobs 2 here."""
    from concurrent.futures import ProcessPoolExecutor

    n = 3_000_000
    one = best(lambda: (_burn(n), _burn(n)), 2)
    with ProcessPoolExecutor(2) as pool:
        list(pool.map(_burn, [1000, 1000]))
        two = best(lambda: list(pool.map(_burn, [n, n])), 2)
    return one / two


def _ratio(x: float) -> str:
    return f"1/{1 / x:.0f}" if x < 1 else f"{x:.1f}"


def _ten_megabytes(documents) -> str:
    parts, size = [], 0
    while size < 10_000_000:
        for d in documents:
            parts.append(d.text)
            size += len(d.text)
            if size >= 10_000_000:
                break
    return "\n\n".join(parts)


def _first_megabytes(documents, mb: float):
    out, size = [], 0
    for d in documents:
        if size >= mb * 1e6:
            break
        out.append(d)
        size += len(d.text)
    return tuple(out)


def _compare_time(claims, documents, settings, times: int) -> float:
    """Seconds for everything after extraction over ``times`` copies of the corpus (copies are other documents)."""
    from dataclasses import fields, replace

    names = [f.name for f in fields(Claim)]
    i_id, i_doc = names.index("id"), names.index("document")
    all_claims, all_docs = list(claims), list(documents)
    for k in range(1, times):
        for c in claims:
            values = [getattr(c, n) for n in names]
            values[i_id], values[i_doc] = f"copy{k}/{c.id}", f"copy{k}/{c.document}"
            all_claims.append(Claim(*values))
        all_docs += [replace(d, id=f"copy{k}/{d.id}", path=f"copy{k}/{d.path}") for d in documents]
    all_claims_t, all_docs_t = tuple(all_claims), tuple(all_docs)

    def stage():
        analyse_documents(all_docs_t, settings, claims=all_claims_t)

    return best(stage, 1 if times > 1 else 2)


def table(rows: list[Row]) -> str:
    lines = ["| measurement | figure | ratio to bare regex | target | met? |", "| --- | --- | --- | --- | --- |"]
    for r in rows:
        met = "—" if r.met is None else ("yes" if r.met else "**no**")
        lines.append(f"| {r.name} | {r.figure} | {r.ratio} | {r.target} | {met} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--full", action="store_true", help="also generate and compare 100,000 articles")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out", help="corpora, caches and bytecode (default bench/out)")
    parser.add_argument("--repeat", type=int, default=7, help="runs of each short command (best is kept)")
    parser.add_argument("--repeat-slow", type=int, default=2, help="runs of each 10k-article command")
    parser.add_argument("--extract-mb", type=float, default=8.0, help="megabytes of articles for the extraction figures")
    args = parser.parse_args(argv)
    args.out = args.out.resolve()
    started = time.perf_counter()
    rows = measure(args)
    print(table(rows))
    print(f"\nMachine: {os.cpu_count()} CPUs, Python {sys.version.split()[0]}; package from {_rel(TREE) or '.'};"
          f" bench took {time.perf_counter() - started:.0f} s.")
    print("\nCommands (run from the repository root; timings are the best of several runs):\n")
    py = _rel(Path(sys.executable)) if Path(sys.executable).is_relative_to(ROOT) else sys.executable
    print("```sh")
    tree_env = f"CFCHECK_TREE={shlex.quote(str(TREE))} " if TREE != ROOT else ""
    print(tree_env + shlex.join([py, "bench/run.py", *(argv if argv is not None else sys.argv[1:])]))
    tree = f" PYTHONPATH={TREE}" if TREE != ROOT else ""
    print(f"# children run with: unset PYTHONDONTWRITEBYTECODE; export PYTHONPYCACHEPREFIX={_rel(args.out / 'pycache')}"
          f" CFCHECK_CACHE_DIR={_rel(args.out / f'cache-cli-{_tree_tag()}')} COLUMNS=100{tree}")
    for cmd in COMMANDS:
        print(cmd)
    print("```")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
