"""Extraction speed on one core: ``extract_claims`` over generated articles, in MB/s of CPU time.

Usage::

    .venv/bin/python bench/extract_speed.py              # 8 MB of the 10,000-article corpus, median of 5
    .venv/bin/python bench/extract_speed.py --profile    # also the 25 costliest functions (cProfile)

The corpus is ``bench/out/corpus-10000`` (built by ``bench/generate.py`` when
missing, as ``bench/run.py`` builds it), already loaded: only
``claims.extract_claims`` is timed, the same figure as the extraction row of
``bench/run.py``. CPU time (``time.process_time``) is quoted rather than wall
time because it moves far less when other work shares the machine; wall time
is printed beside it.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import run as base  # noqa: E402  (corpus generation and the package under test, CFCHECK_TREE too)

from ceasefire_cli.config import load_settings  # noqa: E402
from ceasefire_cli.extract.claims import build_lexicon, extract_claims  # noqa: E402
from ceasefire_cli.load.corpus import load  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=float, default=8.0, help="megabytes of articles to extract (default 8)")
    parser.add_argument("--repeat", type=int, default=5, help="timed passes (the median is kept)")
    parser.add_argument("--profile", action="store_true", help="print the costliest functions of one more pass")
    parser.add_argument("--out", type=Path, default=base.ROOT / "bench" / "out", help="corpora (default bench/out)")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    documents = base._first_megabytes(load([base.corpus(args.out.resolve(), 10_000)]).documents, args.mb)
    mb = sum(len(d.text) for d in documents) / 1e6
    # The taxonomy of the package under test: CFCHECK_TREE's own claims.yaml when it has one.
    lexicon = build_lexicon(load_settings(next(p for p in (base.TREE / "claims.yaml", base.ROOT / "claims.yaml") if p.exists())))
    claims = sum(len(extract_claims(d, lexicon)) for d in documents)  # warm: compiled patterns, imports
    cpu, wall = [], []
    for _ in range(args.repeat):
        c, w = time.process_time(), time.perf_counter()
        for d in documents:
            extract_claims(d, lexicon)
        cpu.append(time.process_time() - c)
        wall.append(time.perf_counter() - w)
    print(f"extract_claims, one core: {len(documents):,} articles ({mb:.1f} MB), {claims:,} claims: "
          f"{mb / statistics.median(cpu):.2f} MB/s of CPU time (median of {args.repeat}; "
          f"{mb / statistics.median(wall):.2f} MB/s of wall time)")
    if args.profile:
        import cProfile
        import pstats

        profile = cProfile.Profile()
        profile.enable()
        for d in documents:
            extract_claims(d, lexicon)
        profile.disable()
        pstats.Stats(profile).sort_stats("tottime").print_stats(25)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
