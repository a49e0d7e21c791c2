"""cfcheck in a shell: colour and the environment, usage errors, --version, help, completion, standard output."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import typer.main
from typer.testing import CliRunner

from ceasefire_cli.cli import app
from ceasefire_cli.shell import use_color

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden" / "help"
UPDATE = os.environ.get("CFCHECK_UPDATE_GOLDEN") == "1"
COMMANDS = sorted(typer.main.get_command(app).commands)  # type: ignore[attr-defined]
ESC = "\x1b["


def run(*args: str, env: dict[str, str] | None = None, **extra):
    return CliRunner().invoke(app, list(args), env=env, catch_exceptions=False, **extra)


def cfcheck(*args: str, env: dict[str, str] | None = None, **kwargs) -> subprocess.CompletedProcess[str]:
    """The real program in a child process: for what a test runner's streams cannot show (pipes, encodings)."""
    full_env = {**os.environ, "PYTHONIOENCODING": "utf-8", **(env or {})}
    return subprocess.run([sys.executable, "-m", "ceasefire_cli", *args], cwd=ROOT, env=full_env, **kwargs)


# --- colour: --color/--no-color > NO_COLOR > FORCE_COLOR > a terminal ------------------------------


@pytest.mark.parametrize(
    "flag, env, tty, expected",
    [
        (None, {}, True, True),
        (None, {}, False, False),
        (None, {"TERM": "dumb"}, True, False),
        (None, {"NO_COLOR": "1"}, True, False),
        (None, {"NO_COLOR": ""}, True, True),  # empty: unset (no-color.org)
        (None, {"FORCE_COLOR": "1"}, False, True),
        (None, {"FORCE_COLOR": "true"}, False, True),
        (None, {"FORCE_COLOR": "3"}, False, True),
        (None, {"FORCE_COLOR": ""}, False, False),
        (None, {"FORCE_COLOR": "0"}, True, True),  # 0 forces nothing: the terminal decides
        (None, {"FORCE_COLOR": "0"}, False, False),
        (None, {"FORCE_COLOR": "1", "TERM": "dumb"}, False, True),
        (None, {"NO_COLOR": "1", "FORCE_COLOR": "1"}, False, False),  # NO_COLOR wins over FORCE_COLOR
        (True, {"NO_COLOR": "1"}, False, True),  # the flag wins over both
        (True, {}, False, True),
        (False, {"FORCE_COLOR": "1"}, True, False),
        (False, {}, True, False),
    ],
)
def test_colour_precedence(flag, env, tty, expected):
    assert use_color(flag, env, tty) is expected


@pytest.mark.parametrize(
    "args, env, coloured",
    [
        ([], {"FORCE_COLOR": "1"}, True),
        ([], {"FORCE_COLOR": "1", "NO_COLOR": "1"}, False),
        (["--no-color"], {"FORCE_COLOR": "1"}, False),
        (["--color"], {"NO_COLOR": "1"}, True),
        ([], {}, False),  # the test runner's stdout is not a terminal
    ],
)
def test_terminal_report_colour_from_the_environment(args, env, coloured):
    clean = {"NO_COLOR": None, "FORCE_COLOR": None, "TERM": None}
    result = run("compare", "tests/data/planted", "--no-cache", *args, env={**clean, **env})  # type: ignore[dict-item]
    assert result.exit_code in (0, 1), result.stderr
    assert (ESC in result.stdout) is coloured


# --- CFCHECK_CLAIMS: below --claims, above discovery ------------------------------------------------


