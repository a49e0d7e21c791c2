"""The catalogue of finding codes: one stable code, severity and explanation each.

Codes never change meaning; users filter and suppress findings by them
(``--ignore CF102``) and ``cfcheck explain CODE`` prints the entry.
"""

from __future__ import annotations

from dataclasses import dataclass

from .models import Severity


@dataclass(frozen=True, slots=True)
class Rule:
    """One finding code: what it means and an example that triggers it."""

    code: str
    name: str
    severity: Severity
    summary: str
    example: str
    #: The finding's message by form: ``str.format`` templates whose fields the rule fills in.
    messages: tuple[tuple[str, str], ...] = ()

    def message(self, form: str = "", **fields: object) -> str:
        """The message of ``form`` with ``fields`` filled in.

        >>> rule("CF107").message(topic="Palestinians killed", low="a", high="b")
        'about ten times apart (Palestinians killed): a vs b — a dropped or extra digit?'
        """
        return dict(self.messages)[form].format(**fields)


RULES: tuple[Rule, ...] = (
    Rule(
        "CF101",
        "same-date-conflict",
        "error",
        "Two reports of a cumulative figure or a stock speak for the same date, and their intervals do not overlap. A stock (hostages held) may move by the largest release or recovery reported that day or the lag days before.",
        'a.md (2025-11-23): "more than 340 killed since the ceasefire" [340-350]\n'
        'b.md (2025-11-23): "killing 290 Palestinians since the truce" [290]',
        messages=(("", "same date, different figures ({topic}): {top} vs {bottom}"),),
    ),
    Rule(
        "CF102",
        "cumulative-decrease",
        "error",
        "A cumulative figure (a war's toll, the toll since the ceasefire) is lower than an "
        "earlier report's: a toll cannot fall, so one of them is stale or wrong.",
        'a.md (2024-11-30): "more than 44,000 deaths in Gaza" [44,000-45,000]\n'
        'b.md (2025-01-15): "the toll of 41,000 killed" [41,000]',
        messages=(("", "a cumulative figure fell ({topic}): {earlier}, later {later} — stale or wrong figure"),),
    ),
    Rule(
        "CF103",
        "implausible-growth",
        "warning",
        "A cumulative figure grows faster between two reports than `defaults.max_daily_growth` "
        "in claims.yaml allows, faster than twice the growth the topic's other reports show "
        "within a month of them, and faster than twice the growth of the same people's other "
        "running toll over the same days (the wounded beside the dead): check both figures and dates.",
        'a.md (2025-11-01): "211 killed since the ceasefire"\n'
        'b.md (2025-11-03): "more than 2,100 killed since the ceasefire"',
        messages=(("", "grew faster than {rate} plus {increase} a day ({topic}): {base}, {days} day(s) later {top}"),),
    ),
    Rule(
        "CF104",
        "event-count-conflict",
        "error",
        "Two reports count the same event (the same metric, population and day) and their "
        "intervals do not overlap. A later report may rise (the dead are found, the wounded die) "
        "but not fall; people held (captives or prisoners freed, returned or taken) are counted "
        "by name, so reports made a week or more after such an event may not rise either, "
        "except on the war's first day (`date.war_start`), whose count took months.",
        'a.md: "at least 20 to 21 Palestinians killed in airstrikes on Saturday" [20-21]\n'
        'b.md: "35 Palestinians were killed on Saturday" [35]',
        messages=(("", "one event, different counts ({topic}): {top} vs {bottom}"), ("later", "one event, a lower count later ({topic}): {top}, later {low}")),
    ),
    Rule(
        "CF105",
        "event-date-conflict",
        "error",
        "Two reports give different dates for the same event (for example when the ceasefire took effect).",
        'a.md: "a ceasefire that began Oct. 10"\nb.md: "the truce that came into effect on October 11"',
        messages=(("", "two dates for one event ({event}): {earliest} vs {latest}"),),
    ),
    Rule(
        "CF106",
        "stale-figure",
        "warning",
        "Two reports of a running toll for about the same date are further apart than reporting lag "
        "explains (`references.lag_days` of the topic's own growth), but within twice that: "
        "one quotes an older update. Every report quoting the older update is named (a copied "
        "sentence once, with the other places it appears), and in `check` a draft that quotes it is "
        "told so even when a corpus article keeps it company. Check which figure is current.",
        'a.md (2024-07-27): "has since killed 39,090 Palestinians" [39,090]\n'
        'b.md (2024-07-27): "has since killed 39,258 Palestinians" [39,258]',
        messages=(("", "stale figure ({topic}): {stale} vs the newer {newer}"), ("after", "stale figure ({topic}): {stale} after the newer {newer}")),
    ),
    Rule(
        "CF107",
        "magnitude-slip",
        "error",
        "Two reports of a running toll are about ten times apart: after the other (a toll never falls "
        "tenfold) or within two weeks of it (no toll grows tenfold that fast). One figure has lost or "
        "gained a digit.",
        'a.md (2025-11-18): "about 345 killed since the ceasefire"\n'
        'b.md (2025-11-28): "35 Palestinians have been killed since the ceasefire"',
        messages=(("", "about ten times apart ({topic}): {low} vs {high} — a dropped or extra digit?"),),
    ),
    Rule(
        "CF201",
        "disputed",
        "warning",
        "Figures disagree, but they come from opposing parties (the Israeli army or government "
        "against Hamas or the Gaza authorities): a dispute to attribute, not an error to fix.",
        'a.md: "20 killed on Saturday, according to the Gaza Health Ministry"\n'
        'b.md: "the Israeli army said 9 were killed on Saturday"',
        messages=(("", "disputed between opposing parties — {message}"),),
    ),
)

