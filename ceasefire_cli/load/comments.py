"""Where an article's reader-comment section begins.

Figures in comments ("20+ killed yesterday!!") are set aside unless the user
asks for them, so the loader marks the offset where comments start. The
scan is linear in the text: only short lines are tried as headers, and each
looks at no more than a few lines after it.
"""

from __future__ import annotations

import re
from itertools import islice

# Headers that can only introduce reader comments.
_HEADER = re.compile(
    r"""(?ix)
    (?: \d{1,6}\ +(?:reader\ +)?(?:comments?|responses?|replies|reply)
      | (?:comments|responses|replies)\ *(?:\(\d{1,6}\)|\[\d{1,6}\]|:\ *\d{1,6})
      | comments
      | readers?'?\ +comments(?:\ *(?:\(\d{1,6}\)|\[\d{1,6}\]))?
      | leave\ +a\ +(?:comment|reply)
      | join\ +the\ +(?:conversation|discussion)
      | what\ +(?:our\ +)?readers\ +(?:say|think)
      | (?:show|view)\ +comments
    )\ *:?"""
)
# Headers that are also ordinary subheadings ("Responses" to a strike): they
# count only when commenter names follow.
_WEAK_HEADER = re.compile(r"(?i)(?:responses|replies) *:?")
_MAX_HEADER = 40
#: Longer lines (padding included) are not even stripped.
_MAX_LINE = 400
_LOOKAHEAD = 6
_LINE = re.compile(r"[^\n]*\n?")


def find_comments(text: str) -> int:
    """Offset of the line that opens a reader-comment section, or ``len(text)``.

    A header is a short line on its own ("5 Comments", "Comments (3)",
    "Join the conversation", …) that either starts in the second half of the
    text or is followed by at least two name-like lines.

    >>> find_comments("Talks resumed.\\nHe declined to comment.\\n")
    39
    >>> find_comments("Talks resumed in Cairo.\\n2 Comments\\nAmal\\nGood.\\nSami\\nBad.\\n")
    24
    """
    half = len(text) / 2
    first = True
    for match in _LINE.finditer(text):
        start, end = match.span()
        if start == end:
            break
        if first or end - start > _MAX_LINE:  # a long line is no header: not even copied
            first = False
            continue
        line = match.group().strip().strip("*_#").strip()  # "**Reader comments (4)**", "## Comments"
        if not line or len(line) > _MAX_HEADER:
            continue
        strong = _HEADER.fullmatch(line) is not None
        if not strong and not _WEAK_HEADER.fullmatch(line):
            continue
        if strong and start >= half:
            return start
        if sum(map(_looks_like_name, _next_lines(text, match.end()))) >= 2:
            return start
    return len(text)


def _next_lines(text: str, offset: int) -> list[str]:
    """The next few non-blank lines after ``offset``, stripped."""
    lines = (m.group().strip() for m in _LINE.finditer(text, offset) if m.group())
    return list(islice((line for line in lines if line), _LOOKAHEAD))


def _looks_like_name(line: str) -> bool:
    """1-3 capitalised words, short, no final punctuation: a commenter's name line.

    >>> [_looks_like_name(s) for s in ("Donatello", "Amal K", "It failed.", "the end")]
    [True, True, False, False]
    """
    words = line.split()
    short = 1 <= len(words) <= 3 and len(line) <= _MAX_HEADER
    return short and line[-1] not in ".,;:!?\"'”’)" and all(word[0].isupper() for word in words)
