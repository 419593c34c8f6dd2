"""``framing demo``: the whole pipeline on the bundled demo corpus, with every output in one folder."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from framing.corpus.load import corpus_summary, load_corpus
from framing.corpus.output import atomic_path, write_table
from framing.pipeline import analyze
from framing.report.build import comparison_figures, render_report, run_comparison, write_outputs
from framing.report.bundled import bundled_path
from framing.report.notebooks import run_notebook
from framing.schema import SHIPPED_LEXICONS

__all__ = ["run_demo"]

def run_demo(output: Path, *, corpus: Path, force: bool = True, quiet: bool = False,
             notebook: bool = True) -> dict[str, Path]:
    """Analyse the corpus, compare its outlets, save figures, tables, the executed comparison notebook
    and the HTML report under ``output``; print where everything is.

    Returns the main outputs by name.
    """
    started = time.perf_counter()
    output = Path(output)
    say = (lambda *args: None) if quiet else (lambda *args: print(*args, flush=True))
    docs = load_corpus(corpus)
    summary = corpus_summary(docs)
    say(f"corpus {corpus}: {summary['documents']} documents, {summary['words']:,} words, "
        f"{len(summary['outlets'])} outlets")
    actors = corpus / "actors.yml" if (corpus / "actors.yml").is_file() else None
    features = analyze(docs, actors=actors, progress=not quiet)
    outputs = {"features": write_table(features, output / "features.parquet", force=force)}
    write_table(features, output / "features.csv", force=force)
    say("analysed; comparing outlets ...")
    comparison = run_comparison(features, corpus=docs)
    figures = comparison_figures(comparison)
    written = write_outputs(comparison, figures, output, force=force)
    outputs["figures"] = output / "figures"
    outputs["tables"] = output / "tables"
    page = render_report(comparison, figures, title="framing demo report", corpus_summary=summary,
                         source=str(corpus), lexicons=SHIPPED_LEXICONS)
    with atomic_path(output / "report.html", force=force) as tmp:
        tmp.write_text(page, encoding="utf-8")
    outputs["report"] = output / "report.html"
    source_notebook = bundled_path("notebooks/02_compare_outlets.ipynb")
    if notebook and source_notebook.is_file():

        say("running notebooks/02_compare_outlets.ipynb ...")
        run_notebook(source_notebook, output / "notebook" / "02_compare_outlets.ipynb",
                     html=output / "notebook" / "02_compare_outlets.html", cwd=output,
                     parameters={"corpus": str(Path(corpus).resolve()),
                                 "actors": str(Path(actors).resolve()) if actors else None,
                                 "output_dir": str((output / "notebook").resolve())})
        outputs["notebook"] = output / "notebook" / "02_compare_outlets.html"
    n_figures = len(list((output / "figures").glob("*.png")))
    say(f"\ndone in {time.perf_counter() - started:.0f} s; outputs in {output}/:")
    say("  report.html            the self-contained report (open it in a browser)")
    say(f"  features.parquet/.csv  one row per document ({features.shape[1]} columns)")
    say(f"  figures/               {n_figures} figures as PNG and SVG")
    say(f"  tables/                {len([p for p in written if p.suffix == '.csv'])} CSV tables and summary.txt")
    if "notebook" in outputs:
        say("  notebook/              the executed comparison notebook (.ipynb and .html) and its outputs")
    return outputs


if __name__ == "__main__":
    run_demo(Path(sys.argv[1] if len(sys.argv) > 1 else "reports/demo"), corpus=bundled_path("corpora/demo"))
