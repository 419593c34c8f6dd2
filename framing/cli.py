"""The ``framing`` command.

Errors caused by the input print one line naming the file (and line) and exit with code 2; nothing is
overwritten without ``--force``. Heavy modules are imported inside the commands so ``framing --help``
stays instant.
"""

from __future__ import annotations

import argparse
import os
import re
import signal
import sys
import warnings
from collections.abc import Sequence
from pathlib import Path

from framing import __version__
from framing.errors import FramingError
from framing.report.bundled import bundled_path

EXIT_INPUT_ERROR = 2
_OUTLET_MAP_HELP = ("rename an outlet, e.g. FOX=Fox (repeatable); 'merge-case' merges names that differ only in "
                    "case or surrounding spaces into their most frequent spelling")
# Printed after everything else (warnings included), so the list of skipped inputs closes the output.
_CLOSING_LINES: list[str] = []


def _corpus_info(args: argparse.Namespace) -> int:
    from framing.corpus.load import corpus_summary, load_corpus

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        corpus = load_corpus(args.path, format=args.format, columns=_mapping(args.column), encoding=args.encoding,
                             errors="skip" if args.skip_bad else "raise", outlet_map=_outlet_map(args.outlet_map))
    summary = corpus_summary(corpus)
    print(_format_summary(args.path, summary))
    for warning in caught:
        print(f"warning: {cli_words(str(warning.message), skip_option='pass --skip-bad')}")
    return 0


def _format_summary(path: str | Path, summary: dict) -> str:
    first, last = summary.get("date_min"), summary.get("date_max")
    dates = f"{first:%Y-%m-%d} to {last:%Y-%m-%d}" if first is not None and last is not None else "no dates"
    lines = [
        f"corpus     {path}",
        f"documents  {summary['documents']:,}",
        f"words      {summary['words']:,}",
        f"dates      {dates} ({summary.get('missing_dates', 0):,} missing)",
        f"outlets    {len(summary['outlets'])}",
    ]
    width = max((len(str(name)) for name in summary["outlets"]), default=0)
    lines += [f"  {str(name):<{width}}  {count:>7,}" for name, count in summary["outlets"].items()]
    return "\n".join(lines)


def _analyze(args: argparse.Namespace) -> int:
    """Parquet outputs stream (bounded memory, resumable); CSV/TSV outputs are computed in memory."""
    if args.scheduler and args.engine == "local":
        args.engine = "dask"
    if args.engine == "dask" and not args.scheduler:
        raise FramingError("--engine dask needs --scheduler tcp://HOST:PORT (the address 'dask scheduler' prints); "
                           "on one machine use --jobs instead")
    if Path(args.output).suffix.lower() == ".parquet":
        return _analyze_stream(args)
    if args.engine == "dask":
        raise FramingError(f"{args.output}: the dask engine writes Parquet; name the output *.parquet")
    from framing.corpus.load import load_corpus
    from framing.corpus.output import check_writable, write_table
    from framing.pipeline import analyze

    check_writable(args.output, force=args.force)
    corpus = load_corpus(args.corpus, format=args.format, columns=_mapping(args.column), encoding=args.encoding,
                         errors="raise" if args.strict else "skip", outlet_map=_outlet_map(args.outlet_map))
    features = analyze(corpus, actors=args.actors, lexicons=args.lexicon or None, n_jobs=args.jobs,
                       progress=_progress(args), engine=args.tone_engine, overrides=args.valences)
    write_table(features, args.output, force=args.force)
    _report_skipped(corpus.attrs.get("skipped", []), Path(args.output), force=args.force)
    print(f"wrote {len(features):,} documents x {features.shape[1]} columns to {args.output}")
    return 0


def _analyze_stream(args: argparse.Namespace) -> int:
    from framing.scale.stream import analyze_to_parquet, work_folder

    try:
        result = analyze_to_parquet(
            args.corpus, args.output, chunksize=args.chunksize, resume=not args.restart, force=args.force,
            n_jobs=args.jobs, progress=_progress(args), errors="raise" if args.strict else "skip",
            format=args.format, columns=_mapping(args.column), encoding=args.encoding, actors=args.actors,
            outlet_map=_outlet_map(args.outlet_map, streaming=True),
            lexicons=args.lexicon or None,
            engine=args.tone_engine, overrides=args.valences, scheduler=args.scheduler)
    except KeyboardInterrupt:
        work = work_folder(args.output)
        saved = f"finished chunks are saved in {work}; run the same command again to resume"
        print(f"framing: interrupted; {args.output} was not written; "
              + (saved if work.exists() else "nothing was saved"), file=sys.stderr)
        return 130
    _report_skipped(result.skipped, Path(args.output), force=args.force)
    resumed = f" ({result.resumed_chunks} of {result.chunks} chunks from the interrupted run)" if result.resumed_chunks else ""
    print(f"wrote {result.documents:,} documents x {result.columns} columns to {args.output}{resumed}")
    return 0


