"""The full outlet comparison as tables, figures and one self-contained HTML report.

``run_comparison`` computes every table the report shows (group statistics with intervals, pairwise
tests, omnibus tests, time series, distinctive terms, top loaded phrases, sentence tones);
``comparison_figures`` draws them with :mod:`framing.plots`; ``write_outputs`` saves figures (PNG, SVG)
and tables (CSV); ``build_report`` does all of it and writes ``report.html`` with the figures embedded,
so the file works offline and can be mailed. Every corpus string is HTML-escaped.
"""

from __future__ import annotations

import base64
import html
import io
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import numpy as np
import pandas as pd

from framing import __version__, plots
from framing.corpus.load import corpus_summary, load_corpus
from framing.corpus.output import atomic_path, check_writable, write_table
from framing.features.vader import get_scorer
from framing.pipeline import analyze
from framing.report.bundled import bundled_path
from framing.report.tables import summarize_differences
from framing.schema import SHIPPED_LEXICONS, is_actor_tone, is_loaded_rate, is_policy_frame
from framing.stats.compare import compare, omnibus, over_time, pairwise
from framing.stats.keyness import distinctive_terms
from framing.text.lexicons import load_lexicon
from framing.text.matcher import PhraseMatcher
from framing.text.segment import segment

__all__ = ["Comparison", "build_report", "comparison_figures", "render_report", "run_comparison", "write_outputs"]

#: The features the report's tables and charts lead with (those present are used).
KEY_FEATURES = [
    "tone_mean", "tone_neg_share", "tone_pos_share", "tone_headline", "tone_lead", "loaded_total_per1k",
    "loaded_quoted_per1k", "frame_conflict", "frame_human_interest", "frame_economic", "frame_morality",
    "frame_responsibility", "src_attributions_per1k", "src_anonymous_per1k", "src_quote_share", "hedge_per1k",
    "certainty_per1k", "thematic_per1k", "episodic_per1k",
]
_SAMPLE_DOCUMENTS = 5000


@dataclass
class Comparison:
    """Every table of one comparison; figures and the report are drawn from it."""

    by: str
    features: pd.DataFrame
    compare: pd.DataFrame
    pairwise: pd.DataFrame
    omnibus: pd.DataFrame
    over_time: pd.DataFrame
    freq: str
    terms: pd.DataFrame | None = None
    phrases: pd.DataFrame | None = None
    sentences: pd.DataFrame | None = None
    notes: list[str] = field(default_factory=list)

    def tables(self) -> dict[str, pd.DataFrame]:
        """The tables by file name (those computed)."""
        named = {"compare": self.compare, "pairwise": self.pairwise, "omnibus": self.omnibus,
                 "over_time": self.over_time, "distinctive_terms": self.terms, "top_phrases": self.phrases}
        return {name: table for name, table in named.items() if table is not None}


def _time_frequency(dates: pd.Series) -> str:
    """Weeks for up to four months of coverage, months beyond: enough documents per point."""
    dates = dates.dropna()
    if dates.empty:
        return "M"
    return "W" if (dates.max() - dates.min()).days <= 120 else "M"


