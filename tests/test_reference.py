"""Reference series: loading, checks against the series, dating undated articles, the sparkline."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from ceasefire_cli.extract.claims import build_lexicon, extract_claims
from ceasefire_cli.config import ReferenceSeries, References, SeriesBinding, load_settings, settings_from_text
from ceasefire_cli.load.corpus import load
from ceasefire_cli.errors import ConfigError, InputError, UsageError
from ceasefire_cli.models import Claim, Document
from ceasefire_cli.render.terminal import sparkline
from ceasefire_cli.rules.reference import (
    Series,
    check_claim,
    check_claims,
    date_documents,
    date_window,
    load_reference,
    read_reference,
)
from ceasefire_cli.topics import assign_topics

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "reference"
REAL = ROOT.parent / "shared" / "reference" / "gaza_casualties_daily.json"
SETTINGS = load_settings(ROOT / "claims.yaml")
SPEC = SETTINGS.references.series[0]
FIXTURE = read_reference(DATA / "gaza_moh.json", SPEC)
D = dt.date.fromisoformat

WAR = "killed.palestinians.war"
INJURED = "injured.palestinians.war"
TRUCE = "killed.palestinians.since_ceasefire"
LABEL = "Gaza Ministry of Health daily report"


def claim(topic, low, high, as_of=None, text="x", *, doc="a.txt", n=1, **kw) -> Claim:
    return Claim(f"{doc}#{n}", doc, kw.pop("kind", "count"), text, 0, 1, 1, 1, "", low=low, high=high,
                 as_of=D(as_of) if as_of else None, topic=topic, **kw)


def series(ref, topic) -> Series:
    return next(s for s in ref.series if s.topic == topic)


def points(s: Series) -> list[tuple[str, float]]:
    return [(d.isoformat(), v) for d, v in zip(s.dates, s.values)]


# --- claims.yaml ----------------------------------------------------------------------------


def test_shipped_references_block():
    assert SETTINGS.references == References(
        lag_days=3,
        max_window_days=31,
        series=(
            ReferenceSeries(
                "gaza_moh",
                LABEL,
                "report_date",
                (
                    SeriesBinding(WAR, "killed_cum"),
                    SeriesBinding(INJURED, "injured_cum"),
                    SeriesBinding(TRUCE, "killed_truce_new", D("2025-10-11"), 0.05),
                    SeriesBinding("killed.children.war", "ext_killed_children_cum", tolerance=0.02, optional=True),
                    SeriesBinding("killed.women.war", "ext_killed_women_cum", tolerance=0.02, optional=True),
                    SeriesBinding("killed.medics.war", "ext_med_killed_cum", tolerance=0.02, optional=True),
                ),
                "war_start",
                "health_ministry",
            ),
        ),
    )


def test_no_references_block_means_none():
    s = settings_from_text("metrics:\n  killed:\n    aliases: [killed]\n", "c.yaml")
    assert s.references == References(3, 31, ())


BASE = (
    "metrics:\n  killed:\n    aliases: [killed]\n"
    "populations:\n  palestinians:\n    aliases: [Palestinians]\n"
    "scopes:\n  event:\n    kind: event_count\n"
    "events:\n  war_start:\n    subjects: [war]\n    verbs: [began]\n"
)  # 13 lines: the references block starts on line 14


def _series_yaml(topics: str, extra: str = "") -> str:
    return BASE + "references:\n  series:\n    m:\n" + extra + "      topics:\n" + topics


@pytest.mark.parametrize(
    "text, message",
    [
        (BASE + "references:\n  lag_days: -1\n", "c.yaml:15: 'references.lag_days' must be a whole number from 0 to 60, not -1"),
        (BASE + "references:\n  lag_days: 2.5\n", "c.yaml:15: 'references.lag_days' must be a whole number from 0 to 60, not 2.5"),
        (BASE + "references:\n  max_window_days: 0\n", "c.yaml:15: 'references.max_window_days' must be a whole number from 1 to 3660, not 0"),
        (BASE + "references:\n  lag: 3\n", "c.yaml:15: unknown key 'references.lag' (did you mean 'lag_days'?)"),
        (BASE + "references:\n  series: [a]\n", "c.yaml:15: 'references.series' must be a mapping, not a list"),
        (BASE + "references:\n  series:\n    m:\n      label: x\n", "c.yaml:16: 'references.series.m' needs 'topics'"),
        (_series_yaml("        killed.war: {field: k}\n"),
         "c.yaml:18: 'references.series.m.topics.killed.war': a topic id is metric.population.scope (e.g. killed.palestinians.war)"),
        (_series_yaml("        dead.palestinians.war: {field: k}\n"),
         "c.yaml:18: 'references.series.m.topics.dead.palestinians.war' names metric 'dead', which is not defined"),
        (_series_yaml("        killed.martians.war: {field: k}\n"),
         "c.yaml:18: 'references.series.m.topics.killed.martians.war' names population 'martians', which is not defined"),
        (_series_yaml("        killed.palestinians.event: {field: k}\n"),
         "c.yaml:18: 'references.series.m.topics.killed.palestinians.event' has scope 'event' of kind event_count; "
         "a reference series binds cumulative topics only"),
        (_series_yaml("        killed.palestinians.war: {sum_from: 2025-10-11}\n"),
         "c.yaml:18: 'references.series.m.topics.killed.palestinians.war' needs 'field'"),
        (_series_yaml("        killed.palestinians.war: {field: k, from: 2025-10-11}\n"),
         "c.yaml:18: unknown key 'references.series.m.topics.killed.palestinians.war.from' (did you mean 'sum_from'?)"),
        (_series_yaml("        killed.palestinians.war: {field: k, sum_from: soon}\n"),
         "c.yaml:18: 'references.series.m.topics.killed.palestinians.war.sum_from' must be a date (YYYY-MM-DD), not 'soon'"),
        (_series_yaml("        killed.palestinians.war: {field: [k]}\n"),
         "c.yaml:18: 'references.series.m.topics.killed.palestinians.war.field' must be a non-empty string, not a list"),
        (_series_yaml("        killed.palestinians.war: {field: k}\n", "      starts: big_bang\n"),
         "c.yaml:17: 'references.series.m.starts' names event 'big_bang', which is not defined"),
    ],
)
def test_references_config_errors(text, message):
    with pytest.raises(ConfigError) as err:
        settings_from_text(text, "c.yaml")
    assert str(err.value) == message


# --- loading --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, topic, expected",
    [
        # A field as it is; 2023-11-11 has no figure and is skipped, not read as 0.
        ("gaza_moh.json", WAR, [("2023-10-07", 232.0), ("2023-10-08", 370.0), ("2024-11-10", 43603.0)]),
        ("gaza_moh.json", INJURED, [("2023-10-07", 1610.0), ("2023-10-08", 1788.0), ("2024-11-10", 102929.0)]),
        # A running sum from 2025-10-11: earlier rows are left out.
        ("gaza_moh.json", TRUCE, [("2025-10-11", 35.0), ("2025-11-23", 329.0), ("2025-12-03", 341.0)]),
        # CSV, out of order: sorted; empty and NA cells skipped for fields...
        ("gaza_moh.csv", WAR, [("2024-11-20", 43985.0), ("2024-11-28", 44330.0), ("2024-11-30", 44382.0),
                               ("2025-10-11", 67682.0), ("2025-10-12", 67806.0), ("2025-10-14", 67913.0)]),
        ("gaza_moh.csv", INJURED, [("2024-11-20", 104092.0), ("2024-11-30", 105142.0), ("2025-10-11", 170033.0),
                                   ("2025-10-12", 170066.0), ("2025-10-14", 170134.0)]),
        # ...but a running sum goes on through a day without a figure.
        ("gaza_moh.csv", TRUCE, [("2025-10-11", 35.0), ("2025-10-12", 42.0), ("2025-10-13", 42.0), ("2025-10-14", 51.0)]),
    ],
)
def test_series_loading(name, topic, expected):
    s = series(read_reference(DATA / name, SPEC), topic)
    assert points(s)[: len(expected)] == expected


def test_fixture_series_ends():
    war, injured, truce = (series(FIXTURE, t) for t in (WAR, INJURED, TRUCE))
    assert (len(war.dates), len(injured.dates), len(truce.dates)) == (29, 29, 16)
    assert war.values[war.dates.index(D("2024-11-28"))] == 44330.0
    assert war.values[war.dates.index(D("2026-01-20"))] == 71551.0
    assert points(truce)[-6:-2] == [("2026-01-19", 446.0), ("2026-01-20", 447.0), ("2026-01-21", 447.0), ("2026-01-22", 458.0)]
    assert truce.what == "killed_truce_new summed from 2025-10-11"
    assert (FIXTURE.name, FIXTURE.label, FIXTURE.first, FIXTURE.starts) == ("gaza_moh", LABEL, D("2023-10-07"), "war_start")


def test_the_standing_report():
    war = series(FIXTURE, WAR)
    # 2023-11-11 has no figure: the report of 2023-10-08 still stands.
    assert [war.at(D(d)) for d in ("2023-10-06", "2023-10-07", "2023-11-11", "2026-12-31")] == [None, 0, 1, 28]


ROW = '{"report_date": "2025-10-10", "killed_cum": 5, "injured_cum": 6, "killed_truce_new": 1}'


@pytest.mark.parametrize(
    "name, text, message",
    [
        ("x.json", "[{", "x.json:1: invalid JSON: Expecting property name enclosed in double quotes"),
        ("x.json", '{"a": 1}', "x.json: expected a list of objects, one per date, not an object"),
        ("x.json", "[]", "x.json: no rows"),
        ("x.json", "[1]", "x.json: item 1: expected an object, not a number"),
        ("x.json", f'[{ROW}, {{"date": "2025-10-11"}}]', "x.json: item 2: no 'report_date'"),
        ("x.json", '[{"report_date": "2025-13-01"}]', "x.json: item 1: 'report_date' is not a YYYY-MM-DD date: '2025-13-01'"),
        ("x.json", '[{"report_date": 20251001}]', "x.json: item 1: 'report_date' is not a YYYY-MM-DD date: 20251001"),
        ("x.json", f"[{ROW}, {ROW}]", "x.json: item 2: a second row for 2025-10-10"),
        ("x.json", '[{"report_date": "2025-10-10", "killed_cum": "many"}]', "x.json: item 1: 'killed_cum' is not a number: 'many'"),
        ("x.json", '[{"report_date": "2025-10-10", "killed_cum": true}]', "x.json: item 1: 'killed_cum' is not a number: True"),
        ("x.json", '[{"report_date": "2025-10-10", "killed_cum": 5}]', "x.json: no row has a value for 'injured_cum' (topic injured.palestinians.war)"),
        ("x.json", f'[{ROW}, {{"report_date": "2025-10-09", "killed_cum": 9}}]',
         "x.json: killed_cum falls from 9 on 2025-10-09 to 5 on 2025-10-10; a reference series must never decrease"),
        ("x.json", ROW.join("[]"), "x.json: no rows from 2025-10-11 to sum 'killed_truce_new'"),
        ("x.json", f'[{ROW}, {{"report_date": "2025-10-11", "killed_truce_new": 4}}, {{"report_date": "2025-10-12", "killed_truce_new": -1}}]',
         "x.json: killed_truce_new summed from 2025-10-11 falls from 4 on 2025-10-11 to 3 on 2025-10-12; "
         "a reference series must never decrease"),
        ("x.csv", "", "x.csv: empty file"),
        ("x.csv", "date,killed_cum\n", "x.csv:1: no column 'report_date' in the header (columns: date, killed_cum)"),
        ("x.csv", "report_date,killed_cum\n2025-10-10,5\n,6\n", "x.csv:3: no 'report_date'"),
        ("x.csv", "report_date,killed_cum\n10/10/2025,5\n", "x.csv:2: 'report_date' is not a YYYY-MM-DD date: '10/10/2025'"),
        ("x.csv", "report_date,killed_cum\n2025-10-10,\"44,330\"\n", "x.csv:2: 'killed_cum' is not a number: '44,330'"),
        ("x.csv", "report_date,killed_cum\n", "x.csv: no rows"),
    ],
)
def test_bad_files(tmp_path, monkeypatch, name, text, message):
    monkeypatch.chdir(tmp_path)
    Path(name).write_text(text, "utf-8")
    with pytest.raises(InputError) as err:
        read_reference(name, SPEC)
    assert str(err.value) == message


def test_unreadable_files(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("x.csv").write_bytes(b"report_date\n\xff\n")
    with pytest.raises(InputError) as err:
        read_reference("x.csv", SPEC)
    assert str(err.value) == "x.csv: not UTF-8 text"
    with pytest.raises(InputError) as err:
        read_reference("nope.json", SPEC)
    assert str(err.value) == "nope.json: no such file"


def test_format_sniffed_without_a_known_suffix(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("a.txt").write_text(ROW.join("[]"), "utf-8")
    Path("b.txt").write_text("report_date,killed_cum,injured_cum,killed_truce_new\n2025-10-10,5,6,1\n", "utf-8")
    spec = replace(SPEC, bindings=SPEC.bindings[:1])
    assert [points(read_reference(n, spec).series[0]) for n in ("a.txt", "b.txt")] == [[("2025-10-10", 5.0)]] * 2


TWO = "references:\n  series:\n    a:\n      topics: {killed.palestinians.war: {field: k}}\n    b:\n      topics: {killed.palestinians.war: {field: k}}\n"


@pytest.mark.parametrize(
    "option, yaml_tail, error, message",
    [
        ("nope=x.json", None, UsageError, "--reference: unknown series 'nope' (claims.yaml defines: gaza_moh)"),
        ("x.json", "", ConfigError, "c.yaml: no 'references.series' to read a --reference file with"),
        ("x.json", TWO, UsageError, "--reference: claims.yaml defines several series (a, b): write NAME=x.json"),
        ("b=nope.json", TWO, InputError, "nope.json: no such file"),
        ("data/a=b.json", None, InputError, "data/a=b.json: no such file"),
    ],
)
def test_reference_option(option, yaml_tail, error, message):
    settings = SETTINGS if yaml_tail is None else settings_from_text(BASE + yaml_tail, "c.yaml")
    with pytest.raises(error) as err:
        load_reference(option, settings)
    assert str(err.value) == message


@pytest.mark.parametrize("option", [str(DATA / "gaza_moh.json"), f"gaza_moh={DATA / 'gaza_moh.json'}"])
def test_reference_option_reads_the_file(option):
    assert load_reference(option, SETTINGS) == FIXTURE


# --- checks ---------------------------------------------------------------------------------

WAR_WHAT = f"{LABEL} (killed_cum)"
TRUCE_WHAT = f"{LABEL} (killed_truce_new summed from 2025-10-11)"


@pytest.mark.parametrize(
    "c, expected",
    [
        # Consistent: the report of the day, or one within the 3-day lag.
        (claim(WAR, 71000.0, 72000.0, "2026-01-21", "more than 71,000"), None),
        (claim(TRUCE, 447.0, 447.0, "2026-01-21", "447"), None),
        (claim(WAR, 71441.0, 71455.0, "2026-01-19", "71,441 to 71,455"), None),
        (claim(WAR, None, None, "2026-01-21", "many"), None),
        # Outside the series: before its first day, or later than its end plus the lag.
        (claim(WAR, 1.0, 1.0, "2023-10-06", "1"), None),
        (claim(WAR, 1.0, 1.0, "2026-02-11", "1"), None),
        (claim(WAR, 71441.0, 71455.0, "2026-01-20", "71,441 to 71,455"),
         ("CF302", f'a.txt (2026-01-20): "71,441 to 71,455" [71,441–71,455] matches {WAR_WHAT} only as of 2026-01-16 (71,455), '
                   "4 days earlier; the series stood at 71,551 on 2026-01-20")),
        (claim(WAR, 69000.0, 70000.0, "2026-01-21", "more than 69,000"),
         ("CF302", f'a.txt (2026-01-21): "more than 69,000" [69,000–70,000] matches {WAR_WHAT} only as of 2025-11-23 (69,756), '
                   "59 days earlier; the series stood at 71,551 on 2026-01-21")),
        # The summed truce series may run 5 % below the ministry's stated totals (the binding's tolerance).
        (claim(TRUCE, 447.0, 447.0, "2026-01-30", "447", attribution="health officials"), None),
        (claim(TRUCE, 400.0, 400.0, "2026-01-30", "400", attribution="health officials"),
         ("CF302", f'a.txt (2026-01-30, health officials): "400" [400] matches {TRUCE_WHAT} only as of 2025-12-27 (393), '
                   "34 days earlier; the series stood at 458 on 2026-01-22")),
        # Between two reports: a morning update the series did not record, or a day it skips.
        (claim(WAR, 71700.0, 71700.0, "2026-01-30", "71,700"), None),
        # The count a ministry announces on a day, filed by the series under the next day.
        (claim(WAR, 71562.0, 71562.0, "2026-01-21", "71,562"), None),
        (claim(WAR, 72027.0, 72027.0, "2026-02-06", "72,027"), None),
        # A twentieth of the series' count at its date counts something else ("the hunger toll rises to 27").
        (claim(WAR, 27.0, 27.0, "2026-01-21", "27"), None),
        (claim(WAR, 7000.0, 7000.0, "2026-01-21", "7,000"),
         ("CF301", f'a.txt (2026-01-21): "7,000" [7,000] vs {WAR_WHAT}: 71,551 on 2026-01-21')),
        # An unhedged round figure may round the series' count by up to 3.5 %.
        (claim(WAR, 70000.0, 70000.0, "2026-01-21", "70,000", hedge="exact"), None),
        (claim(WAR, 80000.0, 81000.0, "2026-01-21", "more than 80,000"),
         ("CF301", f'a.txt (2026-01-21): "more than 80,000" [80,000–81,000] vs {WAR_WHAT}: 71,551 on 2026-01-21')),
        (claim(WAR, 72027.0, 72027.0, "2026-01-21", "72,027"),
         ("CF301", f'a.txt (2026-01-21): "72,027" [72,027] vs {WAR_WHAT}: 71,551 on 2026-01-21; '
                   "the series reaches the figure only on 2026-02-07")),
        (claim(WAR, None, 40000.0, "2026-02-10", "fewer than 40,000"),
         ("CF302", f'a.txt (2026-02-10): "fewer than 40,000" [≤ 40,000] matches {WAR_WHAT} only as of 2023-10-08 (370), '
                   "856 days earlier; the series stood at 72,027 on 2026-02-07")),
    ],
)
def test_check_claim(c, expected):
    f = check_claim(c, FIXTURE, series(FIXTURE, c.topic), lag_days=3)
    assert (None if f is None else (f.code, f.message)) == expected
    if f is not None:
        assert (f.severity, f.topic, f.claims) == ({"CF301": "error", "CF302": "warning"}[f.code], c.topic, ("a.txt#1",))


@pytest.mark.parametrize("tolerance, code", [(0.0, "CF301"), (0.01, None)])
def test_check_claim_tolerance(tolerance, code):
    c = claim(WAR, 72000.0, 73000.0, "2026-01-21", "more than 72,000")  # 71,551 is 0.6% short
    f = check_claim(c, FIXTURE, series(FIXTURE, WAR), 3, tolerance)
    assert (f.code if f else None) == code


def test_check_claim_lag_zero():
    c = claim(WAR, 71548.0, 71548.0, "2026-01-19", "71,548")
    assert check_claim(c, FIXTURE, series(FIXTURE, WAR), 2) is None
    f = check_claim(c, FIXTURE, series(FIXTURE, WAR), 0)
    assert f.message.endswith("only as of 2026-01-18 (71,548), 1 day earlier; the series stood at 71,550 on 2026-01-19")


@pytest.mark.parametrize(
    "kw, codes",
    [
        ({}, ["CF301"]),
        ({"basis": "health_ministry"}, ["CF301"]),
        # Not held to the series: vague, read with medium confidence, or another counting basis.
        ({"hedge": "vague"}, []),
        ({"confidence": "medium"}, []),
        ({"basis": "media_office"}, []),
    ],
)
def test_only_sure_claims_of_the_series_basis_are_checked(kw, codes):
    c = claim(WAR, 80000.0, 81000.0, "2026-01-21", "more than 80,000", **kw)
    assert [f.code for f in check_claims([c], [FIXTURE], SETTINGS)] == codes


def test_check_claims_all_rules_sorted():
    claims = [
        claim(WAR, 69000.0, 70000.0, "2026-01-21", "more than 69,000", doc="b.txt", n=4),
        claim(WAR, 80000.0, 81000.0, "2026-01-21", "more than 80,000", doc="b.txt", n=2),
        claim(TRUCE, 447.0, 447.0, "2026-01-21", "447", doc="b.txt", n=3),
        claim(None, 80000.0, 81000.0, "2026-01-21", "more than 80,000", n=5),  # no topic (e.g. a comment)
        claim("killed.israelis.war", 1.0, 1.0, "2026-01-21", "1", n=6),  # no series for it
        claim("date.war_start", None, None, None, "October 8, 2023", n=7, kind="date", event="war_start",
              first=D("2023-10-08"), last=D("2023-10-08")),
        claim("date.war_start", None, None, None, "October 2023", n=8, kind="date", event="war_start",
              first=D("2023-10-01"), last=D("2023-10-31")),
        claim("date.ceasefire_start", None, None, None, "October 8, 2023", n=9, kind="date", event="ceasefire_start",
              first=D("2023-10-08"), last=D("2023-10-08")),
    ]
    found = check_claims(claims, (FIXTURE,), SETTINGS)
    assert [(f.code, f.topic, f.claims) for f in found] == [
        ("CF303", "date.war_start", ("a.txt#7",)),
        ("CF301", WAR, ("b.txt#2",)),
        ("CF302", WAR, ("b.txt#4",)),
    ]
    assert found[0].message == f'a.txt (undated): "October 8, 2023" [2023-10-08] vs {LABEL}: war began on 2023-10-07, its first day'
    assert found[0].severity == "error"


# --- dating ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "claims, window",
    [
        ([claim(WAR, 44000.0, 45000.0)], ("2024-11-21", "2024-12-15")),
        ([claim(WAR, 71000.0, 72000.0)], ("2025-12-27", "2026-02-06")),
        ([claim(TRUCE, 447.0, 447.0)], ("2026-01-20", "2026-01-21")),
        ([claim(WAR, 71000.0, 72000.0), claim(INJURED, 171000.0, 172000.0), claim(TRUCE, 447.0, 447.0)], ("2026-01-20", "2026-01-21")),
        ([claim(TRUCE, None, 400.0)], ("2025-10-11", "2026-01-14")),
        ([claim(WAR, 72000.0, None)], ("2026-02-07", "2026-02-07")),  # the series ends there
        ([claim(WAR, 80000.0, None)], None),  # the series never gets there
        ([claim(WAR, 44000.0, 45000.0), claim(TRUCE, 447.0, 447.0)], None),  # no one day fits both
        ([claim(WAR, 44000.0, 45000.0, "2024-11-30")], None),  # dated by its text: not used
        ([claim(WAR, 44000.0, 45000.0, section="comments")], None),
        ([claim(WAR, None, None)], None),
        ([claim("killed.israelis.war", 1200.0, 1300.0)], None),
        ([], None),
    ],
)
def test_date_window(claims, window):
    got = date_window(claims, (FIXTURE,))
    assert (None if got is None else (got[0].isoformat(), got[1].isoformat())) == window


@pytest.mark.parametrize("widest, dated", [(31, True), (25, True), (24, False)])
def test_date_documents_limits_the_window(widest, dated):
    docs = (Document("a.txt", "a.txt", "x"), Document("b.txt", "b.txt", "x", published=D("2020-01-01"), published_basis="text"))
    claims = (claim(WAR, 44000.0, 45000.0), claim(WAR, 71000.0, 72000.0, doc="b.txt"))
    settings = replace(SETTINGS, references=replace(SETTINGS.references, max_window_days=widest))
    out = date_documents(docs, claims, (FIXTURE,), settings)
    expected = replace(docs[0], published=D("2024-12-15"), published_window=(D("2024-11-21"), D("2024-12-15")), published_basis="reference")
    assert out == ((expected if dated else docs[0]), docs[1])


def _analyse_undated_seeds(tmp_path, ref):
    for f in (ROOT / "seeds").glob("*.txt"):
        shutil.copy(f, tmp_path / f.name)
    docs = load([tmp_path]).documents
    lexicon = build_lexicon(SETTINGS)
    claims, _ = assign_topics(tuple(c for d in docs for c in extract_claims(d, lexicon)), SETTINGS)
    dated = date_documents(docs, claims, (ref,), SETTINGS)
    windows = {Path(d.id).name[:3]: d.published_window for d in dated if d.published_basis == "reference"}
    redone, _ = assign_topics(tuple(c for d in dated for c in extract_claims(d, lexicon)), SETTINGS)
    return {Path(d.id).name[:3]: d for d in dated}, windows, check_claims(redone, (ref,), SETTINGS)


def _acceptance(tmp_path, ref):
    docs, windows, findings = _analyse_undated_seeds(tmp_path, ref)
    for seed, day in (("002", "2026-01-21"), ("004", "2024-11-30")):
        first, last = windows[seed]
        assert first <= D(day) <= last and (last - first).days + 1 <= 28
        assert docs[seed].published == last
    assert windows["002"] == (D("2026-01-20"), D("2026-01-21"))
    assert windows["004"] == (D("2024-11-21"), D("2024-12-15"))
    # Dated by their figures, then extracted again: their figures agree with the series.
    assert [f for f in findings if Path(f.claims[0]).name[:3] in ("002", "004")] == []
    return windows


def test_acceptance_on_the_hand_written_series(tmp_path):
    windows = _acceptance(tmp_path, FIXTURE)
    assert windows["000"] == (D("2025-12-03"), D("2025-12-25"))  # "over 340" killed since the ceasefire


def test_acceptance_on_the_real_series(tmp_path):
    if not REAL.is_file():
        # CI has ../shared beside the clone: there a missing dataset is a failure, never a quiet skip.
        (pytest.fail if os.environ.get("CI") else pytest.skip)(f"the shared reference dataset is not at {REAL}")
    ref = load_reference(str(REAL), SETTINGS)
    assert [len(s.dates) for s in ref.series] == [1033, 1025, 316, 1051, 1051, 1051]
    windows = _acceptance(tmp_path, ref)
    assert windows["000"] == (D("2025-12-03"), D("2025-12-06"))


# --- timeline -------------------------------------------------------------------------------


def test_sparkline():
    war = series(FIXTURE, WAR)
    claims = [claim(WAR, 1.0, 1.0, d) for d in ("2023-10-07", "2024-11-30", "2026-01-21", "2026-02-07", "2027-01-01")]
    # The hand-written series jumps from 370 (2023-10-08) to 43,603 (2024-11-10).
    assert sparkline(war, claims, 24) == "▁▁▁▁▁▁▁▁▁▁▁▅▅▅▅▅▅▅▅▅████\n^          ^           ^"
    assert sparkline(war, [], 4) == "▁▅▅█\n"


def test_sparkline_edges():
    flat = Series("t", "f", (D("2026-01-01"), D("2026-01-02")), (5.0, 5.0))
    assert sparkline(flat, [], 3) == "▁▁▁\n"
    assert sparkline(flat, [], 0) == ""
    assert sparkline(Series("t", "f", (), ()), [], 3) == ""


# --- plot -----------------------------------------------------------------------------------

PLOT_CLAIMS = (
    claim(WAR, 71000.0, 72000.0, "2026-01-21", "more than 71,000", doc="seeds/002.txt"),
    claim(WAR, 44330.0, 44330.0, "2024-11-30", "44,330", doc="seeds/004.txt"),
    claim(TRUCE, 340.0, None, "2025-11-23", "over 340", doc="seeds/000.txt"),
    claim(WAR, 1.0, 1.0, None, "undated"),
)


@pytest.mark.parametrize("name, signature", [("t.png", b"\x89PNG\r\n\x1a\n"), ("t.svg", b"<?xml")])
def test_plot(tmp_path, name, signature):
    pytest.importorskip("matplotlib")
    from ceasefire_cli.render.plot import plot_references

    out = plot_references(tmp_path / name, (FIXTURE,), PLOT_CLAIMS, sources={"seeds/002.txt": "Anadolu"})
    data = out.read_bytes()
    assert out == tmp_path / name and len(data) > 1000 and data.startswith(signature)
    if name.endswith(".svg"):
        text = data.decode()
        assert "<svg" in text and "Anadolu" in text and "004.txt" in text
        # Same input, same file.
        assert plot_references(tmp_path / "again.svg", (FIXTURE,), PLOT_CLAIMS, sources={"seeds/002.txt": "Anadolu"}).read_bytes() == data


@pytest.mark.parametrize(
    "name, refs, message",
    [
        ("t.pdf", (FIXTURE,), "--plot: write to a .png or .svg file, not 't.pdf'"),
        ("t.png", (), "--plot: no reference series to draw: give --reference FILE"),
    ],
)
def test_plot_usage_errors(tmp_path, monkeypatch, name, refs, message):
    pytest.importorskip("matplotlib")
    from ceasefire_cli.render.plot import plot_references

    monkeypatch.chdir(tmp_path)
    with pytest.raises(UsageError) as err:
        plot_references(name, refs, ())
    assert str(err.value) == message


def test_plot_without_matplotlib(tmp_path, monkeypatch):
    import sys

    from ceasefire_cli.render.plot import plot_references

    monkeypatch.setitem(sys.modules, "matplotlib", None)
    with pytest.raises(UsageError) as err:
        plot_references(tmp_path / "t.png", (FIXTURE,), ())
    assert str(err.value) == "--plot: drawing needs matplotlib: pip install 'cfcheck[plot]'"
