"""The comparison rules on hand-made claims: one table row per situation an editor meets."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from ceasefire_cli.rules.compare import compare
from ceasefire_cli.rules.intervals import fmt_interval
from ceasefire_cli.config import load_settings
from ceasefire_cli.models import Claim
from ceasefire_cli.topics import assign_topics

ROOT = Path(__file__).resolve().parent.parent
SETTINGS = load_settings(ROOT / "claims.yaml")
D = dt.date


def count(doc, low, high, as_of, scope="war", party=None, day=None, population="palestinians", text=None, n=1,
          confidence=None, basis=None, metric="killed"):
    return Claim(
        id=f"{doc}#{n}", document=doc, kind="count", text=text or str(low), start=0, end=1, line=1, column=1,
        sentence="", low=low, high=high, metric=metric, population=population, scope=scope, party=party,
        as_of=as_of, event_first=day, event_last=day, confidence=confidence,
        doubts=None if confidence in (None, "high") else "span not stated in its sentence", basis=basis,
    )


def date_claim(doc, first, last=None, event="ceasefire_start"):
    return Claim(
        id=f"{doc}#1", document=doc, kind="date", text=first.isoformat(), start=0, end=1, line=1, column=1,
        sentence="", first=first, last=last or first, metric="date", event=event, as_of=None,
    )


def run(*claims):
    claims, topics = assign_topics(tuple(claims), SETTINGS)
    topics, findings = compare(topics, claims, SETTINGS)
    return {t.id: t.status for t in topics}, [(f.code, f.severity, f.claims) for f in findings]


SAT = D(2025, 11, 22)

ROWS = [
    # (name, claims, topic statuses, findings)
    ("rising toll evolves",
     [count("a", 44000, 45000, D(2024, 11, 30)), count("b", 71000, 72000, D(2026, 1, 21))],
     {"killed.palestinians.war": "evolving"}, []),
    ("falling toll is stale or wrong",
     [count("a", 70100, None, D(2025, 12, 2)), count("b", 69000, 69000, D(2025, 12, 20))],
     {"killed.palestinians.war": "conflict"}, [("CF102", "error", ("b#1", "a#1"))]),
    ("a fall within the hedge is no fall",
     [count("a", 71000, 72000, D(2026, 1, 21)), count("b", 71500, 71500, D(2026, 1, 22))],
     {"killed.palestinians.war": "evolving"}, []),
    ("every later figure below one high report is one cluster",
     [count("a", 80000, 80000, D(2026, 1, 1)), count("b", 71000, 71000, D(2026, 1, 5)), count("c", 71100, 71100, D(2026, 1, 9))],
     {"killed.palestinians.war": "conflict"}, [("CF102", "error", ("a#1", "b#1", "c#1"))]),
    ("same date, no overlap",
     [count("a", 340, 350, D(2025, 11, 23), "since_ceasefire"), count("b", 290, 290, D(2025, 11, 23), "since_ceasefire")],
     {"killed.palestinians.since_ceasefire": "conflict"}, [("CF101", "error", ("b#1", "a#1"))]),
    ("same date, overlapping hedges agree",
     [count("a", 340, 350, D(2025, 11, 23), "since_ceasefire"), count("b", 345, 345, D(2025, 11, 23), "since_ceasefire")],
     {"killed.palestinians.since_ceasefire": "agree"}, []),
    ("a different scope is a different topic",
     [count("a", 70000, 70000, D(2025, 12, 1)), count("b", 400, 400, D(2025, 12, 2), "since_ceasefire")],
     {"killed.palestinians.war": "single", "killed.palestinians.since_ceasefire": "single"}, []),
    ("a different population is a different topic",
     [count("a", 1200, 1300, D(2024, 11, 30), population="israelis"), count("b", 44000, 45000, D(2024, 11, 30))],
     {"killed.israelis.war": "single", "killed.palestinians.war": "single"}, []),
    ("undated reports are never compared on cumulative figures",
     [count("a", 70000, 70000, D(2025, 12, 1)), count("b", 1000, 1000, None)],
     {"killed.palestinians.war": "single"}, []),
    ("same event, no overlap",
     [count("a", 24, None, D(2025, 11, 30), "event", day=SAT), count("b", 9, 9, D(2025, 11, 30), "event", day=SAT)],
     {"killed.palestinians.event.2025-11-22": "conflict"}, [("CF104", "error", ("b#1", "a#1"))]),
    ("same event, overlapping",
     [count("a", 20, 21, D(2025, 11, 23), "event", day=SAT), count("b", 21, 21, D(2025, 11, 24), "event", day=SAT)],
     {"killed.palestinians.event.2025-11-22": "agree"}, []),
    ("different days are different events",
     [count("a", 20, 21, D(2025, 11, 23), "event", day=SAT), count("b", 3, 3, D(2025, 11, 24), "event", day=D(2025, 11, 23))],
     {"killed.palestinians.event.2025-11-22": "single", "killed.palestinians.event.2025-11-23": "single"}, []),
    ("opposing parties: disputed, not an error",
     [count("a", 14, 14, D(2025, 12, 14), "event", party="israel", day=SAT),
      count("b", 3, 3, D(2025, 12, 14), "event", party="gaza_authorities", day=SAT)],
     {"killed.palestinians.event.2025-11-22": "conflict"}, [("CF201", "warning", ("a#1", "b#1"))]),
    ("same side disagreeing is an error",
     [count("a", 14, 14, D(2025, 12, 14), "event", party="gaza_authorities", day=SAT),
      count("b", 3, 3, D(2025, 12, 14), "event", party="gaza_authorities", day=SAT)],
     {"killed.palestinians.event.2025-11-22": "conflict"}, [("CF104", "error", ("b#1", "a#1"))]),
    ("neutral against one side is an error",
     [count("a", 14, 14, D(2025, 12, 14), "event", party="neutral", day=SAT),
      count("b", 3, 3, D(2025, 12, 14), "event", party="israel", day=SAT)],
     {"killed.palestinians.event.2025-11-22": "conflict"}, [("CF104", "error", ("b#1", "a#1"))]),
    ("implausible growth warns",
     [count("a", 535, 535, D(2025, 11, 30), "since_ceasefire"), count("b", 2100, 2100, D(2025, 12, 3), "since_ceasefire")],
     {"killed.palestinians.since_ceasefire": "evolving"}, [("CF103", "warning", ("b#1", "a#1"))]),
    ("a tenfold rise within days is a slipped digit",
     [count("a", 535, 535, D(2025, 11, 30), "since_ceasefire"), count("b", 5900, 5900, D(2025, 12, 3), "since_ceasefire")],
     {"killed.palestinians.since_ceasefire": "conflict"}, [("CF107", "error", ("b#1", "a#1"))]),
    ("a tenfold fall is a slipped digit, not another span",
     [count("a", 345, 345, D(2025, 11, 20), "since_ceasefire"), count("b", 35, 35, D(2025, 11, 28), "since_ceasefire")],
     {"killed.palestinians.since_ceasefire": "conflict"}, [("CF107", "error", ("b#1", "a#1"))]),
    ("a tenfold rise over months is growth",
     [count("a", 4400, 4400, D(2023, 10, 20), "war"), count("b", 44000, 44000, D(2024, 11, 30), "war")],
     {"killed.palestinians.war": "evolving"}, []),
    ("a rise to twenty times within days counts something else, not a surge",
     [count("a", 27, 27, D(2024, 3, 10)), count("b", 31200, 31300, D(2024, 3, 12))],
     {"killed.palestinians.war": "evolving"}, []),
    ("the wounded growing fivefold in a week alone is a surge",
     [count("a", 1800, 2000, D(2023, 10, 8), metric="injured"), count("b", 9700, 9700, D(2023, 10, 15), metric="injured")],
     {"injured.palestinians.war": "evolving"}, [("CF103", "warning", ("b#1", "a#1"))]),
    ("the wounded growing fivefold while the dead grew ninefold is no surge (nor is the dead's rise, beside it)",
     [count("a", 1800, 2000, D(2023, 10, 8), metric="injured"), count("b", 9700, 9700, D(2023, 10, 15), metric="injured"),
      count("c", 313, 313, D(2023, 10, 8)), count("d", 2750, 2750, D(2023, 10, 15))],
     {"injured.palestinians.war": "evolving", "killed.palestinians.war": "evolving"}, []),
    ("a rise of a third is no slip",
     [count("a", 300, 300, D(2025, 11, 20), "since_ceasefire"), count("b", 400, 400, D(2025, 11, 22), "since_ceasefire")],
     {"killed.palestinians.since_ceasefire": "evolving"}, []),
    # --- confidence: an error needs two high-confidence readings -----------------------
    ("a fall read with medium confidence is a warning",
     [count("a", 70100, None, D(2025, 12, 2)), count("b", 69000, 69000, D(2025, 12, 20), confidence="medium")],
     {"killed.palestinians.war": "conflict"}, [("CF102", "warning", ("b#1", "a#1"))]),
    ("same date: the high-confidence pair still conflicts",
     [count("a", 340, 350, D(2025, 11, 23), "since_ceasefire"), count("b", 290, 290, D(2025, 11, 23), "since_ceasefire"),
      count("c", 280, 280, D(2025, 11, 23), "since_ceasefire", confidence="medium")],
     {"killed.palestinians.since_ceasefire": "conflict"}, [("CF101", "error", ("c#1", "a#1", "b#1"))]),
    ("same date: only a medium reading disagrees",
     [count("a", 340, 350, D(2025, 11, 23), "since_ceasefire"), count("b", 290, 290, D(2025, 11, 23), "since_ceasefire", confidence="medium")],
     {"killed.palestinians.since_ceasefire": "conflict"}, [("CF101", "warning", ("b#1", "a#1"))]),
    ("a slip with a medium reading is a warning",
     [count("a", 345, 345, D(2025, 11, 20), "since_ceasefire"), count("b", 35, 35, D(2025, 11, 28), "since_ceasefire", confidence="medium")],
     {"killed.palestinians.since_ceasefire": "conflict"}, [("CF107", "warning", ("b#1", "a#1"))]),
    # --- counting bases --------------------------------------------------------------
    ("two named bases that differ: a basis warning",
     [count("a", 44000, 44000, D(2025, 5, 19), basis="health_ministry"), count("b", 61700, 61800, D(2025, 5, 19), basis="media_office")],
     {"killed.palestinians.war": "conflict"}, [("CF203", "warning", ("a#1", "b#1"))]),
    ("one basis disagreeing with itself stays an error",
     [count("a", 44000, 44000, D(2025, 5, 19), basis="health_ministry"), count("b", 52000, 52000, D(2025, 5, 19), basis="health_ministry")],
     {"killed.palestinians.war": "conflict"}, [("CF101", "error", ("a#1", "b#1"))]),
    ("a named basis against an unnamed one stays an error",
     [count("a", 44000, 44000, D(2025, 5, 19), basis="health_ministry"), count("b", 52000, 52000, D(2025, 5, 19))],
     {"killed.palestinians.war": "conflict"}, [("CF101", "error", ("a#1", "b#1"))]),
    # --- magnitude slips beyond a plain tenfold ratio -----------------------------------
    ("a tenth of another figure of the same day is a slip",
     [count("a", 8000, 9000, D(2023, 10, 29)), count("b", 800, 900, D(2023, 10, 29))],
     {"killed.palestinians.war": "conflict"}, [("CF107", "error", ("b#1", "a#1"))]),
    ("a rise that a restored digit makes ordinary growth is a slip",
     [count("a", 350, 360, D(2023, 10, 19)), count("b", 5000, 6000, D(2023, 10, 24))],
     {"killed.palestinians.war": "conflict"}, [("CF107", "error", ("b#1", "a#1"))]),
    ("an open figure in the thousands is held to its written value",
     [count("a", 53000, 54000, D(2025, 5, 17)), count("b", 5333, None, D(2025, 5, 19))],
     {"killed.palestinians.war": "conflict"}, [("CF107", "error", ("b#1", "a#1"))]),
    ("a figure ten times the reports after it gained a digit: it is blamed",
     [count("a", 520000, 530000, D(2025, 5, 12)), count("b", 53000, 54000, D(2025, 5, 17)), count("c", 53339, None, D(2025, 5, 19))],
     {"killed.palestinians.war": "conflict"}, [("CF107", "error", ("a#1", "b#1"))]),
    ("a fall from a doubtful reading blames the doubtful one, as a warning",
     [count("a", 1100, 1200, D(2023, 10, 7), confidence="medium"), count("b", 700, 700, D(2023, 10, 9))],
     {"killed.palestinians.war": "conflict"}, [("CF102", "warning", ("a#1", "b#1"))]),
    ("an open figure below a thousand is not",
     [count("a", 100, 200, D(2023, 10, 25)), count("b", 10, None, D(2023, 11, 10))],
     {"killed.palestinians.war": "evolving"}, []),
    # --- falls: an "at least" figure as written, and the odd one out blamed ---------------
    ("an 'at least' figure well below the toll of days before is a fall",
     [count("a", 53000, 54000, D(2025, 5, 17)), count("b", 47293, None, D(2025, 5, 19))],
     {"killed.palestinians.war": "conflict"}, [("CF102", "error", ("b#1", "a#1"))]),
    ("one figure above the reports of several later articles is the one blamed",
     [count("z", 20360, 20360, D(2023, 10, 9)), count("b", 15000, 15000, D(2023, 10, 23)),
      count("c", 16000, 16000, D(2023, 10, 29))],
     {"killed.palestinians.war": "conflict"}, [("CF102", "error", ("z#1", "b#1", "c#1"))]),
    ("a misdated high figure does not hide a later slip from the reports around it",
     [count("a", 1000, 1000, D(2023, 10, 8)), count("z", 20360, 20360, D(2023, 10, 9)),
      count("b", 5000, 6000, D(2023, 10, 23)), count("c", 9000, 10000, D(2023, 11, 2)),
      count("d", 10328, None, D(2023, 11, 8)), count("e", 1300, 1400, D(2023, 11, 20))],
     {"killed.palestinians.war": "conflict"},
     [("CF107", "error", ("e#1", "d#1")), ("CF102", "error", ("z#1", "b#1", "c#1", "d#1")),
      ("CF103", "warning", ("z#1", "a#1"))]),
    ("figures as written ten times apart, both hedged to the next place, are a slip",
     [count("a", 20000, 30000, D(2023, 12, 20)), count("b", 2000, 3000, D(2023, 12, 21))],
     {"killed.palestinians.war": "conflict"}, [("CF107", "error", ("b#1", "a#1"))]),
    # --- growth measured from the topic's other reports ---------------------------------
    ("a rise as fast as the reports around it is growth",
     [count("a", 1000, 1000, D(2023, 10, 15)), count("b", 2000, 2000, D(2023, 10, 19)),
      count("c", 3000, 3000, D(2023, 10, 23)), count("d", 4500, 4500, D(2023, 10, 27))],
     {"killed.palestinians.war": "evolving"}, []),
    ("a stale figure beside the day's update, with the topic's growth measured by its median",
     [count("a", 38713, 38713, D(2024, 7, 16)), count("b", 38919, 38919, D(2024, 7, 20)),
      count("c", 39090, 39090, D(2024, 7, 23)), count("d", 39090, 39090, D(2024, 7, 27)),
      count("e", 39258, 39258, D(2024, 7, 27)), count("f", 39000, 39000, D(2024, 8, 1))],
     {"killed.palestinians.war": "evolving"}, [("CF106", "warning", ("d#1", "e#1"))]),
    ("two dates for one event",
     [date_claim("a", D(2025, 10, 10)), date_claim("b", D(2025, 10, 12))],
     {"date.ceasefire_start": "conflict"}, [("CF105", "error", ("a#1", "b#1"))]),
    ("a month contains the day",
     [date_claim("a", D(2025, 11, 17), event="un_resolution_adopted"),
      date_claim("b", D(2025, 11, 1), D(2025, 11, 30), event="un_resolution_adopted")],
     {"date.un_resolution_adopted": "agree"}, []),
]


@pytest.mark.parametrize("name, claims, statuses, findings", ROWS, ids=[r[0] for r in ROWS])
def test_rules(name, claims, statuses, findings):
    assert run(*claims) == (statuses, findings)


def test_message_names_both_sources_dates_and_figures():
    a = count("a.md", 70100, None, D(2025, 12, 2), text="at least 70,100")
    b = count("b.md", 69000, 69000, D(2025, 12, 20), text="69,000")
    claims, topics = assign_topics((a, b), SETTINGS)
    _, (finding,) = compare(topics, claims, SETTINGS)
    assert finding.message == (
        'a cumulative figure fell (Palestinians killed · whole war): a.md (2025-12-02): "at least 70,100" [≥ 70,100], '
        'later b.md (2025-12-20): "69,000" [69,000] — stale or wrong figure'
    )


def test_sweep_scales_to_many_claims():
    # 20,000 rising reports and one stale one: one finding, naming the stale report and the high-water mark.
    start = D(2024, 1, 1)
    claims = [count(f"d{i:05}", 1000 + i // 20, 1000 + i // 20, start + dt.timedelta(days=i // 20)) for i in range(20000)]
    claims.append(count("stale", 1500, 1500, start + dt.timedelta(days=1000)))
    _, findings = run(*claims)
    assert findings == [("CF102", "error", ("stale#1", "d19999#1"))]


@pytest.mark.parametrize(
    "low, high, expected",
    [(447, 447, "447"), (340, 350, "340–350"), (20, None, "≥ 20"), (None, 500, "≤ 500"), (2.5, 2.5, "2.5"), (None, None, "any")],
)
def test_interval_format(low, high, expected):
    assert fmt_interval(count("a", low, high, None)) == expected
