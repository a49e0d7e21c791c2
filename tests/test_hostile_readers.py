"""Hostile input, round two (issue 16): every reader survives what an attacker can write.

Deep JSON nesting, lone surrogates, oversize standard input, JSON Lines split
in the wrong places, devices given as files, names that print alike, reference
series and taxonomies with values no arithmetic survives. Each case runs
through the command line next to a good article where it can, and checks the
exit code, the exact one-line message and that the good article is still reported.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ceasefire_cli.cli import app
from support import GOOD, GOOD_CLAIMS, STRIKE, STRIKE_CLAIMS, claims_of, corpus_dir  # noqa: F401 (corpus_dir: a fixture)
from ceasefire_cli.load.corpus import load
from ceasefire_cli.models import Problem
from ceasefire_cli.render.common import short_names

ROOT = Path(__file__).resolve().parent.parent
CLAIMS = str(ROOT / "claims.yaml")
REFERENCE = ROOT / "tests" / "data" / "reference" / "gaza_moh.json"
DEEP = "[" * 1000 + "]" * 1000
FORMATS = ["terminal", "json", "markdown", "html", "sarif", "github", "line"]


def run(*args: str, input: bytes | None = None):
    return CliRunner().invoke(app, list(args), input=input, catch_exceptions=False)


def compare_json(*args: str):
    result = run("compare", *args, "--claims", CLAIMS, "--format", "json", "--no-cache")
    return result, json.loads(result.stdout) if result.stdout else None





# --- deep nesting and huge integers in JSON --------------------------------------------

JSON_CASES = {
    # id: (file name, content, stderr lines, {document: claims})
    "deep-json": ("deep.json", DEEP, ["error: corpus/deep.json: not JSON (nested too deeply), skipped"], {}),
    "deep-jsonl-line": ("deep.jsonl", json.dumps({"text": STRIKE}) + "\n" + DEEP + "\n" + json.dumps({"text": STRIKE}) + "\n",
                        ["warning: corpus/deep.jsonl: line 2: not JSON (nested too deeply), skipped"],
                        {"corpus/deep.jsonl:1": STRIKE_CLAIMS, "corpus/deep.jsonl:3": STRIKE_CLAIMS}),
    "long-integer-line": ("big.jsonl", json.dumps({"text": STRIKE}) + "\n" + '{"n": ' + "9" * 4301 + "}\n" + json.dumps({"text": STRIKE}) + "\n",
                          ["warning: corpus/big.jsonl: line 2: a number longer than 4300 digits, skipped"],
                          {"corpus/big.jsonl:1": STRIKE_CLAIMS, "corpus/big.jsonl:3": STRIKE_CLAIMS}),
    "long-integer-json": ("big.json", '[{"n": ' + "9" * 4301 + "}]",
                          ["error: corpus/big.json: a number longer than 4300 digits, skipped"], {}),
    # U+2028, U+0085 and a lone \r may stand unescaped in a JSON string: records are split at \n only.
    "line-separators": ("seps.jsonl", "\r\n".join(json.dumps({"text": f"{STRIKE}\u2028more"}, ensure_ascii=False) for _ in range(2))
                        + "\n" + json.dumps({"text": f"x\u0085\r{STRIKE}"}, ensure_ascii=False) + "\n",
                        [], {"corpus/seps.jsonl:1": STRIKE_CLAIMS, "corpus/seps.jsonl:2": STRIKE_CLAIMS, "corpus/seps.jsonl:3": STRIKE_CLAIMS}),
}


@pytest.mark.parametrize("case", list(JSON_CASES))
def test_a_hostile_json_file_costs_only_itself(corpus_dir: Path, case: str) -> None:
    name, content, stderr, expected = JSON_CASES[case]
    (corpus_dir / name).write_text(content, encoding="utf-8")
    result, report = compare_json("corpus")
    assert (result.exit_code, result.stderr.splitlines()) == (0, stderr)
    assert claims_of(report, "corpus/good.txt") == GOOD_CLAIMS
    assert {d["id"]: claims_of(report, d["id"]) for d in report["documents"] if d["id"] != "corpus/good.txt"} == expected


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (DEEP, "invalid JSON: nested too deeply"),
        ('[{"report_date": "2024-01-01", "killed_cum": ' + "9" * 4301 + "}]", "invalid JSON: a number longer than 4300 digits"),
    ],
    ids=["deep", "long-integer"],
)
def test_a_hostile_reference_file_is_one_line_exit_2(corpus_dir: Path, content: str, message: str) -> None:
    (corpus_dir.parent / "ref.json").write_text(content)
    result, report = compare_json("corpus", "--reference", "ref.json")
    assert (result.exit_code, result.stderr, report) == (2, f"error: ref.json: {message}\n", None)


# --- lone surrogates ----------------------------------------------------------------------

SURROGATE_FILES = {
    "lone.json": '{"text": "Strikes killed 7 people \\ud800 in Rafah on Tuesday, October 21, 2025.", "title": "T \\udfff"}',
    "lone.jsonl": '{"text": "\\udc80 Strikes killed 7 people in Rafah on Tuesday, October 21, 2025.", "outlet": "\\ud83d"}\n',
    "lone.md": '---\ntitle: "T \\ud800"\noutlet: "O \\udbff"\n---\n' + STRIKE + "\n",
}


@pytest.mark.parametrize("format", FORMATS)
def test_lone_surrogates_become_replacement_characters(corpus_dir: Path, format: str) -> None:
    for name, content in SURROGATE_FILES.items():
        (corpus_dir / name).write_text(content, encoding="utf-8")
    result = run("compare", "corpus", "--claims", CLAIMS, "--format", format, "--no-cache", "--no-color")
    assert (result.exit_code, result.stderr) == (0, "")
    text = result.stdout_bytes.decode("utf-8")  # strict: a lone surrogate cannot be encoded
    assert "\\ud8" not in text.lower() and "\\udc" not in text.lower() and "\\udf" not in text.lower()
    if format == "json":
        report = json.loads(text)
        by_id = {d["id"]: d for d in report["documents"]}
        assert by_id["corpus/lone.json#1"]["title"] == "T \ufffd"
        assert (by_id["corpus/lone.jsonl:1"]["outlet"], by_id["corpus/lone.md"]["title"]) == ("\ufffd", "T \ufffd")
        for document in ("corpus/lone.json#1", "corpus/lone.jsonl:1", "corpus/lone.md"):
            assert claims_of(report, document) == STRIKE_CLAIMS
        (claim,) = [c for c in report["claims"] if c["document"] == "corpus/lone.jsonl:1" and c["text"] == "7"]
        assert claim["start"] == len("\ufffd Strikes killed ")  # one character for one: offsets hold


def test_a_surrogate_in_a_jsonl_record_is_also_cached_safely(corpus_dir: Path, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("CFCHECK_CACHE_DIR", str(tmp_path / "cache"))
    (corpus_dir / "lone.jsonl").write_text(SURROGATE_FILES["lone.jsonl"])
    outputs = [run("compare", "corpus", "--claims", CLAIMS, "--format", "json") for _ in range(2)]  # cold, then warm
    assert [(r.exit_code, r.stderr) for r in outputs] == [(0, "")] * 2
    assert outputs[0].stdout == outputs[1].stdout


# --- standard input, devices, names -------------------------------------------------------


def test_oversize_standard_input_is_refused_like_a_file() -> None:
    result = load(["-"], stdin=io.BytesIO(STRIKE.encode() * 10), max_bytes=100)
    assert (result.documents, result.problems) == ((), (Problem("-", "too large (over 100 bytes), skipped"),))
    assert [d.id for d in load(["-"], stdin=io.BytesIO(STRIKE.encode()), max_bytes=100).documents] == ["-"]


def test_oversize_standard_input_on_the_command_line(corpus_dir: Path) -> None:
    result = run("compare", "-", "corpus", "--claims", CLAIMS, "--format", "json", "--no-cache", input=b"x" * 10_000_001)
    assert (result.exit_code, result.stderr) == (0, "error: -: too large (over 10.0 MB), skipped\n")
    assert claims_of(json.loads(result.stdout), "corpus/good.txt") == GOOD_CLAIMS


def test_dot_slash_dash_is_a_file_and_a_bare_dash_is_standard_input(corpus_dir: Path) -> None:
    Path("-").write_text(STRIKE)
    result = run("compare", "./-", "-", "--claims", CLAIMS, "--format", "json", "--no-cache", input=GOOD.encode())
    assert (result.exit_code, result.stderr) == (0, "")
    report = json.loads(result.stdout)
    assert (claims_of(report, "-"), claims_of(report, "./-")) == (GOOD_CLAIMS, STRIKE_CLAIMS)


@pytest.mark.parametrize(
    ("option", "message"),
    [("--claims", "error: /dev/zero: not a regular file\n"), ("--reference", "error: /dev/zero: not a regular file\n")],
)
def test_a_device_as_claims_or_reference_is_refused_unread(corpus_dir: Path, option: str, message: str) -> None:
    result = run("compare", "corpus", *(["--claims", CLAIMS] if option != "--claims" else []), option, "/dev/zero", "--no-cache")
    assert (result.exit_code, result.stderr, result.stdout) == (2, message, "")


@pytest.mark.parametrize(
    ("option", "size", "message"),
    [("--claims", 3_000_000, "too large (3.0 MB; the limit is 2.0 MB)"), ("--reference", 12_000_000, "too large (12.0 MB; the limit is 10.0 MB)")],
)
def test_an_oversize_claims_or_reference_file_is_refused_unread(corpus_dir: Path, option: str, size: int, message: str) -> None:
    with open("big.json", "wb") as file:
        file.truncate(size)  # sparse: costs no disk, and is never read
    result = run("compare", "corpus", *(["--claims", CLAIMS] if option != "--claims" else []), option, "big.json", "--no-cache")
    assert (result.exit_code, result.stderr) == (2, f"error: big.json: {message}\n")


def test_names_that_once_printed_alike_stay_two_documents(corpus_dir: Path) -> None:
    (corpus_dir / "a\\nb.txt").write_text(STRIKE)  # a backslash and an n
    (corpus_dir / "a\nb.txt").write_text(STRIKE)  # a newline
    (corpus_dir / "c\\x85.txt").write_text(STRIKE)  # a backslash, x, 8, 5
    (corpus_dir / "c\x85.txt").write_text(STRIKE)  # the C1 character U+0085
    result, report = compare_json("corpus")
    assert (result.exit_code, result.stderr) == (0, "")
    assert [d["id"] for d in report["documents"]] == [
        "corpus/a\\\\nb.txt", "corpus/a\\nb.txt", "corpus/c\\\\x85.txt", "corpus/c\\u0085.txt", "corpus/good.txt"]


def test_a_backslash_is_never_drawn_as_a_folder() -> None:
    assert short_names(["x/a\\\\b.md", "y/c.md"]) == {"x/a\\\\b.md": "a\\\\b.md", "y/c.md": "c.md"}


# --- reference series and taxonomy values no arithmetic survives -----------------------------


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ('{"report_date": "2024-01-01", "killed_cum": Infinity}', "ref.json: item 2: 'killed_cum' is not a finite number: inf"),
        ('{"report_date": "2024-01-01", "killed_cum": "1e999"}', "ref.json: item 2: 'killed_cum' is not a finite number: '1e999'"),
        ('{"report_date": "0001-01-01", "killed_cum": 1}', "ref.json: item 2: 'report_date' '0001-01-01' is outside 1900-2199"),
        ('{"report_date": "9999-12-31", "killed_cum": 1}', "ref.json: item 2: 'report_date' '9999-12-31' is outside 1900-2199"),
    ],
    ids=["infinity", "overflowing-string", "year-1", "year-9999"],
)
def test_reference_rows_that_break_arithmetic_are_refused(corpus_dir: Path, row: str, message: str) -> None:
    rows = json.loads(REFERENCE.read_text())
    text = "[" + json.dumps(rows[0]) + ",\n" + row + "]"
    (corpus_dir.parent / "ref.json").write_text(text)
    result, report = compare_json("corpus", "--reference", "ref.json", "--plot", "plot.svg")
    assert (result.exit_code, result.stderr, report) == (2, f"error: {message}\n", None)


FACT = "facts:\n  - topic: killed.palestinians.war\n    value: {value}\n    as_of: 2025-01-01\n"


@pytest.mark.parametrize(("value", "shown"), [(".nan", "nan"), (".inf", "inf"), ("-.inf", "-inf")])
def test_a_vetted_fact_that_is_not_a_finite_number_is_refused(corpus_dir: Path, value: str, shown: str) -> None:
    text = Path(CLAIMS).read_text("utf-8").replace("facts:\n", FACT.format(value=value), 1)
    line = text.splitlines().index(f"    value: {value}") + 1
    Path("bad.yaml").write_text(text)
    result = run("compare", "corpus", "--claims", "bad.yaml", "--no-cache")
    assert (result.exit_code, result.stderr) == (2, f"error: bad.yaml:{line}: 'facts.0.value' must be a finite number, not {shown}\n")


def test_a_count_setting_of_nan_is_refused(corpus_dir: Path) -> None:
    text = Path(CLAIMS).read_text("utf-8")
    key = "max_daily_increase"
    assert f"  {key}:" in text
    before, _, after = text.partition(f"  {key}:")
    text = before + f"  {key}: .nan" + after[after.index("\n"):]
    line = text[: text.index(f"  {key}:")].count("\n") + 1
    Path("bad.yaml").write_text(text)
    result = run("compare", "corpus", "--claims", "bad.yaml", "--no-cache")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: bad.yaml:{line}: '") and result.stderr.endswith(f"{key}' must be a number of 0 or more, not nan\n")


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31"])
@pytest.mark.parametrize("format", ["json", "terminal", "html", "markdown"])
def test_a_date_at_the_calendar_end_never_overflows(corpus_dir: Path, day: str, format: str) -> None:
    (corpus_dir / "edge.md").write_text(
        f"---\ndate: {day}\n---\nStrikes overnight killed 5 people in Rafah, the ministry said yesterday and again "
        "tomorrow. Since October 7, 2023, 60,000 people were killed. Last week 9 were killed; next week talks resume.\n"
    )
    result = run("compare", "corpus", "--claims", CLAIMS, "--format", format, "--no-cache", "--no-color")
    assert result.exit_code in (0, 1) and result.stderr == ""
    assert "internal error" not in result.stdout



def test_an_oversize_sources_yaml_is_refused_unread(corpus_dir: Path) -> None:
    with (corpus_dir / "sources.yaml").open("wb") as file:
        file.truncate(12_000_000)
    result, report = compare_json("corpus")
    assert (result.exit_code, result.stderr, report) == (2, "error: corpus/sources.yaml: too large (12.0 MB; the limit is 10.0 MB)\n", None)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("    label: killed\n", '    label: "killed \\ud800"\n', "'metrics.killed.label': 'killed \\\\ud800' holds a lone surrogate, not a character"),
        ("  killed:\n", '  "killed\\udfff":\n', "key 'killed\\\\udfff' holds a lone surrogate, not a character"),
    ],
    ids=["value", "key"],
)
def test_a_lone_surrogate_in_claims_yaml_is_refused_with_its_line(corpus_dir: Path, old: str, new: str, message: str) -> None:
    text = Path(CLAIMS).read_text("utf-8")
    line = text[: text.index(old)].count("\n") + 1
    Path("bad.yaml").write_text(text.replace(old, new, 1))
    result = run("compare", "corpus", "--claims", "bad.yaml", "--no-cache")
    assert (result.exit_code, result.stderr) == (2, f"error: bad.yaml:{line}: {message}\n")


@pytest.mark.parametrize("day", ["0001-01-03", "9999-12-30"])
def test_a_claim_at_the_calendar_end_is_drawn_without_overflow(corpus_dir: Path, day: str) -> None:
    pytest.importorskip("matplotlib")
    (corpus_dir / "edge.md").write_text(
        f"---\ndate: {day}\n---\nThe health ministry said 43,000 Palestinians have been killed since the war began.\n"
    )
    result = run("compare", "corpus", "--claims", CLAIMS, "--reference", str(REFERENCE), "--plot", "plot.svg", "--no-cache", "-f", "json")
    assert result.exit_code in (0, 1) and result.stderr == ""
    assert Path("plot.svg").stat().st_size > 0
