"""Draw reference series and the claims about them to a PNG or SVG file (``--plot``).

matplotlib is an optional extra (``pip install 'cfcheck[plot]'``), imported
only when a plot is drawn, through its object-oriented API: no pyplot, no
global backend, nothing shown on screen. The same input gives the same SVG.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from ..errors import UsageError
from ..models import Claim
from ..rules.reference import Reference

SUFFIXES = (".png", ".svg")


def plot_references(
    path: str | Path,
    references: Sequence[Reference],
    claims: Iterable[Claim],
    *,
    sources: Mapping[str, str] | None = None,
) -> Path:
    """Write one panel per series: the series as a step line, each dated claim's interval as a bar.

    Bars are coloured by source: ``sources`` maps a document id to a name
    (an outlet), else the file name is used. An open bound reaches the edge
    of the panel. Returns the path written.

    >>> plot_references("timeline.pdf", [], [])
    Traceback (most recent call last):
    ceasefire_cli.errors.UsageError: --plot: write to a .png or .svg file, not 'timeline.pdf'
    """
    out = Path(path)
    if out.suffix.lower() not in SUFFIXES:
        raise UsageError(f"write to a .png or .svg file, not {str(path)!r}", "--plot")
    try:
        from matplotlib import rc_context
        from matplotlib.figure import Figure
    except ImportError:
        raise UsageError("drawing needs matplotlib: pip install 'cfcheck[plot]'", "--plot") from None
    panels = [(ref, s) for ref in references for s in ref.series]
    if not panels:
        raise UsageError("no reference series to draw: give --reference FILE", "--plot")
    dated = sorted((c for c in claims if c.kind == "count" and c.as_of is not None), key=lambda c: (c.document, c.start))
    names = sorted({_source(c, sources) for c in dated})
    with rc_context({"svg.hashsalt": "cfcheck", "font.size": 9}):
        fig = Figure(figsize=(9, 2.8 * len(panels)), layout="constrained")
        axes = fig.subplots(len(panels), 1, squeeze=False)[:, 0]
        colours = {name: f"C{i % 10}" for i, name in enumerate(names)}
        for ax, (ref, s) in zip(axes, panels):
            _panel(ax, ref, s, [c for c in dated if c.topic == s.topic], colours, sources)
        try:
            fig.savefig(out, format=out.suffix[1:].lower(), metadata={"Date": None} if out.suffix.lower() == ".svg" else None)
        except OSError as exc:
            raise UsageError(f"cannot write {str(path)!r}: {exc.strerror or exc}", "--plot") from None
    return out


def _source(c: Claim, sources: Mapping[str, str] | None) -> str:
    return (sources or {}).get(c.document) or Path(c.document).name


def _panel(ax, ref: Reference, series, claims: list[Claim], colours: dict[str, str], sources) -> None:
    """One series and its claims on one set of axes."""
    ax.step(series.dates, series.values, where="post", color="0.35", linewidth=1.2, label=ref.label)
    top = max([series.values[-1], *(c.low or 0 for c in claims), *(c.high or 0 for c in claims)]) * 1.05
    shown: set[str] = set()
    for c in claims:
        name = _source(c, sources)
        low, high = c.low if c.low is not None else 0.0, c.high if c.high is not None else top
        label = None if name in shown else name
        shown.add(name)
        if low == high:
            ax.plot([c.as_of], [low], marker="o", color=colours[name], label=label, linestyle="none")
        else:
            ax.vlines([c.as_of], low, high, colors=colours[name], linewidth=3, label=label)
            # A narrow interval is invisible at the scale of a war's toll: mark its middle too.
            ax.plot([c.as_of], [(low + high) / 2], marker="D", markersize=3, color=colours[name], linestyle="none")
    ax.set_title(f"{series.topic} — {series.what}", loc="left")
    ax.set_ylim(0, top)
    first = min([series.dates[0], *(c.as_of for c in claims)])
    last = max([series.dates[-1], *(c.as_of for c in claims)])
    # A week's margin each side, short of the calendar's ends (an article dated 9999-12-31 must not overflow).
    margin = dt.timedelta(days=7)
    ax.set_xlim(first - min(margin, first - dt.date.min), last + min(margin, dt.date.max - last))
    ax.grid(True, linewidth=0.3)
    ax.legend(loc="upper left", fontsize=7)
