"""Name-variant grouping: the same groups as comparing every name with every group, at C speed."""

from __future__ import annotations

import random
import string
from pathlib import Path

import pytest
from rapidfuzz import fuzz

from ceasefire_cli.rules.names import NameMention, _fold, _group, name_variants


def pairwise(names: list[str]) -> list[list[str]]:
    """The definition: each name joins the first group whose first name it matches, else starts one."""
    groups: list[list[str]] = []
    for name in names:
        for group in groups:
            if fuzz.ratio(_fold(name), _fold(group[0])) >= 85:
                group.append(name)
                break
        else:
            groups.append([name])
    return groups


@pytest.mark.parametrize(
    ("names", "groups"),
    [
        ([], []),
        (["Hassan Rashad"], [["Hassan Rashad"]]),
        (["Hassan Rashad", "Hasan Rashad"], [["Hassan Rashad", "Hasan Rashad"]]),
        (["Khalil al-Hayya", "Khalil Al Hayya", "Khaleel al-Hayya"], [["Khalil al-Hayya", "Khalil Al Hayya", "Khaleel al-Hayya"]]),
        (["Rami Rashid", "Hussein Rasheed"], [["Rami Rashid"], ["Hussein Rasheed"]]),
        # A name close to two groups joins the first one begun, not the closest.
        (["Ahmad Salem", "Ahmed Salim", "Ahmad Salim"], [["Ahmad Salem", "Ahmad Salim"], ["Ahmed Salim"]]),
    ],
)
def test_groups(names, groups):
    assert _group(names) == groups == pairwise(names)


def test_many_names_sharing_a_surname_prefix_group_as_the_pairwise_definition():
    rnd = random.Random(3)
    letters = string.ascii_lowercase
    names = sorted({
        f"{rnd.choice(string.ascii_uppercase)}{''.join(rnd.choices(letters, k=rnd.randint(3, 6)))} "
        f"Sal{''.join(rnd.choices('aeiour', k=rnd.randint(2, 4)))}"
        for _ in range(600)
    })
    assert _group(names) == pairwise(names)


def test_a_spelling_seen_in_two_documents_is_one_finding():
    mentions = [NameMention("a.md", "Hassan Rashad", 1, 1), NameMention("b.md", "Hasan Rashad", 2, 5)]
    (finding,) = name_variants(mentions)
    assert finding.message == 'one name, 2 spellings: "Hasan Rashad" (b.md); "Hassan Rashad" (a.md)'
    assert finding.locations == (("a.md", 1, 1), ("b.md", 2, 5))


def test_variants_in_documents_are_the_variants_of_all_their_mentions():
    from ceasefire_cli.load.corpus import load
    from ceasefire_cli.models import Document
    from ceasefire_cli.rules.names import find_names, variants_in

    root = Path(__file__).resolve().parent.parent
    made = [
        Document(f"v{i}.md", f"v{i}.md", text)
        for i, text in enumerate(
            [
                "Talks led by Hassan Rashad began. Mohammed Darwish spoke.",
                "Talks led by Hasan Rashad began; Hussein Rasheed and Rami Rashid met.",
                "Mohamed Darwish and Hussein Rashid spoke. Khalil al-Hayya left.",
                "Khalil Al-Hayya and Hassan Rashad met Rami Rashed.",
            ]
        )
    ]
    documents = (*load([root / "seeds", root / "tests" / "data" / "corpus"]).documents, *made)
    expected = name_variants(m for d in documents for m in find_names(d))
    assert len(expected) >= 2
    assert variants_in(documents) == expected


@pytest.mark.parametrize(
    "texts, spellings",
    [
        # Title-case headlines capitalise every word: no run of them is a name by that.
        (["Army Conducts Humanitarian Airdrops Over Northern Gaza", "Allies Conduct Humanitarian Airdrop Over Gaza Coast"], []),
        # A name written two ways in running text is still told.
        (["Talks with Yahya Sinwar stalled on Monday, officials said.", "Mediators said Yehiya Sinwar had not replied."],
         [["Yahya Sinwar", "Yehiya Sinwar"]]),
        # A possessive, a compass word and a noun's adjective are no other spelling.
        (["The plan was Keir Starmer’s idea, aides said.", "Aides said Keir Starmer backed it."], []),
        (["Flights to North Carolina resumed on Friday.", "Storms hit South Carolina on Friday."], []),
        (["Exports to North Africa fell sharply last year.", "A North African envoy arrived on Monday."], []),
    ],
)
def test_spellings_worth_telling(texts, spellings):
    from ceasefire_cli.models import Document
    from ceasefire_cli.rules.names import variants_in

    docs = [Document(f"d{i}", f"d{i}", t, body_end=len(t)) for i, t in enumerate(texts)]
    found = [[part.split('"')[1] for part in f.message.split(": ", 1)[1].split("; ")] for f in variants_in(docs)]
    assert found == spellings
