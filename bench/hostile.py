"""Hostile-input benchmark: time per MB must stay flat as adversarial inputs grow (issue 8).

Usage::

    python bench/hostile.py [--budget SECONDS] [--full]

Each adversarial text is run at three sizes through ``find_quantities``,
``find_dates`` and the whole pipeline (``analyse_documents``, which also
splits sentences and classifies claims). The table gives seconds and MB/s;
if MB/s falls as the size doubles, something is worse than linear. A size
that takes longer than ``--budget`` seconds (default 60) stops its row.

Then a file of prose on a single line: the loader on 25/50/100 MB (read,
decode, comment scan; ``load`` itself skips anything over
``MAX_FILE_BYTES``, which is shown first), and the pipeline on it up to the
limit, or on 100 MB with ``--full``.

With ``--cli``, only the readers' patterns (issue 16): each hostile file at
1 MB and 8 MB through the whole command, ``cfcheck compare FILE --no-cache
-f line``, in a fresh process. It prints seconds, seconds per MB and the
ratio of the two times: about 8 when the cost is linear (less, since part of
each run is start-up), 64 when quadratic; it must stay under 10.

Not run by CI, and no timing is asserted anywhere: tests/test_hostile.py
only checks that each text completes with sane output.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ceasefire_cli.config import load_settings  # noqa: E402
from ceasefire_cli.load.corpus import MAX_FILE_BYTES, load  # noqa: E402
from ceasefire_cli.extract.dates import find_dates  # noqa: E402
from ceasefire_cli.models import Document  # noqa: E402
from ceasefire_cli.extract.numbers import find_quantities  # noqa: E402
from ceasefire_cli.run.pipeline import analyse_documents  # noqa: E402

PUBLISHED = dt.date(2025, 10, 20)
KB, MB = 1_000, 1_000_000


def repeat(unit: str, size: int) -> str:
    """``unit`` repeated to exactly ``size`` characters."""
    return (unit * (size // len(unit) + 1))[:size]


#: name -> (text of a given size, the three sizes). The brief's six, then a few found while probing.
CASES: dict[str, tuple[Callable[[int], str], tuple[int, ...]]] = {
    "100,000 digits": (lambda n: "9" * n, (25 * KB, 50 * KB, 100 * KB)),
    '"1,1,1,…"': (lambda n: repeat("1,", n), (250 * KB, 500 * KB, 1 * MB)),
    '"more than " ×10,000': (lambda n: repeat("more than ", n), (25 * KB, 50 * KB, 100 * KB)),
    "number words": (lambda n: repeat("one hundred and twenty-three thousand four hundred ", n), (250 * KB, 500 * KB, 1 * MB)),
    "no space or newline": (lambda n: repeat("Gaza,5,killed;2025-10-20.more", n), (250 * KB, 500 * KB, 1 * MB)),
    '"Monday "': (lambda n: repeat("Monday ", n), (250 * KB, 500 * KB, 1 * MB)),
    '"2025-01-01 " (dates)': (lambda n: repeat("2025-01-01 ", n), (250 * KB, 500 * KB, 1 * MB)),
    '"between 1 and "': (lambda n: repeat("between 1 and ", n), (250 * KB, 500 * KB, 1 * MB)),
    '"5 killed. "': (lambda n: repeat("5 killed. ", n), (250 * KB, 500 * KB, 1 * MB)),
    "newlines only": (lambda n: "\n" * n, (250 * KB, 500 * KB, 1 * MB)),
}


def timed(run: Callable[[], object]) -> float:
    """Seconds one call takes (garbage collected before, not during)."""
    gc.collect()
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def row(name: str, size: int, numbers: float | None, dates: float | None, pipeline: float | None) -> str:
    def cell(seconds: float | None) -> str:
        return f"{seconds:8.2f} {size / MB / seconds if seconds else float('inf'):7.2f}" if seconds is not None else f"{'—':>8} {'—':>7}"

    return f"{name:<24} {size / MB:7.3f}  {cell(numbers)}  {cell(dates)}  {cell(pipeline)}"


def adversarial(settings, budget: float) -> None:
    print(f"{'text':<24} {'MB':>7}  {'numbers s':>8} {'MB/s':>7}  {'dates s':>8} {'MB/s':>7}  {'pipeline':>8} {'MB/s':>7}")
    for name, (make, sizes) in CASES.items():
        slow = False
        for size in sizes:
            if slow:
                print(row(name, size, None, None, None) + "  (skipped: the previous size went over budget)")
                continue
            text = make(size)
            document = Document(id="hostile.txt", path="hostile.txt", text=text, published=PUBLISHED, body_end=len(text))
            numbers = timed(lambda: find_quantities(text))
            dates = timed(lambda: find_dates(text, PUBLISHED))
            pipeline = timed(lambda: analyse_documents([document], settings))
            print(row(name, size, numbers, dates, pipeline), flush=True)
            slow = pipeline > budget
        print()


def prose(size: int) -> str:
    """The seed articles run together on one line, repeated to ``size`` characters."""
    text = " ".join(p.read_text("utf-8") for p in sorted((ROOT / "seeds").glob("*.txt")))
    return repeat(" ".join(text.split()) + " ", size)


def write_lazily(path: Path, unit: str, size: int) -> None:
    """Write ``unit`` repeated to ``size`` characters, one chunk at a time, never the whole text at once."""
    with path.open("w", encoding="utf-8") as out:
        for _ in range(size // len(unit)):
            out.write(unit)
        out.write(unit[: size % len(unit)])


def one_line_file(settings, full: bool) -> None:
    unit = prose(1 * MB)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "one-line.txt")
        write_lazily(path, unit, 100 * MB)
        seconds = timed(lambda: load([path]))
        problem = load([path]).problems[0]
        print(f"load() of a 100 MB one-line file: {seconds:.3f} s; {problem.severity}: {problem.message}")
        print()
        print(f"{'loader, limit raised':<24} {'MB':>7}  {'seconds':>8} {'MB/s':>7}")
        for size in (25 * MB, 50 * MB, 100 * MB):
            write_lazily(path, unit, size)
            seconds = timed(lambda: load([path], max_bytes=200 * MB))
            print(f"{'one line of prose':<24} {size / MB:7.1f}  {seconds:8.2f} {size / MB / seconds:7.2f}", flush=True)
    print()
    sizes = (25 * MB, 50 * MB, 100 * MB) if full else (MAX_FILE_BYTES // 4, MAX_FILE_BYTES // 2, MAX_FILE_BYTES)
    print(f"{'pipeline':<24} {'MB':>7}  {'seconds':>8} {'MB/s':>7}  claims")
    for size in sizes:
        text = prose(size)
        document = Document(id="one-line.txt", path="one-line.txt", text=text, published=PUBLISHED, body_end=len(text))
        report = None

        def run() -> None:
            nonlocal report
            report = analyse_documents([document], settings)

        seconds = timed(run)
        print(f"{'one line of prose':<24} {size / MB:7.1f}  {seconds:8.2f} {size / MB / seconds:7.2f}  {len(report.claims)}", flush=True)


def deep_lines(size: int) -> str:
    """JSON Lines of 2,000-deep brackets: every line is refused, and costs only its own reading."""
    return repeat("[" * 2000 + "]" * 2000 + "\n", size)


#: name -> (file name, the file's text at a given size): the readers' pathological inputs.
FILES: dict[str, tuple[str, Callable[[int], str]]] = {
    '"<!--" repeated': ("comments.md", lambda n: repeat("<!--", n)),
    '"x <!--" (in prose)': ("inline.md", lambda n: repeat("x <!--", n)),
    "unclosed fences": ("fences.md", lambda n: repeat("- ```\n  5 killed\n", n)),
    '"~~~x" lines': ("tildes.md", lambda n: repeat("~~~x\n", n)),
    "backtick runs": ("ticks.md", lambda n: repeat("`` ` ``` ", n)),
    "deep brackets (.json)": ("deep.json", lambda n: "[" * (n // 2) + "]" * (n // 2)),
    "deep brackets (.jsonl)": ("deep.jsonl", deep_lines),
    "long digit runs": ("digits.txt", lambda n: repeat("9" * 5000 + " ", n)),
    "no sentence end": ("words.txt", lambda n: repeat("word ", n)),
    "many numbers": ("numbers.txt", lambda n: repeat("Strikes killed 12 people and injured 7. ", n)),
}


def command(path: Path) -> tuple[float, str]:
    """Seconds for ``cfcheck compare PATH --no-cache -f line`` in a fresh process, and its exit code and first stderr line."""
    args = [sys.executable, "-m", "ceasefire_cli", "compare", path.name, "--no-cache", "-f", "line", "--claims", str(ROOT / "claims.yaml")]
    start = time.perf_counter()
    done = subprocess.run(args, capture_output=True, text=True, cwd=path.parent)
    seconds = time.perf_counter() - start
    said = (done.stderr.splitlines() or [""])[0]
    return seconds, f"exit {done.returncode}" + (f"; {said[:60]}" if said else "")


def cli(budget: float) -> None:
    with tempfile.TemporaryDirectory() as folder:
        tiny = Path(folder, "tiny.txt")
        tiny.write_text("Strikes killed 7 people.\n")
        print(f"start-up (a one-line file): {command(tiny)[0]:.2f} s\n")
        print(f"{'pattern':<24} {'1 MB s':>7} {'s/MB':>6}  {'8 MB s':>7} {'s/MB':>6}  {'8 MB/1 MB':>9}  outcome (8 MB)")
        for name, (file_name, make) in FILES.items():
            path = Path(folder, file_name)
            times = []
            outcome = ""
            for size in (1 * MB, 8 * MB):
                path.write_text(make(size), encoding="utf-8")
                seconds, outcome = command(path)
                times.append(seconds)
                if seconds > budget:
                    break
            if len(times) < 2:
                print(f"{name:<24} {times[0]:7.2f} {times[0]:6.2f}  {'—':>7} {'—':>6}  {'—':>9}  (1 MB over budget)")
                continue
            one, eight = times
            print(f"{name:<24} {one:7.2f} {one:6.2f}  {eight:7.2f} {eight / 8:6.2f}  {eight / one:9.1f}  {outcome}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--budget", type=float, default=60.0, help="seconds after which a row stops growing")
    parser.add_argument("--full", action="store_true", help="run the pipeline on 100 MB of one-line prose too")
    parser.add_argument("--cli", action="store_true", help="only the readers' patterns at 1 and 8 MB, through 'cfcheck compare'")
    args = parser.parse_args()
    print(f"cfcheck hostile-input benchmark · Python {sys.version.split()[0]}\n")
    if args.cli:
        cli(args.budget)
        return
    settings = load_settings(ROOT / "claims.yaml")
    adversarial(settings, args.budget)
    one_line_file(settings, args.full)


if __name__ == "__main__":
    main()