def run_comparison(features: pd.DataFrame, *, corpus: pd.DataFrame | None = None, by: str = "outlet",
                   n_boot: int = 2000, seed: int = 0, freq: str | None = None,
                   sample: int = _SAMPLE_DOCUMENTS) -> Comparison:
    """Compute the tables of the full comparison.

    Parameters
    ----------
    features : DataFrame
        The output of :func:`framing.analyze`.
    corpus : DataFrame, optional
        The corpus (with ``text``): needed for distinctive terms, top loaded phrases and sentence tones.
    by : str
        Grouping column.
    n_boot, seed
        Bootstrap settings for every interval.
    freq : str, optional
        Period of the time series; default weeks for up to four months of coverage, else months.
    sample : int
        Documents (a seeded sample, all when fewer) read for phrases and sentence tones.

    Examples
    --------
    >>> import framing
    >>> corpus = framing.load_corpus("corpora/demo")
    >>> comparison = run_comparison(framing.analyze(corpus, features=["tone"]), corpus=corpus, n_boot=200)
    >>> sorted(comparison.tables())
    ['compare', 'distinctive_terms', 'omnibus', 'over_time', 'pairwise', 'top_phrases']
    """
    if by not in features.columns:
        raise KeyError(f"no column {by!r} to group by; columns: {list(features.columns)[:10]}")
    freq = freq or _time_frequency(features.get("date", pd.Series(dtype="datetime64[ns]")))
    columns = [c for c in KEY_FEATURES if c in features.columns]
    columns += [c for c in features.columns if is_loaded_rate(c) and c not in columns]
    columns += [c for c in features.columns
                if is_policy_frame(c) or is_actor_tone(c)]
    columns = list(dict.fromkeys(c for c in columns if pd.api.types.is_numeric_dtype(features[c])))
    table = compare(features, by=by, columns=columns, n_boot=n_boot, seed=seed)
    pairs = pairwise(features, by=by, columns=columns, n_boot=n_boot, seed=seed)
    tests = omnibus(features, by=by, columns=columns)
    time_columns = [c for c in ("tone_mean", "loaded_total_per1k") if c in features.columns]
    notes = []
    if "date" in features.columns and features["date"].notna().any() and time_columns:
        import warnings

        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            series = over_time(features, by=by, freq=freq, columns=time_columns, n_boot=n_boot, seed=seed)
        notes += [str(w.message) for w in caught]
    else:
        series = pd.DataFrame(columns=[by, "period", "feature", "n", "mean", "ci_low", "ci_high"])
        notes.append("No dates: the time series is left out.")
    comparison = Comparison(by, features, table, pairs, tests, series, freq, notes=notes)
    if corpus is not None:
        comparison.terms = distinctive_terms(corpus, by=by, top=300)
        comparison.phrases, comparison.sentences = _phrases_and_sentences(corpus, by=by, sample=sample, seed=seed)
    else:
        notes.append("Features only (no text): distinctive terms, top phrases and sentence tones are left out.")
    return comparison


