"""Date vocabulary: month, weekday and number words, and the compiled patterns of the date grammar.

Everything here is built once, at import. ``dates.py`` reads with these;
``date_spans.py`` resolves what it reads against ``today``.
"""

from __future__ import annotations

import re

MONTHS = ("january", "february", "march", "april", "may", "june", "july",
           "august", "september", "october", "november", "december")
MONTH_NUMBER = {name: i for i, name in enumerate(MONTHS, 1)}
ABBREVIATION = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
                 "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12}
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
WEEKDAY_NUMBER = {name: i for i, name in enumerate(WEEKDAYS)}
DAY_WORDS = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}
NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
                 "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11,
                 "twelve": 12}
#: Longest day number a month can hold in some year (Feb 29 in leap years).
MAX_DAY = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
#: How far back a cue word ("in", "the 17th of", "the end of") may start.
BACK = 24
#: How far back a future cue ("would meet on") may start.
FUTURE_WINDOW = 60

#: Whitespace between the words of a date: a few spaces, at most one line break
#: (so a heading's last word never joins the next paragraph's first number).
SPACE = r"(?=\s)[^\S\n]{0,3}\n?[^\S\n]{0,3}"


def _compile(pattern: str, flags: int = 0) -> re.Pattern[str]:
    r"""Compile ``pattern`` with ``\s+`` read as :data:`SPACE` and ``\s*`` as up to 3 blanks."""
    return re.compile(pattern.replace(r"\s+", SPACE).replace(r"\s*", r"[^\S\n]{0,3}"), flags)


NAMES = sorted((*MONTHS, *ABBREVIATION, *WEEKDAYS), key=len, reverse=True)
#: Month names read in lower case too, right after "since" ("since october 7" in a headline
#: written carelessly): all but "may" and "march", which are also a verb and a walk. A scan of
#: their own, led by the literal "since ", so that lower-case letters do not slow the anchor scan.
LOWER_MONTHS = tuple(m for m in MONTHS if m not in ("may", "march"))
SINCE_LOWER_MONTH = re.compile(rf"since[^\S\n]{{1,3}}({'|'.join(LOWER_MONTHS)})(?!\w)")
ANCHOR_BRANCHES = (
    [v for w in NAMES for v in (w.capitalize(), w.upper())]
    + [v for w in DAY_WORDS for v in (w, w.capitalize())]
    + [rf"{w}\s+(?:week|month|year|weekend)"
       for w in ("this", "This", "last", "Last", "next", "Next")]
    + [r"days?\s+ago", r"weeks?\s+ago", r"months?\s+ago", r"years?\s+ago",
       r"day\s+before", r"day\s+after",
       r"1[89][0-9][0-9]", r"2[01][0-9][0-9]"]  # years 1800-2199
)


def _first_char_alternation(branches: list[str]) -> str:
    """``a(?:bc|d)|e(?:f)``: one branch per first character, in first-seen order.

    Each branch starts with a literal, so ``re`` scans for the set of first
    characters in C; grouping means a hit on a common letter ("t") tries a
    handful of branches, not all of them (2.5x faster on news text).
    """
    groups: dict[str, list[str]] = {}
    for branch in branches:
        groups.setdefault(branch[0], []).append(branch[1:])
    return "|".join(f"{first}(?:{'|'.join(rests)})" for first, rests in groups.items())


ANCHOR = _compile(f"(?:{_first_char_alternation(ANCHOR_BRANCHES)})(?!\\w)")

YEAR = r"(1[89]\d\d|2[01]\d\d)(?![\d%]|[.,]\d)"
DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
# A day number is not part of a time (10:30), a decimal, a thousands group or a percentage.
DAY_END = r"(?![\d:%]|[.,]\d)"
FWD_DAY = _compile(rf"\s+{DAY}(?:\s*[-–]\s*{DAY})?{DAY_END}(?:,?\s+{YEAR})?")
FWD_DAY_TIGHT = _compile(rf"{DAY}(?:\s*[-–]\s*{DAY})?{DAY_END}(?:,?\s+{YEAR})?")
FWD_YEAR = _compile(rf",?\s+(?:of\s+)?{YEAR}")
FWD_REL_YEAR = _compile(r",?\s+(last|this|next)\s+year(?!\w)", re.I)
ISO_REST = _compile(r"-(\d\d)-(\d\d)(?![\d:]|[.,]\d)")
YEAR_RANGE = _compile(r"\s*[-–]\s*(\d{4}|\d\d)(?!\w)")
BWD_DAY = _compile(rf"(?<![\w.,/-]){DAY}(?:\s*[-–]\s*{DAY})?\s+(?:of\s+)?\Z")
BWD_WEEKDAY = _compile(rf"(?<!\w)(?:{'|'.join(WEEKDAYS)})(?:,\s*|\s+)(?:the\s+)?\Z", re.I)
BWD_MODIFIER = _compile(r"(?<!\w)(last|next|this)\s+\Z", re.I)
BWD_PARTIAL = _compile(r"(?<!\w)(earlier|later)\s+\Z", re.I)
BWD_DURATION = _compile(r"(?<!\w)(?:the|past)\s+\Z", re.I)
BWD_THE = _compile(r"(?<!\w)the\s+\Z", re.I)
BWD_COUNT = _compile(
    rf"(?<![\w,.])(\d{{1,3}}|{'|'.join(NUMBER_WORDS)})\s+\Z", re.I)
