"""claims.yaml -> validated, frozen :class:`Settings`.

Every error names the file, the line and the key at fault, and says what
would be accepted instead. YAML is read with the safe loader only: no tag in
the file can construct an object.

``records.py`` holds the frozen records, ``validate.py`` checks a file's text
and builds them; this module finds and reads the file (or the taxonomy
shipped with cfcheck) and is where the rest of the package imports from.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from ..errors import ConfigError
from ..yamlcheck import parse_yaml, suggest
from .records import (
    Basis,
    Event,
    Fact,
    Metric,
    Party,
    Population,
    ReferenceSeries,
    References,
    Scope,
    SeriesBinding,
    Settings,
)
from .validate import SIDES, TOPIC_KINDS, settings_from_text

# Kept for modules that imported it from here.
_suggest = suggest
__all__ = [
    "Settings", "load_settings", "settings_from_text", "find_config", "parse_yaml",
    "Basis", "Event", "Fact", "Metric", "Party", "Population", "ReferenceSeries", "References", "Scope",
    "SeriesBinding", "CONFIG_NAME", "MAX_CONFIG_BYTES", "TOPIC_KINDS", "SIDES",
]

CONFIG_NAME = "claims.yaml"
#: A taxonomy is tens of kilobytes; anything far larger is the wrong file (or /dev/zero), refused unread.
MAX_CONFIG_BYTES = 2_000_000


def find_config(start: Path) -> Path | None:
    """The nearest claims.yaml in ``start`` or a folder above it."""
    for folder in (start, *start.parents):
        candidate = folder / CONFIG_NAME
        if candidate.is_file():
            return candidate
    return None


def load_settings(path: str | Path | None = None, *, cwd: Path | None = None) -> Settings:
    """Read ``path``, else the nearest claims.yaml, else the taxonomy shipped with cfcheck."""
    if path is None:
        found = find_config(cwd or Path.cwd())
        if found is None:
            text = resources.files("ceasefire_cli").joinpath("default_claims.yaml").read_text("utf-8")
            return settings_from_text(text, "(built-in claims.yaml)")
        path = found
    from ..load.files import read_limited

    try:
        text = read_limited(path, MAX_CONFIG_BYTES).decode("utf-8")
    except FileNotFoundError:
        raise ConfigError("no such file", str(path)) from None
    except ValueError as exc:  # too large, not a regular file (/dev/zero), or not UTF-8
        reason = "cannot read: not UTF-8" if isinstance(exc, UnicodeDecodeError) else str(exc).removesuffix(", skipped")
        raise ConfigError(reason, str(path)) from None
    except OSError as exc:
        raise ConfigError(f"cannot read: {exc.strerror or exc}", str(path)) from None
    return settings_from_text(text, str(path))
