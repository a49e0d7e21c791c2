"""YAML read safely with a line number for every key, and a validator whose errors say file:line.

Shared by every file cfcheck reads as configuration (claims.yaml, sources.yaml).
"""

from __future__ import annotations

import re
from typing import Any

from .errors import ConfigError

Lines = dict[tuple[str, ...], int]
_PLAIN_TAGS = ("tag:yaml.org,2002:map", "tag:yaml.org,2002:seq")
_SURROGATE = re.compile("[\ud800-\udfff]")


_KINDS = {"timestamp": "date", "int": "int", "float": "number", "bool": "true/false", "binary": "base64 value"}


def _construct(node: Any, loader: Any, path: tuple[str, ...], lines: Lines, where: str, seen: set[int]) -> Any:
    """Turn a composed YAML node into plain data, recording each key's line.

    ``seen`` holds the lists and mappings built so far: meeting one again
    means an alias, the only way to a recursive or exponentially large value.
    """
    import yaml

    if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)):
        if id(node) in seen:
            # An alias's node carries the anchor's position: point at where it is used instead.
            line = lines.get(path) or node.start_mark.line + 1
            raise ConfigError(f"'{'.'.join(path)}': aliases (*name) of lists and mappings are not allowed", f"{where}:{line}")
        seen.add(id(node))
    lines[path] = node.start_mark.line + 1
    if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and node.tag not in _PLAIN_TAGS:
        # The safe loader would refuse this tag too; say so instead of building plain data.
        raise ConfigError(f"YAML syntax error: could not determine a constructor for the tag '{node.tag}'", f"{where}:{lines[path]}")
    if isinstance(node, yaml.MappingNode):
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node)
            if not isinstance(key, str):
                raise ConfigError(f"key {key!r} must be a string", f"{where}:{key_node.start_mark.line + 1}")
            if _SURROGATE.search(key):
                shown = key.encode("utf-8", "backslashreplace").decode("utf-8")
                raise ConfigError(f"key {shown!r} holds a lone surrogate, not a character", f"{where}:{key_node.start_mark.line + 1}")
            if key in out:
                dotted = ".".join(path + (key,))
                raise ConfigError(f"duplicate key '{dotted}'", f"{where}:{key_node.start_mark.line + 1}")
            lines[path + (key,)] = key_node.start_mark.line + 1
            out[key] = _construct(value_node, loader, path + (key,), lines, where, seen)
            # Errors about an entry point at its key, where the reader looks for it.
            lines[path + (key,)] = key_node.start_mark.line + 1
        return out
    if isinstance(node, yaml.SequenceNode):
        items = []
        for i, item in enumerate(node.value):
            lines[path + (str(i),)] = lines[path]
            items.append(_construct(item, loader, path + (str(i),), lines, where, seen))
        return items
    try:
        value = loader.construct_object(node)
    except (ValueError, TypeError, AttributeError, OverflowError):  # 2025-02-30, !!int ten, !!timestamp x
        kind = node.tag.rsplit(":", 1)[-1]
        raise ConfigError(f"'{'.'.join(path)}': {node.value!r} is not a valid {_KINDS.get(kind, kind)}", f"{where}:{lines[path]}") from None
    if isinstance(value, str) and _SURROGATE.search(value):
        # "\ud800" escapes half a UTF-16 pair: no output can encode it, so a label or source would sink the report.
        shown = value.encode("utf-8", "backslashreplace").decode("utf-8")
        raise ConfigError(f"'{'.'.join(path)}': {shown!r} holds a lone surrogate, not a character", f"{where}:{lines[path]}")
    return value


# Text the pure-Python reader accepts character for character (YAML's printable set, no BOM
# inside): only such text is given to libyaml, which checks less.
_PRINTABLE = re.compile("[\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]*")


