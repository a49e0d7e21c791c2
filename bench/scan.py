"""The yardstick: read, decode and regex-scan every article under a folder, nothing more.

Usage::

    python bench/scan.py FOLDER

Prints ``files bytes matches``. Every cfcheck figure in ``bench/run.py`` is
also given as a ratio to this scan measured in the same run, so that the
figures travel between machines.
"""

from __future__ import annotations

import os
import re
import sys

NUMBER = re.compile(r"\d[\d,.]*")
SUFFIXES = (".txt", ".md", ".markdown")


def files_under(folder: str) -> list[str]:
    """Article files under ``folder``, sorted, hidden entries skipped (as cfcheck walks)."""
    out = []
    for root, dirs, names in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        out += [os.path.join(root, n) for n in names if n.endswith(SUFFIXES) and not n.startswith(".")]
    return sorted(out)


def scan(paths: list[str]) -> tuple[int, int]:
    """(bytes read, numbers found) over ``paths``."""
    size = found = 0
    for path in paths:
        with open(path, "rb") as f:
            data = f.read()
        size += len(data)
        found += sum(1 for _ in NUMBER.finditer(data.decode("utf-8", "replace")))
    return size, found


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    paths = files_under(argv[0])
    size, found = scan(paths)
    print(len(paths), size, found)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
