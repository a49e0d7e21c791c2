"""Fast indented JSON: the same bytes as json.dumps(indent=2, ensure_ascii=True), whatever the data."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ceasefire_cli.render.json_text import dumps

scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text()
data = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4), max_leaves=30)


@settings(max_examples=300, deadline=None)
@given(data)
def test_same_text_as_the_standard_library(obj):
    assert dumps(obj) == json.dumps(obj, indent=2, ensure_ascii=True)


@settings(max_examples=100, deadline=None)
@given(data, st.integers(0, 3))
def test_at_a_level_it_is_the_standard_text_indented_that_much(obj, level):
    assert dumps(obj, level) == json.dumps(obj, indent=2, ensure_ascii=True).replace("\n", "\n" + "  " * level)


@pytest.mark.parametrize(
    "obj",
    [
        {},
        [],
        {"a": {}},
        {"a": []},
        [[]],
        "\u2028 line separator, \ud800 lone surrogate, \x00",
        {1: "int key", 2.5: "float key", None: "null key", True: "bool key"},  # the standard library's fallback
        (1, 2, (3,)),
        {"nan": float("nan"), "inf": float("inf"), "-inf": float("-inf")},
        {"big": 10**40, "neg": -0.0},
    ],
)
def test_edge_cases(obj):
    assert dumps(obj) == json.dumps(obj, indent=2, ensure_ascii=True)
    assert dumps([obj], 1) == json.dumps([obj], indent=2, ensure_ascii=True).replace("\n", "\n  ")


def test_the_report_in_chunks_is_the_report_in_one_piece():
    from pathlib import Path

    from ceasefire_cli.config import load_settings
    from ceasefire_cli.render import render
    from ceasefire_cli.render.json_format import render_chunks, report_json
    from ceasefire_cli.run.pipeline import analyse

    root = Path(__file__).resolve().parent.parent
    report = analyse([root / "seeds", root / "tests" / "data" / "planted"], load_settings(root / "claims.yaml"))
    chunks = list(render_chunks(report))
    assert len(chunks) > 5
    assert "".join(chunks) == render("json", report) == json.dumps(report_json(report), indent=2, ensure_ascii=True) + "\n"
