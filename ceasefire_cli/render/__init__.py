"""Output formats behind one interface: ``render(name, report, options) -> str``.

Each format is a module with a ``render(report, options) -> str`` function,
looked up by name; an unknown name is a usage error, never a fallback.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from dataclasses import dataclass

from ..errors import UsageError
from ..models import Report

#: Format name -> module that renders it.
FORMATS: dict[str, str] = {
    "terminal": "terminal",
    "json": "json_format",
    "markdown": "markdown",
    "html": "html",
    "line": "line",
    "github": "github",
    "sarif": "sarif",
}


@dataclass(frozen=True, slots=True)
class RenderOptions:
    """How to render: width in columns, colour, and how much to show."""

    width: int = 100
    color: bool = False
    verbose: bool = False
    quiet: bool = False


def render(name: str, report: Report, options: RenderOptions = RenderOptions()) -> str:
    """Render ``report`` in format ``name``.

    >>> from ceasefire_cli.models import Report
    >>> render("json", Report((), (), (), ())).splitlines()[1]
    '  "schema_version": 1,'
    """
    if name not in FORMATS:
        raise UsageError(f"unknown format {name!r} (choose from: {', '.join(FORMATS)})", "--format")
    module = importlib.import_module(f".{FORMATS[name]}", __name__)
    return module.render(report, options)


def render_chunks(name: str, report: Report, options: RenderOptions = RenderOptions()) -> Iterator[str]:
    """:func:`render`'s text in pieces that join to it, for a format that can stream (``json``); else in one piece.

    >>> from ceasefire_cli.models import Report
    >>> "".join(render_chunks("json", Report((), (), (), ()))) == render("json", Report((), (), (), ()))
    True
    """
    if name not in FORMATS:
        raise UsageError(f"unknown format {name!r} (choose from: {', '.join(FORMATS)})", "--format")
    module = importlib.import_module(f".{FORMATS[name]}", __name__)
    if hasattr(module, "render_chunks"):
        yield from module.render_chunks(report, options)
    else:
        yield module.render(report, options)
