"""--help speed: every command's help against a bare ``import typer`` (issue 17: under 1.5 times).

Usage::

    python bench/help_speed.py [--runs N]

Each command line runs N times (default 15) in a fresh interpreter, taking
turns with ``python -c "import typer"`` (the floor any typer program pays) so
that both see the same machine load. The table gives the fastest and the
median wall time in milliseconds and the ratio of the fastest to the floor's
fastest (noise only ever adds time, so the minimum is the fair estimate on a
busy machine), with ``ok`` below 1.5 and ``SLOW`` above. Not run by CI; no
test asserts a time.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIMIT = 1.5


def wall_ms(argv: list[str]) -> float:
    """The wall time of one fresh run of ``argv``, in milliseconds."""
    start = time.perf_counter()
    subprocess.run(argv, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return (time.perf_counter() - start) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    import typer.main

    from ceasefire_cli.cli import app

    commands = sorted(typer.main.get_command(app).commands)  # type: ignore[attr-defined]
    cli = [sys.executable, "-m", "ceasefire_cli"]
    lines = {"python -c 'import typer'": [sys.executable, "-c", "import typer"]}
    lines.update({f"cfcheck {c} --help".replace("  ", " "): [*cli, *c.split(), "--help"] for c in ["", *commands]})
    lines["cfcheck --version"] = [*cli, "--version"]
    times: dict[str, list[float]] = {name: [] for name in lines}
    for _ in range(args.runs):
        for name, argv in lines.items():
            times[name].append(wall_ms(argv))
    base = min(times["python -c 'import typer'"])
    print(f"| command | fastest ms | median ms ({args.runs} runs) | fastest × import typer | |")
    print("| --- | ---: | ---: | ---: | --- |")
    slow = 0
    for name, got in times.items():
        ratio = min(got) / base
        verdict = "ok" if ratio < LIMIT else "SLOW"
        slow += verdict == "SLOW"
        print(f"| `{name}` | {min(got):.0f} | {statistics.median(got):.0f} | {ratio:.2f} | {verdict} |")
    return 1 if slow else 0


if __name__ == "__main__":
    raise SystemExit(main())