def parse_yaml(text: str, where: str) -> tuple[Any, Lines]:
    """Parse YAML safely; return the data and a map from key path to line number."""
    import yaml

    fast = getattr(yaml, "CSafeLoader", None)
    if fast is not None and _PRINTABLE.fullmatch(text):
        # libyaml composes the shipped taxonomy several times faster; anything it refuses is read
        # again by the pure-Python loader below, whose messages (and checks) are the ones shown.
        quick = fast(text)
        try:
            root = quick.get_single_node()
            found: Lines = {}
            return (None if root is None else _construct(root, quick, (), found, where, set())), found
        except (yaml.YAMLError, RecursionError):
            pass
        finally:
            quick.dispose()
    loader = None
    try:
        loader = yaml.SafeLoader(text)  # checks every character already
        node = loader.get_single_node()
        lines: Lines = {}
        data = None if node is None else _construct(node, loader, (), lines, where, set())
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = f":{mark.line + 1}" if mark else ""
        what = exc.problem or exc.context or "malformed YAML"
        if exc.context and what.startswith("but "):  # "expected a single document in the stream, but found another document"
            what = f"{exc.context}, {what}"
        raise ConfigError(f"YAML syntax error: {what}", f"{where}{line}") from None
    except yaml.reader.ReaderError as exc:  # a control character: a position, not a mark
        at = text.count("\n", 0, exc.position) + 1
        raise ConfigError(f"YAML syntax error: character #x{exc.character:04x} is not allowed", f"{where}:{at}") from None
    except yaml.YAMLError as exc:
        raise ConfigError(f"YAML error: {' '.join(str(exc).split())}", where) from None
    except RecursionError:  # PyYAML composes recursively: thousands of nested brackets
        raise ConfigError("YAML nested too deeply", where) from None
    finally:
        if loader is not None:
            loader.dispose()
    return data, lines


class Checker:
    """Validates plain data against the taxonomy's shape; errors carry file:line."""

    def __init__(self, where: str, lines: Lines) -> None:
        self.where = where
        self.lines = lines

    def fail(self, path: tuple[str, ...], message: str) -> ConfigError:
        line = self.lines.get(path) or self.lines.get(path[:-1])
        return ConfigError(message, f"{self.where}:{line}" if line else self.where)

    def keys(self, data: dict[str, Any], allowed: tuple[str, ...], path: tuple[str, ...]) -> None:
        for key in data:
            if key not in allowed:
                hint = suggest(key, allowed)
                dotted = ".".join(path + (key,))
                raise self.fail(path + (key,), f"unknown key '{dotted}'{hint}")

    def mapping(self, value: Any, path: tuple[str, ...]) -> dict[str, Any]:
        if value is None:
            return {}
        if not isinstance(value, dict):
            raise self.fail(path, f"'{'.'.join(path)}' must be a mapping, not {type_name(value)}")
        return value

    def value(self, value: Any, kind: str, path: tuple[str, ...]) -> Any:
        dotted = ".".join(path)
        if kind == "str?" and value is None:
            return None
        if kind in ("str", "str?"):
            if not isinstance(value, str) or not value.strip():
                raise self.fail(path, f"'{dotted}' must be a non-empty string, not {type_name(value)}")
            return value.strip()
        if kind == "bool":
            if not isinstance(value, bool):
                raise self.fail(path, f"'{dotted}' must be true or false, not {value!r}")
            return value
        if kind == "count":
            # Written as a range so that .nan (false in every comparison) and .inf fail too.
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value < float("inf"):
                raise self.fail(path, f"'{dotted}' must be a number of 0 or more, not {value!r}")
            return float(value)
        if kind == "fraction":
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 10:
                raise self.fail(path, f"'{dotted}' must be a number from 0 to 10, not {value!r}")
            return float(value)
        if not isinstance(value, list):
            raise self.fail(path, f"'{dotted}' must be a list of phrases, not {type_name(value)}")
        phrases = []
        for i, item in enumerate(value):
            if isinstance(item, (int, float)) and not isinstance(item, bool):
                item = str(item)
            if not isinstance(item, str):
                raise self.fail(path + (str(i),), f"'{dotted}' item {i + 1} must be a phrase, not {type_name(item)}")
            phrase = " ".join(item.split())
            # A phrase of wildcards or single letters would match nearly every sentence.
            if len(phrase.replace("*", "").replace(" ", "")) < 2:
                raise self.fail(path + (str(i),), f"'{dotted}' item {i + 1} ({item!r}) would match everything")
            phrases.append(phrase)
        return tuple(phrases)


def type_name(value: Any) -> str:
    return {dict: "a mapping", list: "a list", str: "a string", type(None): "empty"}.get(type(value), type(value).__name__)


def suggest(key: str, allowed: tuple[str, ...]) -> str:
    from rapidfuzz import process

    best = process.extractOne(key, allowed, score_cutoff=70)
    choices = ", ".join(allowed)
    return f" (did you mean '{best[0]}'?)" if best else f" (expected one of: {choices})"
