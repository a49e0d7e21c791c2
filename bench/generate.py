"""Build a deterministic benchmark corpus from the seed articles.

Usage::

    python bench/generate.py OUT_DIR -n 10000 [--seed 7] [--stale-every 2000]

Each article is a seed article (``seeds/``) re-dated to a day between
``--start`` and ``--start + --days``, written as Markdown with front matter
(``title``, ``date``, ``outlet``) so that every article is dated. Its figures
are rewritten to fit that day, so that the corpus exercises comparison
without drowning in findings:

* a cumulative figure (a toll of the war, a count since the ceasefire)
  follows one model per topic, fitted through the seeds' own figures
  (piecewise linear between their dates, never falling); a topic the seeds
  state once grows from its scope's start (``since_ceasefire``) or stays
  nearly flat. The figure is rounded the way its hedge allows, so the
  interval a reader gets always holds the model's value: "more than 73,000",
  "nearly 500", "452".
* an event count ("at least 20 to 21 killed on Saturday") gets one value per
  topic and day, so two articles about the same Saturday agree.
* the body's own full date ("Sunday, November 23, 2025") becomes the new
  publication date; relative dates ("on Friday") follow it by themselves.

Every ``--stale-every``-th article repeats the figures of 45 days earlier: a
stale toll, which the comparison must flag (a few findings on purpose).
Articles go into sub-folders of 1,000 (``OUT_DIR/000/000123.md``). The same
arguments always write the same bytes.
"""

from __future__ import annotations

import argparse
import bisect
import datetime as dt
import hashlib
import json
import math
import random
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ceasefire_cli.extract.claims import build_lexicon, extract_claims  # noqa: E402
from ceasefire_cli.config import Settings, load_settings  # noqa: E402
from ceasefire_cli.load.corpus import load  # noqa: E402
from ceasefire_cli.models import Claim, Document  # noqa: E402

#: Where a cumulative count of a scope starts from (a single seed point grows from here).
SCOPE_START = {"since_ceasefire": dt.date(2025, 10, 10)}
#: Relative growth a day of a cumulative topic the seeds state only once, with no start.
FLAT_GROWTH = 0.0002
OUTLETS = (
    "Desk Wire", "Coastal Times", "Border Report", "Monitor Weekly", "Explainer Daily",
    "DZWatch", "Palestine Foundation Information Center", "Levant Ledger", "Nile Post",
)
_DIGITS = re.compile(r"\d[\d,]*(?:\.\d+)?")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass(frozen=True, slots=True)
class Model:
    """A cumulative figure over time: points (day ordinal, value), never falling."""

    days: tuple[int, ...]
    values: tuple[float, ...]
    start: int | None = None

    def at(self, day: dt.date) -> int:
        """The model's value on ``day`` (an integer, floor)."""
        x = day.toordinal()
        if len(self.days) == 1:
            (d0,), (v0,) = self.days, self.values
            if self.start is not None and d0 > self.start:
                return max(1, int(v0 * (x - self.start) / (d0 - self.start)))
            return int(v0 * (1 + FLAT_GROWTH * max(0, x - d0)))
        i = min(max(bisect.bisect_right(self.days, x) - 1, 0), len(self.days) - 2)
        (d0, d1), (v0, v1) = self.days[i : i + 2], self.values[i : i + 2]
        slope = max(0.0, (v1 - v0) / (d1 - d0))
        return max(1, int(v0 + slope * (x - d0)))


@dataclass(frozen=True, slots=True)
class Slot:
    """A figure of a seed to rewrite: where its digit runs are and how to recompute them."""

    start: int
    end: int
    text: str
    hedge: str
    topic: tuple[str, str | None, str | None]
    kind: str  # "cumulative" or "event"
    event_day: dt.date | None


@dataclass(frozen=True, slots=True)
class Template:
    """One seed article, ready to be re-dated."""

    name: str
    text: str
    title: str
    published: dt.date
    slots: tuple[Slot, ...]
    own_dates: tuple[tuple[int, int], ...]  # spans of full dates equal to the seed's date


