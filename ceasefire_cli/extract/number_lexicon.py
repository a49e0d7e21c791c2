"""The vocabulary and compiled patterns of the number grammar (numbers.py, figures.py and hedges.py read with them).

Built once at import; nothing here is compiled per call.
"""

from __future__ import annotations

import re
from decimal import Decimal

# --- vocabulary --------------------------------------------------------------------

UNITS = dict(zip(
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen".split(), range(1, 20)))
TENS = dict(zip("twenty thirty forty fifty sixty seventy eighty ninety".split(), range(20, 100, 10)))
SCALES = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
ABBREVIATIONS = {"k": 10**3, "m": 10**6, "mn": 10**6, "mln": 10**6, "bn": 10**9, "tn": 10**12}
PLURAL = {"dozen": "dozens", "hundred": "hundreds", "thousand": "thousands",
           "million": "millions", "billion": "billions"}
# (vague word, the scale after "of") -> interval.
VAGUE = {
    ("dozens", None): (24, 99), ("scores", None): (40, 199), ("tens", None): (20, 99),
    ("hundreds", None): (200, 999), ("thousands", None): (2000, 9999),
    ("millions", None): (2e6, 9.99e6), ("billions", None): (2e9, 9.99e9),
    ("tens", "thousands"): (20_000, 99_999), ("hundreds", "thousands"): (200_000, 999_999),
    ("tens", "millions"): (2e7, 9.99e7), ("hundreds", "millions"): (2e8, 9.99e8),
    ("tens", "billions"): (2e10, 9.99e10), ("hundreds", "billions"): (2e11, 9.99e11),
}

HEDGES = {
    "above": "more than|over|above|upwards of|upward of|in excess of|north of|exceeding|"
             "tops|top|topped|topping|surpasses|surpassed|surpassing|passes|passed|exceeds|exceeded|"
             "just over|well over|just above|well above|slightly more than|a little more than|"
             "a little over|well in excess of|far more than|much more than|just more than|"
             "climbed past|rose past|risen past|went past|gone past|crossed|crossing|beyond",
    "at_least": "at least|no fewer than|no less than|not less than|not fewer than|"
                "a minimum of|at the very least",
    "below": "nearly|almost|close to|just under|just below|just shy of|just short of|"
             "nears|neared|nearing|approaching|approaches|approached|very nearly|"
             "on the verge of|set to pass|set to surpass|set to top|set to exceed|set to cross|"
             "about to pass|about to surpass|poised to pass|poised to surpass|poised to top|"
             "edging towards|edging toward|fast approaching|close to passing",
    "about": "about|around|roughly|some|approximately|an estimated|estimated|estimated at|"
             "circa|approx.|approx|an approximate|in the region of|on the order of",
    "at_most": "up to|as many as|fewer than|less than|under|no more than|not more than|"
               "at most|a maximum of|below|well under|well below|as much as",
}
_LABELS = (
    "resolution|resolutions|res.|unscr|article|articles|art.|section|sections|sec.|chapter|"
    "chapters|ch.|no.|nos.|nº|phase|phases|stage|step|round|gate|gates|route|road|highway|hwy|"
    "street|page|pages|p.|pp.|pg.|verse|verses|paragraph|para|para.|clause|annex|appendix|"
    "item|rule|part|title|volume|vol.|issue|episode|season|fig.|table|category|level|tier|"
    "grade|class|type|model|version|v.|ver.|flight|bus|platform|terminal|pier|room|floor|"
    "apartment|apt.|suite|building|block|tower|area|zone|sector|unit|brigade|battalion|"
    "division|squadron|regiment|channel|kan|box|tel|tel.|telephone|phone|fax|hotline|ext.|"
    "extension|code|id|day|week|covid|protocol|psalm|surah|sura|exhibit|aged|age|ages"
)
_MONTHS = ("january|february|march|april|may|june|july|august|september|october|november|"
           "december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec")
PREFIXES = {"a": 1, "an": 1, "half a": 0.5, "half an": 0.5, "a half": 0.5, "one half": 0.5,
             "a quarter of a": 0.25, "quarter of a": 0.25, "a quarter": 0.25,
             "several": None, "a few": None, "few": None, "many": None}
_CHANGE_VERBS = ("rose|risen|rising|rises|rise|increased|increases|increasing|jumped|jumps|"
                 "climbed|climbs|grew|grown|fell|fallen|falls|dropped|drops|declined|declines|"
                 "decreased|soared|surged|went|up|down|revised|raised|lowered|moved|changed")
_COUNT_NOUNS = (
    "people|persons|palestinians|israelis|gazans|civilians|children|kids|women|men|deaths|dead|"
    "fatalities|casualties|victims|injured|wounded|bodies|trucks|lorries|tonnes|tons|homes|"
    "houses|buildings|families|households|patients|prisoners|detainees|hostages|captives|"
    "soldiers|troops|fighters|militants|members|workers|staff|students|journalists|doctors|"
    "schools|mosques|strikes|airstrikes|rockets|missiles|attacks|violations|pallets|meals|"
    "residents|individuals|officers|settlers|demonstrators|protesters|babies|infants|cases"
)

# What a phrase just before a figure means: a hedge kind, "label", "month" or "lead".
BEFORE_KIND = {
    **{p: "label" for p in _LABELS.split("|")},
    **{m + dot: "month" for m in _MONTHS.split("|") for dot in ("", ".")},
    "between": "lead", "from": "lead",
    **{p: kind for kind, ps in HEDGES.items() for p in ps.split("|")},
}


def _alternation(words: list[str], space: str = " ") -> str:
    """A regex alternation factored by common prefixes (a trie), so a miss costs one test.

    Optional tails are greedy, so the longest phrase is tried first.

    >>> _alternation(["ten", "tens", "two"])
    't(?:en(?:s)?|wo)'
    """
    tree: dict = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: dict) -> str:
        branches = [(space if c == " " else re.escape(c)) + emit(sub) for c, sub in sorted(node.items()) if c]
        if not branches:
            return ""
        if "" in node:
            return "(?:" + "|".join(branches) + ")?"
        return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"

    return emit(tree)


_SP = r"[ \t\u00a0\u2009\u202f]"
_SP_PLUS = _SP + "{1,4}"  # bounded, so no check can run on along a run of blanks


def _reversed(phrases: list[str]) -> re.Pattern[str]:
    """A pattern that, run on the reversed text, finds one of ``phrases`` ending at an offset."""
    body = _alternation([p[::-1] for p in phrases], space=_SP_PLUS)
    return re.compile(rf"{_SP}{{0,4}}({body})(?!\w)", re.I)


def phrase_of(match: re.Match[str]) -> str:
    """The normalised phrase a reversed pattern found."""
    return " ".join(match.group(1)[::-1].lower().split())


# --- patterns ----------------------------------------------------------------------

_ALL_WORDS = [*UNITS, *TENS, "hundred", "dozen", *SCALES, "tens", "scores", *PLURAL.values()]
_WORDS = _alternation([f(w) for w in _ALL_WORDS for f in (str.lower, str.capitalize, str.upper)])
_DIGITS = r"[0-9]+(?:[,\u00a0\u2009\u202f][0-9]{3}(?![0-9]))*(?:\.[0-9]+)?"

# The scanner. It starts with the character before the core, which must not be a
# letter or digit: a pattern that opens with one character class lets the engine
# skip ahead in C to candidate positions (measured 50 MB/s against 18 MB/s for a
# look-behind or a check in Python; case-folding with re.I was 3x slower still).
# Cores after a letter ("A320") are never figures, so missing them loses nothing.
# CORE_AT reads a core at a known offset: the start of the text, or after "to".
CORE_AT = re.compile(rf"({_DIGITS}|(?:{_WORDS})(?![A-Za-z0-9]))")
CORE = re.compile(rf"[^A-Za-z0-9]({_DIGITS}|(?:{_WORDS})(?![A-Za-z0-9]))")
# "fifty-two", and "fifty - two" with a spaced hyphen between number words.
NEXT = re.compile(rf"(?:{_SP_PLUS}(and){_SP_PLUS}|{_SP_PLUS}|(-|{_SP}{{1,2}}-{_SP}{{1,2}}(?=[A-Za-z])))"
                   rf"(?:({_WORDS})(?![A-Za-z0-9])|([0-9]+)(?![0-9A-Za-z]|[.,][0-9]))")
ABBREVIATION = re.compile(rf"(?:(mn|mln|bn|tn|[mMkK])|{_SP}(bn|mn|mln|tn))(?![A-Za-z0-9])")
JUNK = re.compile(r"(?:[.,:/\-–][0-9]+)*")
DASH_DIGIT = re.compile("[-–][0-9]")
PHONE = re.compile(r"(?:[ \u00a0\-.()]{1,2}[0-9]+)*")
DIGIT_GROUP = re.compile(rf"{_SP}[0-9]+(?![0-9]|[.,][0-9])")
# "1 350", "12 000": thousands set off by single spaces (groups of exactly three digits).
SPACED_GROUPS = re.compile(r"(?: [0-9]{3}(?![0-9]|[.,][0-9]))+")
# What directly follows a figure, in one match (one call instead of four on the
# common path): a percent sign, a time/age/comment-widget word that makes it no
# count, a trailing hedge ("20+", "-plus", "or more"), or a range connector.
# The trailing hedges come before the connector so "or more" is not "or".
AFTER = re.compile(
    rf"(?P<percent>{_SP}{{0,2}}%|{_SP}{{0,2}}(?:per{_SP}?cent|percent|pct)(?![A-Za-z])"
    rf"|{_SP_PLUS}percentage{_SP_PLUS}points?(?![A-Za-z]))"
    rf"|(?P<notcount>{_SP}{{0,2}}(?:[ap]\.m\.?|[ap]m(?![A-Za-z])|o['’]clock|local{_SP}time"
    rf"|(?:GMT|UTC|EST|EDT|CET|CEST|BST|EET|EEST|IDT)(?![A-Za-z]))"
    rf"|{_SP}{{0,2}}-?(?:years?|months?|weeks?|days?)[ -]old(?![A-Za-z])"
    rf"|{_SP_PLUS}(?:comments?|replies|reply|shares?|likes?|views|retweets|reposts|reactions"
    rf"|upvotes)(?![A-Za-z]))"
    rf"|(?P<trailing>(?P<sign>\+)(?![0-9])|-(?P<suffix>plus|odd)(?![A-Za-z])"
    rf"|{_SP_PLUS}or{_SP_PLUS}(?P<orword>more|higher|above|so|fewer|less)(?![A-Za-z]))"
    rf"|(?P<connector>{_SP}{{0,2}}(?P<dash>[-–]){_SP}{{0,2}}|{_SP_PLUS}(?P<word>to|or|and){_SP_PLUS})",
    re.I)
TRAILING_KIND = {"+": "at_least", "plus": "at_least", "more": "at_least", "higher": "at_least",
                  "above": "at_least", "odd": "about", "so": "about", "fewer": "at_most",
                  "less": "at_most"}
CURRENCY = re.compile(r"[$€£₪¥]?")
_MONTH_NAMES = "|".join(m.capitalize() for m in _MONTHS.split("|"))
# "23 November", "7 and 8 October", "10-12 Oct."
MONTH_AFTER = re.compile(rf"(?:(?:{_SP_PLUS}(?:and|or|to)|{_SP}{{0,2}}[-–,]){_SP}{{0,2}}[0-9]{{1,2}}"
                          rf"(?:st|nd|rd|th)?)?{_SP_PLUS}(?:of{_SP_PLUS})?"
                          rf"(?:{_MONTH_NAMES}|{_MONTH_NAMES.upper()})\.?(?![A-Za-z])")
TIME_UNIT_AFTER = re.compile(rf"{_SP_PLUS}(?:hours?|days?|nights?|weeks?|months?|years?)(?![A-Za-z])",
                              re.I)
AND_A_HALF = re.compile(rf"{_SP_PLUS}and{_SP_PLUS}a{_SP_PLUS}half{_SP_PLUS}"
                         rf"(hundred|thousand|million|billion|dozen)(?![A-Za-z])", re.I)
COUNT_NOUN_AFTER = re.compile(rf"{_SP_PLUS}(?:more{_SP_PLUS})?(?:{_COUNT_NOUNS})(?![A-Za-z])", re.I)
OF_SCALE = re.compile(rf"{_SP_PLUS}of{_SP_PLUS}(thousands|millions|billions)(?![A-Za-z])", re.I)
OF = re.compile(rf"{_SP_PLUS}of(?![A-Za-z])", re.I)
NEXT_WORD = re.compile(rf"{_SP_PLUS}([A-Za-z])")

BEFORE_REV = _reversed(list(BEFORE_KIND))
PREFIX_REV = _reversed(list(PREFIXES))
CHANGE_REV = _reversed(_CHANGE_VERBS.split("|"))
NAME_PAREN_REV = re.compile(r"\(\s?[a-z'’]{0,30}[A-Z](?!\w)")
NO_SEPARATORS = str.maketrans("", "", ",\u00a0\u2009\u202f")
INFINITY = Decimal("Infinity")
