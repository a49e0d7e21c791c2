"""Claims as JSON Lines (``cfcheck extract --format jsonl``): one object per line, streamable.

Each line is the object the JSON report gives for a claim
(:func:`~ceasefire_cli.render.json_format.claim_json`), compact and
ASCII-safe, so ``jq -c`` and ``grep`` work line by line on any archive size.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

from ..models import Claim
from .json_format import claim_json


def iter_claims_jsonl(claims: Iterable[Claim]) -> Iterator[str]:
    """One line of JSON per claim, each ending in a newline, in the order given.

    >>> from ceasefire_cli.models import Claim
    >>> c = Claim("a.txt#1", "a.txt", "count", "447", 18, 21, 1, 19, "Israel has killed 447.", low=447.0, high=447.0)
    >>> next(iter_claims_jsonl([c]))[:40]
    '{"id":"a.txt#1","document":"a.txt","kind'
    """
    dumps = json.JSONEncoder(ensure_ascii=True, separators=(",", ":")).encode
    for claim in claims:
        yield dumps(claim_json(claim)) + "\n"
