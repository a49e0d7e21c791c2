"""The claim extractor, table-driven: real-style sentences -> metric, population, scope, interval, source."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from ceasefire_cli.extract.claims import build_lexicon, extract_claims, phrase_pattern
from ceasefire_cli.config import load_settings
from ceasefire_cli.models import Document

ROOT = Path(__file__).resolve().parent.parent
LEX = build_lexicon(load_settings(ROOT / "claims.yaml"))
D = dt.date


def counts(text: str, published: dt.date | None = D(2025, 11, 23), body_end: int = -1):
    doc = Document(id="t", path="t", text=text, published=published, body_end=body_end if body_end >= 0 else len(text))
    return [
        (c.text, c.metric, c.population, c.scope, c.low, c.high)
        for c in extract_claims(doc, LEX)
        if c.kind == "count"
    ]


# (sentence, publication date, [(figure as written, metric, population, scope, low, high)])
COUNT_ROWS = [
    # --- the seed articles' sentences -------------------------------------------------
    ("Prior to the meeting, a Hamas official highlighted the delegation’s priority of preventing Israeli escalation in Gaza, "
     "citing nearly 500 violations since the ceasefire came into effect, resulting in the deaths of over 340 Palestinians.",
     D(2025, 11, 23),
     [("nearly 500", "violations", "israelis", "since_ceasefire", 450, 500),
      ("over 340", "killed", "palestinians", "since_ceasefire", 340, 350)]),
    ("The Israeli army has killed more than 71,000 people, most of them women and children, and injured over 171,000 in a "
     "brutal offensive since October 2023 that left Gaza in ruins.",
     D(2026, 1, 21),
     [("more than 71,000", "killed", "palestinians", "war", 71000, 72000),
      ("over 171,000", "injured", "palestinians", "war", 171000, 172000)]),
    ("Despite a ceasefire that began Oct. 10, Israel has continued to attack, killing 447 Palestinians and wounding 1,246, "
     "according to the Gaza Health Ministry.",
     D(2026, 1, 21),
     [("447", "killed", "palestinians", "since_ceasefire", 447, 447),
      ("1,246", "injured", "palestinians", "since_ceasefire", 1246, 1246)]),
    ("This call comes amidst a recent surge in violence, with Gaza health officials reporting at least 20 to 21 Palestinians "
     "killed in Israeli airstrikes on Saturday.",
     D(2025, 11, 23),
     [("at least 20 to 21", "killed", "palestinians", "event", 20, 21)]),
    ("Israel, in turn, claimed to have killed a local Hamas commander, Alaa Al-Hadidi, head of supply in Hamas's production "
     "headquarters, on Sunday, and five senior Hamas members on Saturday following an attack on Israeli soldiers.",
     D(2025, 11, 23),
     [("five", "killed", "hamas_members", "event", 5, 5)]),
    ("The conflict, which escalated after Hamas’s October 7 attack on Israel, has resulted in significant casualties on both "
     "sides, with over 1,200 Israeli deaths and more than 44,000 deaths in Gaza, according to official figures.",
     D(2024, 11, 30),
     [("over 1,200", "killed", "israelis", "war", 1200, 1300),
      ("more than 44,000", "killed", "palestinians", "war", 44000, 45000)]),
    ("U.S. hostage affairs official Adam Boehler held talks with Hamas leadership in Qatar a few days ago, focusing on the "
     "return of American hostage Aidan Alexander (21 years old) and the bodies of four other captives.",
     D(2025, 3, 7),
     [("four", "captives", "deceased", "event", 4, 4)]),
    # --- sentences of our own: the same language, other figures ---------------------
    ("The Gaza Health Ministry said on Monday that at least 70,100 Palestinians have been killed since October 2023.",
     D(2025, 12, 2),
     [("at least 70,100", "killed", "palestinians", "war", 70100, None)]),
    ("At least 24 Palestinians were killed in Israeli air strikes on Saturday, according to the Gaza Civil Defence, in one "
     "of the deadliest days since the ceasefire.",
     D(2025, 11, 30),
     [("At least 24", "killed", "palestinians", "event", 24, None)]),
    ("On Tuesday, the ministry said 402 people had been killed since the truce began.",
     D(2025, 12, 9),
     [("402", "killed", "palestinians", "since_ceasefire", 402, 402)]),
    ("The death toll rose to 45,000 on Tuesday, the ministry said.",
     D(2024, 12, 17),
     [("45,000", "killed", "palestinians", "war", 45000, 45000)]),
    ("Aid groups said 4,200 trucks had entered the enclave in November, far short of the 600 a day promised.",
     D(2025, 12, 2),
     [("4,200", "aid_trucks", None, "unknown", 4200, 4200)]),
    ("Twelve journalists have been killed since the ceasefire took effect, the press syndicate said.",
     D(2025, 12, 2),
     [("Twelve", "killed", "journalists", "since_ceasefire", 12, 12)]),
    ("Hamas still holds 20 living hostages, Israeli officials said.",
     D(2025, 10, 1),
     [("20", "captives", "living", "current", 20, 20)]),
    ("Yesterday's strikes killed 31 people, including 12 children, medics said.",
     D(2025, 11, 20),
     [("31", "killed", "palestinians", "event", 31, 31),
      ("12", "killed", "children", "event", 12, 12)]),
    ("The army said 3 soldiers were wounded in the exchange of fire on Thursday.",
     D(2025, 11, 21),
     [("3", "injured", "soldiers", "event", 3, 3)]),
    ("Mediators have logged more than 600 breaches of the truce, a diplomat said.",
     D(2025, 12, 1),
     [("more than 600", "violations", None, "since_ceasefire", 600, 700)]),
    ("Gaza's health ministry says the number of Palestinians killed since the truce took effect now nears 400, "
     "while injuries since the ceasefire have passed 1,000.",
     D(2025, 12, 16),
     [("nears 400", "killed", "palestinians", "since_ceasefire", 360, 400),
      ("passed 1,000", "injured", "palestinians", "since_ceasefire", 1000, 2000)]),
    ("Twenty-one hostages were released on Monday, and nearly two thousand prisoners were freed from Israeli jails.",
     D(2025, 10, 14),
     [("Twenty-one", "captives", "israelis", "event", 21, 21),
      ("nearly two thousand", "prisoners", "palestinians", "event", 1800, 2000)]),
    ("The death toll in Gaza has climbed to 70,125 since the war began, the ministry said on 4 December 2025.",
     D(2025, 12, 5),
     [("70,125", "killed", "palestinians", "war", 70125, 70125)]),
    ("Since the truce began on Oct. 10, more than 200 Palestinians have been killed by Israeli fire. "
     "Three Israeli soldiers have been killed over the same period, the military said.",
     D(2025, 10, 29),
     [("more than 200", "killed", "palestinians", "since_ceasefire", 200, 300),
      ("Three", "killed", "soldiers", "since_ceasefire", 3, 3)]),
    ("Gaza's Hamas-run health ministry said 104 people were killed in the overnight strikes.",
     D(2025, 10, 29),
     [("104", "killed", "palestinians", "event", 104, 104)]),
    ("The IDF said on Wednesday that it had struck about 30 Hamas targets, killing what it described as dozens of "
     "terrorists, after a reservist was killed in southern Gaza on Tuesday.",
     D(2025, 10, 29),
     [("dozens", "killed", "hamas_members", "event", 24, 99)]),
    ("The Israeli military said it had targeted dozens of militants after a soldier was killed in Rafah on Tuesday.",
     D(2025, 10, 29),
     []),
    ("A further 1,200 people were killed in Israel on 7 October 2023, and 251 were taken hostage.",
     D(2025, 12, 10),
     [("1,200", "killed", "israelis", "event", 1200, 1200),
      ("251", "captives", "israelis", "event", 251, 251)]),
    ("In the war's first year alone, some 42,000 deaths were recorded.",
     D(2025, 12, 10),
     [("some 42,000", "killed", "palestinians", "period", 41000, 43000)]),
    ("GAZA CITY, Oct 29 (Global Wire) - Israeli strikes killed at least 27 people overnight, officials said on Wednesday.",
     D(2025, 10, 29),
     [("at least 27", "killed", "palestinians", "event", 27, None)]),
    ("Palestinian health officials say the number of people killed since October 2023 has climbed past 71,600.",
     D(2026, 1, 28),
     [("climbed past 71,600", "killed", "palestinians", "war", 71600, 71700)]),
    ("On Monday alone, officials reported 6 deaths in Khan Younis.",
     D(2026, 1, 28),
     [("6", "killed", "palestinians", "event", 6, 6)]),
    # --- not counts ----------------------------------------------------------------------
    ("Hamas has returned the remains of 15 of the 28 deceased hostages it was holding.", D(2025, 10, 29), []),
    ("The UN says 4,000 trucks a week are needed.", D(2025, 11, 19), []),
    ("The delegation sought clarification on UN Security Council Resolution 2803, which was adopted on November 17th.",
     D(2025, 11, 23), []),
    ("Trump announced a 20-point plan in September outlining a ceasefire framework.", D(2026, 1, 21), []),
    ("Under the first phase, Hamas was to return the remaining hostages within 72 hours.", D(2025, 11, 5), []),
    ("The war ended two years of fighting, officials said.", D(2025, 11, 5), []),
    ("Talks will resume in the second phase of the agreement.", D(2025, 11, 5), []),
]


@pytest.mark.parametrize("sentence, published, expected", COUNT_ROWS, ids=[r[0][:40] for r in COUNT_ROWS])
def test_count_claims(sentence, published, expected):
    assert counts(sentence, published) == [tuple(e) for e in expected]


def test_undated_day_phrase_is_an_event_without_a_day():
    # With no publication date "on Saturday" cannot be resolved, but it still marks an event.
    assert counts("Strikes killed 20 Palestinians on Saturday.", None) == [("20", "killed", "palestinians", "event", 20, 20)]


def attribution(sentence: str) -> tuple[str | None, str | None]:
    doc = Document(id="t", path="t", text=sentence, published=D(2025, 11, 23), body_end=len(sentence))
    claim = next(c for c in extract_claims(doc, LEX) if c.kind == "count")
    return claim.attribution, claim.party


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Israel killed 447 Palestinians, according to the Gaza Health Ministry.", ("the Gaza Health Ministry", "gaza_authorities")),
        ("A Hamas official said 340 Palestinians had been killed since the truce.", ("A Hamas official", "gaza_authorities")),
        ("Prior to the meeting, a Hamas official highlighted the priority, citing nearly 500 violations since the ceasefire.",
         ("a Hamas official", "gaza_authorities")),
        ("Gaza health officials reporting at least 20 Palestinians killed on Saturday.", ("Gaza health officials", "gaza_authorities")),
        ("Palestinian health officials say 71,600 people have been killed.", ("Palestinian health officials", "gaza_authorities")),
        ("The Israeli military said 14 Palestinians were killed in the raid on Friday.", ("The Israeli military", "israel")),
        ("With 44,000 deaths in Gaza, according to official figures.", ("official figures", None)),
        ("Strikes on Saturday killed 9 Palestinians, hospital officials said.", ("hospital officials", None)),
        ("OCHA said 1.9 million people have been displaced.", ("OCHA", "neutral")),
        ("At least 30 people were killed on Saturday.", (None, None)),
        ("Israel killed 12 people, according to Gaza's health ministry.", ("Gaza's health ministry", "gaza_authorities")),
    ],
)
def test_attribution(sentence, expected):
    assert attribution(sentence) == expected


def graded(text: str, published: dt.date = D(2025, 11, 23)) -> list[tuple[str, str | None, str | None, str | None]]:
    doc = Document(id="t", path="t", text=text, published=published, body_end=len(text))
    return [(c.text, c.confidence, c.doubts, c.basis) for c in extract_claims(doc, LEX) if c.kind == "count"]


# (text, [(figure, confidence, doubts, counting basis)]): what the figure's own words settle.
CONFIDENCE_ROWS = [
    ("The Health Ministry said 70,400 Palestinians have been killed since the war began.",
     [("70,400", "high", None, "health_ministry")]),
    ("Since the war began, at least 70,400 Palestinians have been killed.",
     [("at least 70,400", "high", "no source named", None)]),
    ("Dozens of Palestinians have been killed since the truce, medics said.",
     [("Dozens", "low", "vague figure", None)]),
    ("Officials said 45 people died.",
     [("45", "low", "span not stated in its sentence", None)]),
    ("The Government Media Office said 61,700 people have been killed or are missing since the war began.",
     [("61,700", "high", None, "media_office")]),
    ("Israel's military said 17,000 fighters have been killed since the war began.",
     [("17,000", "high", None, "israeli_army")]),
    ("OCHA reported 1.9 million people displaced since the war began.",
     [("1.9 million", "high", None, "united_nations")]),
    ("Israeli strikes killed 300 people since the truce. Over the same period, 800 were wounded, according to medics.",
     [("300", "high", "no source named", None), ("800", "medium", "span not stated in its sentence", None)]),
    # A headline's source before a colon, or after a final colon.
    ("UNICEF: over 12,000 Palestinian children killed in Gaza since October",
     [("over 12,000", "high", None, "united_nations")]),
    ("Palestinian death toll in Gaza rises to 35,100: health authorities",
     [("35,100", "high", None, "health_ministry")]),
    ("Israel-Hamas war updates: death toll rises to 35,100",
     [("35,100", "high", "no source named", None)]),
    # An aside after a dash that the metric word before it heads: the metric is the figure's own.
    ("She wrote of those killed by air strikes in Gaza – now more than 37,000 people in total, the ministry says.",
     [("more than 37,000", "high", None, None)]),
    ("Many were killed in the raids; more than 37,000 people in total, the ministry says.",
     [("more than 37,000", "medium", "metric word outside its clause", None)]),
]


@pytest.mark.parametrize(
    "published, expected",
    [
        # In the war's first week (claims.yaml's vetted date.war_start), a toll naming no side while
        # both sides fight may be either side's: no error rests on it.
        (D(2023, 10, 8), [("nears 1,100", "medium", "no side named in the war's first week, while both sides fight in its sentence, no source named", None)]),
        (D(2023, 11, 8), [("nears 1,100", "high", "no source named", None)]),
    ],
)
def test_a_toll_of_no_side_in_the_first_week(published, expected):
    assert graded("Israeli troops battle Hamas gunmen as the death toll nears 1,100.", published) == expected


@pytest.mark.parametrize("text, expected", CONFIDENCE_ROWS, ids=[r[0][:40] for r in CONFIDENCE_ROWS])
def test_confidence_and_basis(text, expected):
    assert graded(text) == expected


def dates(text: str, published: dt.date | None):
    doc = Document(id="t", path="t", text=text, published=published, body_end=len(text))
    return [(c.text, c.first, c.last, c.event) for c in extract_claims(doc, LEX) if c.kind == "date"]


@pytest.mark.parametrize(
    "sentence, published, expected",
    [
        ("Despite a ceasefire that began Oct. 10, Israel has continued to attack.", D(2026, 1, 21),
         [("Oct. 10", D(2025, 10, 10), D(2025, 10, 10), "ceasefire_start")]),
        ("Hamas reaffirmed its commitment to the first phase of the truce that came into effect on October 10.", D(2025, 11, 23),
         [("October 10", D(2025, 10, 10), D(2025, 10, 10), "ceasefire_start")]),
        ("The resolution, pertaining to the plan for Gaza, which was adopted on November 17th.", D(2025, 11, 23),
         [("November 17th", D(2025, 11, 17), D(2025, 11, 17), "un_resolution_adopted")]),
        ("In November last year, the UN Security Council adopted a US-backed resolution.", D(2026, 1, 21),
         [("November last year", D(2025, 11, 1), D(2025, 11, 30), "un_resolution_adopted")]),
        ("The ceasefire that took effect on October 12 ended two years of war.", D(2025, 11, 5),
         [("October 12", D(2025, 10, 12), D(2025, 10, 12), "ceasefire_start")]),
        ("The delegation arrived in Cairo on Friday.", D(2025, 3, 7), [("Friday", D(2025, 3, 7), D(2025, 3, 7), None)]),
        ("Despite a ceasefire that began Oct. 10, attacks went on.", None, []),
        # The date belongs to the report, not to the war's start.
        ("The toll has climbed since the war began, the ministry said on 4 December 2025.", D(2025, 12, 5),
         [("4 December 2025", D(2025, 12, 4), D(2025, 12, 4), None)]),
        # A numbered resolution is its own event.
        ("Resolution 2720, passed in December 2023, called for aid at scale.", D(2025, 12, 5),
         [("December 2023", D(2023, 12, 1), D(2023, 12, 31), "un_resolution_adopted:2720")]),
    ],
)
def test_date_claims_and_events(sentence, published, expected):
    got = dates(sentence, published)
    # The date grammar decides how much of "on Friday" it keeps; compare the core words.
    assert [(t.removeprefix("on ").removeprefix("In ").removeprefix("in "), f, l, e) for t, f, l, e in got] == expected


def test_comment_section_claims_are_marked():
    text = "Strikes killed 20 Palestinians on Saturday.\n3 Comments\nAli\n25 Palestinians killed? Shameful.\n"
    doc = Document(id="t", path="t", text=text, published=D(2025, 11, 23), body_end=text.index("3 Comments"))
    got = [(c.text, c.section) for c in extract_claims(doc, LEX) if c.kind == "count"]
    assert got == [("20", "body"), ("25", "comments")]


def test_claim_positions_and_ids():
    text = "Headline\nSince the truce began, 356 Palestinians had been killed."
    doc = Document(id="d.md", path="d.md", text=text, published=D(2025, 12, 2), body_end=len(text))
    (claim,) = [c for c in extract_claims(doc, LEX) if c.kind == "count"]
    assert (claim.id, claim.line, claim.column, text[claim.start : claim.end]) == ("d.md#1", 2, 24, "356")


def test_phrase_wildcard_spans_up_to_three_words():
    pattern = phrase_pattern(("ceasefire * took effect",))
    assert pattern.search("the ceasefire that finally took effect")
    assert pattern.search("the ceasefire took effect")
    assert not pattern.search("the ceasefire, which most observers say, took effect")


@pytest.mark.parametrize(
    "text, day",
    [
        # The day the figure's own verb happened on.
        ("About 250 people were taken hostage on October 7.", D(2023, 10, 7)),
        ("Israeli strikes killed 30 people on Tuesday, medics said.", D(2024, 6, 4)),
        # A date that tells the people's past (a participle on the noun), or another clause's.
        ("Army rescues 4 hostages kidnapped on Oct. 7 in a raid on the camp.", None),
        ("Troops recover the bodies of three hostages; all were killed on October 7.", None),
    ],
)
def test_the_day_of_an_event_count(text, day):
    doc = Document(id="t", path="t", text=text, published=D(2024, 6, 8), body_end=len(text))
    assert [c.event_first for c in extract_claims(doc, LEX) if c.kind == "count"] == [day]
