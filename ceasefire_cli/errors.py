"""One exception hierarchy; the CLI turns each into ``error: <where>: <what>`` and exit 2."""

from __future__ import annotations


class CfcheckError(Exception):
    """Base of every error cfcheck raises on purpose.

    ``where`` names the file (or option) at fault; ``str(err)`` is the one-line
    message the CLI prints after ``error:``.
    """

    def __init__(self, message: str, where: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.where = where

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message


class InputError(CfcheckError):
    """A path given on the command line is missing, or nothing could be read."""


class ConfigError(CfcheckError):
    """claims.yaml (or sources.yaml) is malformed; the message names the key and line."""


class UsageError(CfcheckError):
    """An option value the command cannot use (unknown format, bad date, …)."""
