"""The rules registry: every finding cfcheck reports is made by a rule family listed here.

A family is one module's ``check(topics, claims, context)``; it yields
findings whose code, name and severity come from the catalogue
(:mod:`ceasefire_cli.codes`). :func:`run_rules` runs them all, orders the
findings once and sets every topic's status once. Adding a rule is one
function in one module, one line in :data:`FAMILIES` and one entry in the
catalogue (see the README's "Adding a rule").
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from ..config import Settings
from ..models import Claim, Document, Finding, Topic
from . import compare, facts, names, reference
from .status import ranked, with_status

__all__ = ["Context", "RuleFamily", "FAMILIES", "run_rules"]


@dataclass(frozen=True, slots=True)
class Context:
    """What rules may need beyond topics and claims: the taxonomy, reference series, the documents."""

    settings: Settings
    references: tuple[reference.Reference, ...] = ()
    documents: tuple[Document, ...] = ()


@dataclass(frozen=True, slots=True)
class RuleFamily:
    """One family of rules: its name, the codes it may report, and its check."""

    name: str
    codes: tuple[str, ...]
    check: Callable[[Sequence[Topic], Sequence[Claim], Context], Iterable[Finding]]


FAMILIES: tuple[RuleFamily, ...] = (
    RuleFamily("running tolls", ("CF101", "CF102", "CF103", "CF106", "CF107", "CF201", "CF203"), lambda t, c, x: compare.check_cumulative(t, c, x.settings)),
    RuleFamily("event counts", ("CF104", "CF201", "CF203"), lambda t, c, x: compare.check_event_counts(t, c, x.settings)),
    RuleFamily("event dates", ("CF105",), lambda t, c, x: compare.check_event_dates(t, c, x.settings)),
    RuleFamily("figures of one date", ("CF101", "CF201", "CF203"), lambda t, c, x: compare.check_same_date(t, c, x.settings)),
    RuleFamily("vetted facts", ("CF401",), lambda t, c, x: facts.check_facts(c, x.settings)),
    RuleFamily("reference series", ("CF301", "CF302", "CF303"), lambda t, c, x: reference.check_claims(c, x.references, x.settings)),
    RuleFamily("name variants", ("CF202",), lambda t, c, x: names.variants_in(x.documents)),
)


def run_rules(
    topics: Sequence[Topic], claims: Sequence[Claim], context: Context, families: Sequence[RuleFamily] = FAMILIES
) -> tuple[tuple[Topic, ...], tuple[Finding, ...]]:
    """Every family's findings in report order, and the topics with their status set from all of them."""
    findings = ranked((f for family in families for f in family.check(topics, claims, context)), claims)
    return with_status(topics, claims, findings), findings
