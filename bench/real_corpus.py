"""Build the real development corpus from local copies of public news repositories.

Real articles never enter this repository: this script rebuilds them, outside
version control (``bench/out/real/`` by default, ignored by git), from local
git copies of three public sources. Each source is given as the path of its
git directory (a bare clone or a ``.git`` folder); the script reads the
newest commit with ``git show`` and writes nothing into it.

    python bench/real_corpus.py \\
        --cnn  /path/to/MmdrzaCo+Latest/repo \\
        --aje  /path/to/basharulalammazu+Aljazeera-News-Analysis/repo \\
        --heads /path/to/ES-1085+project-ds-2-shea/repo \\
        [--out bench/out/real]

What it writes (only items about Gaza, Israel and Hamas):

* ``cnn-2024-07/<yyyy>/<mm>/<dd>/<slug>.md`` — CNN articles as published in
  the source (a title line, a "Published" line, the body), their date only
  in the path and that line: the tool must date them itself;
* ``aljazeera-2025-05/articles.jsonl`` — Al Jazeera articles of May 2025,
  one JSON record each (title, text, date as the source writes it, url);
* ``aljazeera-headlines/<yyyy>-<mm>.jsonl`` — dated Al Jazeera headlines with
  their standfirst, one record each, from 7 October 2023: the densest real
  source of tolls.

``--gnews /path/to/evgeny-kolonsky+gaza-news/repo`` builds a second corpus
on its own, ``bench/out/real-other/gnews-headlines/<yyyy>-<mm>.jsonl``:
dated headlines of other outlets (Reuters, AP, the BBC, the New York Times,
the Times of Israel, …; Al Jazeera's left out), October 2023 to June 2024.
No rule was written while reading it: it measures how the tool carries over
to outlets it was not developed on.

The output is deterministic: the same sources give the same files.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path

_ON_BEAT = re.compile(r"\b(?:Gaza|Hamas|hostages?|Palestinians?|Rafah|Khan Younis|West Bank|UNRWA|Netanyahu)\b")
_SOFT_HYPHEN = "\u00ad"


def git_files(repo: Path, pattern: str) -> list[str]:
    """Paths in the newest commit of ``repo`` that match the regular expression ``pattern``."""
    out = subprocess.run(
        ["git", "--git-dir", str(repo), "ls-tree", "-r", "--name-only", "-z", "HEAD"],
        check=True, capture_output=True,
    ).stdout.decode("utf-8", "replace")
    return sorted(p for p in out.split("\0") if p and re.search(pattern, p))


def git_text(repo: Path, path: str) -> str:
    """One file of the newest commit, decoded as UTF-8."""
    data = subprocess.run(["git", "--git-dir", str(repo), "show", f"HEAD:{path}"], check=True, capture_output=True).stdout
    return data.decode("utf-8", "replace")


def on_beat(text: str, minimum: int = 2) -> bool:
    """True when ``text`` names the beat at least ``minimum`` times, Gaza among them."""
    return "Gaza" in text and len(_ON_BEAT.findall(text)) >= minimum


def build_cnn(repo: Path, out: Path) -> int:
    """CNN articles of July 2024 about the war, kept as published (Markdown)."""
    count = 0
    for path in git_files(repo, r"^2024/0[78]/\d\d/[^/]+\.md$"):
        text = git_text(repo, path)
        if not on_beat(text, 4):
            continue
        safe = re.sub(r"[^\w./-]+", "_", path)
        target = out / "cnn-2024-07" / safe
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        count += 1
    return count


def build_aje(repo: Path, out: Path) -> int:
    """Al Jazeera articles of May 2025 about the war, as JSON Lines."""
    rows = list(csv.DictReader(io.StringIO(git_text(repo, "initial_content.csv"))))
    records = []
    for row in rows:
        body = (row.get("content") or "").strip()
        if not on_beat(body, 3):
            continue
        records.append({"title": row.get("title"), "text": body, "date": row.get("date"), "outlet": "Al Jazeera", "url": row.get("url")})
    target = out / "aljazeera-2025-05" / "articles.jsonl"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return len(records)


def build_headlines(repo: Path, out: Path, since: str = "2023-10-07") -> int:
    """Dated Al Jazeera headlines (from ``since``) with their standfirst, one JSON Lines file per month."""
    rows = list(csv.DictReader(io.StringIO(git_text(repo, "data/news_data.csv"))))
    months: dict[str, list[dict]] = {}
    for row in rows:
        head = (row.get("headline") or "").replace(_SOFT_HYPHEN, "").strip()
        standfirst = (row.get("description") or "").replace(_SOFT_HYPHEN, "").strip()
        day = re.fullmatch(r"(\d\d)-(\d\d)-(\d{4})", (row.get("date") or "").strip())
        if not day or not (_ON_BEAT.search(head) or _ON_BEAT.search(standfirst)):
            continue
        iso = f"{day.group(3)}-{day.group(2)}-{day.group(1)}"
        if iso < since:
            continue  # an earlier war: its tolls are another beat
        text = head.rstrip(".") + ".\n\n" + standfirst
        months.setdefault(iso[:7], []).append({"title": head, "text": text, "date": iso, "outlet": "Al Jazeera"})
    for month, records in sorted(months.items()):
        records.sort(key=lambda r: (r["date"], r["title"]))
        target = out / "aljazeera-headlines" / f"{month}.jsonl"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return sum(len(r) for r in months.values())


def build_gnews(repo: Path, out: Path, since: str = "2023-10-07") -> int:
    """Dated headlines of many outlets (Google News, keyword "Gaza"), one JSON Lines file per month.

    Al Jazeera's are left out: that outlet is the development corpus's. The
    " - Publisher" suffix Google News adds to a title is cut.
    """
    months: dict[str, list[dict]] = {}
    seen: set[tuple[str, str]] = set()
    for line in git_text(repo, "gaza-news.txt").splitlines():
        parts = line.split("\t")
        if len(parts) < 3 or not re.fullmatch(r"\d{4}-\d\d-\d\d", parts[0]) or parts[0] < since:
            continue
        day, outlet, title = parts[0], parts[1].strip(), parts[2].replace(_SOFT_HYPHEN, "").strip()
        if outlet.startswith("Al Jazeera") or not outlet:
            continue
        if title.endswith(" - " + outlet):
            title = title[: -len(outlet) - 3].rstrip()
        if (day, title) in seen or not _ON_BEAT.search(title):
            continue
        seen.add((day, title))
        months.setdefault(day[:7], []).append({"title": title, "text": title, "date": day, "outlet": outlet})
    for month, records in sorted(months.items()):
        records.sort(key=lambda r: (r["date"], r["outlet"], r["title"]))
        target = out / "gnews-headlines" / f"{month}.jsonl"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return sum(len(r) for r in months.values())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cnn", type=Path, help="git directory of MmdrzaCo/Latest")
    parser.add_argument("--aje", type=Path, help="git directory of basharulalammazu/Aljazeera-News-Analysis")
    parser.add_argument("--heads", type=Path, help="git directory of ES-1085/project-ds-2-shea")
    parser.add_argument(
        "--gnews", type=Path,
        help="git directory of evgeny-kolonsky/gaza-news: other outlets' headlines, written to their own corpus "
             "(bench/out/real-other/ unless --out is given), never mixed with the development corpus",
    )
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args(argv)
    if args.gnews and (args.cnn or args.aje or args.heads):
        parser.error("--gnews builds a corpus of its own: give it alone")
    if args.out is None:
        args.out = Path(__file__).parent / "out" / ("real-other" if args.gnews else "real")
    args.out.mkdir(parents=True, exist_ok=True)
    built = {}
    if args.cnn:
        built["cnn-2024-07"] = build_cnn(args.cnn, args.out)
    if args.aje:
        built["aljazeera-2025-05"] = build_aje(args.aje, args.out)
    if args.heads:
        built["aljazeera-headlines"] = build_headlines(args.heads, args.out)
    if args.gnews:
        built["gnews-headlines"] = build_gnews(args.gnews, args.out)
    if not built:
        parser.error("give at least one of --cnn, --aje, --heads, --gnews")
    for name, n in built.items():
        print(f"{name}: {n} items -> {args.out / name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
