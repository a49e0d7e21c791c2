"""Indented JSON text, byte for byte what ``json.dumps(obj, indent=2, ensure_ascii=True)`` gives, several times faster.

With ``indent`` the standard library leaves its C encoder for a generator
per nesting level in pure Python: about 5 s for the report of 10,000
articles. Here a container whose members are all scalars (a claim's
``value``, a topic's list of claim ids, most of a finding) goes through the
C encoder in one call, its separators carrying the newline and indentation;
only containers that hold containers are walked in Python, one string
built per container. Anything the fast paths do not know (a non-string key,
a type json would call ``default`` for) is handed to ``json.dumps`` itself,
so the output never differs from it.
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

_INDENT = 2
_encode_string = json.encoder.encode_basestring_ascii  # the C function where built
_SCALARS = (str, int, float, bool, type(None))
_INF = float("inf")


class _Unusual(Exception):
    """A value the fast path does not handle: let json.dumps write the whole text."""


def dumps(obj: Any, level: int = 0) -> str:
    """``json.dumps(obj, indent=2, ensure_ascii=True)``, faster; ``level`` nests it that deep (its first line unindented).

    >>> dumps({"a": [1, 2.5, None], "b": {}, "c": "é"})
    '{\\n  "a": [\\n    1,\\n    2.5,\\n    null\\n  ],\\n  "b": {},\\n  "c": "\\\\u00e9"\\n}'
    >>> dumps({"a": [1, 2.5, None], "b": {}, "c": "é"}) == json.dumps({"a": [1, 2.5, None], "b": {}, "c": "é"}, indent=2)
    True
    """
    try:
        return _value(obj, level)
    except _Unusual:
        # ensure_ascii escapes every newline inside strings: each one left is a line break to indent.
        return json.dumps(obj, indent=_INDENT, ensure_ascii=True).replace("\n", "\n" + " " * (_INDENT * level))


@lru_cache(maxsize=None)
def _flat_encoder(level: int) -> json.JSONEncoder:
    """A C-backed encoder whose item separator starts the next member's line at ``level``."""
    return json.JSONEncoder(ensure_ascii=True, separators=(",\n" + " " * (_INDENT * level), ": "))


def _scalar(o: Any) -> str:
    if type(o) is str:
        return _encode_string(o)
    if o is None:
        return "null"
    if o is True:
        return "true"
    if o is False:
        return "false"
    if type(o) is int:
        return int.__repr__(o)
    if type(o) is float:
        if o != o:
            return "NaN"
        if o == _INF:
            return "Infinity"
        if o == -_INF:
            return "-Infinity"
        return float.__repr__(o)
    raise _Unusual


def _value(o: Any, level: int) -> str:
    """``o`` as it appears at nesting ``level`` (its first line unindented, its closing bracket at ``level``)."""
    t = type(o)
    if t is dict:
        if not o:
            return "{}"
        inner = " " * (_INDENT * (level + 1))
        if all(type(k) is str for k in o):
            if all(type(v) in _SCALARS for v in o.values()):
                # One C call: '{"a": 1,\n<inner>"b": 2}' needs only its ends opened up.
                flat = _flat_encoder(level + 1).encode(o)
                return "{\n" + inner + flat[1:-1] + "\n" + inner[:-_INDENT] + "}"
            return "{\n" + ",\n".join(inner + _encode_string(k) + ": " + _value(v, level + 1) for k, v in o.items()) + "\n" + inner[:-_INDENT] + "}"
        raise _Unusual
    if t is list or t is tuple:
        if not o:
            return "[]"
        inner = " " * (_INDENT * (level + 1))
        if all(type(v) in _SCALARS for v in o):
            flat = _flat_encoder(level + 1).encode(list(o))
            return "[\n" + inner + flat[1:-1] + "\n" + inner[:-_INDENT] + "]"
        return "[\n" + ",\n".join(inner + _value(v, level + 1) for v in o) + "\n" + inner[:-_INDENT] + "]"
    return _scalar(o)
