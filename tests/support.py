"""Helpers several test modules share: a small corpus folder, a report's figures, the SARIF validator."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SARIF_SCHEMA = ROOT.parent / "shared" / "schemas" / "sarif-schema-2.1.0.json"

#: A readable article whose figures every hostile-input test expects to survive.
GOOD = "GAZA CITY, October 20, 2025 (AP) - Gaza's health ministry said on Monday that 68,000 Palestinians have been killed since the war began.\n"
GOOD_CLAIMS = ["October 20, 2025", "Monday", "68,000"]
#: What a damaged but readable file says: it must still be read.
STRIKE = "Strikes killed 7 people in Rafah on Tuesday, October 21, 2025."
STRIKE_CLAIMS = ["7", "Tuesday, October 21, 2025"]


def claims_of(report: dict, document: str) -> list[str]:
    """The figures of ``document`` in a JSON report, as written."""
    return [c["text"] for c in report["claims"] if c["document"] == document]


@pytest.fixture
def corpus_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """``corpus/good.txt`` under a fresh working folder, so that messages name short relative paths."""
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    return folder


def sarif_validator():
    """A validator for the SARIF 2.1.0 schema in ../shared; in CI a missing schema fails, elsewhere it skips."""
    if not SARIF_SCHEMA.exists():
        message = f"SARIF schema not found at {SARIF_SCHEMA} (it lives in the shared folder beside the repository)"
        (pytest.fail if os.environ.get("CI") else pytest.skip)(message)
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)
