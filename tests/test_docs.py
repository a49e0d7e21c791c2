"""The README documents every command, option, format, exit code and finding code the CLI has."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import typer
import typer.main

from ceasefire_cli.cli import Format, app
from ceasefire_cli.codes import RULES

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text("utf-8")
COMMAND = typer.main.get_command(app)


def _options():
    for name, command in sorted(COMMAND.commands.items()):
        for param in command.params:
            if param.param_type_name == "option":
                for opt in [*param.opts, *param.secondary_opts]:
                    yield name, opt


@pytest.mark.parametrize("name", sorted(COMMAND.commands))
def test_every_command_has_a_section(name):
    assert re.search(rf"^### `cfcheck {name}\b", README, re.MULTILINE), f"README lacks a section for `cfcheck {name}`"


@pytest.mark.parametrize("command, option", list(_options()))
def test_every_option_is_documented_in_its_command_section(command, option):
    section = README.split(f"### `cfcheck {command}", 1)[1].split("\n### ", 1)[0].split("\n## ", 1)[0]
    assert f"`{option}" in section or f" {option}`" in section or f"/ `{option}`" in section, (
        f"README section of `cfcheck {command}` does not mention {option}"
    )


@pytest.mark.parametrize("choice", sorted(f.value for f in Format))
def test_every_format_has_a_section(choice):
    assert re.search(rf"^### `{choice}`", README, re.MULTILINE), f"README lacks a section for the {choice} format"


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_every_finding_code_is_explained(rule):
    assert re.search(rf"^\| {rule.code} {rule.name} \| {rule.severity} \|", README, re.MULTILINE)


@pytest.mark.parametrize("code", ["0", "1", "2"])
def test_exit_codes(code):
    assert re.search(rf"^\| {code} \| ", README, re.MULTILINE)


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_every_finding_code_has_its_example_in_the_readme(rule):
    assert f"**{rule.code} {rule.name}** ({rule.severity}). {rule.summary}" in README
    assert f"```\n{rule.example}\n```" in README


def _variables_read() -> set[str]:
    """The environment variables the package reads by name (os.environ.get, click's envvar=)."""
    pattern = re.compile(r"""environ\.get\(\s*"([A-Z_]+)"|envvar="([A-Z_]+)"|ENV_[A-Z_]+ = "([A-Z_]+)\"""")
    found = set()
    for path in (ROOT / "ceasefire_cli").rglob("*.py"):
        for match in pattern.finditer(path.read_text("utf-8")):
            found.add(next(g for g in match.groups() if g))
    return found - {"TERM", "HOME", "XDG_CACHE_HOME"}  # the platform's own, explained where they matter


def test_every_environment_variable_is_in_the_environment_table():
    table = README.split("\n## Environment\n", 1)[1].split("\n## ", 1)[0]
    documented = set(re.findall(r"^\| `([A-Z_]+)` \|", table, re.MULTILINE))
    assert {"NO_COLOR", "FORCE_COLOR", "CFCHECK_CLAIMS", "CFCHECK_CACHE_DIR"} <= _variables_read()
    assert _variables_read() <= documented