def test_cfcheck_claims_is_used_and_named_in_errors(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("compare", str(ROOT / "seeds"), "--no-cache", env={"CFCHECK_CLAIMS": "nope.yaml"})
    assert (result.exit_code, result.stderr) == (2, "error: nope.yaml: no such file\n")


def test_claims_option_beats_cfcheck_claims(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("compare", str(ROOT / "seeds"), "--no-cache", "--claims", str(ROOT / "claims.yaml"), "-f", "line", env={"CFCHECK_CLAIMS": "nope.yaml"})
    assert result.exit_code == 0, result.stderr


def test_cfcheck_claims_beats_the_nearest_claims_yaml(tmp_path, monkeypatch):
    (tmp_path / "claims.yaml").write_text("metrics:\n  killed:\n    alias: [killed]\n")
    monkeypatch.chdir(tmp_path)
    found = run("compare", str(ROOT / "seeds"), "--no-cache", "-f", "line")
    assert found.exit_code == 2 and found.stderr.startswith("error: ")  # the broken file nearby is the one discovered
    chosen = run("compare", str(ROOT / "seeds"), "--no-cache", "-f", "line", env={"CFCHECK_CLAIMS": str(ROOT / "claims.yaml")})
    assert chosen.exit_code == 0, chosen.stderr


# --- usage errors: one line, exit 2 ----------------------------------------------------------------


@pytest.mark.parametrize(
    "args, stderr",
    [
        (["compare"], "error: missing argument 'PATH...' (see 'cfcheck compare --help')\n"),
        (["compare", "seeds", "--frmat", "json"], "error: no such option '--frmat'; did you mean '--format'? (see 'cfcheck compare --help')\n"),
        (["compare", "seeds", "--jobs", "many"], "error: invalid value for '--jobs' / '-j': 'many' is not a valid integer (see 'cfcheck compare --help')\n"),
        (["check", "d.md", "--fail-on", "sometimes"], "error: invalid value for '--fail-on': 'sometimes' is not one of 'error', 'warning', 'info', 'never' (see 'cfcheck check --help')\n"),
        (["comapre", "seeds"], "error: no such command 'comapre'; did you mean 'compare'? (see 'cfcheck --help')\n"),
        (["completion", "tcsh"], "error: invalid value for 'SHELL': 'tcsh' is not one of 'bash', 'zsh', 'fish' (see 'cfcheck completion --help')\n"),
    ],
)
def test_usage_errors_are_one_line(args, stderr):
    result = run(*args)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", stderr)


def test_bare_cfcheck_shows_the_help_and_exits_2():
    result = run()
    assert result.exit_code == 2
    assert result.stderr.startswith("Usage: cfcheck [OPTIONS] COMMAND [ARGS]...\n")


# --- --version, --help ------------------------------------------------------------------------------


def test_version_names_the_package_and_the_schema():
    from ceasefire_cli import __version__

    result = run("--version")
    assert (result.exit_code, result.stdout) == (0, f"cfcheck {__version__} (JSON report schema 1)\n")


@pytest.mark.parametrize("command", ["", *COMMANDS])
def test_help_text_exactly(command):
    result = run(*command.split(), "--help", terminal_width=80)
    assert result.exit_code == 0
    path = GOLDEN / f"{command or 'cfcheck'}.txt"
    if UPDATE:
        GOLDEN.mkdir(parents=True, exist_ok=True)
        path.write_text(result.stdout, "utf-8")
    assert result.stdout == path.read_text("utf-8")


@pytest.mark.parametrize("command", ["", *COMMANDS])
def test_help_has_examples_and_no_markup_escapes(command):
    text = run(*command.split(), "--help", terminal_width=80).stdout
    assert "\\[" not in text
    examples = text.split("\n  Examples:\n\n", 1)[1].splitlines()
    assert examples and all("cfcheck " in line for line in examples)


def test_help_does_not_load_rich():
    # typer formats help with rich unless told not to; markup is off, so rich must not even be imported.
    code = "import sys; from ceasefire_cli.cli import main; sys.argv = ['cfcheck', 'compare', '--help']\n"
    code += "try:\n    main()\nexcept SystemExit:\n    pass\nprint(sorted(m for m in sys.modules if m.split('.')[0] in ('rich', 'yaml', 'rapidfuzz', 'markdown_it')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert out.stdout.splitlines()[-1] == "[]"


# --- completion: a script for each shell, printed, nothing installed ---------------------------------


@pytest.mark.parametrize(
    "shell, marker",
    [
        ("bash", "complete -o default -F _cfcheck_completion cfcheck"),
        ("zsh", "compdef _cfcheck_completion cfcheck"),
        ("fish", "complete --command cfcheck --no-files"),
    ],
)
def test_completion_script_is_printed_and_nothing_is_written(shell, marker, tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    result = run("completion", shell, env={"HOME": str(home), "XDG_CONFIG_HOME": str(home / ".config")})
    assert result.exit_code == 0
    assert marker in result.stdout and "_CFCHECK_COMPLETE=complete_" + shell in result.stdout
    assert list(home.iterdir()) == []


def test_completion_completes_commands_and_choices():
    def complete(words: str, cword: int) -> list[str]:
        env = {"_CFCHECK_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": str(cword)}
        result = CliRunner().invoke(app, [], env=env, prog_name="cfcheck")
        assert result.exit_code == 0
        return result.stdout.split()

    assert complete("cfcheck c", 1) == ["compare", "check", "codes", "completion"]
    assert complete("cfcheck compare --format s", 3) == ["sarif"]


# --- standard output: broken pipe, full disk, a narrow encoding --------------------------------------


def test_a_reader_that_goes_away_ends_the_run_quietly_with_141():
    read, write = os.pipe()
    os.close(read)  # the reader is gone before cfcheck writes: every write is a broken pipe
    try:
        for args in (["compare", "seeds", "-f", "json", "--no-cache"], ["codes"], ["--help"]):
            out = cfcheck(*args, stdout=write, stderr=subprocess.PIPE, text=True)
            assert (out.returncode, out.stderr) == (141, ""), args
    finally:
        os.close(write)


def test_head_of_a_pipe_prints_no_traceback():
    shell = f"{sys.executable} -m ceasefire_cli compare seeds tests/data/planted -f json -v --no-cache | head -1"
    out = subprocess.run(["sh", "-c", shell], cwd=ROOT, capture_output=True, text=True)
    assert (out.returncode, out.stdout, out.stderr) == (0, "{\n", "")


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("args", [["compare", "seeds", "-f", "json", "--no-cache"], ["codes"], ["--help"], ["--version"]])
def test_a_full_disk_is_one_error_line(args):
    with open("/dev/full", "w") as full:
        out = cfcheck(*args, stdout=full, stderr=subprocess.PIPE, text=True)
    assert (out.returncode, out.stderr) == (2, "error: cannot write to standard output: No space left on device\n")


@pytest.mark.parametrize("args", [["compare", "seeds", "-f", "json", "--no-cache"], ["codes"], ["extract", "seeds", "--no-cache"]])
def test_a_closed_stdout_is_one_error_line(args):
    out = cfcheck(*args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, pass_fds=(), close_fds=True,
                  preexec_fn=lambda: os.close(1))
    assert (out.returncode, out.stderr) == (2, "error: cannot write to standard output: it is closed\n")


@pytest.mark.parametrize(
    "format, encoding, stand_in",
    [
        ("terminal", "ascii", "?"),
        ("markdown", "ascii", "&#8212;"),
        ("html", "ascii", "&#8212;"),
        # HTML declares UTF-8: on a Latin-1 stream it must not carry Latin-1 bytes either.
        ("html", "latin-1", "&#8212;"),
        ("markdown", "latin-1", "&#8212;"),
    ],
)
def test_a_narrow_stdout_gets_a_readable_report(format, encoding, stand_in):
    out = cfcheck("compare", "seeds", "tests/data/planted", "-f", format, "--no-cache", env={"PYTHONIOENCODING": encoding}, capture_output=True)
    assert (out.returncode, out.stderr) == (1, b"")
    text = out.stdout.decode("ascii")  # raises if anything but ASCII got through
    assert stand_in in text


def test_machine_formats_stay_utf8_whatever_the_locale():
    out = cfcheck("compare", "seeds", "tests/data/planted", "-f", "line", "--no-cache", env={"PYTHONIOENCODING": "ascii"}, capture_output=True)
    assert (out.returncode, out.stderr) == (1, b"")
    assert "—" in out.stdout.decode("utf-8")
