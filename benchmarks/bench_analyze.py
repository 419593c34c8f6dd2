"""Speed and memory of ``framing.analyze`` against the tokenisation floor and vaderSentiment.

Run from the repository root::

    .venv/bin/python benchmarks/bench_analyze.py                 # 600 articles, 5 rounds, 20,000-article stream
    .venv/bin/python benchmarks/bench_analyze.py --big           # also stream 200,000 articles (20-40 min)
    .venv/bin/python benchmarks/bench_analyze.py --docs 1425 --repeats 5 --no-stream

On articles of ``allsides-dev`` (``$FRAMING_DATA`` or ``../shared/data``; repeated to reach ``--docs``), in
this one run and on the same texts, it prints (wall-clock medians of ``--repeats`` rounds in which every
pass takes its turn, so that other jobs on the machine and its drifting speed slow them alike):

1. the full feature pass (size, tone, loaded language, frames, sourcing: one ``DocumentAnalyzer`` call
   per article): documents/s, words/s;
2. the floor: a bare regex tokenisation ``re.findall(r"[a-z0-9]+(?:['’-][a-z0-9]+)*", text.lower())``;
3. vaderSentiment's ``SentimentIntensityAnalyzer().polarity_scores`` once per whole article (as its users
   usually call it) and once per sentence;
4. the ratios full / tokenisation (target <= 10) and vader-whole-article / full (target > 1), each the
   median over rounds of the ratio within a round (a round's passes run moments apart);
5. per-family costs: the whole segmentation, then each family alone (with the parts of the segmentation
   it reads: ``segment`` computes each part on first use);
6. ``analyze(corpus, n_jobs=1)`` against ``n_jobs=2``: the speed-up (target >= 1.6 on 2 cores);
7. peak RSS of the in-memory pass, and of ``framing analyze CORPUS -o features.parquet`` streaming runs
   (a subprocess each) on generated JSONL corpora of 20,000 (and with ``--big`` 200,000) articles.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from _data import BARE_TOKEN_RE, data_dir, interleaved_times, segment_fully  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
FAMILIES = ("tone", "loaded", "frames", "sourcing")
COLUMNS = {"ID": "doc_id", "source": "outlet", "content": "text"}


# ------------------------------------------------------------------------------------------ inputs


def load_articles(n_documents: int):
    """The allsides-dev corpus, repeated (with fresh doc_ids) until it has ``n_documents`` rows."""
    import pandas as pd

    from framing.corpus.load import load_corpus

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        corpus = load_corpus(data_dir() / "allsides-dev" / "jsons", columns=COLUMNS)
    copies = []
    for copy in range(-(-n_documents // len(corpus))):
        part = corpus if copy == 0 else corpus.set_axis([f"{i}#{copy}" for i in corpus.index], axis=0)
        copies.append(part)
    repeated = pd.concat(copies).iloc[:n_documents]
    repeated.index.name = "doc_id"
    return repeated


def machine() -> dict[str, str]:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor() or "unknown")
    memory = next((line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines()
                   if line.startswith("MemTotal")), "0")
    return {"cpu": cpu, "cores": f"{len(os.sched_getaffinity(0))} available of {os.cpu_count()}",
            "ram": f"{int(memory) / 1024 ** 2:.1f} GiB", "python": platform.python_version(),
            "load": " ".join(f"{value:.2f}" for value in os.getloadavg())}


# ------------------------------------------------------------------------------------------ timing


def round_ratio(times: dict[str, list[float]], slow: str, fast: str) -> tuple[float, float, float]:
    """Median, first and third quartile of ``slow / fast`` over the rounds: the two passes of one round ran
    moments apart, so their ratio is steadier than a ratio of medians on a machine whose speed drifts."""
    ratios = sorted(a / b for a, b in zip(times[slow], times[fast]))
    quartiles = statistics.quantiles(ratios, n=4) if len(ratios) > 1 else [ratios[0]] * 3
    return statistics.median(ratios), quartiles[0], quartiles[2]


def _family_pass(analyzer, texts, titles) -> Callable[[], object]:
    return lambda: [analyzer(text, title) for text, title in zip(texts, titles)]


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB


def in_memory_rss(n_documents: int) -> tuple[float, float]:
    """(RSS before analysing, peak RSS) of a fresh process that loads ``n_documents`` and analyses them."""
    command = [sys.executable, __file__, "--rss-probe", str(n_documents)]
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    before, peak = output.split()
    return float(before), float(peak)


def _rss_probe(n_documents: int) -> None:
    from framing.pipeline import analyze

    corpus = load_articles(n_documents)
    before = peak_rss_mib()
    analyze(corpus, progress=False)
    print(before, peak_rss_mib())


_SPLIT: tuple = ()


def _analyze_half(half: int) -> int:
    analyzer, texts, titles = _SPLIT
    middle = len(texts) // 2
    part = slice(0, middle) if half == 0 else slice(middle, None)
    return len([analyzer(text, title) for text, title in zip(texts[part], titles[part])])


def _split_in_two(analyzer, texts, titles) -> None:
    import multiprocessing

    global _SPLIT
    _SPLIT = (analyzer, texts, titles)  # inherited by the forked processes: nothing is sent
    with multiprocessing.get_context("fork").Pool(2) as pool:
        pool.map(_analyze_half, [0, 1])


# ------------------------------------------------------------------------------------------ streaming


def write_stream_corpus(path: Path, corpus, n_documents: int) -> Path:
    """A JSONL corpus of ``n_documents`` articles: the texts repeated, each made unique by a last line."""
    records = list(zip(corpus["outlet"], corpus["date"].astype(str), corpus["title"], corpus["text"]))
    with open(path, "w", encoding="utf-8") as handle:
        for number in range(n_documents):
            outlet, date, title, text = records[number % len(records)]
            handle.write(json.dumps({"doc_id": f"a{number:07d}", "outlet": outlet, "date": date, "title": title,
                                     "text": f"{text}\n\nCopy {number}."}) + "\n")
    return path


def _memory_kib(pid: int) -> int:
    """PSS of a process (shared pages counted once over the processes sharing them), else its RSS."""
    for path, key in ((f"/proc/{pid}/smaps_rollup", "Pss:"), (f"/proc/{pid}/status", "VmRSS:")):
        try:
            return int(next(line.split()[1] for line in Path(path).read_text().splitlines() if line.startswith(key)))
        except (OSError, StopIteration, ValueError):
            continue
    return 0


def _tree_memory_kib(pid: int) -> int:
    """Summed PSS of the descendants of ``pid`` (Linux /proc): what a run and its workers really hold."""
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        if current != pid:
            total += _memory_kib(current)
        try:
            for task in Path(f"/proc/{current}/task").iterdir():
                stack.extend(int(child) for child in (task / "children").read_text().split())
        except (OSError, ValueError):
            continue
    return total


def stream_run(corpus_path: Path, output: Path, *, jobs: int, chunksize: int) -> dict[str, float]:
    """Run ``framing analyze`` streaming in a subprocess: wall time, peak RSS of its largest process, and
    the peak of its processes' summed PSS (sampled every 0.25 s)."""
    command = [sys.executable, "-c", "import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True); "
               "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)",
               sys.executable, "-m", "framing.cli", "analyze", str(corpus_path), "-o", str(output), "--quiet",
               "--force", "--jobs", str(jobs), "--chunksize", str(chunksize)]
    environment = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONWARNINGS="ignore")
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=environment)
    peak_tree = 0
    while process.poll() is None:
        peak_tree = max(peak_tree, _tree_memory_kib(process.pid))
        time.sleep(0.25)
    stdout, stderr = process.communicate()
    if process.returncode:
        raise SystemExit(f"streaming run failed:\n{stderr}")
    return {"seconds": time.perf_counter() - start, "max_process_mib": int(stdout.split()[-1]) / 1024,
            "peak_tree_mib": peak_tree / 1024}


