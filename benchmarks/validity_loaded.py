"""How well does the loaded-language lexicon find what annotators marked as loaded language?

On the training set of the Propaganda Techniques Corpus (PTC, SemEval-2020 Task 11; Da San Martino et al.
2019): 371 news articles in which annotators marked character spans of 14 propaganda techniques, 2,123 of
them ``Loaded_Language``. The lexicon's matches (``PhraseMatcher(["loaded"])`` over ``segment(text)``, the
same pass ``analyze`` makes) are compared with those spans:

1. span overlap: a match is correct when it overlaps a ``Loaded_Language`` span, a gold span is found when
   a match overlaps it (precision, recall, F1);
2. token level: word tokens inside matches against word tokens inside ``Loaded_Language`` spans;
3. per category: matches, and the share overlapping a ``Loaded_Language`` span, the technique closest to
   the category (``Name_Calling,Labeling`` for name_calling, ``Doubt`` for doubt,
   ``Exaggeration,Minimisation`` for hyperbole, ``Appeal_to_fear-prejudice`` for fear), or any technique;
4. per article: Pearson and Spearman correlation between the rate of matches per 1,000 words
   (``loaded_total_per1k + loaded_quoted_per1k``: PTC marks loaded language inside quotations too; and
   ``loaded_total_per1k`` alone, the outlet's own voice) and the density of ``Loaded_Language`` spans.

The articles are split once into a development half and a test half (ids sorted, shuffled with
``random.Random(0)``, first half = development). The lexicon may be revised against the development half
only (``--entries`` lists per-entry precision there); the test half is reported, never inspected.

Offsets. PTC offsets point into the raw article text, and so do the toolkit's: a match's token offsets in
the normalised text are translated with :func:`framing.text.offsets.to_raw_spans` (the map normalisation keeps,
the same step ``find_phrases`` takes). Each translated match is checked: re-normalising the raw slice must
give back the matched text; a failure would be counted as unmapped (there are none).

Run from the repository root::

    .venv/bin/python benchmarks/validity_loaded.py                # print the tables (both halves)
    .venv/bin/python benchmarks/validity_loaded.py --entries      # per-entry precision on the dev half
    .venv/bin/python benchmarks/validity_loaded.py --write-docs   # also update docs/validity.md, docs/lexicons.md
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from _data import ROOT, VALIDITY_INTRO, data_dir, update_doc_section  # noqa: E402

from framing.features.analyze import DocumentAnalyzer  # noqa: E402
from framing.text.lexicons import load_lexicon  # noqa: E402
from framing.text.matcher import PhraseMatcher  # noqa: E402
from framing.text.offsets import to_raw_spans  # noqa: E402
from framing.text.segment import normalize, segment  # noqa: E402

LOADED = "Loaded_Language"
#: The PTC technique closest to each lexicon category (a secondary, more lenient hit rate).
RELATED_TECHNIQUE = {
    "name_calling": "Name_Calling,Labeling",
    "doubt": "Doubt",
    "hyperbole": "Exaggeration,Minimisation",
    "fear": "Appeal_to_fear-prejudice",
}
SEED = 0
RAW_TOKEN_RE = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")
VALIDITY_DOC = ROOT / "docs" / "validity.md"
CODEBOOK = ROOT / "docs" / "lexicons.md"

# ---------------------------------------------------------------------------------------------------
# Data


@dataclass
class Article:
    article_id: str
    raw: str
    spans: list[tuple[str, int, int]]  # (technique, start, end) in raw offsets, end exclusive


def load_ptc(root: Path) -> list[Article]:
    """The PTC training articles with their technique spans, sorted by id."""
    folder = root / "ptc-train" / "datasets"
    spans: dict[str, list[tuple[str, int, int]]] = defaultdict(list)
    with open(folder / "train-task2-TC.labels", encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                article_id, technique, start, end = line.rstrip("\n").split("\t")
                spans[article_id].append((technique, int(start), int(end)))
    articles = []
    for path in sorted((folder / "train-articles").glob("article*.txt")):
        article_id = path.stem.removeprefix("article")
        # Offsets are Python character offsets into the text read with universal newlines.
        raw = path.read_text(encoding="utf-8")
        articles.append(Article(article_id, raw, sorted(spans.get(article_id, []), key=lambda s: (s[1], s[2]))))
    return articles


def split_halves(articles: Sequence[Article], *, seed: int = SEED) -> tuple[list[Article], list[Article]]:
    """The fixed development and test halves: ids sorted, shuffled with ``random.Random(seed)``, first half dev."""
    ordered = sorted(articles, key=lambda a: a.article_id)
    random.Random(seed).shuffle(ordered)
    half = len(ordered) // 2
    return ordered[:half], ordered[half:]


# ---------------------------------------------------------------------------------------------------
# Evaluation


@dataclass
class MappedMatch:
    start: int  # raw offsets
    end: int
    category: str
    entry: str
    quoted: bool
    techniques: frozenset[str]  # techniques of the gold spans it overlaps


@dataclass
class ArticleResult:
    article_id: str
    n_words: int
    matches: list[MappedMatch]
    gold_loaded: int
    gold_loaded_found: int
    tokens_gold: int
    tokens_predicted: int
    tokens_both: int
    all_per1k: float
    own_per1k: float
    unmapped: int


def _overlaps(a: int, b: int, spans: Sequence[tuple[str, int, int]]) -> frozenset[str]:
    return frozenset(technique for technique, s, e in spans if s < b and a < e)


def evaluate_article(article: Article, *, matcher: PhraseMatcher, analyzer: DocumentAnalyzer) -> ArticleResult:
    seg = segment(article.raw)
    found = matcher.match(seg)
    starts = [seg.token_starts[match.first_token] for match in found]
    ends = [seg.token_ends[match.end_token - 1] for match in found]
    matches, unmapped = [], 0
    for match, start, end, raw_start, raw_end in zip(found, starts, ends, *to_raw_spans(seg, starts, ends)):
        if normalize(article.raw[raw_start:raw_end]) != seg.text[start:end]:
            unmapped += 1
            continue
        matches.append(MappedMatch(raw_start, raw_end, match.entry.category, match.entry.phrase,
                                   seg.token_quoted[match.first_token],
                                   _overlaps(raw_start, raw_end, article.spans)))
    gold = [(t, s, e) for t, s, e in article.spans if t == LOADED]
    found = sum(any(m.start < e and s < m.end for m in matches) for _t, s, e in gold)
    tokens_gold = tokens_predicted = tokens_both = 0
    for token in RAW_TOKEN_RE.finditer(article.raw):
        a, b = token.span()
        in_gold = any(s < b and a < e for _t, s, e in gold)
        in_match = any(m.start < b and a < m.end for m in matches)
        tokens_gold += in_gold
        tokens_predicted += in_match
        tokens_both += in_gold and in_match
    row = analyzer(article.raw)
    return ArticleResult(
        article.article_id, seg.n_words, matches, len(gold), found, tokens_gold, tokens_predicted, tokens_both,
        row["loaded_total_per1k"] + row["loaded_quoted_per1k"], row["loaded_total_per1k"], unmapped,
    )


def _prf(correct_predicted: int, predicted: int, found: int, gold: int) -> tuple[float, float, float]:
    precision = correct_predicted / predicted if predicted else 0.0
    recall = found / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


@dataclass
class Summary:
    """The figures of one half."""

    n_articles: int
    n_words: int
    n_gold: int
    n_matches: int
    n_unmapped: int
    span: tuple[float, float, float]
    token: tuple[float, float, float]
    own_voice_span_precision: float
    closest_technique_precision: float
    any_technique_precision: float
    token_base_rate: float
    categories: dict[str, dict[str, float]]
    pearson_all: tuple[float, float]
    spearman_all: tuple[float, float]
    pearson_own: tuple[float, float]
    spearman_own: tuple[float, float]
    # entry -> (category, matches, overlapping Loaded_Language, ... or the closest technique, ... any technique)
    entries: dict[str, tuple[str, int, int, int, int]]


def summarise(results: Sequence[ArticleResult], *, n_tokens: int, categories: Sequence[str] = ()) -> Summary:
    from scipy import stats

    matches = [m for r in results for m in r.matches]
    correct = sum(LOADED in m.techniques for m in matches)
    gold = sum(r.gold_loaded for r in results)
    found = sum(r.gold_loaded_found for r in results)
    own = [m for m in matches if not m.quoted]
    tokens_gold = sum(r.tokens_gold for r in results)
    by_category: dict[str, list[MappedMatch]] = {category: [] for category in categories}
    for m in matches:
        by_category.setdefault(m.category, []).append(m)
    per_category: dict[str, dict[str, float]] = {}
    for category, group in sorted(by_category.items(), key=lambda item: -len(item[1])):
        related = RELATED_TECHNIQUE.get(category)

        def share(hit, group=group) -> float:
            return sum(map(hit, group)) / len(group) if group else float("nan")

        per_category[category] = {
            "matches": len(group),
            "loaded": share(lambda m: LOADED in m.techniques),
            "related": share(lambda m: related in m.techniques) if related else float("nan"),
            "loaded_or_related": share(lambda m: bool(m.techniques & {LOADED, related})),
            "any": share(lambda m: bool(m.techniques)),
        }
    entries: dict[str, list] = {}
    for m in matches:
        record = entries.setdefault(m.entry, [m.category, 0, 0, 0, 0])
        record[1] += 1
        record[2] += LOADED in m.techniques
        record[3] += bool(m.techniques & {LOADED, RELATED_TECHNIQUE.get(m.category)})
        record[4] += bool(m.techniques)
    density = [1000 * r.gold_loaded / r.n_words if r.n_words else 0.0 for r in results]
    all_rate = [r.all_per1k for r in results]
    own_rate = [r.own_per1k for r in results]

    def corr(function, x):
        result = function(x, density)
        return float(result.statistic), float(result.pvalue)

    return Summary(
        n_articles=len(results), n_words=sum(r.n_words for r in results), n_gold=gold, n_matches=len(matches),
        n_unmapped=sum(r.unmapped for r in results),
        span=_prf(correct, len(matches), found, gold),
        token=_prf(sum(r.tokens_both for r in results), sum(r.tokens_predicted for r in results),
                   sum(r.tokens_both for r in results), tokens_gold),
        own_voice_span_precision=sum(LOADED in m.techniques for m in own) / len(own) if own else 0.0,
        closest_technique_precision=(sum(bool(m.techniques & {LOADED, RELATED_TECHNIQUE.get(m.category)})
                                         for m in matches) / len(matches)) if matches else 0.0,
        any_technique_precision=sum(bool(m.techniques) for m in matches) / len(matches) if matches else 0.0,
        token_base_rate=tokens_gold / n_tokens if n_tokens else 0.0,
        categories=per_category,
        pearson_all=corr(stats.pearsonr, all_rate), spearman_all=corr(stats.spearmanr, all_rate),
        pearson_own=corr(stats.pearsonr, own_rate), spearman_own=corr(stats.spearmanr, own_rate),
        entries={entry: tuple(record) for entry, record in entries.items()},
    )


def evaluate(articles: Sequence[Article], *, lexicon="loaded") -> Summary:
    """Evaluate a lexicon (name, path or Lexicon) on some PTC articles."""
    lexicon = load_lexicon(lexicon)
    matcher = PhraseMatcher([lexicon])
    analyzer = DocumentAnalyzer(features=["loaded"], lexicons=[lexicon])
    results = [evaluate_article(article, matcher=matcher, analyzer=analyzer) for article in articles]
    n_tokens = sum(len(RAW_TOKEN_RE.findall(article.raw)) for article in articles)
    return summarise(results, n_tokens=n_tokens, categories=list(lexicon.categories))


# ---------------------------------------------------------------------------------------------------
# Reporting


def _pct(value: float) -> str:
    return "–" if value != value else f"{value:.1%}"


def headline_table(rows: Sequence[tuple[str, Summary]]) -> list[str]:
    lines = [
        "| half, lexicon | articles | words | gold spans | matches | span P | span R | span F1 | token P | "
        "token R | token F1 |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for label, s in rows:
        lines.append(
            f"| {label} | {s.n_articles} | {s.n_words:,} | {s.n_gold:,} | {s.n_matches:,} | {_pct(s.span[0])} | "
            f"{_pct(s.span[1])} | {s.span[2]:.3f} | {_pct(s.token[0])} | {_pct(s.token[1])} | {s.token[2]:.3f} |"
        )
    return lines


def context_table(rows: Sequence[tuple[str, Summary]]) -> list[str]:
    lines = [
        "| half, lexicon | span P, own voice only | span P, Loaded_Language or the category's closest technique "
        "| span P, any technique | chance: share of tokens inside Loaded_Language spans | unmapped matches |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for label, s in rows:
        lines.append(f"| {label} | {_pct(s.own_voice_span_precision)} | {_pct(s.closest_technique_precision)} | "
                     f"{_pct(s.any_technique_precision)} | {_pct(s.token_base_rate)} | {s.n_unmapped} |")
    return lines


def correlation_table(rows: Sequence[tuple[str, Summary]]) -> list[str]:
    lines = [
        "| half, lexicon | rate per 1,000 words | Pearson r (p) | Spearman ρ (p) |",
        "|---|---|---:|---:|",
    ]
    for label, s in rows:
        for name, pearson, spearman in (("all matches (`loaded_total_per1k + loaded_quoted_per1k`)",
                                         s.pearson_all, s.spearman_all),
                                        ("own voice (`loaded_total_per1k`)", s.pearson_own, s.spearman_own)):
            lines.append(f"| {label} | {name} | {pearson[0]:.3f} ({pearson[1]:.1g}) | "
                         f"{spearman[0]:.3f} ({spearman[1]:.1g}) |")
    return lines


def category_table(label: str, s: Summary) -> list[str]:
    lines = [
        f"Per category, {label}: matches, and the share that overlaps a `Loaded_Language` span, the closest "
        "technique, either, or any technique span.",
        "",
        "| category | matches | Loaded_Language | closest technique | Loaded_Language or closest | any technique |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for category, row in s.categories.items():
        related = RELATED_TECHNIQUE.get(category)
        related_cell = f"{_pct(row['related'])} ({related})" if related else "–"
        lines.append(f"| {category} | {row['matches']:,} | {_pct(row['loaded'])} | {related_cell} | "
                     f"{_pct(row['loaded_or_related'])} | {_pct(row['any'])} |")
    return lines


def entry_report(s: Summary, *, min_matches: int = 5) -> list[str]:
    """Entries with at least ``min_matches`` matches, by precision (for revising the lexicon on dev only)."""
    category_precision = {c: row["loaded"] for c, row in s.categories.items()}  # nan for empty categories
    rows = [(entry, *record) for entry, record in s.entries.items() if record[1] >= min_matches]
    rows.sort(key=lambda r: (r[3] / r[2], r[4] / r[2], -r[2]))
    lines = [f"{'entry':<28} {'category':<14} {'matches':>7} {'P(LL)':>6} {'P(LL|closest)':>13} {'P(any)':>6}"
             "   category P(LL)"]
    for entry, category, n, loaded, related, anything in rows:
        lines.append(f"{entry:<28} {category:<14} {n:>7} {loaded / n:>6.0%} {related / n:>13.0%} "
                     f"{anything / n:>6.0%}   {category_precision[category]:.1%}")
    return lines


def run(*, before: str | Path | None = None, entries: bool = False) -> str:
    """The report as Markdown (or, with ``entries``, the per-entry table of the development half)."""
    articles = load_ptc(data_dir())
    dev, test = split_halves(articles)
    lexicon = load_lexicon("loaded")
    dev_summary = evaluate(dev, lexicon=lexicon)
    if entries:
        return "\n".join(entry_report(dev_summary))
    test_summary = evaluate(test, lexicon=lexicon)
    rows: list[tuple[str, Summary]] = []
    if before is not None:
        old = load_lexicon(before)
        rows += [(f"dev, {old.version} (before)", evaluate(dev, lexicon=old))]
    rows += [(f"dev, {lexicon.version}", dev_summary)]
    if before is not None:
        rows += [(f"test, {old.version} (before)", evaluate(test, lexicon=old))]
    rows += [(f"test, {lexicon.version}", test_summary)]
    total_gold = sum(1 for a in articles for t, _s, _e in a.spans if t == LOADED)
    lines = [
        f"Data: PTC training set (SemEval-2020 Task 11), {len(articles)} articles, {total_gold:,} "
        f"`Loaded_Language` spans; development half {len(dev)} articles, test half {len(test)} articles "
        f"(ids sorted, shuffled with seed {SEED}, first half = development). Matches: every match of the "
        f"`loaded` lexicon {lexicon.version} (`PhraseMatcher([\"loaded\"])` over `segment(text)`), quoted "
        "ones included, since PTC marks loaded language inside quotations too.",
        "",
        *headline_table(rows),
        "",
        *context_table(rows),
        "",
        "Correlation per article between the lexicon's rate and the density of `Loaded_Language` spans "
        "(spans per 1,000 words):",
        "",
        *correlation_table(rows),
        "",
        *category_table(f"development half, {lexicon.version}", dev_summary),
        "",
        *category_table(f"test half, {lexicon.version}", test_summary),
    ]
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------------------
# Docs


def write_docs(body: str, *, notes: str) -> None:
    validity = (
        "## Loaded language\n\n"
        "The lexicon `framing/lexicons/loaded.yml` against the `Loaded_Language` spans of the Propaganda "
        "Techniques Corpus (Da San Martino et al. 2019). Re-run with "
        "`.venv/bin/python benchmarks/validity_loaded.py --write-docs` (data from `$FRAMING_DATA` or "
        "`../shared/data`).\n\n" + body + "\n\n" + notes + "\n"
    )
    update_doc_section(VALIDITY_DOC, "Loaded language", validity, intro=VALIDITY_INTRO)
    section = "## Validity\n\n" + CODEBOOK_VALIDITY.strip() + "\n\n" + body + "\n\n"
    update_doc_section(CODEBOOK, "Validity", section, intro="")


NOTES = """\
How the figures are made. PTC's spans and the toolkit's matches both carry offsets into the raw article:
matching reads the normalised text, and every match's offsets are translated back through the map that
normalisation keeps (`framing.text.offsets.to_raw_spans`, what `find_phrases` returns). Every translated match
is checked (the raw slice, normalised again, must give back the matched text); "unmapped matches" counts
the failures, which would be left out. Token-level figures count the word tokens of the raw text that
overlap a match or a `Loaded_Language` span.

