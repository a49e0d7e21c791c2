"""Figures in Markdown tables: what a cell counts is said by its column's head, and when by its row's date.

Situation reports tabulate tolls ("| 1 May 2024 | 34,568 | 77,765 |" under
"| Date | Killed (cumulative) | Injured (cumulative) |"). A cell's sentence is
its row, which names no metric: read as prose, its figures would be lost or
misread. Here a cell takes:

* its **metric** and **group** from its column's head ("Killed", "Children
  killed", "Injured (cumulative)"); a head that names no metric of the beat
  leaves the cell to the prose reader;
* its **span** from the head's own cue ("cumulative", "since 7 October",
  "total"), else from the sentence right before the table ("… cumulative
  figures since 7 October 2023"); a head of a period's count ("added",
  "new", "per day", "daily", "average") makes the cell no running total;
* its **date** from the row's date cell: a running total is told as of it,
  a day's count is that day's.

Only body rows count (not the head, not the separator), and only cells whose
whole text is the figure.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..models import Quantity
from .context import DocContext
from .lexicon import phrase_key

__all__ = ["Cell", "has_table", "table_cell"]

# A table's separator line: "|---|---:|", ":--- | ---".
_SEPARATOR = re.compile(r"[ \t]*\|?(?:[ \t]*:?-{3,}:?[ \t]*\|)+[ \t]*(?::?-{3,}:?[ \t]*)?$")
# A head that counts a period or a rate, not a running total.
_PERIOD_HEAD = re.compile(r"(?<![\w-])(?:added|new|daily|per\s+day|a\s+day|average|increase|change|since\s+previous|this\s+week|weekly)(?![\w-])", re.IGNORECASE)
# A head or caption that says its figures are running totals.
_TOTAL_HEAD = re.compile(r"(?<![\w-])(?:cumulative|total|to\s+date|so\s+far|since\s+(?:7\s+)?oct(?:ober|\.)?(?:\s+7)?(?:\s+2023)?|since\s+the\s+war)(?![\w-])", re.IGNORECASE)
# The whole text of a cell that is a figure: digits, separators, a hedge mark.
_FIGURE_CELL = re.compile(r"[\s*~≈]*(?:about|some|over|more than|nearly|almost|at least)?\s*~?[\d][\d,.\s]*\+?[\s*¹²³⁴⁵⁶⁷⁸⁹⁰]*$", re.IGNORECASE)


@dataclass(frozen=True)
class Cell:
    """What a table cell's figure counts, as its column head and row say."""

    metric: str
    population: str | None
    scope: str
    as_of: dt.date | None


def has_table(text: str) -> bool:
    """True when ``text`` holds a Markdown table's separator line (read once per document, not per figure)."""
    return "|" in text and any(_SEPARATOR.match(line) for line in text.splitlines() if "-" in line)


def table_cell(ctx: DocContext, q: Quantity) -> Cell | None:
    """The reading of ``q`` as a table cell, or None when it stands in no table body row (or its column counts nothing of the beat)."""
    text = ctx.doc.text
    line_start = text.rfind("\n", 0, q.start) + 1
    line_end = text.find("\n", q.end)
    line_end = len(text) if line_end < 0 else line_end
    row = text[line_start:line_end]
    if "|" not in row or not row.lstrip().startswith("|"):
        return None
    table = _table_of(ctx, line_start)
    if table is None:
        return None
    heads, caption_start = table
    # Which column: the cells of the row, split on the pipes.
    bounds = [line_start + i for i, ch in enumerate(row) if ch == "|"]
    column = sum(1 for b in bounds if b < q.start) - (1 if row.lstrip().startswith("|") else 0)
    if not 0 <= column < len(heads) or column == 0 and len(heads) > 1 and _is_label_column(heads[0]):
        return None
    cell_start = max((b for b in bounds if b < q.start), default=line_start) + 1
    cell_end = min((b for b in bounds if b >= q.end), default=line_end)
    if not _FIGURE_CELL.fullmatch(text, cell_start, cell_end):
        return None
    head = heads[column]
    lex = ctx.lex
    found = lex.metric.search(head)
    if found is None:
        return None
    metric = lex.metric_names.get(phrase_key(found.group()))
    if metric is None:
        return None
    people = lex.population.search(head) if lex.population is not None else None
    settings = lex.settings
    spec = next(m for m in settings.metrics if m.name == metric)
    population = lex.population_names[phrase_key(people.group())] if people is not None else spec.population
    day = next(iter(ctx.dates_starting(line_start, line_end)), None)
    if _PERIOD_HEAD.search(head):
        return Cell(metric, population, "increment", ctx.doc.published)
    caption = text[caption_start:line_start]
    if _TOTAL_HEAD.search(head) or _TOTAL_HEAD.search(caption[-400:]):
        scope = spec.scope if spec.scope != "unknown" and settings.scope(spec.scope).kind == "cumulative" else "war"
        if not any(s.name == scope for s in settings.scopes):
            return None
        return Cell(metric, population, scope, day.last if day is not None else ctx.doc.published)
    if spec.scope == "current" or spec.held:
        return Cell(metric, population, "current", day.last if day is not None else ctx.doc.published)
    return Cell(metric, population, "unknown", ctx.doc.published)


def _is_label_column(head: str) -> bool:
    """The first column of most tables names its rows (a date, a place), not a count."""
    return bool(re.search(r"(?i)date|day|week|month|as of|governorate|area|place|crossing|region|row|source", head)) or not head.strip()


def _table_of(ctx: DocContext, line_start: int) -> tuple[list[str], int] | None:
    """(the column heads, where the text before the table starts) for the body row starting at ``line_start``.

    Memoised per row: a row's answer is the row above's, so each row of a long table is walked once.
    """
    key = ("row", line_start)
    if key not in ctx.memo:
        ctx.memo[key] = _walk_up(ctx, line_start)
    return ctx.memo[key]


def _walk_up(ctx: DocContext, line_start: int) -> tuple[list[str], int] | None:
    text = ctx.doc.text
    # Walk up over the body rows (stopping at one already read) to the separator and the head row above it.
    at = line_start
    while at > 0:
        if at != line_start and ("row", at) in ctx.memo:
            return ctx.memo[("row", at)]
        prev_start = text.rfind("\n", 0, at - 1) + 1
        line = text[prev_start : at - 1]
        if _SEPARATOR.match(line):
            key = ("table", prev_start)
            if key in ctx.memo:
                return ctx.memo[key]
            head_start = text.rfind("\n", 0, max(0, prev_start - 1)) + 1
            head_line = text[head_start : prev_start - 1]
            if "|" not in head_line:
                ctx.memo[key] = None
                return None
            heads = [h.strip(" *\t") for h in head_line.strip().strip("|").split("|")]
            caption_start = max(0, text.rfind("\n\n", 0, max(0, head_start - 2)))
            ctx.memo[key] = (heads, caption_start)
            return ctx.memo[key]
        if not line.lstrip().startswith("|"):
            return None
        at = prev_start
    return None
