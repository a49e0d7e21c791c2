"""List every number in a sample of the real corpus, for hand annotation.

The list is made by a scanner of its own (digits and number words), not by
cfcheck, so that recall is measured against what is really in the text.
Bare four-digit years (1948–2030) are left out: no annotator needs to be told
that "2024" is not a count.

    python bench/real_candidates.py [--corpus bench/out/real] [--shards 4] [--seed 12]
    python bench/real_candidates.py --heldout      # a second sample, none of the first's documents

``--heldout`` draws a fresh sample (seed 2026, fewer documents) from the
documents no ``figures-*.jsonl`` label touches and writes it under
``bench/out/annotate-heldout/``; its labels are saved as
``bench/annotations/heldout-<n>.jsonl`` and measured with
``real_bench.py --labels heldout``. The held-out sample was labelled after
the rules of the first were written, so it measures how they carry over.
``--other`` samples 260 headlines with figures from the other outlets' corpus
(``bench/out/real-other``, built by ``real_corpus.py --gnews``) into
``bench/out/annotate-other/``; its labels are ``other-<n>.jsonl``, measured
with ``real_bench.py --corpus bench/out/real-other --labels other``.

Writes, under ``bench/out/annotate/`` (ignored by git, it quotes the articles):

* ``shard-<n>.txt`` — each number with its sentence, for the annotator to read;
* ``shard-<n>.skeleton.jsonl`` — one row per number (doc, offset, text) for
  the annotator to complete and save as ``bench/annotations/figures-<n>.jsonl``.

Document ids are the ones cfcheck gives when run from the corpus folder:
``cnn-2024-07/2024/07/16/x.md`` or ``aljazeera-headlines/2023-11.jsonl:5``
(the line of the record); offsets count characters of the article text (for
a JSON record, of its ``text`` field).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from pathlib import Path

_WORDS = (
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
    "sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|"
    "hundred|thousand|million|dozen"
)
NUMBER = re.compile(
    rf"(?<![\w.,])(?:\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?)(?:\s*(?:million|billion|thousand))?(?![\w])"
    rf"|(?<![\w-])(?:{_WORDS})(?:[\s-]+(?:and\s+)?(?:{_WORDS}))*(?![\w-])",
    re.IGNORECASE,
)
_YEAR = re.compile(r"(?:19[4-9]\d|20[0-3]\d)")


def documents(corpus: Path) -> list[tuple[str, str]]:
    """(doc id, text) for every article of the corpus, in id order."""
    docs = []
    for path in sorted(corpus.rglob("*")):
        rel = path.relative_to(corpus).as_posix()
        if path.suffix == ".md":
            docs.append((rel, path.read_text(encoding="utf-8")))
        elif path.suffix == ".jsonl":
            for n, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1):
                if line.strip():
                    docs.append((f"{rel}:{n}", json.loads(line)["text"]))
    return docs


def numbers(text: str) -> list[re.Match[str]]:
    """The numbers of ``text`` an annotator labels (years and "one" as a pronoun are skipped)."""
    found = []
    for m in NUMBER.finditer(text):
        if _YEAR.fullmatch(m.group()):
            continue
        if m.group().lower() == "one" and re.match(r"\s+of\b", text[m.end():]):
            continue  # "one of the ...": a pronoun
        found.append(m)
    return found


def sentence(text: str, start: int, end: int) -> str:
    """The sentence around ``[start, end)``, the number marked with ⟦ ⟧."""
    left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start))
    right_candidates = [i for i in (text.find(". ", end), text.find("\n", end)) if i >= 0]
    right = min(right_candidates) if right_candidates else len(text)
    left = max(left + 1, start - 400)
    right = min(right + 1, end + 400)
    return " ".join((text[left:start] + "⟦" + text[start:end] + "⟧" + text[end:right]).split())


FIRST_QUOTAS = {"cnn-2024-07": 16, "aljazeera-2025-05": 8, "aljazeera-headlines": 170}
HELDOUT_QUOTAS = {"cnn-2024-07": 12, "aljazeera-2025-05": 6, "aljazeera-headlines": 140}
OTHER_QUOTAS = {"gnews-headlines": 260}


def labelled_documents(annotations: Path) -> set[str]:
    """Documents some ``figures-*.jsonl`` label already points into."""
    seen = set()
    for path in annotations.glob("figures-*.jsonl"):
        for line in path.read_text("utf-8").splitlines():
            if line.strip():
                seen.add(json.loads(line)["doc"])
    return seen


def sample(
    docs: list[tuple[str, str]], seed: int, quotas: dict[str, int] = FIRST_QUOTAS, exclude: set[str] = frozenset()  # type: ignore[assignment]
) -> list[tuple[str, str]]:
    """A fixed sample across outlets and months: articles of each source, headlines with figures."""
    rng = random.Random(seed)
    by_source: dict[str, list[tuple[str, str]]] = {}
    for doc in docs:
        if doc[0] not in exclude:
            by_source.setdefault(doc[0].split("/")[0], []).append(doc)
    chosen = []
    for source, items in sorted(by_source.items()):
        with_figures = [d for d in items if numbers(d[1])]
        chosen += rng.sample(with_figures, min(quotas.get(source, 10), len(with_figures)))
    return sorted(chosen)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=Path(__file__).parent / "out" / "real")
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "out" / "annotate")
    parser.add_argument("--shards", type=int, default=4)
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--heldout", action="store_true", help="a second sample without the first's documents")
    parser.add_argument("--other", action="store_true", help="a sample of the other outlets' corpus (bench/out/real-other)")
    args = parser.parse_args(argv)
    if args.other:
        if args.out == parser.get_default("out"):
            args.out = Path(__file__).parent / "out" / "annotate-other"
        if args.corpus == parser.get_default("corpus"):
            args.corpus = Path(__file__).parent / "out" / "real-other"
        chosen = sample(documents(args.corpus), 2027 if args.seed == 12 else args.seed, OTHER_QUOTAS)
    elif args.heldout:
        if args.out == parser.get_default("out"):
            args.out = Path(__file__).parent / "out" / "annotate-heldout"
        exclude = labelled_documents(Path(__file__).parent / "annotations")
        chosen = sample(documents(args.corpus), 2026 if args.seed == 12 else args.seed, HELDOUT_QUOTAS, exclude)
    else:
        chosen = sample(documents(args.corpus), args.seed)
    rows = [(doc_id, text, m) for doc_id, text in chosen for m in numbers(text)]
    args.out.mkdir(parents=True, exist_ok=True)
    # Whole documents stay in one shard, so each annotator reads an article once.
    shards: list[list] = [[] for _ in range(args.shards)]
    for doc_id, text in chosen:
        mine = [r for r in rows if r[0] == doc_id]
        min(shards, key=len).extend(mine)
    for n, shard in enumerate(shards, 1):
        with open(args.out / f"shard-{n}.txt", "w", encoding="utf-8") as show, open(
            args.out / f"shard-{n}.skeleton.jsonl", "w", encoding="utf-8"
        ) as skeleton:
            for i, (doc_id, text, m) in enumerate(shard, 1):
                show.write(f"[{i}] {doc_id} @{m.start()} «{m.group()}»\n    {sentence(text, m.start(), m.end())}\n\n")
                skeleton.write(json.dumps({"doc": doc_id, "offset": m.start(), "text": m.group()}, ensure_ascii=False) + "\n")
    print(f"{len(chosen)} documents, {len(rows)} numbers -> {args.out} ({', '.join(str(len(s)) for s in shards)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