def _value(c: Claim) -> float:
    return c.low if c.low is not None else c.high  # type: ignore[return-value]


def build_templates(seeds: Path, settings: Settings) -> tuple[tuple[Template, ...], dict[tuple, Model]]:
    """The seeds as templates, and one model per cumulative topic fitted through their figures."""
    lex = build_lexicon(settings)
    loaded = load([seeds])
    templates, points = [], {}
    for doc in loaded.documents:
        if doc.published is None:
            continue
        slots, own = [], []
        for c in extract_claims(doc, lex):
            if c.section != "body":
                continue
            if c.kind == "date":
                if c.first == c.last == doc.published and not _relative(doc, c):
                    own.append((c.start, c.end))
                continue
            if not _DIGITS.search(c.text) or c.metric is None or c.scope is None:
                continue
            topic = (c.metric, c.population, c.scope)
            kind = settings.scope(c.scope).kind
            if kind == "cumulative" and c.as_of is not None:
                points.setdefault(topic, {})[c.as_of.toordinal()] = _value(c)
                slots.append(Slot(c.start, c.end, c.text, c.hedge, topic, "cumulative", None))
            elif kind == "event_count" and c.event_first is not None:
                slots.append(Slot(c.start, c.end, c.text, c.hedge, topic, "event", c.event_first))
        templates.append(Template(Path(doc.path).name, doc.text, _title(doc), doc.published, tuple(slots), tuple(own)))
    models = {}
    for topic, by_day in points.items():
        days = sorted(by_day)
        values, top = [], 0.0
        for d in days:  # never falling
            top = max(top, by_day[d])
            values.append(top)
        start = SCOPE_START.get(topic[2])
        models[topic] = Model(tuple(days), tuple(values), start.toordinal() if start else None)
    return tuple(templates), models


def _relative(doc: Document, c: Claim) -> bool:
    """True for a date written without its year ("today", "Friday")."""
    return not re.search(r"\d{4}", c.text)


def _title(doc: Document) -> str:
    first = doc.text.split("\n", 1)[0].strip()
    return first if len(first) <= 90 else "Gaza ceasefire talks"


# --- figures ------------------------------------------------------------------------


