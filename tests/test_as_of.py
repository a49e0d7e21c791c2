"""The date a figure speaks for (``as_of``): its own "as of"/"by" date, a past it is told in, else the report's.

Analysis pieces and anniversaries retell older figures: dated at the report, a
toll "of a month ago" would look like a fall. Sentences of our own, in the
shapes reporters use.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from ceasefire_cli.config import load_settings
from ceasefire_cli.extract.claims import build_lexicon, extract_claims
from ceasefire_cli.models import Document

LEX = build_lexicon(load_settings(Path(__file__).resolve().parent.parent / "claims.yaml"))
D = dt.date


@pytest.mark.parametrize(
    "sentence, published, figure, expected",
    [
        # The report's own date when nothing else is said.
        ("The ministry says 402 people have been killed since the truce began.", D(2025, 12, 22), "402", D(2025, 12, 22)),
        # A report on a day: the running toll as of that day, not the article's.
        ("On 12 March 2024 the ministry reported 31,184 killed.", D(2024, 4, 2), "31,184", D(2024, 3, 12)),
        ("Its bulletin, on 2 June, recorded 36,400 killed.", D(2024, 6, 9), "36,400", D(2024, 6, 2)),
        # Two ends of a rise between two days: each value at its own day.
        ("Between 2 May and 6 June the death toll went from 34,600 to 36,650.", D(2024, 6, 9), "34,600", D(2024, 5, 2)),
        ("Between 2 May and 6 June the death toll went from 34,600 to 36,650.", D(2024, 6, 9), "36,650", D(2024, 6, 6)),
        # "figures dated" a day date the whole sentence; a past stock "after" a day is that day's.
        ("Its tally since October 2023 reached 72,880 killed and 172,900 injured, figures dated 28 May.", D(2026, 6, 1), "172,900", D(2026, 5, 28)),
        ("Officials had thought that about 235 people were held in Gaza after 7 October.", D(2023, 12, 10), "about 235", D(2023, 10, 7)),
        # A stock told in the present beside a past day of another clause is the report's.
        ("Two captives seized on 7 October were freed on Sunday, while about 100 remain in Gaza.", D(2024, 6, 10), "about 100", D(2024, 6, 10)),
        # "as of" / "by" a date, the nearest to the figure in a list.
        ("As of November 3, about 250 people had been killed since the truce.", D(2025, 12, 22), "about 250", D(2025, 11, 3)),
        ("The office logged about 410 violations by 21 November, about 600 by 7 December and about 1,050 by mid-January.",
         D(2026, 1, 26), "about 600", D(2025, 12, 7)),
        ("The office logged about 410 violations by 21 November, about 600 by 7 December and about 1,050 by mid-January.",
         D(2026, 1, 26), "about 1,050", D(2026, 1, 15)),
        # A date past a semicolon is another clause's.
        ("At the end of October the number killed since the truce stood at about 245; by December 19 it had passed 395.",
         D(2025, 12, 23), "about 245", D(2025, 10, 31)),
        # Told "a month ago", "last month", in a past month or part of one.
        ("A month ago the ministry put the toll since the ceasefire at 290.", D(2025, 12, 23), "290", D(2025, 11, 23)),
        ("Last month, the toll since the truce stood at 340.", D(2025, 12, 23), "340", D(2025, 11, 30)),
        ("In November, 69,450 Palestinians had been killed, the ministry said.", D(2025, 12, 23), "69,450", D(2025, 11, 30)),
        ("The toll since the truce was 285 in mid-November.", D(2025, 12, 23), "285", D(2025, 11, 15)),
        ("The toll since the ceasefire rose to 358 on December 3.", D(2025, 12, 23), "358", D(2025, 12, 3)),
        # "that day", "when …": the past day the sentence names.
        ("All 20 living hostages came home on 13 October, and militants have since handed back the remains of all but one of "
         "the 28 dead hostages they still held that day.", D(2026, 1, 20), "28", D(2025, 10, 13)),
        # A span's start or an event's day is no date of the figure.
        ("The ministry says 361 have been killed since the ceasefire took effect on October 10.", D(2025, 12, 5), "361", D(2025, 12, 5)),
        # A dated list of one running total: each item at its own date.
        ("Deaths since the truce stood at about 250 on 31 October, 290 on 19 November and 350 on 29 November.",
         D(2026, 1, 20), "290", D(2025, 11, 19)),
        ("The toll since the ceasefire rose to 290 on 19 November, and strikes killed 22 on 20 November.",
         D(2026, 1, 20), "290", D(2025, 11, 19)),
        # The next sentence's date is never this figure's.
        ("The toll since the truce stood at 300. By 18 November, it was 280.", D(2025, 12, 5), "300", D(2025, 12, 5)),
    ],
)
def test_as_of(sentence, published, figure, expected):
    doc = Document(id="t", path="t", text=sentence, published=published, body_end=len(sentence))
    claims = [c for c in extract_claims(doc, LEX) if c.kind == "count" and c.text == figure]
    assert claims, f"{figure!r} not read in {sentence!r}"
    assert claims[0].as_of == expected


def test_a_year_before_a_figure_makes_no_range():
    # "since October 2023 to 68,500": the year, then the toll, never a range from one to the other.
    text = "The ministry put the toll since October 2023 to 68,450 on Saturday."
    doc = Document(id="t", path="t", text=text, published=D(2025, 11, 2), body_end=len(text))
    assert [c.text for c in extract_claims(doc, LEX) if c.kind == "count"] == ["68,450"]


@pytest.mark.parametrize(
    "sentence, figure, place",
    [
        ("Israeli fire killed three Palestinians in Bani Suheila on Friday, medics at Nasser Hospital said.", "three", "bani suheila"),
        ("Doctors at al-Awda Hospital in Jabalia said 14 people were killed in a strike on a house in Beit Lahia.", "14", "beit lahia"),
        ("Strikes killed 6 people on Sunday, officials in Gaza City said.", "6", None),
        ("A strike on a school in Nuseirat killed 21 people.", "21", "nuseirat"),
        # A place after a direction is the event's too: "west of" and "near" one town are one strike.
        ("A drone strike on a tent west of Deir el-Balah killed four people on Monday.", "four", "deir el-balah"),
        ("The toll of Monday's drone strike near Deir el-Balah rose to six.", "six", "deir el-balah"),
    ],
)
def test_where_the_source_speaks_from_is_not_the_event_place(sentence, figure, place):
    # The event's place is where people died, not where the medics or officials who tell it are.
    doc = Document(id="t", path="t", text=sentence, published=D(2025, 11, 30), body_end=len(sentence))
    claims = [c for c in extract_claims(doc, LEX) if c.kind == "count" and c.text == figure]
    assert claims and claims[0].event == place
