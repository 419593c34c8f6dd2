"""Do the generic frame scores and the frame classifier agree with human coders?

On the Narrative Frames Corpus (Frermann et al. 2023, ``narrative-frames-train``): 293 climate-change
articles from 36 outlets, each coded by humans for five generic frames (resolution RE, human interest HI,
conflict CO, morality MO, economic EC). The script prints

1. for each frame, the human prevalence and the ROC AUC (with a bootstrap 95% interval) of our
   dictionary score ``frame_<name>`` (``framing.analyze``) against the human label: the chance that a
   random article coded with the frame scores higher than a random article coded without it (0.5 = no
   better than chance); RE (resolution) is compared with ``frame_responsibility``;
2. cross-validated F1 (per frame, micro and macro; 5 folds, seed 0) of ``FrameClassifier`` with text and
   dictionary features, with text features only and with dictionary features only, against a majority
   baseline on the same folds (see ``framing.classify.model.evaluate_classifier``).

Run from the repository root::

    .venv/bin/python benchmarks/validity_frames.py                # print the table (about a minute)
    .venv/bin/python benchmarks/validity_frames.py --write-docs   # also update "## Frames" in docs/validity.md
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
from scipy.stats import rankdata

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from _data import ROOT, VALIDITY_INTRO, data_dir, update_doc_section  # noqa: E402

from framing.classify.evaluation import evaluate_classifier  # noqa: E402
from framing.pipeline import analyze  # noqa: E402

DOCS = ROOT / "docs" / "validity.md"
#: Human label column -> our generic frame.
FRAMES = {"RE": "responsibility", "HI": "human_interest", "CO": "conflict", "MO": "morality", "EC": "economic"}
SETTINGS = {
    "text + dictionary": {},
    "text only": {"use_dictionary": False},
    "dictionary only": {"word_ngram_range": None, "char_ngram_range": None},
}
CV, SEED, N_BOOT = 5, 0, 2000


def load_articles(root: Path) -> tuple[pd.DataFrame, pd.DataFrame, list[str]]:
    """The corpus (index ``doc_id``) and its 0/1 frame labels; rows whose labels are not True/False are
    dropped (one upstream row is malformed) and listed."""
    table = pd.read_csv(root / "narrative-frames-train" / "articles_metadata.tsv", sep="\t", dtype=str,
                        keep_default_na=False)
    valid = table[list(FRAMES)].isin(["True", "False"]).all(axis=1)
    dropped = table.loc[~valid, "ID"].tolist()
    table = table[valid]
    corpus = pd.DataFrame({
        "outlet": table["source"].to_numpy(),
        "date": pd.to_datetime(table["date"], errors="coerce").to_numpy(),
        "title": "",  # the upstream text starts with the headline, unseparated
        "text": table["text"].to_numpy(),
    }, index=pd.Index(table["ID"].to_numpy(), name="doc_id"))
    labels = (table[list(FRAMES)] == "True").astype(int).set_axis(corpus.index)
    return corpus, labels, dropped


def auc(labels: np.ndarray, scores: np.ndarray) -> float:
    """ROC AUC by the rank-sum (Mann-Whitney) formula; ties count one half."""
    positives = labels == 1
    n_pos, n_neg = positives.sum(), (~positives).sum()
    ranks = rankdata(scores)
    return float((ranks[positives].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))


def auc_interval(labels: np.ndarray, scores: np.ndarray, *, n_boot: int = N_BOOT, seed: int = SEED):
    """Percentile bootstrap 95% interval of the AUC (resampling articles)."""
    rng = np.random.default_rng(seed)
    values = []
    for _ in range(n_boot):
        sample = rng.integers(0, len(labels), len(labels))
        if 0 < labels[sample].sum() < len(sample):
            values.append(auc(labels[sample], scores[sample]))
    return float(np.percentile(values, 2.5)), float(np.percentile(values, 97.5))


def run() -> str:
    corpus, labels, dropped = load_articles(data_dir())
    started = time.perf_counter()
    features = analyze(corpus, features=["frames"])
    rows = {}
    for column, frame in FRAMES.items():
        truth, score = labels[column].to_numpy(), features[f"frame_{frame}"].to_numpy()
        rows[column] = {"auc": auc(truth, score), "interval": auc_interval(truth, score),
                        "prevalence": truth.mean(), "support": int(truth.sum())}
    reports = {name: evaluate_classifier(corpus["text"], labels, cv=CV, seed=SEED, **params)
               for name, params in SETTINGS.items()}
    seconds = time.perf_counter() - started
    first = next(iter(reports.values()))

    header = ("| human frame | our score | prevalence | AUC of `frame_<name>` [95% CI] | "
              + " | ".join(f"F1 {name}" for name in SETTINGS) + " | F1 majority baseline |")
    lines = [
        f"Data: Narrative Frames Corpus, training split (Frermann et al. 2023): {len(corpus)} climate-change "
        f"articles ({corpus['outlet'].nunique()} source names, some outlets spelled several ways), median "
        f"{_median_words(corpus)} words; human-coded generic frames (binary, aggregated over coders). "
        + (f"Dropped {len(dropped)} article(s) with malformed labels (ID {', '.join(dropped)}). " if dropped else "")
        + f"Classifier scores: {CV}-fold cross-validation (shuffled KFold, seed {SEED}), out-of-fold predictions "
        "pooled; default `FrameClassifier` parameters (C=1, balanced class weights, word 1-2-grams and "
        "char_wb 3-5-grams, up to 20,000 each, plus standardised dictionary rates).",
        "",
        header,
        "|---|---|---|---|" + "---|" * (len(SETTINGS) + 1),
    ]
    for column, frame in FRAMES.items():
        row = rows[column]
        low, high = row["interval"]
        f1s = " | ".join(f"{report.table.loc[column, 'f1']:.3f}" for report in reports.values())
        baseline = first.table.loc[column, "baseline_f1"]
        lines.append(f"| {column} | `frame_{frame}` | {row['prevalence']:.1%} ({row['support']}) | "
                     f"{row['auc']:.3f} [{low:.3f}, {high:.3f}] | {f1s} | {baseline:.3f} |")
    for average in ("micro avg", "macro avg"):
        f1s = " | ".join(f"**{report.table.loc[average, 'f1']:.3f}**" for report in reports.values())
        lines.append(f"| {average.replace(' avg', '')} F1 | | | | {f1s} | "
                     f"{first.table.loc[average, 'baseline_f1']:.3f} |")
    spread = ", ".join(f"{name} {min(report.fold_macro_f1):.2f}-{max(report.fold_macro_f1):.2f}"
                       for name, report in reports.items())
    lines += [
        "",
        f"Macro F1 range over the {CV} folds: {spread}; baseline "
        f"{min(first.baseline_fold_macro_f1):.2f}-{max(first.baseline_fold_macro_f1):.2f}.",
        "",
        "Precision and recall of the text + dictionary classifier:",
        "",
        "| frame | precision | recall | F1 | baseline precision | baseline recall |",
        "|---|---|---|---|---|---|",
    ]
    for label, values in first.table.iterrows():
        lines.append(f"| {label} | {values['precision']:.3f} | {values['recall']:.3f} | {values['f1']:.3f} | "
                     f"{values['baseline_precision']:.3f} | {values['baseline_recall']:.3f} |")
    full, text_only = reports["text + dictionary"].table, reports["text only"].table
    gains = ", ".join(f"{column} {full.loc[column, 'f1'] - text_only.loc[column, 'f1']:+.2f}" for column in FRAMES)
    lines += ["", f"F1 gained by adding the dictionary features to the n-grams, per frame: {gains}."]
    present = [column for column in FRAMES if labels[column].mean() > 0.5]
    absent = [column for column in FRAMES if column not in present]
    lines += [
        "",
        "The majority baseline predicts each frame's most common value in the training folds: "
        f"absent for {', '.join(absent)} (F1 0) and present for {', '.join(present) or 'none'}.",
    ]
    print(f"({seconds:.0f} s for the dictionary scores and the three cross-validations)\n", file=sys.stderr)
    return "\n".join(lines)


def _median_words(corpus: pd.DataFrame) -> int:
    return int(corpus["text"].str.split().str.len().median())


def write_section(body: str) -> None:
    """Replace the "## Frames" section of docs/validity.md (create the file if missing), keeping the rest."""
    section = (
        "## Frames\n\n"
        "Generic frame scores (dictionary cues per 1,000 words) against human frame codes, and the "
        "cross-validated F1 of `FrameClassifier`, both against a majority baseline. Re-run with "
        "`.venv/bin/python benchmarks/validity_frames.py --write-docs` (data from `$FRAMING_DATA` or "
        "`../shared/data`).\n\n" + body + "\n\n"
        "Reading: an AUC above 0.5 means that articles the coders saw the frame in score higher on our "
        "dictionary score; it says nothing of a threshold, so it compares the scores as rankings, which is how "
        "the toolkit uses them (comparing outlets). The human codes are for frames in a whole climate "
        "article and RE asks whether a solution is offered, which is close to, not the same as, "
        "Semetko & Valkenburg's responsibility frame.\n"
    )
    update_doc_section(DOCS, "Frames", section, intro=VALIDITY_INTRO)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--write-docs", action="store_true",
                        help='update the "## Frames" section of docs/validity.md')
    args = parser.parse_args()
    body = run()
    print(body)
    if args.write_docs:
        write_section(body)
        print(f"\nwrote the Frames section of {DOCS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