def _step(x: int) -> int:
    """Place value of the last non-zero digit, capped at 10% of x, at least 1 (as numbers.py)."""
    if x <= 0:
        return 1
    place = 1
    while x % (place * 10) == 0:
        place *= 10
    return max(1, min(place, x // 10))


def _interval(hedge: str, x: int) -> tuple[float, float]:
    s = _step(x)
    return {
        "exact": (x, x), "above": (x, x + s), "below": (x - s, x), "about": (x - s, x + s),
        "at_least": (x, math.inf), "at_most": (-math.inf, x),
    }.get(hedge, (x, x))


def hedged(v: int, hedge: str, place: int) -> int:
    """The figure to write after ``hedge`` so the reader's interval holds ``v``, as round as allowed."""
    while True:
        if hedge in ("below", "at_most"):
            x = -(-v // place) * place
        elif hedge == "about":
            x = (v + place // 2) // place * place
        else:
            x = v // place * place
        low, high = _interval(hedge, max(x, 1))
        if place == 1 or low <= v <= high:
            return max(x, 1)
        place //= 10


def _place(run: str) -> int:
    digits = run.replace(",", "").split(".")[0]
    n = len(digits) - len(digits.rstrip("0"))
    return 10 ** min(n, len(digits) - 1)


def _fmt(x: int, like: str) -> str:
    return f"{x:,}" if "," in like else str(x)


def _event_value(topic: tuple, day: dt.date) -> int:
    digest = hashlib.sha256(f"{topic}|{day.isoformat()}".encode()).digest()
    return 3 + digest[0] % 40


def rewrite(slot: Slot, day: dt.date, seed_day: dt.date, models: dict[tuple, Model]) -> str:
    """The figure's text as an article dated ``day`` would write it."""
    runs = list(_DIGITS.finditer(slot.text))
    olds = [int(float(r.group().replace(",", ""))) for r in runs]
    if slot.kind == "event":
        assert slot.event_day is not None
        back = (seed_day - slot.event_day).days
        event = day - dt.timedelta(days=(day.weekday() - slot.event_day.weekday()) % 7) if back < 7 else slot.event_day
        first = _event_value(slot.topic, event)
    else:
        first = hedged(models[slot.topic].at(day), "exact" if slot.hedge == "range" else slot.hedge, _place(runs[0].group()))
    news = [first] + [first + (o - olds[0]) for o in olds[1:]]
    out, pos = [], 0
    for run, new in zip(runs, news):
        out.append(slot.text[pos : run.start()] + _fmt(new, run.group()))
        pos = run.end()
    return "".join(out) + slot.text[pos:]


def _long_date(day: dt.date) -> str:
    return f"{_WEEKDAYS[day.weekday()]}, {_MONTHS[day.month - 1]} {day.day}, {day.year}"


def article(t: Template, day: dt.date, figures_day: dt.date, models: dict[tuple, Model], outlet: str) -> str:
    """One generated article: front matter, then the seed's text re-dated and re-figured."""
    edits = [(s.start, s.end, rewrite(s, figures_day, t.published, models)) for s in t.slots]
    edits += [(a, b, _long_date(day)) for a, b in t.own_dates]
    edits.sort()
    body, pos = [], 0
    for a, b, new in edits:
        body.append(t.text[pos:a] + new)
        pos = b
    body.append(t.text[pos:])
    head = f"---\ntitle: {json.dumps(t.title, ensure_ascii=False)}\ndate: {day.isoformat()}\noutlet: {outlet}\n---\n"
    return head + "".join(body)


def generate(out: Path, n: int, *, seed: int = 7, seeds: Path = ROOT / "seeds", start: dt.date = dt.date(2026, 1, 1),
             days: int = 120, stale_every: int = 2000, claims: Path | None = None) -> int:
    """Write ``n`` articles under ``out``; return the number of bytes written."""
    settings = load_settings(claims if claims is not None else ROOT / "claims.yaml")
    templates, models = build_templates(seeds, settings)
    rng = random.Random(seed)
    tolls = [t for t in templates if any(s.kind == "cumulative" for s in t.slots)]
    written = 0
    for i in range(n):
        t = templates[rng.randrange(len(templates))]
        day = start + dt.timedelta(days=rng.randrange(days))
        outlet = OUTLETS[rng.randrange(len(OUTLETS))]
        stale = stale_every > 0 and i % stale_every == stale_every - 1
        if stale and tolls:  # a stale article must state a toll to be caught
            t = tolls[i // stale_every % len(tolls)]
        figures_day = day - dt.timedelta(days=45) if stale else day
        data = article(t, day, figures_day, models, outlet).encode("utf-8")
        folder = out / f"{i // 1000:03d}"
        if i % 1000 == 0:
            folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{i:06d}.md").write_bytes(data)
        written += len(data)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="folder to write the articles into (created if missing)")
    parser.add_argument("-n", type=int, default=10_000, help="number of articles (default 10000)")
    parser.add_argument("--seed", type=int, default=7, help="random seed (default 7)")
    parser.add_argument("--seeds", type=Path, default=ROOT / "seeds", help="folder of seed articles with sources.yaml")
    parser.add_argument("--start", type=dt.date.fromisoformat, default=dt.date(2026, 1, 1), help="first publication day")
    parser.add_argument("--days", type=int, default=120, help="publication days spread over (default 120)")
    parser.add_argument("--stale-every", type=int, default=2000, help="every k-th article repeats 45-day-old figures (0: never)")
    parser.add_argument("--claims", type=Path, default=None, help="claims.yaml (default: the repository's)")
    args = parser.parse_args(argv)
    if args.out.exists() and any(args.out.iterdir()):
        parser.error(f"{args.out} is not empty; pick a new folder so old articles do not mix in")
    args.out.mkdir(parents=True, exist_ok=True)
    size = generate(args.out, args.n, seed=args.seed, seeds=args.seeds, start=args.start, days=args.days,
                    stale_every=args.stale_every, claims=args.claims)
    print(f"wrote {args.n} articles, {size / 1e6:.1f} MB, to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
