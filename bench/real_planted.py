"""Plant slips into copies of real articles and count how many cfcheck catches at error level.

    python bench/real_planted.py [--corpus bench/out/real] [-n 40] [--seed 7]

For a fixed random sample of the real corpus's war tolls (a "death toll rises
to ..." figure of a dated article), one copy of the article is made with one
slip planted in place of the figure, and the whole corpus is analysed with
that copy instead of the original:

* ``dropped digit`` — the figure loses its last non-zero digit's place (39,258 → 3,925);
* ``extra digit`` — the figure gains one (5,000 → 50,000);
* ``stale figure`` — the figure of about a month and a half earlier (the
  topic's own growth, measured across the corpus, taken 45 days back), or
  half the figure when the toll is younger than that.

A slip is caught when an error finding involves the planted figure. The
script prints the catch rate per kind and every miss (article and kind), so
a miss can be looked at by hand. Nothing is written.
"""

from __future__ import annotations

import argparse
import os
import re
import random
import sys
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ceasefire_cli.extract.claims import build_lexicon, extract_claims  # noqa: E402
from ceasefire_cli.rules.tolls import lag_slack  # noqa: E402
from ceasefire_cli.config import load_settings  # noqa: E402
from ceasefire_cli.load.corpus import load  # noqa: E402
from ceasefire_cli.models import Claim, Document  # noqa: E402
from ceasefire_cli.run.pipeline import analyse_documents, extract  # noqa: E402

KINDS = ("dropped digit", "extra digit", "stale figure")
_DIGITS = re.compile(r"\d[\d,]*\d|\d")


def _digits(value: int) -> str:
    return f"{value:,}"


def planted_value(kind: str, value: float, daily: float) -> int:
    """The figure a slip of ``kind`` puts in place of ``value``.

    >>> planted_value("dropped digit", 39258, 100), planted_value("extra digit", 5000, 100), planted_value("stale figure", 40000, 100)
    (3925, 50000, 35500)
    """
    v = int(value)
    if kind == "dropped digit":
        return v // 10
    if kind == "extra digit":
        return v * 10
    # A toll younger than 45 days had no figure that far back: its stale figure is half of it.
    return max(v // 2, int(v - daily * 45))


def candidates(claims: tuple[Claim, ...], documents: dict[str, Document]) -> list[Claim]:
    """War tolls of dated articles written as exact digits, the kind of figure a slip hides in."""
    return [
        c
        for c in claims
        if c.kind == "count" and c.scope == "war" and c.metric == "killed" and c.population == "palestinians"
        and c.hedge != "vague" and c.low is not None and c.low >= 1000 and _DIGITS.search(c.text)
        and documents[c.document].published is not None
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=ROOT / "bench" / "out" / "real")
    parser.add_argument("--claims", type=Path, default=ROOT / "claims.yaml")
    parser.add_argument("-n", type=int, default=40, help="slips to plant (spread over the three kinds)")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    settings = load_settings(args.claims)
    lex = build_lexicon(settings)
    os.chdir(args.corpus.resolve())
    docs = load(sorted(p.name for p in Path(".").iterdir() if p.is_dir())).documents
    by_id = {d.id: d for d in docs}
    claims, _ = extract(docs, settings)
    pool = candidates(claims, by_id)
    war = [c for c in claims if c.topic is None and c.scope == "war" and c.metric == "killed" and c.population == "palestinians"]
    daily = lag_slack(sorted(war, key=lambda c: (c.as_of or c.first or c.last or c.document, c.id)), settings) / settings.references.lag_days
    rng = random.Random(args.seed)
    picks = rng.sample(pool, min(args.n, len(pool)))
    caught = {k: 0 for k in KINDS}
    tried = {k: 0 for k in KINDS}
    misses = []
    for i, target in enumerate(picks):
        kind = KINDS[i % len(KINDS)]
        doc = by_id[target.document]
        figure = _DIGITS.search(target.text)  # the digits of "more than 39,000": the hedge stays
        start, end = target.start + figure.start(), target.start + figure.end()
        new = _digits(planted_value(kind, int(figure.group().replace(",", "")), daily))
        text = doc.text[:start] + new + doc.text[end:]
        copy = replace(doc, text=text, body_end=doc.body_end + len(new) - (end - start) if doc.body_end >= 0 else -1)
        fresh = extract_claims(copy, lex)
        others = tuple(c for c in claims if c.document != doc.id)
        report = analyse_documents([copy if d.id == doc.id else d for d in docs], settings, claims=others + fresh)
        planted = {c.id for c in fresh if c.start == target.start}
        tried[kind] += 1
        if any(f.severity == "error" and planted & set(f.claims) for f in report.findings):
            caught[kind] += 1
        else:
            seen = [f"{f.code} {f.severity}" for f in report.findings if planted & set(f.claims)]
            graded = [f"{c.confidence} ({c.doubts})" for c in fresh if c.id in planted]
            misses.append(f"{kind}: {doc.id} ({doc.published}) {target.text!r}: {figure.group()} -> {new}; "
                          f"read {', '.join(graded) or 'not found'}; findings: {', '.join(seen) or 'none'}")
    total = sum(tried.values())
    print(f"# Planted slips in real articles ({total} plants over {len(pool)} war tolls; growth {daily:,.0f} a day)\n")
    print("| slip | caught at error level |")
    print("|---|---|")
    for kind in KINDS:
        print(f"| {kind} | {caught[kind]}/{tried[kind]} |")
    print(f"| all | {sum(caught.values())}/{total} ({100 * sum(caught.values()) / max(total, 1):.0f} %) |")
    if misses:
        print("\nMissed:\n" + "\n".join(f"- {m}" for m in misses))
    return 0


if __name__ == "__main__":
    sys.exit(main())