def _progress(args: argparse.Namespace) -> bool | None:
    """No bar with --quiet or when stderr is not a terminal, so errors stay one clean line in logs."""
    return False if args.quiet or not sys.stderr.isatty() else None


def _positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got {value}")
    return number


def skipped_path(output: Path) -> Path:
    """Where the list of skipped inputs of a run that writes ``output`` goes.

    Examples
    --------
    >>> skipped_path(Path("out/features.parquet")).as_posix()
    'out/features.skipped.csv'
    """
    return output.with_name(f"{output.stem}.skipped.csv")


def _report_skipped(skipped: list[dict], output: Path, *, force: bool) -> None:
    """List every skipped input at the end and in ``<output>.skipped.csv`` beside the output (named after it,
    so that runs writing to one folder keep their own lists): nothing is lost silently."""
    if not skipped:
        return
    import pandas as pd

    from framing.corpus.output import write_table

    target = skipped_path(output)
    table = pd.DataFrame(skipped, columns=["path", "line", "reason"]).astype({"line": "Int64"})  # 2, not 2.0
    write_table(table.set_index("path"), target, force=True)
    _CLOSING_LINES.append(f"skipped {len(skipped)} bad input(s), listed in {target}:")
    for item in skipped:
        where = item["path"] + (f":{item['line']}" if item.get("line") else "")
        _CLOSING_LINES.append(f"  {where}: {item['reason']}")


def _mapping(pairs: Sequence[str] | None) -> dict[str, str] | None:
    if not pairs:
        return None
    mapping = {}
    for pair in pairs:
        source, sep, target = pair.partition("=")
        if not sep or not source or not target:
            raise FramingError(f"--column expects SOURCE=TARGET (e.g. content=text), got {pair!r}")
        mapping[source] = target
    return mapping


def _outlet_map(values: Sequence[str] | None, *, streaming: bool = False) -> dict[str, str] | str | None:
    """``--outlet-map FROM=TO`` (repeatable) as a mapping, or ``--outlet-map merge-case``."""
    from framing.corpus.outlets import MERGE_CASE

    if not values:
        return None
    if MERGE_CASE in values:
        if len(values) > 1 or streaming:
            raise FramingError(f"--outlet-map {MERGE_CASE} needs the whole corpus in memory and no other "
                               "--outlet-map; for a .parquet output name each pair: --outlet-map FOX=Fox")
        return MERGE_CASE
    mapping = {}
    for pair in values:
        source, sep, target = pair.partition("=")
        if not sep or not source or not target:
            raise FramingError(f"--outlet-map expects FROM=TO (e.g. FOX=Fox) or {MERGE_CASE}, got {pair!r}")
        mapping[source] = target
    return mapping


def _read_features(path: str):
    import pandas as pd

    from framing.errors import InputError

    suffix = Path(path).suffix.lower()
    if not Path(path).is_file():
        raise InputError("features file not found; create it with 'framing analyze CORPUS -o FILE'", path=path)
    if suffix == ".parquet":
        return pd.read_parquet(path)
    if suffix in {".csv", ".tsv"}:
        frame = pd.read_csv(path, sep="\t" if suffix == ".tsv" else ",", index_col=0)
        if "date" in frame.columns:
            frame["date"] = pd.to_datetime(frame["date"], errors="coerce")
        return frame
    raise InputError("unknown features format; use the .parquet or .csv written by 'framing analyze'", path=path)


def _compare(args: argparse.Namespace) -> int:
    from framing.report.tables import write_comparison

    features = _read_features(args.features)
    written, summary = write_comparison(features, Path(args.output), by=args.by, within=args.within,
                                        force=args.force, n_boot=args.n_boot, seed=args.seed)
    print(summary)
    print(f"wrote {len(written)} tables to {args.output}")
    return 0


