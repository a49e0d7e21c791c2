"""Shared test set-up: the claim cache lives in a temporary folder, never in the user's ~/.cache."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _claim_cache(tmp_path_factory, monkeypatch):
    monkeypatch.setenv("CFCHECK_CACHE_DIR", str(tmp_path_factory.mktemp("claim-cache")))
    monkeypatch.setenv("CFCHECK_STATE_DIR", str(tmp_path_factory.mktemp("state")))
