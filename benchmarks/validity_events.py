"""How well does ``framing.match_events`` find same-story articles? Agreement with AllSides topic+date groups.

The gold groups (``allsides-dev/groups.tsv``) put articles of the same topic on the same day together; the
data's provenance notes that about half of them are clearly one story, the others the same topic that day,
so agreement is a floor on the quality of event matching, not an exact score.

Run from the repository root::

    .venv/bin/python benchmarks/validity_events.py      # data from $FRAMING_DATA or ../shared/data

Prints pairwise precision, recall, F1 and the
adjusted Rand index for a few ``min_similarity`` values and date windows.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from _data import data_dir  # noqa: E402

from framing import load_corpus  # noqa: E402
from framing.stats.events import event_agreement, event_links, match_events  # noqa: E402

ALLSIDES_COLUMNS = {"ID": "doc_id", "source": "outlet", "content": "text"}


def load_allsides(folder: Path) -> pd.DataFrame:
    """The AllSides articles as a corpus."""
    return load_corpus(folder / "jsons", columns=ALLSIDES_COLUMNS)


def gold_groups(folder: Path) -> pd.Series:
    groups = pd.read_csv(folder / "groups.tsv", sep="\t", dtype=str)
    return groups.set_index("ID")["group_id"]


def agreement_table(corpus: pd.DataFrame, gold: pd.Series, settings) -> pd.DataFrame:
    rows = []
    for window_days, min_similarity in settings:
        start = time.perf_counter()
        events = match_events(corpus, window_days=window_days, min_similarity=min_similarity)
        seconds = time.perf_counter() - start
        scores = event_agreement(events.to_numpy(), gold.reindex(events.index).to_numpy())
        sizes = events.value_counts()
        rows.append({
            "window_days": window_days, "min_similarity": min_similarity, **scores,
            "events": int(sizes.size), "singletons": int((sizes == 1).sum()), "largest": int(sizes.max()),
            "seconds": round(seconds, 2),
        })
    return pd.DataFrame(rows)


def similarity_auc(corpus: pd.DataFrame, gold: pd.Series) -> dict[str, float]:
    """ROC AUC of the TF-IDF cosine for "same gold group" among all cross-outlet pairs in a 3-day window.

    Independent of the threshold: 1.0 means some min_similarity separates same-group pairs perfectly.
    """
    from sklearn.metrics import roc_auc_score

    links = event_links(corpus, window_days=3, min_similarity=0.0)
    same = gold.reindex(links["doc_a"]).to_numpy() == gold.reindex(links["doc_b"]).to_numpy()
    same_day = (corpus.loc[links["doc_a"], "date"].to_numpy() == corpus.loc[links["doc_b"], "date"].to_numpy())
    return {
        "pairs": len(links), "same_group": int(same.sum()),
        "auc": round(float(roc_auc_score(same, links["similarity"])), 3),
        "auc_same_day_pairs": round(float(roc_auc_score(same[same_day], links["similarity"][same_day])), 3),
    }


def main() -> None:
    folder = data_dir() / "allsides-dev"
    corpus = load_allsides(folder)
    gold = gold_groups(folder)
    print(f"{len(corpus)} articles, {gold.nunique()} gold topic+date groups, {corpus['outlet'].nunique()} outlets")
    settings = [(3, s) for s in (0.1, 0.15, 0.2, 0.25, 0.3, 0.4)] + [(w, 0.2) for w in (0, 1, 7)] + [(1, 0.1)]
    print(agreement_table(corpus, gold, settings).to_string(index=False))
    print("cosine as a same-group score, cross-outlet pairs within 3 days:", similarity_auc(corpus, gold))
    # What the gold grouping can tell apart: "same day = same event" ignores the text entirely.
    same_day = corpus["date"].dt.strftime("%Y-%m-%d").fillna("no date")
    baseline = event_agreement(same_day.to_numpy(), gold.reindex(corpus.index).to_numpy())
    print("baseline, every article of a day in one event:", baseline)


if __name__ == "__main__":
    main()