# ------------------------------------------------------------------------------------------ report


def rate(n: float, seconds: float) -> str:
    return f"{n / seconds:>12,.0f}"


def timed_passes(corpus, args: argparse.Namespace, info: dict[str, str]) -> None:
    import pandas as pd
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    from framing.pipeline import analyze
    from framing.features.analyze import DocumentAnalyzer
    from framing.text.segment import segment

    texts = corpus["text"].tolist()
    titles = [title or None for title in corpus["title"].tolist()]
    segments = [segment(text) for text in texts]
    words = sum(seg.n_words for seg in segments)
    sentences = [seg.text[a:b] for seg in segments for a, b in seg.sentences]
    print(f"corpus    {len(texts):,} allsides-dev articles, {words:,} words ({words / len(texts):,.0f} per article), "
          f"{len(sentences):,} sentences; medians of {args.repeats} interleaved rounds\n")

    full = DocumentAnalyzer()
    alone = {family: DocumentAnalyzer(features=[family]) for family in FAMILIES}
    vader = SentimentIntensityAnalyzer()
    print(f"full pass = {', '.join(full.features)} ({len(full.columns)} columns)")
    passes = {
        "tokenisation (bare regex)": lambda: [BARE_TOKEN_RE.findall(text.lower()) for text in texts],
        "segmentation": lambda: [segment_fully(text) for text in texts],
        "full feature pass": lambda: [full(text, title) for text, title in zip(texts, titles)],
        "vaderSentiment, whole article": lambda: [vader.polarity_scores(text) for text in texts],
        "vaderSentiment, per sentence": lambda: [vader.polarity_scores(sentence) for sentence in sentences],
        **{f"family {family}": _family_pass(alone[family], texts, titles) for family in FAMILIES},
        "analyze n_jobs=1": lambda: analyze(corpus, n_jobs=1, progress=False),
        "analyze n_jobs=2": lambda: analyze(corpus, n_jobs=2, progress=False),
        "two independent halves": lambda: _split_in_two(full, texts, titles),
    }
    for analyzer in [full, *alone.values()]:  # warm the per-process caches, as on a long corpus
        [analyzer(text, title) for text, title in zip(texts[:100], titles[:100])]
    times = interleaved_times(passes, args.repeats)
    seconds = {name: statistics.median(values) for name, values in times.items()}

    print(f"{'pass':<32}{'ms/article':>11}{'articles/s':>12}{'words/s':>13}")
    for name in list(passes)[:5]:
        value = seconds[name]
        print(f"{name:<32}{1000 * value / len(texts):>11.3f}{rate(len(texts), value)}{rate(words, value)}")
    # Ratios: the median over rounds of the two passes' ratio in the same round.
    ratio_floor, low, high = round_ratio(times, "full feature pass", "tokenisation (bare regex)")
    ratio_vader = round_ratio(times, "vaderSentiment, whole article", "full feature pass")[0]
    ratio_sentences = round_ratio(times, "vaderSentiment, per sentence", "full feature pass")[0]
    print(f"\nfull / tokenisation                    {ratio_floor:6.1f}x   (target <= 10: "
          f"{'met' if ratio_floor <= 10 else 'missed'}; quartiles {low:.1f}-{high:.1f})")
    print(f"vaderSentiment whole-article / full    {ratio_vader:6.1f}x   (target > 1: "
          f"{'met' if ratio_vader > 1 else 'missed'})")
    print(f"vaderSentiment per-sentence / full     {ratio_sentences:6.1f}x")

    print("\nper family (the family alone, with the parts of the segmentation it reads)")
    print(f"  {'segmentation':<14}{1000 * seconds['segmentation'] / len(texts):8.3f} ms/article (every part)")
    for family in FAMILIES:
        print(f"  {family:<14}{1000 * seconds[f'family {family}'] / len(texts):8.3f} ms/article")

    pd.testing.assert_frame_equal(analyze(corpus, n_jobs=2, progress=False), analyze(corpus, progress=False),
                                  check_exact=True)
    print("\nanalyze(corpus, n_jobs=...)  (whole call: processes and DataFrame included; results identical)")
    report_speed_up({**times, "one process": times["full feature pass"]}, info, n_documents=len(texts))

    before, peak = in_memory_rss(args.docs)
    print(f"\npeak RSS, in-memory analyze of {args.docs:,} articles: {peak:,.0f} MiB "
          f"({before:,.0f} MiB after loading, before analysing)")