OF_PERIOD = r"(?:end|start|beginning|middle|half|rest|week|weeks|course|part|quarter)\s+of"
BWD_MONTH_CUE = _compile(
    r"(?<!\w)(?:in|on|since|by|until|till|through|from|during|before|after|early|late|as\s+of|"
    rf"{OF_PERIOD})\s+\Z|(?<!\w)mid(?:-|\s+)\Z", re.I)
# "May" and "March" are also a verb, a surname and a noun: fewer cues.
BWD_AMBIGUOUS_MONTH_CUE = _compile(
    r"(?<!\w)(?:in|on|since|until|early|late)\s+\Z|(?<!\w)mid(?:-|\s+)\Z", re.I)
BWD_YEAR_CUE = _compile(
    r"(?<!\w)(?:in|since|by|until|till|through|throughout|from|during|before|after|early|"
    rf"late|between|year|{OF_PERIOD}|(?:spring|summer|autumn|fall|winter)\s+of)\s+\Z"
    r"|(?<!\w)mid(?:-|\s+)\Z"
    # the second of two years: "from 2023 to 2025", "between 2023 and 2025"
    r"|(?<![\w,.])(?:1[89]|2[01])\d\d\s+(?:to|and|or|until|through)\s+\Z", re.I)
COUNT_AFTER = _compile(
    r"\s*(?:%|percent|per\s+cent)|\s+(?:people|persons|civilians|children|women|men|"
    r"Palestinians|Israelis|soldiers|fighters|deaths|dead|killed|injured|wounded|trucks|"
    r"tons|tonnes|homes|buildings|violations|prisoners|hostages|detainees)(?!\w)")
WEEKDAY_TITLE_AFTER = _compile(r"\s+(?:Times|Telegraph|Express|Mirror|Herald|Post)(?!\w)")
NAMED_WEEKDAY = _compile(
    r"(?<!\w)(?:Black|Good|Bloody|Holy|Palm|Easter|Ash|Super|Cyber|Maundy)\s+\Z")
EVENT_AFTER = _compile(
    r"(?:['’]s)?\s+(?:(?:Hamas|Hamas-led|terror|terrorist|cross-border|surprise)\s+)?"
    r"(?:attacks?|massacres?|assaults?|raids?|incursions?|invasion|onslaught|atrocit(?:y|ies)|"
    r"rampage|killings|hostages?|hostage-taking|anniversary|events?|war|attackers)(?!\w)", re.I)
CLAUSE_END = _compile(r"\s*(?:[,.;:!?)\"”’]|\Z)")
BEFORE_OR_AFTER_DAY = _compile(r"\s+(yesterday|tomorrow)(?!\w)", re.I)
SENTENCE_BREAK = _compile(r"[.!?][\"”’)]*\s+(?=[\"“‘(]*[A-Z])|[;\n]")
# "due to" alone is usually causal ("due to strikes"), so it needs a verb.
FUTURE_CUE = _compile(
    r"(?<!\w)(?:will|would|shall|(?:is|are)\s+(?:set|expected|due)\s+to|(?:is|are)\s+scheduled|"
    r"(?:set|scheduled)\s+for|plans?\s+to|next(?!\s+day)|upcoming|to\s+meet|"
    # Headline future: "truce to begin on Friday", "captives to be freed on Monday".
    r"to\s+(?:begin|start|take\s+effect|come\s+into\s+(?:effect|force)|resume|open|reopen|expire|"
    r"be\s+released|be\s+freed|be\s+held|hold|vote|sign)|"
    r"due\s+to\s+(?:be|begin|start|resume|meet|hold|arrive|return|open|reopen|end|expire|"
    r"travel|visit|vote|sign|take))(?!\w)"
    r"|['’]ll(?!\w)", re.I)