def _phrases_and_sentences(corpus: pd.DataFrame, *, by: str, sample: int, seed: int
                           ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Loaded-phrase counts per group and the sentence compounds, from one pass over (a sample of) texts."""
    if len(corpus) > sample:
        corpus = corpus.sample(sample, random_state=np.random.RandomState(seed)).sort_index()
    matcher = PhraseMatcher([load_lexicon("loaded")])
    scorer = get_scorer()
    counts: Counter[tuple] = Counter()
    sentence_rows = []
    for group, text in zip(corpus[by], corpus["text"]):
        seg = segment(text)
        for match in matcher.match(seg):
            if not seg.token_quoted[match.first_token]:
                phrase = seg.text[seg.token_starts[match.first_token]:seg.token_ends[match.end_token - 1]].lower()
                counts[(group, phrase, match.entry.category)] += 1
        sentence_rows.extend((group, scorer.scores(seg.text[a:b])[3]) for a, b in seg.sentences)
    phrases = pd.DataFrame([(*key, n) for key, n in counts.items()], columns=[by, "phrase", "category", "count"])
    phrases = phrases.sort_values([by, "count", "phrase"], ascending=[True, False, True]).reset_index(drop=True)
    return phrases, pd.DataFrame(sentence_rows, columns=[by, "compound"])


# ---------------------------------------------------------------------------------------------------------
# Figures


def comparison_figures(comparison: Comparison) -> dict[str, object]:
    """Draw every chart of the comparison; returns matplotlib Figures by file name.

    Examples
    --------
    >>> import framing
    >>> corpus = framing.load_corpus("corpora/demo")
    >>> comparison = run_comparison(framing.analyze(corpus), corpus=corpus, n_boot=200)
    >>> figures = comparison_figures(comparison)
    >>> len(figures) >= 8
    True
    """

    by = comparison.by
    groups = sorted(comparison.features[by].dropna().astype(str).unique())
    n_groups = len(groups)
    rows_height = plots.figsize_for(n_groups)[1]
    features = set(comparison.compare["feature"])
    palette = plots.outlet_colors(groups)
    figures: dict[str, object] = {}

    def axes(name: str, size=(7.0, 4.2)):
        figures[name], ax = plots.single(size)
        return ax

    plots.tone_by_outlet(comparison.compare, by=by, documents=comparison.features, palette=palette,
                         ax=axes("tone_by_outlet", (7.0, rows_height)))
    if comparison.sentences is not None and not comparison.sentences.empty:
        plots.sentence_tone_distribution(comparison.sentences, by=by, palette=palette,
                                         ax=axes("sentence_tone_distribution", (7.5, max(4.2, rows_height))))
    if not comparison.over_time.empty:
        plots.tone_over_time(comparison.over_time, by=by, palette=palette, ax=axes("tone_over_time", (8.0, 4.5)))
    generic = [f"frame_{name}" for name in ("conflict", "human_interest", "economic", "morality", "responsibility")]
    if set(generic) <= features:
        plots.frame_profile(comparison.compare, frames=generic, by=by,
                            ax=axes("frame_profile", (7.0, max(3.0, 0.4 * n_groups + 1.8))))
    policy = sorted(f for f in features if is_policy_frame(f))
    if policy:
        plots.frame_profile(comparison.compare, frames=policy, by=by,
                            ax=axes("policy_frame_profile", (11.0, max(3.8, 0.4 * n_groups + 3.0))))
    if any(is_loaded_rate(f) for f in features):
        plots.loaded_by_category(comparison.compare, by=by, palette=palette,
                                 ax=axes("loaded_by_category", (7.5, max(6.0, rows_height))))
    if comparison.phrases is not None and not comparison.phrases.empty:
        figures["top_phrases"], panel_axes = plots.panels(n_groups)
        with_phrases = set(comparison.phrases[by].astype(str))
        for ax, group in zip(panel_axes, groups):
            if group in with_phrases:
                plots.top_phrases(comparison.phrases, by=by, group=group, n=8, palette=palette, ax=ax)
            else:
                plots.empty_panel(f"{group}: no loaded phrases", ax=ax)
    if any(is_actor_tone(f) for f in features):
        plots.actor_tone(comparison.compare, by=by, palette=palette, ax=axes("actor_tone", (7.5, max(4.5, rows_height))))
    if comparison.terms is not None and not comparison.terms.empty:
        figures["distinctive_terms"], panel_axes = plots.panels(n_groups, columns=2, panel_size=(6.0, 4.6))
        for ax, group in zip(panel_axes, groups):
            plots.distinctive_terms(comparison.terms, group=group, by=by, n=12, palette=palette, ax=ax)
    for feature in ("tone_mean", "loaded_total_per1k"):
        if n_groups > 1 and feature in set(comparison.pairwise["feature"]):
            size = max(4.5, 0.45 * n_groups + 2.5)
            plots.effect_size_matrix(comparison.pairwise, feature=feature,
                                     ax=axes(f"effect_sizes_{feature}", (size + 1.2, size)))
    return figures


def write_outputs(comparison: Comparison, figures: dict[str, object], output: Path, *, force: bool = False,
                  formats: tuple[str, ...] = ("png", "svg")) -> list[Path]:
    """Save every figure (``figures/<name>.png`` and ``.svg``) and table (``tables/<name>.csv``)."""

    output = Path(output)
    written = []
    for name, figure in figures.items():
        written += plots.save(figure, output / "figures" / name, formats=formats, force=force)
    for name, table in comparison.tables().items():
        written.append(write_table(table, output / "tables" / f"{name}.csv", force=force, index=False))
    summary = summarize_differences(comparison.pairwise)
    with atomic_path(output / "tables" / "summary.txt", force=force) as tmp:
        tmp.write_text(summary + "\n", encoding="utf-8")
    written.append(output / "tables" / "summary.txt")
    return written


# ---------------------------------------------------------------------------------------------------------
# HTML


def _png_data(figure) -> str:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=110, metadata={"Software": None})  # Figure API: no pyplot here
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def _table_html(frame: pd.DataFrame, *, digits: int = 3, max_rows: int = 60) -> str:
    frame = frame.head(max_rows)
    return frame.to_html(index=False, escape=True, border=0, classes="tbl", na_rep="",
                         float_format=lambda v: f"{v:.{digits}f}")


def _markdown_html(text: str) -> str:
    """A small Markdown subset (headings, tables, paragraphs, code spans) as escaped HTML."""
    out, table, paragraph = [], [], []

    def inline(value: str) -> str:
        value = html.escape(value)
        value = re.sub(r"`([^`]+)`", r"<code>\1</code>", value)
        return re.sub(r"\*\*([^*]+)\*\*", r"<b>\1</b>", value)

    def flush():
        if paragraph:
            out.append(f"<p>{inline(' '.join(paragraph))}</p>")
            paragraph.clear()
        if table:
            rows = [row for row in table if not re.fullmatch(r"\|[\s:|-]+\|", row)]
            cells = [[inline(c.strip()) for c in row.strip("|").split("|")] for row in rows]
            head = "".join(f"<th>{c}</th>" for c in cells[0])
            body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in cells[1:])
            out.append(f'<table class="tbl"><tr>{head}</tr>{body}</table>')
            table.clear()

    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("|"):
            if paragraph:
                flush()
            table.append(stripped)
        elif stripped.startswith("#"):
            flush()
            level = min(len(stripped) - len(stripped.lstrip("#")) + 2, 6)
            out.append(f"<h{level}>{inline(stripped.lstrip('#').strip())}</h{level}>")
        elif not stripped or stripped.startswith("```"):
            flush()
        else:
            if table:
                flush()
            paragraph.append(stripped)
    flush()
    return "\n".join(out)


def _validity_text() -> str | None:
    path = bundled_path("docs/validity.md")
    return path.read_text(encoding="utf-8") if path.is_file() else None


_FIGURE_CAPTIONS = {
    "tone_by_outlet": "Mean sentence tone per document (VADER compound of each sentence, averaged), with 95% "
                      "bootstrap intervals; dots are documents.",
    "sentence_tone_distribution": "Distribution of sentence tone; the band marks VADER's neutral range (±0.05).",
    "tone_over_time": "Mean tone per period with 95% intervals; numbers are documents per period.",
    "frame_profile": "Generic news frames (Semetko & Valkenburg 2000): cues per 1,000 words.",
    "policy_frame_profile": "Policy frames (Boydstun et al. 2014): cues per 1,000 words.",
    "loaded_by_category": "Loaded language in the outlet's own voice (outside quotations), per 1,000 words, "
                          "with 95% intervals.",
    "top_phrases": "The most frequent loaded phrases of each group (own voice).",
    "actor_tone": "Tone of the sentences that mention each actor, with 95% intervals.",
    "distinctive_terms": "Distinctive terms (weighted log-odds with an informative Dirichlet prior, Monroe et al. "
                         "2008): z-score against frequency.",
    "effect_sizes_tone_mean": "Cohen's d between every pair of groups for mean tone; stars mark adjusted p-values.",
    "effect_sizes_loaded_total_per1k": "Cohen's d between every pair of groups for loaded language.",
}


def render_report(comparison: Comparison, figures: dict[str, object], *, title: str = "framing report",
                  corpus_summary: dict | None = None, source: str = "", lexicons: tuple[str, ...] = ()) -> str:
    """The report as one HTML page with the figures embedded as PNG data."""
    esc = html.escape
    parts = [f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{esc(title)}</title>"
             f"<meta name='viewport' content='width=device-width, initial-scale=1'>{_CSS}</head><body>"]
    created = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    parts.append(f"<h1>{esc(title)}</h1><p class='meta'>Source: <code>{esc(str(source))}</code> · grouped by "
                 f"<code>{esc(comparison.by)}</code> · framing {esc(__version__)} · {created}</p>")
    parts.append("<h2>Corpus</h2>")
    if corpus_summary:
        first, last = corpus_summary.get("date_min"), corpus_summary.get("date_max")
        dates = f"{first:%Y-%m-%d} to {last:%Y-%m-%d}" if first is not None and last is not None else "no dates"
        parts.append(f"<p>{corpus_summary['documents']:,} documents, {corpus_summary['words']:,} words, {dates}.</p>")
    counts = comparison.features[comparison.by].value_counts().rename_axis(comparison.by).reset_index(name="documents")
    parts.append(_table_html(counts))
    parts.append("<h2>Clearest differences</h2>")
    parts.append(f"<pre>{esc(summarize_differences(comparison.pairwise))}</pre>")
    parts.append("<h2>Figures</h2>")
    for name, figure in figures.items():
        caption = _FIGURE_CAPTIONS.get(name, name.replace("_", " "))
        parts.append(f"<figure><img src='data:image/png;base64,{_png_data(figure)}' alt='{esc(caption)}'>"
                     f"<figcaption>{esc(caption)}</figcaption></figure>")
    parts.append("<h2>Group statistics</h2><p>Mean with 95% bootstrap interval (percentile method, resampling "
                 "documents within each group), median and standard deviation.</p>")
    key = comparison.compare[comparison.compare["feature"].isin(KEY_FEATURES)]
    parts.append(_table_html(key, max_rows=400))
    parts.append("<h2>Omnibus tests</h2><p>Kruskal–Wallis test per feature across all groups.</p>")
    parts.append(_table_html(comparison.omnibus))
    if comparison.notes:
        parts.append("<h2>Notes</h2><ul>" + "".join(f"<li>{esc(n)}</li>" for n in comparison.notes) + "</ul>")
    parts.append("<h2>Methods</h2>" + _METHODS)
    if lexicons:
        rows = []
        for name in lexicons:
            lexicon = load_lexicon(name)
            rows.append((lexicon.name, lexicon.version, len(lexicon), ", ".join(lexicon.categories)))
        parts.append("<h3>Lexicons</h3>" + _table_html(pd.DataFrame(rows, columns=["lexicon", "version", "entries",
                                                                                   "categories"])))
    validity = _validity_text()
    if validity:
        parts.append("<h2>Validity</h2>" + _markdown_html(validity))
    parts.append("</body></html>")
    return "\n".join(parts)


def build_report(source, output: str | Path, *, by: str = "outlet", actors=None, columns=None,
                 force: bool = False, n_boot: int = 2000, seed: int = 0, progress: bool | None = None,
                 title: str | None = None) -> Path:
    """Analyse (when given a corpus) and compare, then write one self-contained HTML report.

    Parameters
    ----------
    source : path or DataFrame
        A corpus (folder, file or DataFrame with ``text``), or a features file/frame from ``analyze``.
    output : path
        The ``.html`` file to write (atomically; an existing file only with ``force``).
    by, actors, columns, n_boot, seed, progress
        Grouping column, actors for ``analyze``, column mapping for ``load_corpus``, bootstrap settings,
        progress bar.
    """

    check_writable(output, force=force)
    corpus, features = _corpus_and_features(source, columns=columns)
    summary = None
    if corpus is not None:
        features = analyze(corpus, actors=actors, progress=progress)
        summary = corpus_summary(corpus)
    comparison = run_comparison(features, corpus=corpus, by=by, n_boot=n_boot, seed=seed)
    figures = comparison_figures(comparison)
    page = render_report(comparison, figures, title=title or "framing report", corpus_summary=summary,
                         source=str(source) if not isinstance(source, pd.DataFrame) else "DataFrame",
                         lexicons=SHIPPED_LEXICONS)
    with atomic_path(output, force=force) as tmp:
        tmp.write_text(page, encoding="utf-8")
    return Path(output)


def _corpus_and_features(source, *, columns=None) -> tuple[pd.DataFrame | None, pd.DataFrame | None]:

    if isinstance(source, pd.DataFrame):
        # A corpus frame goes through load_corpus like a file (dates parsed, doc_id index, columns= mapping).
        if "text" in source.columns or "text" in (columns or {}).values():
            return load_corpus(source, columns=columns), None
        return None, source
    path = Path(source)
    if path.is_file() and path.suffix.lower() in {".parquet", ".csv", ".tsv"}:
        frame = pd.read_parquet(path) if path.suffix.lower() == ".parquet" else pd.read_csv(
            path, sep="\t" if path.suffix.lower() == ".tsv" else ",")
        if "text" not in frame.columns and any(c.startswith("tone_") for c in frame.columns):
            if "date" in frame.columns:
                frame["date"] = pd.to_datetime(frame["date"], errors="coerce")
            return None, frame
    return load_corpus(source, columns=columns), None


_METHODS = """
<ul>
<li><b>Tone</b>: every sentence is scored exactly as vaderSentiment 3.3.2 scores it (compound, −1..1); a
document's <code>tone_mean</code> is the mean over its sentences. VADER's compound of a whole article saturates near
±1 and is shown only for comparison (<code>tone_doc_vader</code>).</li>
<li><b>Loaded language</b>: matches of the shipped lexicon (see docs/lexicons.md) outside direct quotations per
1,000 words; matches inside quotations are counted apart.</li>
<li><b>Frames</b>: dictionary cues per 1,000 words for the five generic frames of Semetko &amp; Valkenburg (2000)
and the policy frames of Boydstun et al. (2014), plus structural cues (people introduced with their age).</li>
<li><b>Sourcing</b>: share of words in direct quotations, attributed sentences, anonymous sources, hedges and
certainty markers (Hyland), thematic and episodic cues (Iyengar).</li>
<li><b>Intervals and tests</b>: 95% percentile bootstrap intervals of the mean (documents resampled within
groups); pairwise differences with bootstrap intervals, Cohen's d, Cliff's delta and Mann–Whitney p-values
adjusted with Holm's method; Kruskal–Wallis tests across groups (docs/statistics.md).</li>
</ul>"""

_CSS = """<style>
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;
color:#222;line-height:1.45}
h1{margin-bottom:.2em}.meta{color:#555;font-size:.9em}
figure{margin:1.5em 0;border-top:1px solid #eee;padding-top:1em}figure img{max-width:100%;height:auto}
figcaption{font-size:.9em;color:#444}
.tbl{border-collapse:collapse;font-size:.82em;margin:.5em 0}.tbl th,.tbl td{border:1px solid #ddd;padding:.2em .5em;
text-align:right}.tbl th{background:#f4f4f4}
pre{background:#f7f7f7;padding:.8em;overflow-x:auto;font-size:.85em;white-space:pre-wrap}
code{font-size:.9em}
</style>"""
