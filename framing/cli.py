"""The ``framing`` command.

Errors caused by the input print one line naming the file (and line) and exit with code 2; nothing is
overwritten without ``--force``. Heavy modules are imported inside the commands so ``framing --help``
stays instant.
"""

from __future__ import annotations

import argparse
import sys
import warnings
from collections.abc import Sequence
from pathlib import Path

from framing import __version__
from framing.errors import FramingError

EXIT_INPUT_ERROR = 2


def _corpus_info(args: argparse.Namespace) -> int:
    from framing.corpus import corpus_summary, load_corpus

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        corpus = load_corpus(args.path, format=args.format, errors="skip" if args.skip_bad else "raise")
    summary = corpus_summary(corpus)
    print(_format_summary(args.path, summary))
    for warning in caught:
        print(f"warning: {warning.message}")
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


def _demo(args: argparse.Namespace) -> int:
    from framing.demo import run_demo

    run_demo(Path(args.output), corpus=Path(args.corpus), force=True, quiet=args.quiet)
    return 0


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
    info.add_argument("--skip-bad", action="store_true", help="skip unreadable files and report them")
    info.set_defaults(handler=_corpus_info)

    demo = commands.add_parser("demo", help="run the whole demo on the bundled corpus")
    demo.add_argument("--corpus", default=str(_bundled_demo()), help="corpus to use (default: corpora/demo)")
    demo.add_argument("-o", "--output", default="reports/demo", help="output folder (default: reports/demo)")
    demo.add_argument("--quiet", action="store_true", help="no progress bars")
    demo.set_defaults(handler=_demo)
    return parser


def _bundled_demo() -> Path:
    return Path(__file__).resolve().parents[1] / "corpora" / "demo"


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (2 for bad input, no traceback)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    handler = getattr(args, "handler", None)
    if handler is None:
        parser.print_help()
        return EXIT_INPUT_ERROR if args.command else 0
    try:
        return handler(args)
    except FramingError as error:
        print(f"framing: error: {error}", file=sys.stderr)
    except (OSError, UnicodeError) as error:
        name = getattr(error, "filename", None)
        reason = getattr(error, "strerror", None) or str(error)
        print(f"framing: error: {name}: {reason}" if name else f"framing: error: {reason}", file=sys.stderr)
    except KeyboardInterrupt:
        print("framing: interrupted; finished outputs are complete, partial ones were not written", file=sys.stderr)
        return 130
    return EXIT_INPUT_ERROR


if __name__ == "__main__":
    sys.exit(main())