def _lexicon_check(args: argparse.Namespace) -> int:
    from framing.text.lexicons import check_lexicon

    failed = 0
    for path in args.files:
        problems = check_lexicon(path)
        for problem in problems:
            print(problem)
        if problems:
            failed += 1
        else:
            print(f"{path}: ok")
    return EXIT_INPUT_ERROR if failed else 0


def _lexicon_list(args: argparse.Namespace) -> int:
    from framing.text.lexicons import load_lexicon, shipped_lexicons

    for name in sorted(shipped_lexicons()):
        lexicon = load_lexicon(name)
        sizes = ", ".join(f"{category} {size}" for category, size in lexicon.category_sizes().items())
        print(f"{name} {lexicon.version}: {len(lexicon)} entries in {len(lexicon.categories)} categories")
        print(f"  {sizes}")
    return 0


def _explain(args: argparse.Namespace) -> int:
    from framing.corpus.load import load_corpus
    from framing.corpus.output import atomic_path
    from framing.features.explain import explain

    corpus = load_corpus(args.file)
    document = _chosen_document(corpus, args.file, args.doc)
    explanation = explain(document["text"], title=document.get("title") or None, actors=args.actors)
    if args.output:
        with atomic_path(args.output, force=args.force) as tmp:
            tmp.write_text(f"<!DOCTYPE html><meta charset='utf-8'><title>framing explain</title>"
                           f"{explanation.to_html()}", encoding="utf-8")
        print(f"wrote {args.output}")
        return 0
    import pandas as pd

    with pd.option_context("display.width", 140, "display.max_colwidth", 60, "display.max_rows", 200):
        print(explanation.sentences[["sentence", "compound", "text"]].to_string(index=False))
        print()
        print(explanation.to_frame()[["sentence", "text", "kind", "category", "value", "detail"]].to_string(
            index=False))
    return 0


def _chosen_document(corpus, path: str, doc_id: str | None):
    """The document ``--doc`` names, or the only one; a file of several documents needs ``--doc``."""
    if doc_id is not None:
        if doc_id not in corpus.index:
            shown = ", ".join(map(str, corpus.index[:5])) + (" ..." if len(corpus) > 5 else "")
            raise FramingError(f"{path}: no document {doc_id!r}; its doc_ids are {shown}")
        return corpus.loc[doc_id]
    if len(corpus) == 1:
        return corpus.iloc[0]
    if corpus.empty:
        raise FramingError(f"{path}: no document to explain")
    shown = ", ".join(map(str, corpus.index[:5])) + (" ..." if len(corpus) > 5 else "")
    raise FramingError(f"{path} holds {len(corpus):,} documents; choose one with --doc ID (doc_ids: {shown})")


def _report(args: argparse.Namespace) -> int:
    from framing.report.build import build_report

    path = build_report(args.source, args.output, by=args.by, actors=args.actors, columns=_mapping(args.column),
                        force=args.force, n_boot=args.n_boot, seed=args.seed, progress=not args.quiet)
    print(f"wrote {path}")
    return 0


def _demo(args: argparse.Namespace) -> int:
    from framing.report.demo import run_demo

    run_demo(Path(args.output), corpus=Path(args.corpus), force=True, quiet=args.quiet)
    return 0


def _unique_messages(caught: list) -> list[str]:
    return list(dict.fromkeys(str(w.message) for w in caught if not issubclass(w.category, DeprecationWarning)))


# The loader's messages name its Python keywords; on the command line the same choices are options.
_OPTION_WORDS = [
    (re.compile(r"pass format= one of"), "pass --format, one of"),
    (re.compile(r"pass format='(\w+)'"), r"pass --format \1"),
    (re.compile(r"pass encoding= if"), "pass --encoding if"),
    (re.compile(r"check encoding="), "check --encoding"),
    (re.compile(r"columns=\{'([^']*)': 'text'\}"), r"--column \1=text"),
]


