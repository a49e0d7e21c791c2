"""The JSON report validates against the schema shipped with the package."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from ceasefire_cli.cli import app

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = json.loads((ROOT / "ceasefire_cli" / "schema" / "report-v1.json").read_text("utf-8"))


@pytest.mark.parametrize(
    "args",
    [
        ["compare", "seeds"],
        ["compare", "seeds", "tests/data/planted", "--include-comments"],
        ["check", "tests/data/drafts/stale_toll.md", "--against", "seeds", "--fail-on", "never"],
    ],
)
def test_report_matches_schema(args, monkeypatch):
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(app, [*args, "--format", "json", "--claims", "claims.yaml"], catch_exceptions=False)
    report = json.loads(result.stdout)
    jsonschema.Draft202012Validator(SCHEMA).validate(report)
    assert report["summary"]["claims"] == len(report["claims"]) > 0


def test_schema_rejects_a_broken_report(monkeypatch):
    # The schema is strict enough to catch a missing field: guard against a schema that accepts anything.
    monkeypatch.chdir(ROOT)
    report = json.loads(CliRunner().invoke(app, ["compare", "seeds", "-f", "json"]).stdout)
    del report["claims"][0]["line"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(SCHEMA).validate(report)
