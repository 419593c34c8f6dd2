"""What does counting loaded language cost, compared with the floor any text tool pays (tokenising)?

Measured in one run on the same texts (the allsides-dev articles: 1,425 news articles from ~100 outlets),
each pass timed over all texts, the passes interleaved in every repeat so that load on the machine
affects them alike, and the median of the repeats reported:

1. a bare tokenisation pass, ``re.findall(r"[a-z0-9]+(?:['’-][a-z0-9]+)*", text.lower())``;
2. phrase counting end to end: ``segment(text)``, ``PhraseMatcher(["loaded"]).match(seg)``, and counting
   matches per category (target: at most 2x the tokenisation pass);
3. the loaded-language features end to end: ``DocumentAnalyzer(features=["loaded"])(text)``, every
   ``loaded_*`` column (counts and rates per category, own voice against quotations) (target: at most 3x);
4. for context, every lexicon family at once, ``DocumentAnalyzer(features=["loaded", "frames",
   "sourcing"])(text)``: four lexicons, sentences (attributions are counted per sentence) and quotations
   (no target: issue #4 sets targets for loaded language; the full pass has its own in bench_analyze.py);
5. for contrast, one big alternation regex of every loaded entry, compiled once and run with
   ``re.finditer`` over the lower-cased text: what a naive implementation costs.

Run from the repository root::

    .venv/bin/python benchmarks/bench_loaded.py                # print the figures
    .venv/bin/python benchmarks/bench_loaded.py --profile      # also profile passes (2) to (4)
    .venv/bin/python benchmarks/bench_loaded.py --write-docs   # also update docs/performance.md
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import platform
import pstats
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from _data import BARE_TOKEN_RE, ROOT, data_dir, interleaved_times, medians, over, update_doc_section  # noqa: E402

import framing  # noqa: E402
from framing.features.analyze import DocumentAnalyzer  # noqa: E402
from framing.features.frames import frame_features, structural_cues  # noqa: E402
from framing.features.loaded import loaded_features  # noqa: E402
from framing.features.sourcing import sourcing_features  # noqa: E402
from framing.text.lexicons import load_lexicon  # noqa: E402
from framing.text.matcher import PhraseMatcher  # noqa: E402
from framing.text.segment import segment  # noqa: E402

PHRASE_TARGET = 2.0
FEATURES_TARGET = 3.0
DOCS = ROOT / "docs" / "performance.md"


def allsides_texts() -> list[str]:
    corpus = framing.load_corpus(data_dir() / "allsides-dev" / "jsons",
                                 columns={"ID": "doc_id", "source": "outlet", "content": "text"})
    return corpus["text"].tolist()


def alternation_regex(lexicon_name: str = "loaded") -> re.Pattern[str]:
    """One regex of every entry, longest alternatives first, ``*`` as a word-character suffix."""
    lexicon = load_lexicon(lexicon_name)
    alternatives = []
    for entry in lexicon.entries:
        if entry.exclude:
            continue
        words = [re.escape(word[:-1].lower()) + r"\w*" if word.endswith("*") else re.escape(word.lower())
                 for word in entry.words]
        alternatives.append(r"\s+".join(words))
    alternatives.sort(key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(alternatives) + r")\b")


def passes() -> dict[str, Callable[[str], object]]:
    matcher = PhraseMatcher(["loaded"])
    loaded = DocumentAnalyzer(features=["loaded"])
    lexical = DocumentAnalyzer(features=["loaded", "frames", "sourcing"])
    pattern = alternation_regex()

    def tokenise(text: str) -> list[str]:
        return BARE_TOKEN_RE.findall(text.lower())

    def count_phrases(text: str) -> Counter:
        return Counter(match.entry.category for match in matcher.match(segment(text)))

    def alternation(text: str) -> int:
        return sum(1 for _ in pattern.finditer(text.lower()))

    return {"tokenise": tokenise, "phrases": count_phrases, "features": loaded, "lexical": lexical,
            "regex": alternation}


def breakdown(texts: Sequence[str], *, repeats: int = 3) -> tuple[str, dict[str, float]]:
    """Where the time of passes (2) to (4) goes, stage by stage, as multiples of the tokenisation pass.

    Each stage runs on inputs prepared beforehand (the normalised texts; segmentations whose earlier
    parts are already computed), so that it is timed alone.
    """
    from framing.text.segment import Segments, normalize

    normalised = [normalize(text) for text in texts]
    analyzer = DocumentAnalyzer(features=["loaded", "frames", "sourcing"])
    loaded_matcher = PhraseMatcher(["loaded"])

    def prepared(*parts: str) -> Callable[[], list[Segments]]:
        """Fresh segmentations of the texts with ``parts`` already computed (copied from a full one)."""
        done = [Segments(text) for text in normalised]
        for seg in done:
            for part in parts:
                getattr(seg, part)

        def fresh() -> list[Segments]:
            copies = []
            for seg in done:
                copy = Segments(seg.text)
                copy.__dict__.update({part: seg.__dict__[part] for part in parts if part in seg.__dict__})
                copies.append(copy)
            return copies
        return fresh

    full = prepared("bounds", "match_string", "paragraphs", "_sentence_layout", "_quotations", "sentence_tokens",
                    "token_quoted")()
    by_lexicon = [analyzer.matcher.match_by_lexicon(seg) for seg in full]
    slots = analyzer._slots

    def features(seg: Segments, groups: list) -> None:
        loaded_features(seg, [m for i in slots["loaded"] for m in groups[i]], categories=analyzer.loaded_categories)
        cues = structural_cues(seg)
        frame_features(seg, groups[slots["generic"][0]], groups[slots["policy"][0]],
                       policy_categories=analyzer.policy_categories, cues=cues)
        sourcing_features(seg, groups[slots["sourcing"][0]], age_mentions=len(cues))

    stages: dict[str, tuple[Callable[[object], object], Callable[[], Sequence]]] = {
        "tokenisation pass (reference)": (lambda t: BARE_TOKEN_RE.findall(t.lower()), lambda: texts),
        "normalize": (normalize, lambda: texts),
        "token offsets and match string (numpy)": (lambda seg: seg.bounds, prepared()),
        "paragraphs and sentences": (lambda seg: seg.sentences, prepared("bounds")),
        "sentence token ranges": (lambda seg: seg.sentence_tokens, prepared("bounds", "paragraphs",
                                                                            "_sentence_layout")),
        "quotations (and scare quotes)": (lambda seg: seg.token_quoted, prepared("bounds", "paragraphs")),
        "PhraseMatcher([\"loaded\"]).match(seg)": (loaded_matcher.match, lambda: full),
        "analyzer's matcher (loaded, frames, policy_frames, sourcing)": (analyzer.matcher.match_by_lexicon,
                                                                         lambda: full),
        "loaded_features (own voice or quoted, rates)": (
            lambda pair: loaded_features(pair[0], pair[1][slots["loaded"][0]], categories=analyzer.loaded_categories),
            lambda: list(zip(full, by_lexicon))),
        "feature functions (loaded, frames and age cues, sourcing)": (lambda pair: features(*pair),
                                                                      lambda: list(zip(full, by_lexicon))),
    }
    timings: dict[str, list[float]] = {name: [] for name in stages}
    for _ in range(repeats):
        for name, (function, items) in stages.items():
            inputs = items()
            started = time.perf_counter()
            for item in inputs:
                function(item)
            timings[name].append(time.perf_counter() - started)
    # Not interleaved_times: each round times its stage on inputs prepared outside the timing.
    stage_seconds = medians(timings)
    base = stage_seconds["tokenisation pass (reference)"]
    lines = ["| stage | ms per 1,000 articles | × tokenisation |", "|---|---:|---:|"]
    for name, seconds in stage_seconds.items():
        lines.append(f"| {name} | {1e6 * seconds / len(texts):,.0f} | {seconds / base:.2f}× |")
    return "\n".join(lines), {name: seconds / base for name, seconds in stage_seconds.items()}


def reading(ratios: dict[str, float], stages: dict[str, float]) -> str:
    """What the figures say, from the figures."""
    held = [name for name, target in (("phrases", PHRASE_TARGET), ("features", FEATURES_TARGET))
            if ratios[name] <= target]
    matcher = stages.get('PhraseMatcher(["loaded"]).match(seg)', float("nan"))
    four = stages.get("analyzer's matcher (loaded, frames, policy_frames, sourcing)", float("nan"))
    text = (
        "Reading: `segment` normalises the text and computes everything else on first use, so phrase "
        f"counting pays for normalising ({stages.get('normalize', float('nan')):.2f}×), the token offsets and "
        f"match string ({stages.get('token offsets and match string (numpy)', float('nan')):.2f}×) and the "
        f"loaded lexicon's Aho-Corasick scan ({matcher:.2f}×), and not for sentences or quotations. The scan "
        "runs in C over the match string for every entry at once; Python handles only the places where a "
        "phrase was found. A regex alternation of the same entries is tried at every position of the text "
        f"and costs {ratios['regex']:.0f} times the tokenisation pass. The loaded-language features add "
        f"the quotations ({stages.get('quotations (and scare quotes)', float('nan')):.2f}×: own voice or quoted) "
        f"and the counts and rates ({stages.get('loaded_features (own voice or quoted, rates)', float('nan')):.2f}×). "
    )
    lexical = (
        f"All lexicon families together cost {ratios['lexical']:.1f}×: they match four lexicons "
        f"({four:.2f}×; frames and policy frames find a cue in about one word in eight) and add sentences, "
        "since attributions are counted per sentence. "
    )
    if len(held) == 2:
        return (text + "Both cost targets hold. " + lexical).rstrip()
    missed = [name for name in ("phrases", "features") if name not in held]
    return text + (
        f"Not met: {' and '.join({'phrases': 'phrase counting', 'features': 'loaded-language features'}[m] for m in missed)}; "
        "normalising and tokenising alone cost "
        f"{stages.get('normalize', 0) + stages.get('token offsets and match string (numpy)', 0):.2f}× of the "
        "bare `findall`, which does neither. " + lexical
    ).rstrip()


def profile(function: Callable[[str], object], texts: Sequence[str], *, top: int = 18) -> str:
    profiler = cProfile.Profile()
    profiler.enable()
    for text in texts:
        function(text)
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(top)
    return out.getvalue()


def run(*, repeats: int = 7, regex_repeats: int = 3) -> tuple[str, dict[str, float]]:
    texts = allsides_texts()
    functions = passes()
    for function in functions.values():  # warm caches (lexicons, the matcher's first-token cache, regex)
        for text in texts[:50]:
            function(text)
    words = sum(len(BARE_TOKEN_RE.findall(text.lower())) for text in texts)
    pass_seconds = medians(interleaved_times({name: over(function, texts) for name, function in functions.items()},
                                             repeats, rounds={"regex": regex_repeats}))
    base = pass_seconds["tokenise"]
    ratios = {name: seconds / base for name, seconds in pass_seconds.items()}
    rows = [
        ("bare tokenisation (`re.findall` on the lower-cased text)", "tokenise", None),
        ("phrase counting: `segment` + `PhraseMatcher([\"loaded\"]).match` + counts per category", "phrases",
         PHRASE_TARGET),
        ("loaded-language features: `DocumentAnalyzer(features=[\"loaded\"])`, every `loaded_*` column", "features",
         FEATURES_TARGET),
        ("context: every lexicon family, `DocumentAnalyzer(features=[\"loaded\", \"frames\", \"sourcing\"])`",
         "lexical", None),
        ("contrast: one alternation regex of all loaded entries, `re.finditer`", "regex", None),
    ]
    lines = [
        f"Texts: allsides-dev, {len(texts):,} articles, {words:,} words. Median of {repeats} interleaved repeats "
        f"({regex_repeats} for the regex); Python {platform.python_version()}, {platform.machine()}, "
        f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the end (ratios move by a few tenths "
        "between runs on a busy machine).",
        "",
        "| pass | ms per 1,000 articles | words per second | × tokenisation | target | holds |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for label, name, target in rows:
        seconds = pass_seconds[name]
        holds = "–" if target is None else ("yes" if ratios[name] <= target else "**no**")
        target_cell = "–" if target is None else f"≤ {target:.0f}×"
        lines.append(f"| {label} | {1000 * seconds * 1000 / len(texts):,.0f} | {words / seconds:,.0f} | "
                     f"{ratios[name]:.2f}× | {target_cell} | {holds} |")
    return "\n".join(lines), ratios


def write_section(body: str, *, detail: str, note: str) -> None:
    """Replace (or add) the "## Lexical features" section of docs/performance.md, leaving the rest alone."""
    section = (
        "## Lexical features\n\n"
        "The cost of counting loaded language, relative to a bare tokenisation pass over the same texts "
        "in the same run. Re-run with `.venv/bin/python benchmarks/bench_loaded.py --write-docs` (data "
        "from `$FRAMING_DATA` or `../shared/data`).\n\n" + body + "\n\n"
        "Where the time goes (same texts, each stage alone; `--profile` prints this and cProfile tables):\n\n"
        + detail + "\n\n" + note + "\n"
    )
    update_doc_section(DOCS, "Lexical features", section, intro=(
        "# Performance\n\nSpeed and memory figures measured by the scripts in `benchmarks/`.\n\n"
    ))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--profile", action="store_true", help="profile phrase counting and the features passes")
    parser.add_argument("--write-docs", action="store_true", help='update "## Lexical features" in docs/performance.md')
    args = parser.parse_args()
    body, ratios = run(repeats=args.repeats)
    print(body)
    missed = [name for name, target in (("phrases", PHRASE_TARGET), ("features", FEATURES_TARGET))
              if ratios[name] > target]
    detail = stages = None
    if args.profile or missed or args.write_docs:
        texts = allsides_texts()
        detail, stages = breakdown(texts)
        print("\n== where the time goes\n")
        print(detail)
        print("\n" + reading(ratios, stages))
    if args.profile or missed:
        functions = passes()
        for name in ("phrases", "features", "lexical"):
            print(f"\n== profile of {name} (sorted by own time)\n")
            print(profile(functions[name], texts))
    if args.write_docs:
        write_section(body, detail=detail, note=reading(ratios, stages))
        print(f"\nwrote the Lexical features section of {DOCS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
