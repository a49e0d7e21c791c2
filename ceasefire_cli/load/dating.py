"""When an article was written, from what the file says of itself — never from a date inside its story.

A story names many dates ("October 7, 2023", the day a truce began, the end
of a mandate years ahead); none of them is the day it was published. Only
these count, each tried in turn by :func:`ceasefire_cli.load.corpus.load` after
``sources.yaml`` and the file's own metadata (front matter, JSON fields,
HTML metadata):

* ``path`` — a date in the file's path or name (``2024/07/16/story.md``,
  ``2025-11-23-talks.txt``);
* ``url`` — a date in the article's URL (``…/2024/07/16/…``);
* ``byline`` — a "Published:", "Updated:" or "Posted:" line at the top;
* ``dateline`` — a wire dateline that carries its year
  ("GAZA CITY, Nov. 23, 2025 (AP) —").

Otherwise the document stays undated and reports say so.
"""

from __future__ import annotations

import datetime as dt
import re

__all__ = ["date_from_path", "date_from_head", "publication_date"]

_YMD = re.compile(r"(?<!\d)(20\d\d)([/_.-])(0[1-9]|1[0-2])\2(0[1-9]|[12]\d|3[01])(?!\d)")
# The first lines of an article where a byline stands.
_HEAD = 600
_BYLINE = re.compile(
    r"^[ \t>*_#`]*(?:first\s+)?(?:published|updated|last\s+updated|posted|date|dated)\b[^\n]{0,120}",
    re.IGNORECASE | re.MULTILINE,
)
_DATELINE = re.compile(r"^[ \t]*[A-Z][A-Z .’'-]{1,40},[^\n]{0,60}?(?=\s*(?:\(|—|–|-\s))", re.MULTILINE)


def date_from_path(path: str | None) -> dt.date | None:
    """A year-month-day written in a path or URL.

    >>> date_from_path("cnn/2024/07/16/strike-kills-27.md"), date_from_path("notes/draft-3.md")
    (datetime.date(2024, 7, 16), None)
    """
    if not path:
        return None
    for m in _YMD.finditer(path):
        try:
            return dt.date(int(m.group(1)), int(m.group(3)), int(m.group(4)))
        except ValueError:
            continue
    return None


def date_from_head(text: str) -> tuple[dt.date | None, str | None]:
    """(date, basis) from a byline or a dated wire dateline at the top of ``text``, else (None, None).

    >>> date_from_head("# Talks resume\\n\\nPublished: 2024-07-16 22:15\\n\\nIn Cairo on March 3, 2024, ...")
    (datetime.date(2024, 7, 16), 'byline')
    >>> date_from_head("CAIRO, Nov. 23, 2025 (Reuters) - Talks ...")
    (datetime.date(2025, 11, 23), 'dateline')
    >>> date_from_head("Talks began on October 7, 2023, officials said.")
    (None, None)
    """
    from ..extract.dates import find_full_date

    head = text[:_HEAD]
    for m in _BYLINE.finditer(head):
        day = _iso(m.group()) or find_full_date(m.group())
        if day is not None:
            return day, "byline"
    line = _DATELINE.search(head)
    if line and line.start() < 300:
        day = find_full_date(line.group())
        if day is not None:
            return day, "dateline"
    return None, None


def _iso(line: str) -> dt.date | None:
    m = re.search(r"(?<!\d)(20\d\d)-(\d\d)-(\d\d)(?!\d)", line)
    if not m:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def publication_date(path: str, url: str | None, head: str) -> tuple[dt.date | None, str | None]:
    """(date, basis) from the file's path, its URL, then its byline or dateline; (None, None) when none says."""
    for value, basis in ((path, "path"), (url, "url")):
        day = date_from_path(value)
        if day is not None:
            return day, basis
    return date_from_head(head)
