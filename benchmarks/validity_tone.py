"""Does sentence-level tone track human judgements, and does it avoid whole-text saturation?

On the NYT editorial snippets of Hutto & Gilbert (2014): 5,190 sentences from 498 editorials, each rated by
20+ people on a -4..4 scale. The script prints

1. sentence level: Pearson r between the VADER compound of each snippet and its mean human rating;
2. editorial level (snippets grouped by piece, the human score being the mean of its snippets' ratings):
   r for ``tone_mean`` (``framing.tone`` on the editorial's text: our segmentation, mean sentence
   compound), for the mean compound of the given snippets, and for VADER's compound of the whole
   editorial in one call (``tone_doc_vader``);
3. saturation: the share of texts with |score| > 0.9 as texts grow (consecutive snippets joined into texts
   of 1, 3, 10, 30 and 100 sentences), for the whole-text compound and for ``tone_mean``.

Run from the repository root::

    .venv/bin/python benchmarks/validity_tone.py                # print the tables
    .venv/bin/python benchmarks/validity_tone.py --write-docs   # also update "## Tone" in docs/validity.md

All scores come from ``framing``'s engine, which equals vaderSentiment 3.3.2 exactly (tests/test_vader.py);
the script re-checks that on the whole editorials.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from collections import defaultdict
from pathlib import Path

from scipy import stats

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from _data import ROOT, VALIDITY_INTRO, data_dir, nyt_snippets, update_doc_section  # noqa: E402

from framing.features.tone import tone  # noqa: E402
from framing.features.vader import get_scorer  # noqa: E402

DOCS = ROOT / "docs" / "validity.md"
LENGTHS = (1, 3, 10, 30, 100)
SATURATED = 0.9


def pearson(x: list[float], y: list[float]) -> tuple[float, float, float]:
    """r and its 95% confidence interval."""
    result = stats.pearsonr(x, y)
    interval = result.confidence_interval(0.95)
    return float(result.statistic), float(interval.low), float(interval.high)


def editorials(rows) -> dict[str, list[tuple[int, float, str]]]:
    pieces: dict[str, list[tuple[int, float, str]]] = defaultdict(list)
    for piece, number, rating, sentence in rows:
        pieces[piece].append((number, rating, sentence))
    return {piece: sorted(snippets) for piece, snippets in pieces.items()}


def saturation_table(sentences: list[str], scorer) -> list[dict[str, float]]:
    table = []
    for length in LENGTHS:
        texts = [" ".join(sentences[k:k + length]) for k in range(0, len(sentences) - length + 1, length)]
        whole = [scorer.scores(text)[3] for text in texts]
        means = [tone(text)["tone_mean"] for text in texts]
        table.append({
            "sentences": length,
            "texts": len(texts),
            "words": statistics.median(len(text.split()) for text in texts),
            "whole_share": sum(abs(s) > SATURATED for s in whole) / len(texts),
            "mean_share": sum(abs(s) > SATURATED for s in means) / len(texts),
            "whole_median": statistics.median(abs(s) for s in whole),
            "mean_median": statistics.median(abs(s) for s in means),
        })
    return table


def run() -> str:
    rows = nyt_snippets(data_dir())
    scorer = get_scorer()
    reference = get_scorer(engine="vader")

    human = [rating for _, _, rating, _ in rows]
    compounds = [scorer.scores(sentence)[3] for _, _, _, sentence in rows]
    sentence_r = pearson(compounds, human)

    pieces = editorials(rows)
    piece_human, piece_tone_mean, piece_snippet_mean, piece_whole = [], [], [], []
    mismatched = 0
    compound_of = {(p, n): c for (p, n, _, _), c in zip(rows, compounds)}
    for piece, snippets in pieces.items():
        text = " ".join(sentence for _, _, sentence in snippets)
        piece_human.append(statistics.fmean(rating for _, rating, _ in snippets))
        features = tone(text)
        piece_tone_mean.append(features["tone_mean"])
        piece_snippet_mean.append(statistics.fmean(compound_of[piece, n] for n, _, _ in snippets))
        piece_whole.append(features["tone_doc_vader"])
        mismatched += reference.scores(text)[3] != scorer.scores(text)[3]
    r_tone_mean = pearson(piece_tone_mean, piece_human)
    r_snippet_mean = pearson(piece_snippet_mean, piece_human)
    r_whole = pearson(piece_whole, piece_human)
    words = [len(" ".join(s for _, _, s in snippets).split()) for snippets in pieces.values()]

    table = saturation_table([sentence for _, _, _, sentence in rows], scorer)

    def fmt(r: tuple[float, float, float]) -> str:
        return f"{r[0]:.3f} [{r[1]:.3f}, {r[2]:.3f}]"

    lines = [
        f"Data: NYT editorial snippets (Hutto & Gilbert 2014): {len(rows):,} sentences, {len(pieces)} editorials "
        f"(median {statistics.median(words):.0f} words), human mean ratings on -4..4.",
        "",
        "| level | score | Pearson r with human mean [95% CI] | n |",
        "|---|---|---|---|",
        f"| sentence | VADER compound of the snippet | {fmt(sentence_r)} | {len(rows):,} |",
        f"| editorial | `tone_mean` (framing.tone on the editorial: our sentences, mean compound) "
        f"| {fmt(r_tone_mean)} | {len(pieces)} |",
        f"| editorial | mean compound of the given snippets | {fmt(r_snippet_mean)} | {len(pieces)} |",
        f"| editorial | `tone_doc_vader` (VADER on the whole editorial in one call) | {fmt(r_whole)} | {len(pieces)} |",
        "",
        f"Share of texts with |score| > {SATURATED} (and median |score|) as consecutive snippets (in file order; "
        "texts of 30 or more sentences span several editorials) are joined into longer texts:",
        "",
        "| sentences per text | texts | median words | whole-text compound: share | median | "
        "`tone_mean`: share | median |",
        "|---|---|---|---|---|---|---|",
    ]
    for row in table:
        lines.append(
            f"| {row['sentences']} | {row['texts']:,} | {row['words']:.0f} | {row['whole_share']:.1%} | "
            f"{row['whole_median']:.3f} | {row['mean_share']:.1%} | {row['mean_median']:.3f} |"
        )
    lines += [
        "",
        f"Whole-editorial compounds equal vaderSentiment 3.3.2's own `polarity_scores`: "
        f"{len(pieces) - mismatched}/{len(pieces)}.",
    ]
    return "\n".join(lines)


def write_section(body: str) -> None:
    """Replace the "## Tone" section of docs/validity.md (create the file if missing)."""
    section = (
        "## Tone\n\n"
        "Sentence-level VADER (framing's engine, identical to vaderSentiment 3.3.2) against human ratings, "
        "and the saturation of VADER's whole-text compound. Re-run with "
        "`.venv/bin/python benchmarks/validity_tone.py --write-docs` (data from `$FRAMING_DATA` or "
        "`../shared/data`).\n\n" + body + "\n\n"
        "Reading: the whole-text compound sums every valence of a text before squashing it into -1..1, so it "
        "drifts to ±1 as texts grow and stops telling texts apart; `tone_mean` stays on the sentence scale "
        "whatever the length, and tracks the editorial-level human ratings better.\n"
    )
    update_doc_section(DOCS, "Tone", section, intro=VALIDITY_INTRO)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--write-docs", action="store_true", help='update the "## Tone" section of docs/validity.md')
    args = parser.parse_args()
    body = run()
    print(body)
    if args.write_docs:
        write_section(body)
        print(f"\nwrote the Tone section of {DOCS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
