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
   the length of the text (quadratic);
4. many texts in one call: ``framing.sentence_tones(list)`` over 10,000 short news sentences (the 5,190 NYT
   editorial snippets, cycled to 10,000) against ``SentimentIntensityAnalyzer.polarity_scores`` over the same
   sentences one by one. Ours includes everything a user gets: normalisation, sentence segmentation, offsets
   into each text and the one long table; every score is checked against vaderSentiment's. Target: >= 3x.
   ``--batch-only`` runs just this part, ``--write-docs`` also puts it in ``docs/performance.md``.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from _data import ROOT, data_dir, interleaved_times, medians, nyt_snippets, over, update_doc_section  # noqa: E402
from vaderSentiment import vaderSentiment as upstream  # noqa: E402

from framing.features.tone import sentence_tones, tone  # noqa: E402
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


BATCH_SIZE = 10_000


def batch_benchmark(sentences: list[str], *, repeats: int) -> dict[str, float | int]:
    """``sentence_tones`` of a list against vaderSentiment sentence by sentence: timing and exact-score check."""
    texts = [sentences[i % len(sentences)] for i in range(BATCH_SIZE)]
    analyzer = upstream.SentimentIntensityAnalyzer()
    frame = sentence_tones(texts)
    # Identical scores: every row equals vaderSentiment on the sentence it scored; and a text that is one
    # sentence (segmentation split none, normalisation changed nothing VADER reads) equals vaderSentiment on
    # the text as given.
    for row in frame.itertuples(index=False):
        expected = analyzer.polarity_scores(row.normalized)
        assert (row.neg, row.neu, row.pos, row.compound) == tuple(expected.values()), row.normalized
    whole = frame.groupby("doc_id").size()
    single = whole.index[whole == 1]
    one_row = frame.set_index("doc_id").loc[single]
    direct = [analyzer.polarity_scores(texts[doc_id]) for doc_id in single]
    same_as_given = sum((row.neg, row.neu, row.pos, row.compound) == tuple(expected.values())
                        for row, expected in zip(one_row.itertuples(), direct))
    scorer = VaderScorer()
    normalized = frame["normalized"].tolist()
    load_before = os.getloadavg()[0]
    times = interleaved_times({
        "vaderSentiment": lambda: [analyzer.polarity_scores(text) for text in texts],
        "sentence_tones": lambda: sentence_tones(texts),
        "engine": lambda: [scorer.scores(sentence) for sentence in normalized],
    }, repeats)
    ratios = sorted(a / b for a, b in zip(times["vaderSentiment"], times["sentence_tones"]))
    quartiles = statistics.quantiles(ratios, n=4) if len(ratios) > 1 else ratios * 3
    engine = statistics.median(a / b for a, b in zip(times["vaderSentiment"], times["engine"]))
    seconds = medians(times)
    return {"texts": len(texts), "distinct": len(set(texts)), "rows": len(frame),
            "split": int((whole > 1).sum()), "single_same": same_as_given, "single": len(single),
            "vader_s": seconds["vaderSentiment"], "ours_s": seconds["sentence_tones"],
            "engine_s": seconds["engine"], "engine_ratio": engine,
            "ratio": statistics.median(ratios), "low": quartiles[0], "high": quartiles[2],
            "min_ratio": ratios[0], "max_ratio": ratios[-1], "repeats": repeats,
            "load": f"{load_before:.1f} to {os.getloadavg()[0]:.1f}", "cores": os.cpu_count()}


def batch_report(result: dict[str, float | int]) -> str:
    r = result
    return (
        "## Many texts in one call\n\n"
        "`framing.sentence_tones(texts)` over a list of short news sentences, against vaderSentiment's "
        "`polarity_scores` called on the same sentences one by one. Ours includes everything the user gets: "
        "normalisation, sentence segmentation, offsets into each text and one long table with a `doc_id` "
        "column. Re-run with `.venv/bin/python benchmarks/bench_tone.py --batch-only --write-docs`.\n\n"
        f"Texts: the NYT editorial snippets of `nyt-editorial-snippets` ({r['distinct']:,} distinct sentences, "
        f"cycled to {r['texts']:,}; nothing is cached between texts, so repeats cost the same); "
        f"{r['rows']:,} sentence rows ({r['split']:,} texts were split into more than one sentence). Median "
        f"of {r['repeats']} interleaved rounds; load average {r['load']} on {r['cores']} cores (the machine is "
        "shared: the times in µs move with it, the ratios of passes timed moments apart much less).\n\n"
        "| pass | seconds for 10,000 texts | µs per text |\n|---|---:|---:|\n"
        f"| vaderSentiment `polarity_scores`, one call per sentence | {r['vader_s']:.3f} | "
        f"{1e6 * r['vader_s'] / r['texts']:.1f} |\n"
        f"| `framing.sentence_tones(list)` | {r['ours_s']:.3f} | {1e6 * r['ours_s'] / r['texts']:.1f} |\n"
        f"| for reference: our engine alone (`VaderScorer.scores` on the already normalised sentences) | "
        f"{r['engine_s']:.3f} | {1e6 * r['engine_s'] / r['texts']:.1f} |\n\n"
        f"Speed-up: **{r['ratio']:.2f}×** (median of the rounds' ratios; quartiles {r['low']:.2f}–{r['high']:.2f}, "
        f"range {r['min_ratio']:.2f}–{r['max_ratio']:.2f}); target ≥ 3× — "
        f"{'met' if r['ratio'] >= 3 else 'not met'}. The engine alone is {r['engine_ratio']:.2f}× as fast as "
        "vaderSentiment; normalising, splitting, offsets and the table take the rest.\n\n"
        "Scores: every row equals vaderSentiment's `polarity_scores` of the sentence it scored (its "
        f"`normalized` column), checked for all {r['rows']:,} rows; of the {r['single']:,} texts that stayed one "
        f"sentence, {r['single_same']:,} also equal vaderSentiment on the text exactly as given"
        + (" (the others differ by what normalisation changes)" if r['single_same'] < r['single'] else "")
        + ".\n"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeats", type=int, default=7, help="repeats per measurement (median)")
    parser.add_argument("--batch-only", action="store_true", help="only part 4, many texts in one call")
    parser.add_argument("--write-docs", action="store_true", help="write part 4 to docs/performance.md")
    args = parser.parse_args()
    repeats = args.repeats
    if args.batch_only:
        batch = batch_benchmark([sentence for _, _, _, sentence in nyt_snippets(data_dir())], repeats=repeats)
        report = batch_report(batch)
        print(report)
        if args.write_docs:
            update_doc_section(ROOT / "docs" / "performance.md", "Many texts in one call", report,
                               intro="# Performance\n\n")
        return

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

    batch = batch_benchmark(sentences, repeats=repeats)
    print("\n" + batch_report(batch))
    if args.write_docs:
        update_doc_section(ROOT / "docs" / "performance.md", "Many texts in one call", batch_report(batch),
                           intro="# Performance\n\n")

    print("\nChecks")
    print(f"  speed-up on NYT snippets >= 3x:            {ratios['NYT snippets']:.2f}x "
          f"{'OK' if ratios['NYT snippets'] >= 3 else 'FAIL'}")
    print(f"  tone per-word cost ratio (2,400/100) <= 1.5: {ours_long / ours_short:.2f} "
          f"{'OK' if ours_long / ours_short <= 1.5 else 'FAIL'}")
    print(f"  sentence_tones(list) / vaderSentiment >= 3x: {batch['ratio']:.2f}x "
          f"{'OK' if batch['ratio'] >= 3 else 'FAIL'}")


if __name__ == "__main__":
    main()