def cli_words(message: str, *, skip_option: str | None = None) -> str:
    """A loader message in the command line's words: its options instead of Python keywords.

    Examples
    --------
    >>> cli_words("a.txt:1: cannot decode as utf-8 (invalid start byte); check encoding=")
    'a.txt:1: cannot decode as utf-8 (invalid start byte); check --encoding'
    >>> cli_words("move them out of the folder or pass errors='skip'", skip_option="pass --skip-bad")
    'move them out of the folder or pass --skip-bad'
    """
    for pattern, words in _OPTION_WORDS:
        message = pattern.sub(words, message)
    # Skipping bad inputs is --skip-bad for corpus info and the default of analyze (--strict stops).
    return message.replace("pass errors='skip'", skip_option) if skip_option else message


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="framing",
        description="Measure the tone and framing of news media.",
        epilog="Errors print one line naming the file and exit with code 2.",
    )
    parser.add_argument("--version", action="version", version=f"framing {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    corpus = commands.add_parser("corpus", help="inspect a corpus")
    corpus_commands = corpus.add_subparsers(dest="corpus_command", metavar="SUBCOMMAND")
    info = corpus_commands.add_parser("info", help="documents, words, outlets, date range and warnings")
    info.add_argument("path", help="a corpus folder or file (txt, csv, tsv, json, jsonl, parquet)")
    info.add_argument("--format", help="force the input format")
    info.add_argument("--encoding", help="text encoding of the files (default: UTF-8, else cp1252 with a warning)")
    info.add_argument("--column", action="append", metavar="SOURCE=TARGET",
                      help="map an input field to ours, e.g. content=text (repeatable)")
    info.add_argument("--skip-bad", action="store_true", help="skip unreadable files and report them")
    info.add_argument("--outlet-map", action="append", metavar="FROM=TO", help=_OUTLET_MAP_HELP)
    info.set_defaults(handler=_corpus_info)

    analyze = commands.add_parser("analyze", help="compute the features of every document")
    analyze.add_argument("corpus", help="a corpus folder or file")
    analyze.add_argument("-o", "--output", required=True,
                         help="features file: .parquet (streamed in bounded memory, resumable) or .csv/.tsv "
                              "(built in memory)")
    analyze.add_argument("--actors", help="YAML file mapping actors to their aliases")
    analyze.add_argument("--lexicon", action="append", help="loaded-language lexicon (name or file; repeatable)")
    analyze.add_argument("--valences", help="YAML/CSV valence overrides for domain adaptation")
    analyze.add_argument("--tone-engine", choices=["fast", "vader"], default="fast",
                         help="tone implementation: ours or vaderSentiment itself (same scores)")
    analyze.add_argument("-j", "--jobs", type=int, default=1, help="processes on this machine (-1: every core)")
    analyze.add_argument("--chunksize", type=_positive, default=1000,
                         help="documents per chunk when streaming to .parquet (default: 1000)")
    analyze.add_argument("--restart", action="store_true",
                         help="discard an interrupted run's finished chunks instead of resuming it")
    analyze.add_argument("--engine", choices=["local", "dask"], default="local",
                         help="where to compute: local processes (--jobs) or a Dask cluster (--scheduler)")
    analyze.add_argument("--scheduler", metavar="ADDRESS", help="Dask scheduler address, e.g. tcp://host:8786")
    analyze.add_argument("--format", help="force the input format")
    analyze.add_argument("--encoding", help="force the text encoding of the input files (e.g. utf-8, cp1252)")
    analyze.add_argument("--column", action="append", metavar="SOURCE=TARGET",
                         help="map an input field to ours, e.g. content=text (repeatable)")
    analyze.add_argument("--outlet-map", action="append", metavar="FROM=TO", help=_OUTLET_MAP_HELP)
    analyze.add_argument("--strict", action="store_true", help="stop at the first bad file instead of skipping it")
    analyze.add_argument("--force", action="store_true", help="overwrite an existing output")
    analyze.add_argument("--quiet", action="store_true", help="no progress bar")
    analyze.set_defaults(handler=_analyze)

    compare = commands.add_parser("compare", help="compare groups: intervals, pairwise tests, summary")
    compare.add_argument("features", help="features file written by 'framing analyze'")
    compare.add_argument("--by", default="outlet", help="grouping column (default: outlet)")
    compare.add_argument("--within", help="compare within this column's groups, e.g. event")
    compare.add_argument("-o", "--output", required=True, help="output folder for the tables")
    compare.add_argument("--n-boot", type=int, default=2000, help="bootstrap resamples (default: 2000)")
    compare.add_argument("--seed", type=int, default=0, help="random seed (default: 0)")
    compare.add_argument("--force", action="store_true", help="overwrite existing tables")
    compare.set_defaults(handler=_compare)

    lexicon = commands.add_parser("lexicon", help="check or list lexicons")
    lexicon_commands = lexicon.add_subparsers(dest="lexicon_command", metavar="SUBCOMMAND")
    check = lexicon_commands.add_parser("check", help="validate lexicon files (file:line messages)")
    check.add_argument("files", nargs="+", help="YAML or CSV lexicon files")
    check.set_defaults(handler=_lexicon_check)
    listing = lexicon_commands.add_parser("list", help="shipped lexicons with their sizes")
    listing.set_defaults(handler=_lexicon_list)

    explain = commands.add_parser("explain", help="show the sentences and words behind one document's scores")
    explain.add_argument("file", help="a document (.txt with optional header) or a corpus file or folder")
    explain.add_argument("--doc", metavar="ID", help="the doc_id to explain when the file holds several documents")
    explain.add_argument("--actors", help="YAML file mapping actors to their aliases")
    explain.add_argument("-o", "--output", help="write an HTML page instead of printing tables")
    explain.add_argument("--force", action="store_true", help="overwrite an existing output")
    explain.set_defaults(handler=_explain)

    report = commands.add_parser("report", help="one self-contained HTML report (figures, tables, methods)")
    report.add_argument("source", help="a corpus folder/file, or a features file from 'framing analyze'")
    report.add_argument("-o", "--output", required=True, help="the .html file to write")
    report.add_argument("--by", default="outlet", help="grouping column (default: outlet)")
    report.add_argument("--actors", help="YAML file mapping actors to their aliases")
    report.add_argument("--column", action="append", metavar="SOURCE=TARGET",
                        help="map an input field to ours, e.g. content=text (repeatable)")
    report.add_argument("--n-boot", type=int, default=2000, help="bootstrap resamples (default: 2000)")
    report.add_argument("--seed", type=int, default=0, help="random seed (default: 0)")
    report.add_argument("--force", action="store_true", help="overwrite an existing report")
    report.add_argument("--quiet", action="store_true", help="no progress bar")
    report.set_defaults(handler=_report)

    demo = commands.add_parser("demo", help="run the whole demo on the bundled corpus")
    demo.add_argument("--corpus", default=str(_bundled_demo()), help="corpus to use (default: corpora/demo)")
    demo.add_argument("-o", "--output", default="reports/demo", help="output folder (default: reports/demo)")
    demo.add_argument("--quiet", action="store_true", help="no progress bars")
    demo.set_defaults(handler=_demo)
    return parser


def _bundled_demo() -> Path:
    return bundled_path("corpora/demo")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (2 for bad input, no traceback)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    handler = getattr(args, "handler", None)
    if handler is None:
        parser.print_help()
        return EXIT_INPUT_ERROR if args.command else 0
    skip_option = ("pass --skip-bad" if hasattr(args, "skip_bad") else
                   "run without --strict" if hasattr(args, "strict") else None)
    try:
        code = _run(handler, args, skip_option)
        sys.stdout.flush()  # what is still buffered goes now, where a closed pipe is caught, not at exit
        return code
    except BrokenPipeError:  # the reader of our output went away; _run lets this OSError through
        return _closed_pipe()


def _run(handler, args: argparse.Namespace, skip_option: str | None) -> int:
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            code = handler(args)
        for warning in _unique_messages(caught):
            print(f"warning: {cli_words(warning, skip_option=skip_option)}", file=sys.stderr)
        for line in _CLOSING_LINES:
            print(cli_words(line, skip_option=skip_option), file=sys.stderr)
        _CLOSING_LINES.clear()
        return code
    except FramingError as error:
        print(f"framing: error: {cli_words(str(error), skip_option=skip_option)}", file=sys.stderr)
    except BrokenPipeError:
        raise
    except (OSError, UnicodeError) as error:
        name = getattr(error, "filename", None)
        reason = getattr(error, "strerror", None) or str(error)
        print(f"framing: error: {name}: {reason}" if name else f"framing: error: {reason}", file=sys.stderr)
    except KeyboardInterrupt:
        print("framing: interrupted; finished outputs are complete, partial ones were not written", file=sys.stderr)
        return 130
    return EXIT_INPUT_ERROR


def _closed_pipe() -> int:
    """The reader of our output went away (``framing lexicon list | head``): end quietly, as ``cat`` and
    ``ls`` do, with the exit status of a process killed by SIGPIPE (128 + 13)."""
    # Python flushes stdout again at exit and would report the broken pipe then: point it at /dev/null.
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # stdout is not a file (tests capture it)
        pass
    finally:
        os.close(devnull)
    return 128 + getattr(signal, "SIGPIPE", 13)


if __name__ == "__main__":
    sys.exit(main())