Reading.

* PTC's `Loaded_Language` is one technique of fourteen ("words and phrases with strong emotional
  implications to influence an audience"), annotated in articles picked for propaganda. About 2.5% of word
  tokens lie inside such a span, so that is the precision of a word picked at random; a lexicon match is
  eight to ten times as likely to hit one.
* The categories overlap that label to the degree their definitions predict. Emotional vocabulary
  (hyperbole, moralising, fear, doubt) reaches 25-45%, and more when the closest technique counts too
  (`Exaggeration,Minimisation`, `Doubt`, `Appeal_to_fear-prejudice`). Name-calling matches fall mostly
  inside `Name_Calling,Labeling` spans, which PTC keeps apart from loaded language. Loaded verbs of saying,
  weasel attribution and euphemism describe how speech and sources are reported, which PTC does not
  annotate: their low figures measure a difference of definition more than error.
* Recall is about a third: many annotated spans are one-off figurative phrases that no fixed list holds;
  the lexicon finds the recurrent vocabulary. Token recall is lower because annotated spans are long.
* Per article, the rate of matches correlates moderately with the density of annotated spans (Pearson
  about 0.3, Spearman 0.3-0.45). All matches correlate a little better than the own-voice rate, since PTC
  marks loaded language inside quotations too. Use the rates to compare groups of articles, and read the
  matches (`find_phrases`, `kwic`) before interpreting one article.