def scaling(corpus, args: argparse.Namespace, info: dict[str, str]) -> None:
    """``analyze`` with one and two processes, and the ceiling, in short interleaved rounds."""
    from framing.pipeline import analyze
    from framing.features.analyze import DocumentAnalyzer

    full = DocumentAnalyzer()
    texts, titles = corpus["text"].tolist(), [title or None for title in corpus["title"].tolist()]
    [full(text, title) for text, title in zip(texts[:100], titles[:100])]
    times = interleaved_times({
        "one process": lambda: [full(text, title) for text, title in zip(texts, titles)],
        "analyze n_jobs=1": lambda: analyze(corpus, n_jobs=1, progress=False),
        "analyze n_jobs=2": lambda: analyze(corpus, n_jobs=2, progress=False),
        "two independent halves": lambda: _split_in_two(full, texts, titles),
    }, args.repeats)
    print(f"{len(texts):,} articles, {args.repeats} interleaved rounds")
    report_speed_up(times, info, n_documents=len(texts))


def report_speed_up(times: dict[str, list[float]], info: dict[str, str], *, n_documents: int) -> None:
    one, two = statistics.median(times["analyze n_jobs=1"]), statistics.median(times["analyze n_jobs=2"])
    print(f"  n_jobs=1   {one:7.2f} s   {n_documents / one:8.1f} articles/s   (median)")
    print(f"  n_jobs=2   {two:7.2f} s   {n_documents / two:8.1f} articles/s   (median)")
    speed_up, low, high = round_ratio(times, "analyze n_jobs=1", "analyze n_jobs=2")
    print(f"  speed-up {speed_up:.2f}x on {info['cores']} cores (target >= 1.6: {'met' if speed_up >= 1.6 else 'missed'}); "
          f"median of the rounds' ratios, quartiles {low:.2f}-{high:.2f}")
    # What this machine allows: two forked processes analysing half the texts each, with no communication at
    # all. A speed-up near this ceiling means the parallel code adds little; a low ceiling means the cores
    # are shared (other jobs, or vCPUs that are hyperthreads of one physical core).
    ceiling, low, high = round_ratio(times, "one process", "two independent halves")
    print(f"  ceiling on this machine now: two independent processes, half the articles each: {ceiling:.2f}x "
          f"(quartiles {low:.2f}-{high:.2f})")


