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


CLAIM_SCHEMA = json.loads((ROOT / "ceasefire_cli" / "schema" / "claim-v1.json").read_text("utf-8"))


def test_schema_ids_are_this_projects_stable_names():
    # Not a placeholder domain: a URN that names cfcheck's contract, the same wherever the file is served.
    assert (SCHEMA["$id"], CLAIM_SCHEMA["$id"]) == ("urn:cfcheck:schema:report:v1", "urn:cfcheck:schema:claim:v1")
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    jsonschema.Draft202012Validator.check_schema(CLAIM_SCHEMA)


def test_every_jsonl_line_carries_the_schema_version_and_validates(monkeypatch):
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(app, ["extract", "seeds", "--claims", "claims.yaml", "--no-cache"], catch_exceptions=False)
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert lines and all(list(line)[0] == "schema_version" and line["schema_version"] == 1 for line in lines)
    validator = jsonschema.Draft202012Validator(CLAIM_SCHEMA)
    for line in lines:
        validator.validate(line)


def test_the_jsonl_schema_is_the_report_claim_plus_the_version():
    claim = SCHEMA["properties"]["claims"]["items"]
    assert CLAIM_SCHEMA["properties"] == {"schema_version": {"const": 1}, **claim["properties"]}
    assert CLAIM_SCHEMA["required"] == ["schema_version", *claim["required"]]
