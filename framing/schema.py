"""The column contracts every layer agrees on: the corpus, the features table and the comparison tables.

One owner for each name, so that a reader, a feature family, a statistic and a chart cannot drift apart.
Nothing here imports pandas at module level: worker processes and ``framing.errors`` stay light.

Examples
--------
>>> corpus = empty_corpus()
>>> list(corpus.columns), corpus.index.name, str(corpus["date"].dtype)
(['outlet', 'date', 'title', 'text'], 'doc_id', 'datetime64[ns]')
>>> is_loaded_rate("loaded_fear_per1k"), is_loaded_rate("loaded_total_per1k"), is_loaded_rate("loaded_fear")
(True, True, False)
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "COMPARE_COLUMNS", "CORPUS_COLUMNS", "DOC_ID", "FEATURE_PREFIXES", "SHIPPED_LEXICONS", "empty_corpus",
    "is_actor_tone", "is_loaded_rate", "is_policy_frame",
]

#: The index of a corpus and of every table with one row per document.
DOC_ID = "doc_id"

#: The columns every corpus has, in this order (metadata columns may follow).
CORPUS_COLUMNS = ("outlet", "date", "title", "text")

#: Name prefixes of every feature column ``analyze`` writes; comparisons use them to tell features from
#: numeric metadata (a bias score, a year). Keep in step with the families' column lists.
FEATURE_PREFIXES = (
    "n_words", "n_sentences", "n_paragraphs", "tone_", "actor_", "loaded_", "frame_", "src_", "hedge_",
    "certainty_", "thematic_", "episodic_", "numbers_",
)

#: The columns of ``compare`` (after the ``by`` columns) that every chart of a comparison reads;
#: ``compare`` adds ``median`` and ``sd`` after them.
COMPARE_COLUMNS = ("feature", "n", "mean", "ci_low", "ci_high")

#: The lexicons the package ships and analyses by default, in the order explanations show them.
SHIPPED_LEXICONS = ("loaded", "frames", "policy_frames", "sourcing")


def empty_corpus() -> Any:
    """A corpus with no documents and the standard columns and dtypes (what an empty input loads as)."""
    import pandas as pd

    return pd.DataFrame(
        {"outlet": pd.Series([], dtype=str), "date": pd.Series([], dtype="datetime64[ns]"),
         "title": pd.Series([], dtype=str), "text": pd.Series([], dtype=str)},
        index=pd.Index([], dtype=str, name=DOC_ID),
    )


def is_loaded_rate(column: str) -> bool:
    """A loaded-language rate per 1,000 words (``loaded_<category>_per1k``, ``loaded_total_per1k`` ...)."""
    return column.startswith("loaded_") and column.endswith("_per1k")


def is_policy_frame(column: str) -> bool:
    """A policy-frame score (``frame_policy_<name>``)."""
    return column.startswith("frame_policy_")


def is_actor_tone(column: str) -> bool:
    """Tone toward an actor (``actor_<slug>_tone``)."""
    return column.startswith("actor_") and column.endswith("_tone")