def stream_runs(corpus, args: argparse.Namespace) -> None:
    """Stream generated JSONL corpora through ``framing analyze`` and report their peak memory."""
    sizes = [args.stream_docs] + ([200_000] if args.big else [])
    print(f"\nstreaming: framing analyze CORPUS.jsonl -o features.parquet --jobs {args.stream_jobs} --chunksize 1000")
    with tempfile.TemporaryDirectory(prefix="bench-analyze-") as folder:
        for size in sizes:
            source = write_stream_corpus(Path(folder) / f"corpus-{size}.jsonl", corpus, size)
            run = stream_run(source, Path(folder) / f"features-{size}.parquet", jobs=args.stream_jobs,
                             chunksize=1000)
            print(f"  {size:>9,} articles ({source.stat().st_size / 1024 ** 2:,.0f} MiB JSONL): "
                  f"{run['seconds']:7.0f} s, {size / run['seconds']:6.0f} articles/s, peak RSS "
                  f"{run['max_process_mib']:,.0f} MiB (largest process), {run['peak_tree_mib']:,.0f} MiB "
                  "(all processes: summed PSS, sampled)")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--docs", type=int, default=600, help="articles in the timed passes (default 600)")
    parser.add_argument("--repeats", type=int, default=5,
                        help="rounds of interleaved passes; medians are shown (default 5)")
    parser.add_argument("--stream-docs", type=int, default=20_000, help="articles of the streaming run")
    parser.add_argument("--big", action="store_true", help="also stream 200,000 articles (20-40 minutes)")
    parser.add_argument("--no-stream", action="store_true", help="skip the streaming runs")
    parser.add_argument("--stream-jobs", type=int, default=1, help="--jobs of the streaming runs (default 1)")
    parser.add_argument("--stream-only", action="store_true", help="only the streaming runs")
    parser.add_argument("--scaling-only", action="store_true", help="only n_jobs 1 against 2 (and the ceiling)")
    parser.add_argument("--rss-probe", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.rss_probe:
        _rss_probe(args.rss_probe)
        return 0

    info = machine()
    print(f"machine   {info['cpu']}, {info['cores']} cores, {info['ram']} RAM, Python {info['python']}")
    print(f"load      {info['load']} (1, 5, 15 min) at start")
    corpus = load_articles(args.docs)
    if args.scaling_only:
        scaling(corpus, args, info)
    elif not args.stream_only:
        timed_passes(corpus, args, info)
    if not args.no_stream and not args.scaling_only:
        stream_runs(corpus, args)
    print(f"\nload      {' '.join(f'{value:.2f}' for value in os.getloadavg())} (1, 5, 15 min) at the end")
    return 0


if __name__ == "__main__":
    sys.exit(main())
