"""cfcheck: find the numeric claims of Gaza ceasefire coverage and flag where sources disagree.

The library API (the CLI is a thin layer over it)::

    >>> from ceasefire_cli import find_quantities
    >>> [(q.text, q.low, q.high) for q in find_quantities("killing 447 Palestinians")]
    [('447', 447.0, 447.0)]
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

#: The version of the JSON report's contract (ceasefire_cli/schema/report-v1.json); here so that
#: `cfcheck --version` need not import the renderers.
SCHEMA_VERSION = 1

__all__ = [
    "__version__",
    "SCHEMA_VERSION",
    "find_quantities",
    "find_dates",
    "load",
    "iter_load",
    "load_settings",
    "analyse",
    "analyse_documents",
    "CfcheckError",
    "Quantity",
    "DateMention",
    "Document",
    "Claim",
    "Topic",
    "Finding",
    "Report",
]

# Resolved on first use so that `cfcheck --help` does not pay for yaml/rapidfuzz.
_LAZY = {
    "find_quantities": "extract.numbers",
    "find_dates": "extract.dates",
    "load": "load.corpus",
    "iter_load": "load.corpus",
    "load_settings": "config",
    "analyse": "run.pipeline",
    "analyse_documents": "run.pipeline",
    "CfcheckError": "errors",
    "Quantity": "models",
    "DateMention": "models",
    "Document": "models",
    "Claim": "models",
    "Topic": "models",
    "Finding": "models",
    "Report": "models",
}

if TYPE_CHECKING:  # pragma: no cover
    from .config import load_settings
    from .load.corpus import iter_load, load
    from .extract.dates import find_dates
    from .errors import CfcheckError
    from .models import Claim, DateMention, Document, Finding, Quantity, Report, Topic
    from .extract.numbers import find_quantities
    from .run.pipeline import analyse, analyse_documents


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module 'ceasefire_cli' has no attribute {name!r}")
