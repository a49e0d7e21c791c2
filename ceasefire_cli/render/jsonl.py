"""Claims as JSON Lines (``cfcheck extract --format jsonl``): one object per line, streamable.

Each line is ``schema_version`` followed by the object the JSON report gives
for a claim (:func:`~ceasefire_cli.render.json_format.claim_json`), compact
and ASCII-safe, so ``jq -c`` and ``grep`` work line by line on any archive
size, and a line cut from its file still says which contract it follows
(schema: ``ceasefire_cli/schema/claim-v1.json``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

from ..models import Claim
from .json_format import SCHEMA_VERSION, claim_json


def iter_claims_jsonl(claims: Iterable[Claim]) -> Iterator[str]:
    """One line of JSON per claim, each ending in a newline, in the order given.

    >>> from ceasefire_cli.models import Claim
    >>> c = Claim("a.txt#1", "a.txt", "count", "447", 18, 21, 1, 19, "Israel has killed 447.", low=447.0, high=447.0)
    >>> next(iter_claims_jsonl([c]))[:40]
    '{"schema_version":1,"id":"a.txt#1","docu'
    """
    dumps = json.JSONEncoder(ensure_ascii=True, separators=(",", ":")).encode
    for claim in claims:
        yield dumps({"schema_version": SCHEMA_VERSION, **claim_json(claim)}) + "\n"