RULES += (
    Rule(
        "CF202",
        "name-variant",
        "info",
        "One person or place is spelled differently across sources (Mohammed / Mohammad "
        "Darwish): pick one spelling for the house style.",
        'a.md: "led by Mohammed Darwish"\nb.md: "led by Muhammad Darwish"',
        messages=(("", "one name, {count} spellings: {spellings}"),),
    ),
    Rule(
        "CF203",
        "different-counting-basis",
        "warning",
        "Figures disagree, but their attributions name different counting bases (claims.yaml "
        "`bases:`): the Health Ministry's register and the Media Office's count with the missing, "
        "the army's count and the UN's. Say whose count each figure is.",
        'a.md: "44,000 killed, according to the Health Ministry"\n'
        'b.md: "the Government Media Office said 55,000 were killed or missing"',
        messages=(("", "different counting basis ({a} vs {b}) — {message}"),),
    ),
    Rule(
        "CF301",
        "reference-contradiction",
        "error",
        "A cumulative figure disagrees with the reference series (for example the Gaza Health "
        "Ministry's daily report) at its date, allowing the reporting lag.",
        'a.md (2026-01-21): "more than 80,000 killed" vs the series: 71,551 on 2026-01-20',
        messages=(("", "{claim} vs {series} ({field}): {standing}"), ("reaches", "{claim} vs {series} ({field}): {standing}; the series reaches the figure only on {day}")),
    ),
    Rule(
        "CF302",
        "reference-stale",
        "warning",
        "A cumulative figure matches the reference series only at an earlier date than the "
        "reporting lag allows: the article repeats an old figure.",
        'a.md (2026-01-21): "more than 69,000 killed" matches the series of 2025-10-05, 108 days earlier',
        messages=(("", "{claim} matches {series} ({field}) only as of {day} ({value}), {days} earlier; the series stood at {standing}"),),
    ),
    Rule(
        "CF303",
        "reference-event-date",
        "error",
        "An event date the reference series marks (its first day is the war's start) is given differently.",
        'a.md: "the war that began on October 8, 2023" vs the series starting 2023-10-07',
        messages=(("", "{claim} vs {series}: {event} on {day}, its first day"),),
    ),
    Rule(
        "CF401",
        "contradicts-vetted-fact",
        "error",
        "A claim contradicts a fact the desk has vetted in claims.yaml (`facts:`).",
        'draft.md: "the truce that took effect on October 12" vs vetted fact: ceasefire took effect 2025-10-10',
        messages=(("", "{claim} contradicts a vetted fact: {fact} ({source}; {file}:{line})"),),
    ),
)

BY_CODE: dict[str, Rule] = {r.code: r for r in RULES}

#: How a contradiction graded down by confidence ends its message (see ``rules.conflict.graded``).
GRADED = "{message} — a warning, not an error: {note}"


def rule(code: str) -> Rule:
    """The catalogue entry for ``code``.

    >>> rule("CF102").name
    'cumulative-decrease'
    """
    return BY_CODE[code]
