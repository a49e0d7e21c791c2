"""Measure cfcheck on real reporting: figures against hand labels, error findings against hand verdicts.

    python bench/real_bench.py [--corpus bench/out/real] [--reference FILE]
                               [--export-unjudged bench/out/unjudged.txt]

The corpus is built by ``bench/real_corpus.py`` (never committed). Labels
live in ``bench/annotations/figures-*.jsonl`` (see GUIDE.md there) and
verdicts on findings in ``bench/annotations/findings.jsonl``: one row per
finding, keyed by its code and the places of its claims, so a verdict still
applies when unrelated code changes. A finding nobody has judged yet is
counted as unjudged, never as right; ``--export-unjudged`` writes them, with
their sentences, for an annotator (under bench/out/, which git ignores).

Prints, as Markdown:

* figure recall: labelled claims that cfcheck found (a count claim covering
  the figure) and with an interval that overlaps the label's;
* non-counts kept out: numbers labelled "not a claim" that cfcheck did not
  make a count claim of;
* fully right: of the claims found, metric, population and scope all right
  (a label's second reading counts as right);
* error findings: how many, how many judged, precision of the judged.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ceasefire_cli.config import load_settings  # noqa: E402
from ceasefire_cli.load.corpus import load  # noqa: E402
from ceasefire_cli.models import Claim, Finding, Report  # noqa: E402
from ceasefire_cli.run.pipeline import analyse_documents  # noqa: E402

ANNOTATIONS = ROOT / "bench" / "annotations"

# cfcheck's names -> the annotation guide's names (shared/ANNOTATION.md).
METRICS = {"killed_or_injured": "other", "captives": "hostages", "aid_trucks": "aid", "bodies": "other", "people": "other"}
POPULATIONS = {
    "hamas_members": "hamas",
    "women_and_children": "other",
    "living": "israelis",
    "deceased": "israelis",
    "west_bank": "other",
    "lebanon": "other",
    "elsewhere": "other",
    None: "null",
}
SCOPES = {"period": ("since_other", "increment")}


# Labels whose reason says the number is part of a date, a time or a timestamp: easy to keep out.
_DATE_PART = re.compile(r"date|time|year|clock|hour of|publication|published|day of the month", re.IGNORECASE)


def labels(which: str = "figures") -> list[dict]:
    """Every labelled figure of one label set (``figures`` or ``heldout``), in file order."""
    rows = []
    for path in sorted(ANNOTATIONS.glob(f"{which}-*.jsonl")):
        for line in path.read_text("utf-8").splitlines():
            if line.strip():
                rows.append(json.loads(line))
    return rows


def judgments() -> dict[str, dict]:
    """Verdicts on findings, by finding key."""
    path = ANNOTATIONS / "findings.jsonl"
    if not path.exists():
        return {}
    rows = (json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip())
    return {row["key"]: row for row in rows}


def finding_key(finding: Finding, claims: dict[str, Claim]) -> str:
    """A stable name for a finding: its code and the (document, offset) of each claim."""
    places = sorted(f"{claims[i].document}@{claims[i].start}" for i in finding.claims if i in claims)
    return finding.code + " " + " ".join(places)


def _covering(report: Report) -> dict[str, list[Claim]]:
    by_doc: dict[str, list[Claim]] = collections.defaultdict(list)
    for c in report.claims:
        if c.kind == "count":
            by_doc[c.document].append(c)
    return by_doc


def _overlaps(claim: Claim, row: dict) -> bool:
    lo = -1e18 if claim.low is None else claim.low
    hi = 1e18 if claim.high is None else claim.high
    rlo = -1e18 if row.get("low") is None else row["low"]
    rhi = 1e18 if row.get("high") is None else row["high"]
    return lo <= rhi and rlo <= hi


def _right(claim: Claim, row: dict) -> tuple[bool, bool, bool]:
    metric = METRICS.get(claim.metric or "", claim.metric)
    population = POPULATIONS.get(claim.population, claim.population)
    scopes = SCOPES.get(claim.scope or "", (claim.scope,))
    return (
        metric in (row.get("metric"), row.get("metric_alt")),
        population in (row.get("population") or "null", row.get("population_alt")),
        any(s in (row.get("scope"), row.get("scope_alt")) for s in scopes),
    )


def measure_figures(report: Report, rows: list[dict]) -> dict:
    """Recall, non-counts kept out and fully-right rates of the labelled figures."""
    by_doc = _covering(report)
    known_docs = {d.id for d in report.documents}
    out = collections.Counter()
    misses: list[str] = []
    for row in rows:
        if row["doc"] not in known_docs:
            out["missing document"] += 1
            continue
        at = row["offset"]
        found = [c for c in by_doc.get(row["doc"], []) if c.start <= at < c.end]
        if row["claim"] is True:
            beat = row.get("metric") != "other"
            out["claims"] += 1
            out["beat claims"] += beat
            match = next((c for c in found if _overlaps(c, row)), None)
            if match is None:
                misses.append(f"miss {row['doc']}@{at} {row['text']!r} [{row.get('metric')}]: {row.get('why', '')}")
                continue
            out["found"] += 1
            out["beat found"] += beat
            m, p, s = _right(match, row)
            out["metric"] += m
            out["population"] += p
            out["scope"] += s
            out["fully"] += m and p and s
            out["beat fully"] += beat and m and p and s
            if not (m and p and s):
                misses.append(
                    f"wrong {row['doc']}@{at} {row['text']!r}: {match.metric}.{match.population}.{match.scope}"
                    f" vs {row.get('metric')}.{row.get('population')}.{row.get('scope')} ({row.get('why', '')})"
                    + (f"\n    {match.sentence}" if os.environ.get("BENCH_SENTENCES") else "")
                )
        elif row["claim"] is False:
            out["non-counts"] += 1
            hard = not _DATE_PART.search(row.get("why", ""))
            out["hard non-counts"] += hard
            if found:
                misses.append(f"kept {row['doc']}@{at} {row['text']!r} as {found[0].metric}: {row.get('why', '')}")
            else:
                out["kept out"] += 1
                out["hard kept out"] += hard
    return {"counts": out, "notes": misses}


def measure_findings(report: Report, verdicts: dict[str, dict]) -> dict:
    """Error and warning findings, with how many are judged and how many judged true."""
    claims = {c.id: c for c in report.claims}
    out: dict[str, collections.Counter] = {"error": collections.Counter(), "warning": collections.Counter()}
    unjudged: list[tuple[str, Finding]] = []
    for f in report.findings:
        if f.severity not in out:
            continue
        key = finding_key(f, claims)
        out[f.severity]["all"] += 1
        verdict = verdicts.get(key)
        if verdict is None:
            unjudged.append((key, f))
            continue
        out[f.severity]["judged"] += 1
        out[f.severity]["true"] += verdict["verdict"] == "true"
    return {"counts": out, "unjudged": unjudged}


def _pct(a: int, b: int) -> str:
    return f"{100 * a / b:.1f} % ({a}/{b})" if b else "n/a"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=ROOT / "bench" / "out" / "real")
    parser.add_argument("--claims", type=Path, default=ROOT / "claims.yaml")
    parser.add_argument("--reference", type=Path, help="a reference series file (e.g. ../shared/reference/gaza_casualties_daily.json)")
    parser.add_argument("--export-unjudged", type=Path, help="write unjudged error/warning findings here, with sentences")
    parser.add_argument(
        "--labels", choices=("figures", "heldout", "other", "none"), default="figures",
        help="which hand labels: the first sample (figures-*.jsonl), the held-out one (heldout-*.jsonl), "
             "other (other-*.jsonl: the other outlets' corpus, with --corpus bench/out/real-other), or none",
    )
    parser.add_argument("--notes", action="store_true", help="print every miss and wrong reading (BENCH_SENTENCES=1: with the sentence, for your terminal only)")
    args = parser.parse_args(argv)
    settings = load_settings(args.claims)
    corpus = args.corpus.resolve()
    export = args.export_unjudged.resolve() if args.export_unjudged else None
    os.chdir(corpus)
    folders = sorted(p.name for p in corpus.iterdir() if p.is_dir())
    loaded = load(folders)
    references = ()
    if args.reference:
        from ceasefire_cli.rules.reference import load_reference

        references = (load_reference(str(args.reference.resolve()), settings),)
    report = analyse_documents(loaded.documents, settings, references=references)
    figures = measure_figures(report, labels(args.labels))
    findings = measure_findings(report, judgments())
    c = figures["counts"]
    print(f"# cfcheck on real reporting ({len(report.documents)} documents in {', '.join(folders)})\n")
    print("| measure | result |")
    print("|---|---|")
    print(f"| figure recall (claim found, interval overlaps the label) | {_pct(c['found'], c['claims'])} |")
    print(f"| — of figures on the beat's metrics (label metric not `other`) | {_pct(c['beat found'], c['beat claims'])} |")
    print(f"| non-count numbers kept out | {_pct(c['kept out'], c['non-counts'])} |")
    print(f"| — not counting parts of dates and times | {_pct(c['hard kept out'], c['hard non-counts'])} |")
    print(f"| metric, population and scope all right (of found) | {_pct(c['fully'], c['found'])} |")
    print(f"| — of found figures on the beat's metrics | {_pct(c['beat fully'], c['beat found'])} |")
    print(f"| — metric right | {_pct(c['metric'], c['found'])} |")
    print(f"| — population right | {_pct(c['population'], c['found'])} |")
    print(f"| — scope right | {_pct(c['scope'], c['found'])} |")
    for severity, counts in findings["counts"].items():
        print(f"| {severity} findings | {counts['all']} ({counts['judged']} judged) |")
        print(f"| — true by hand judgment (of judged) | {_pct(counts['true'], counts['judged'])} |")
    # An editor runs one outlet's folder at a time: its own topics grow at their own pace,
    # so each folder alone raises findings the whole corpus may not.
    alone: dict[str, collections.Counter] = {"error": collections.Counter(), "warning": collections.Counter()}
    for folder in folders:
        docs = [d for d in loaded.documents if d.id.startswith(folder + "/")]
        part = measure_findings(analyse_documents(docs, settings, references=references), judgments())
        for severity, counts in part["counts"].items():
            alone[severity].update(counts)
        findings["unjudged"] += part["unjudged"]
    for severity, counts in alone.items():
        print(f"| {severity} findings, each folder alone | {counts['all']} ({counts['judged']} judged) |")
        print(f"| — true by hand judgment (of judged) | {_pct(counts['true'], counts['judged'])} |")
    if c["missing document"]:
        print(f"\n{c['missing document']} labelled figures are in documents the corpus no longer has.")
    if args.notes:
        print("\n" + "\n".join(figures["notes"]))
    if export:
        claims = {x.id: x for x in report.claims}
        seen: set[str] = set()
        findings["unjudged"] = [(k, f) for k, f in findings["unjudged"] if not (k in seen or seen.add(k))]  # type: ignore[func-returns-value]
        with open(export, "w", encoding="utf-8") as out:
            for key, f in findings["unjudged"]:
                out.write(json.dumps({"key": key, "code": f.code, "severity": f.severity, "message": f.message}, ensure_ascii=False) + "\n")
                for i in f.claims:
                    x = claims[i]
                    out.write(f"    {x.document} ({x.as_of}) {x.text!r} {x.metric}.{x.population}.{x.scope}: {x.sentence}\n")
        print(f"\n{len(findings['unjudged'])} unjudged findings written to {export}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
