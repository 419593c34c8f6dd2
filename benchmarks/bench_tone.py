"""Speed of the tone scorer against vaderSentiment, and the cost of tone per word as texts grow.

Run from the repository root::

    .venv/bin/python benchmarks/bench_tone.py            # data from $FRAMING_DATA or ../shared/data
    .venv/bin/python benchmarks/bench_tone.py --repeats 9

It prints, measured in this one run:

1. per-sentence time of ``VaderScorer.polarity_scores`` (and its ``scores`` fast path) against
   ``SentimentIntensityAnalyzer.polarity_scores`` on the 5,190 NYT editorial snippets and on generated
   sentences (median of several repeats, the two engines interleaved), and the speed ratio;
2. the per-word cost of ``framing.tone`` (segmentation + sentence scores + all tone features) on texts of
   about 100 and about 2,400 words built by concatenating the snippets; the ratio should stay <= 1.5;
3. the per-word cost of vaderSentiment's single whole-text call at the same two lengths, which grows with
   the length of the text (quadratic).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from _data import data_dir, interleaved_times, medians, nyt_snippets, over  # noqa: E402
from vaderSentiment import vaderSentiment as upstream  # noqa: E402

from framing.features.tone import tone  # noqa: E402
from framing.features.vader import VaderScorer  # noqa: E402


def generated_sentences(n: int, *, seed: int = 1) -> list[str]:
    """Sentences of 5-35 tokens mixing VADER's lexicon, boosters, negations and neutral filler."""
    rand = random.Random(seed)
    analyzer = upstream.SentimentIntensityAnalyzer()
    lexicon = sorted(word for word in analyzer.lexicon if word.isalpha())
    rules = sorted(upstream.BOOSTER_DICT) + sorted(upstream.NEGATE) + ["but", "no", "never", "least", "so"]
    filler = "the a of to in and that it was for on is with as by at from they said would this an".split()
    sentences = []
    for _ in range(n):
        tokens = []
        for _ in range(rand.randint(5, 35)):
            pick = rand.random()
            pool = lexicon if pick < 0.15 else rules if pick < 0.25 else filler
            word = rand.choice(pool)
            tokens.append(word.capitalize() if not tokens else word)
        sentences.append(" ".join(tokens) + rand.choice([".", ".", ".", "!", "?"]))
    return sentences


def interleaved(batches: dict[str, tuple], *, repeats: int) -> dict[str, float]:
    """Median seconds per item of each ``name: (function, items)`` batch, the batches timed in turn in every
    repeat so that a change in machine load hits them alike."""
    seconds = medians(interleaved_times({name: over(function, items) for name, (function, items) in batches.items()},
                                        repeats))
    return {name: seconds[name] / len(items) for name, (_, items) in batches.items()}


def texts_of(sentences: list[str], *, words: int, count: int) -> list[str]:
    """Consecutive snippets joined into `count` texts of about `words` words each."""
    texts, current, n = [], [], 0
    for sentence in sentences:
        current.append(sentence)
        n += len(sentence.split())
        if n >= words:
            texts.append(" ".join(current))
            current, n = [], 0
            if len(texts) == count:
                break
    return texts


def print_table(title: str, header: list[str], rows: list[list[str]]) -> None:
    widths = [max(len(str(cell)) for cell in column) for column in zip(header, *rows)]
    print(f"\n{title}")
    print("  " + "  ".join(str(cell).ljust(width) for cell, width in zip(header, widths)))
    print("  " + "  ".join("-" * width for width in widths))
    for row in rows:
        print("  " + "  ".join(str(cell).rjust(width) for cell, width in zip(row, widths)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeats", type=int, default=7, help="repeats per measurement (median)")
    args = parser.parse_args()
    repeats = args.repeats

    sentences = [sentence for _, _, _, sentence in nyt_snippets(data_dir())]
    analyzer = upstream.SentimentIntensityAnalyzer()
    scorer = VaderScorer()

    # 1. sentence speed ------------------------------------------------------------------------------
    rows = []
    ratios = {}
    for name, items in [("NYT snippets", sentences), ("generated", generated_sentences(5000))]:
        words = statistics.mean(len(item.split()) for item in items)
        medians = interleaved({"vader": (analyzer.polarity_scores, items), "ours": (scorer.polarity_scores, items),
                               "ours_tuple": (scorer.scores, items)}, repeats=repeats)
        ratio = medians["vader"] / medians["ours"]
        ratios[name] = ratio
        rows.append([name, f"{len(items):,}", f"{words:.1f}", f"{medians['vader'] * 1e6:.1f}",
                     f"{medians['ours'] * 1e6:.1f}", f"{medians['ours_tuple'] * 1e6:.1f}", f"{ratio:.2f}x",
                     f"{medians['vader'] / medians['ours_tuple']:.2f}x"])
    print_table(
        f"Sentence scoring, microseconds per sentence (median of {repeats} interleaved repeats)",
        ["sentences", "n", "words", "vaderSentiment", "ours (dict)", "ours (tuple)", "speed-up (dict)",
         "speed-up (tuple)"],
        rows,
    )

    # 2./3. cost per word as the text grows -------------------------------------------------------------
    short_texts = texts_of(sentences, words=100, count=200)
    long_texts = texts_of(sentences, words=2400, count=10)
    words = {"short": statistics.mean(len(t.split()) for t in short_texts),
             "long": statistics.mean(len(t.split()) for t in long_texts)}
    # vaderSentiment's whole-text call is quadratic: a few long texts are enough.
    medians = interleaved({"tone short": (tone, short_texts), "tone long": (tone, long_texts),
                           "whole short": (analyzer.polarity_scores, short_texts[:50]),
                           "whole long": (analyzer.polarity_scores, long_texts[:3])}, repeats=repeats)
    per_word = {name: seconds / words[name.split()[1]] for name, seconds in medians.items()}
    ours_short, ours_long = per_word["tone short"], per_word["tone long"]
    whole_short, whole_long = per_word["whole short"], per_word["whole long"]
    cost_rows = [
        ["~100 words", f"{len(short_texts)}", f"{words['short']:,.0f}", f"{ours_short * 1e6:.2f}",
         f"{whole_short * 1e6:.2f}"],
        ["~2,400 words", f"{len(long_texts)}", f"{words['long']:,.0f}", f"{ours_long * 1e6:.2f}",
         f"{whole_long * 1e6:.2f}"],
        ["ratio long/short", "", "", f"{ours_long / ours_short:.2f}", f"{whole_long / whole_short:.2f}"],
    ]
    print_table(
        "Cost per word, microseconds (framing.tone: segmentation + sentence scores + all tone_* features; "
        "vaderSentiment: one polarity_scores call on the whole text)",
        ["text length", "texts", "words/text", "framing.tone", "vaderSentiment whole text"],
        cost_rows,
    )
    print(f"\nWhole text at ~2,400 words: framing.tone takes {ours_long / whole_long:.2f}x the time of "
          f"vaderSentiment's single call, and scores every sentence.")

    print("\nChecks")
    print(f"  speed-up on NYT snippets >= 3x:            {ratios['NYT snippets']:.2f}x "
          f"{'OK' if ratios['NYT snippets'] >= 3 else 'FAIL'}")
    print(f"  tone per-word cost ratio (2,400/100) <= 1.5: {ours_long / ours_short:.2f} "
          f"{'OK' if ours_long / ours_short <= 1.5 else 'FAIL'}")


if __name__ == "__main__":
    main()
