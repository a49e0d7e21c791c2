"""Figures in Markdown tables: a cell counts what its column's head says, as of its row's date."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ceasefire_cli.config import load_settings
from ceasefire_cli.extract.claims import build_lexicon, extract_claims
from ceasefire_cli.models import Document

LEX = build_lexicon(load_settings(Path(__file__).resolve().parent.parent / "claims.yaml"))

TABLE = """Cumulative figures reported by the health ministry since 7 October 2023.

| Report date | Killed | Injured | Children killed | Deaths added since last row | Share of women |
|---|---:|---:|---:|---:|---:|
| 3 Feb 2024 | 27,240 | 66,500 | ~11,600 | — | 30% |
| 2 Mar 2024 | 30,410 | 71,700 | ~13,300 | 3,170 | 31% |

| Crossing | Trucks in the week |
|---|---:|
| Kerem Shalom | 412 |

A sentence after the tables says 12 people were killed in Rafah on Monday.
"""


def _claims():
    doc = Document(id="t", path="t.md", text=TABLE, published=dt.date(2024, 3, 6), body_end=len(TABLE))
    return {c.text: c for c in extract_claims(doc, LEX) if c.kind == "count"}


def test_a_cell_counts_what_its_head_says_as_of_its_row():
    claims = _claims()
    killed, injured, children = claims["30,410"], claims["71,700"], claims["~13,300"]
    assert (killed.metric, killed.population, killed.scope, killed.as_of) == ("killed", "palestinians", "war", dt.date(2024, 3, 2))
    assert (injured.metric, injured.scope, injured.as_of) == ("injured", "war", dt.date(2024, 3, 2))
    assert (children.metric, children.population, children.as_of) == ("killed", "children", dt.date(2024, 3, 2))
    assert claims["27,240"].as_of == dt.date(2024, 2, 3)
    assert killed.confidence == "high"


def test_a_period_column_is_no_running_total_and_other_columns_are_left_to_prose():
    claims = _claims()
    assert claims["3,170"].scope == "increment"
    assert "30%" not in claims
    # A column whose head names no metric of the beat (trucks here) is not read as a cell.
    assert "412" not in claims or claims["412"].scope != "war"
    # Prose after the tables is read as prose.
    assert (claims["12"].metric, claims["12"].scope) == ("killed", "event")
