"""Time name-variant grouping on its worst case: thousands of distinct names in one bucket.

Usage::

    .venv/bin/python bench/names.py            # 8,000 names sharing the surname prefix "Sal"
    .venv/bin/python bench/names.py -n 16000

Every name's surname starts with the same three letters, so all of them land
in one bucket and each is compared with every group begun before it; one in
seven also appears misspelt in another document, so there are findings.
Before grouping went through ``rapidfuzz.process.extract`` 8,000 names took
81 s on this project's machine.
"""

from __future__ import annotations

import argparse
import random
import string
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ceasefire_cli.rules.names import NameMention, name_variants  # noqa: E402


def mentions(n: int) -> list[NameMention]:
    rnd = random.Random(5)

    def word(k: int) -> str:
        return rnd.choice(string.ascii_uppercase) + "".join(rnd.choices(string.ascii_lowercase, k=k))

    out = []
    for i in range(n):
        name = f"{word(rnd.randint(4, 8))} Sal{''.join(rnd.choices(string.ascii_lowercase, k=rnd.randint(3, 7)))}"
        out.append(NameMention(f"d{i % 50}.md", name, i, 1))
        if i % 7 == 0:
            out.append(NameMention(f"d{(i + 1) % 50}.md", name[:-1] + "a", i, 1))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, action="append", help="names (repeatable; default 2000, 4000 and 8000)")
    args = parser.parse_args()
    for n in args.n or [2000, 4000, 8000]:
        ms = mentions(n)
        t = time.perf_counter()
        found = name_variants(ms)
        print(f"{n:>6,} names in one bucket: {time.perf_counter() - t:6.2f} s, {len(found):,} findings")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