Revision 1.1.0, made on the development half only (the test half was not looked at for decisions). Rule:
an entry with five or more development matches whose precision (against `Loaded_Language`, the closest
technique, and any technique) was far below its category's, and whose development matches, read in
context, were mostly a sense the codebook itself does not count as loaded (a proper name, a neutral sense,
an established term), was removed, or its neutral sense excluded. No entry was added and no word was taken
from the articles. Changes (development matches in brackets: all / inside a `Loaded_Language` span / inside
any technique span):

* removed from `loaded_saying`: *revealed* (35/0/0), *reveals* (13/0/0), *pointed out* (17/0/1), *points out*
  (9/0/0), *pointing out* (0): used neutrally for disclosures;
* removed from `doubt`: *alleged* (34/0/6) and its 23 crime-reporting excludes: the legally required use
  dominates and the exclude list did not cover it;
* moved from `euphemism` entries to excludes: *regime change* (24/0/0), the established name of a policy; as
  an exclude it also keeps its *regime* from counting as name-calling (like *tax regime*);
* new excludes for neutral senses: *free beacon* (an outlet's name; puffery *beacon* 17/0/0), *corrupt
  practices* (anti-bribery law; moralising *corrupt* 82/3/21), *was/were/is/are/be/been/being admitted* (let in;
  *admitted* 25/1/4), *insisted/insisting/insists on* (demanded; *insisted* 5/0/1).

Kept although PTC rarely marks them, because their development matches were the loaded sense that the
codebook describes and the annotators' scheme leaves out: *claimed*/*claims*/*claiming*, *so-called*,
*supposedly*, *cover-up*, *terrorist(s)*, *regime*, *elites*, *illegals*, *illegal alien(s)*, *far-right*,
*neocons*, *notorious*, and the weasel category. Entries whose development matches came mostly from one
article (*massacre*, *righteous*, *corrupt* in a repeated reader poll) were not judged on them.

Re-run: `.venv/bin/python benchmarks/validity_loaded.py` prints these tables; `--entries` lists per-entry
precision on the development half (for future revisions; never on the test half); `--before OLD.yml` adds
the rows of an earlier lexicon file (the 1.0.0 rows above: `git show <commit>:framing/lexicons/loaded.yml`).
"""

CODEBOOK_VALIDITY = """\
The lexicon is measured against the `Loaded_Language` spans that annotators marked in the Propaganda
Techniques Corpus (PTC; Da San Martino et al. 2019), with a fixed development half of the articles for
revising the lexicon and a test half reported separately. Method, reading and the full record are in
[validity.md](validity.md#loaded-language). Re-run with
`.venv/bin/python benchmarks/validity_loaded.py --write-docs` (data from `$FRAMING_DATA` or `../shared/data`).

Changelog. *1.1.1*: in fear, the bare noun *overrun* (mostly a budget term in news) became *overrun by*, *overrun with* and *being overrun*. *1.1.0*: revised on the development half only, by removals and excludes (no entry added):
removed *revealed*, *reveals*, *pointed out*, *points out*, *pointing out* (loaded_saying) and *alleged*
(doubt, with its 23 excludes); *regime change* moved from euphemism to an exclude; new excludes *free
beacon*, *corrupt practices*, the passive *was/were/is/are/be/been/being admitted* and *insisted/insisting/
insists on*. *1.0.0*: first release.

In short: about one match in five overlaps a `Loaded_Language` span (a random word: one in forty), about a
third of the annotated spans contain a match, and per article the rate correlates about 0.3 with the
density of annotated spans. Low figures for loaded verbs of saying, weasel attribution and euphemism reflect
what PTC annotates, not only error.
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--write-docs", action="store_true",
                        help='update "## Loaded language" in docs/validity.md and "## Validity" in docs/lexicons.md')
    parser.add_argument("--entries", action="store_true",
                        help="per-entry precision on the development half (entries with 5+ matches)")
    parser.add_argument("--before", metavar="LEXICON",
                        help="also evaluate an earlier version of the lexicon (a .yml path) on the dev half")
    args = parser.parse_args()
    body = run(before=args.before, entries=args.entries)
    print(body)
    if args.write_docs and not args.entries:
        write_docs(body, notes=NOTES)
        print(f"\nwrote {VALIDITY_DOC.relative_to(ROOT)} (## Loaded language) and "
              f"{CODEBOOK.relative_to(ROOT)} (## Validity)")


if __name__ == "__main__":
    main()
