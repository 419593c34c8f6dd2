"""Distinctive terms: the words and phrases each outlet uses more (or less) than the others.

Weighted log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008, "Fightin'
Words"), which, unlike raw frequency ratios, neither over-rates rare words nor only lists frequent ones.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterator, Sequence

import numpy as np
import pandas as pd
from scipy import sparse

from framing.errors import InputError
from framing.stats.groups import group_codes, group_pairs, grouping_columns
from framing.text.segment import segment


def distinctive_terms(
    corpus: pd.DataFrame,
    *,
    by: str | Sequence[str] = "outlet",
    reference: Hashable | None = None,
    ngram_range: tuple[int, int] = (1, 2),
    min_count: int = 5,
    prior: float = 1.0,
    top: int | None = None,
) -> pd.DataFrame:
    """Terms over- and under-used by each group, with counts and z-scores.

    Parameters
    ----------
    corpus : DataFrame
        One row per document with ``text`` and the ``by`` column(s).
    by : str or list of str
        Grouping column(s).
    reference : label, optional
        Compare each group with this group. Default: each group against all other documents together.
    ngram_range : (int, int)
        Smallest and largest n-gram length, in tokens. N-grams do not cross sentence boundaries.
    min_count : int
        Keep terms occurring at least this often in the whole corpus.
    prior : float
        Strength of the informative prior as a multiple of the corpus counts: the prior pseudo-count of
        term ``i`` is ``a_i = prior * y_i`` (``y_i``: its count in the whole corpus), ``a0 = prior * N``
        (``N``: all n-grams). 1.0 uses the corpus counts themselves, as in common use of Monroe et al.'s
        method; smaller values shrink less (rare terms score higher).
    top : int, optional
        Keep only the ``top`` most over-used and the ``top`` most under-used terms of each group (all
        terms by default; with many groups and bigrams the full table has groups x vocabulary rows).

    Returns
    -------
    DataFrame
        One row per group and term: the ``by`` column(s), ``term``, ``count_group``, ``count_other``,
        ``freq_group`` and ``freq_other`` (per 1,000 tokens of the group / of the other documents),
        ``log_odds`` (delta below), ``z``; sorted by group, then ``z`` descending (the most over-used
        first; the most avoided last). In reference mode the reference group has no rows and terms
        absent from both sides are left out.

    Notes
    -----
    For group a against the other documents b (Monroe et al. 2008), with ``y^a_i`` the
    count of term i in a and ``n^a`` the number of n-grams in a::

        delta_i = log((y^a_i + a_i) / (n^a + a0 - y^a_i - a_i)) - log((y^b_i + a_i) / (n^b + a0 - y^b_i - a_i))
        var_i   ~ 1 / (y^a_i + a_i) + 1 / (y^b_i + a_i)
        z_i     = delta_i / sqrt(var_i)

    Tokens are ``framing.text.segment`` tokens (lower case; "so-called" and "don't" are one token); n-grams are
    counted within sentences. ``n`` counts n-grams of every length before the ``min_count`` filter, so the
    filter does not change the scores of the terms kept. To read a term in context, use
    ``framing.kwic(corpus, term)``.

    Examples
    --------
    >>> import pandas as pd
    >>> corpus = pd.DataFrame({"outlet": ["A", "A", "B", "B"],
    ...     "text": ["The reform helps families.", "The reform passed.",
    ...              "The scheme hurts families.", "The scheme failed."]})
    >>> terms = distinctive_terms(corpus, ngram_range=(1, 1), min_count=2)
    >>> top = terms.groupby("outlet").head(1)
    >>> top[["outlet", "term", "count_group", "count_other"]].values.tolist()
    [['A', 'reform', 2, 0], ['B', 'scheme', 2, 0]]
    """
    from sklearn.feature_extraction.text import CountVectorizer

    by_cols = grouping_columns(corpus, by)
    if "text" not in corpus.columns:
        raise InputError(f"distinctive_terms needs a 'text' column; the corpus has {list(corpus.columns)}")
    low, high = _check_ngram_range(ngram_range)
    if not isinstance(min_count, (int, np.integer)) or min_count < 1:
        raise InputError(f"min_count must be a positive integer, got {min_count!r}")
    if top is not None and (not isinstance(top, (int, np.integer)) or top < 1):
        raise InputError(f"top must be a positive integer or None, got {top!r}")
    if not prior > 0:
        raise InputError(f"prior must be positive (1.0 = the corpus counts), got {prior!r}")
    codes, keys = group_codes(corpus, by_cols)
    if len(keys) < 2:
        raise InputError(f"distinctive_terms needs at least two groups in {by_cols}, found {len(keys)}")

    kept = np.flatnonzero(codes >= 0)
    tokens_per_doc = np.zeros(kept.size, dtype=np.int64)
    texts = corpus["text"].to_numpy()[kept]
    vectorizer = CountVectorizer(
        analyzer=lambda position: _ngrams(texts[position], low, high, tokens_per_doc, position)
    )
    try:
        counts = vectorizer.fit_transform(range(kept.size))
    except ValueError:  # no tokens at all
        raise InputError("the corpus has no word tokens; check the 'text' column") from None
    indicator = sparse.csr_matrix(
        (np.ones(kept.size), (codes[kept], np.arange(kept.size))), shape=(len(keys), kept.size)
    )
    group_counts = (indicator @ counts).tocsc()
    ngrams_per_group = np.asarray(group_counts.sum(axis=1)).ravel()
    tokens_per_group = indicator @ tokens_per_doc
    corpus_counts = np.asarray(group_counts.sum(axis=0)).ravel()
    frequent = np.flatnonzero(corpus_counts >= min_count)
    terms = vectorizer.get_feature_names_out()[frequent]
    y = group_counts[:, frequent].toarray().astype(np.float64)
    alpha = prior * corpus_counts[frequent]
    alpha0 = prior * ngrams_per_group.sum()

    if reference is None:
        rows = np.arange(len(keys))
        y_b = corpus_counts[frequent] - y
        n_b = ngrams_per_group.sum() - ngrams_per_group
        t_b = tokens_per_group.sum() - tokens_per_group
    else:
        rows, ref = np.array([a for a, _ in group_pairs(keys, reference)]), group_pairs(keys, reference)[0][1]
        y_b = np.broadcast_to(y[ref], (rows.size, y.shape[1]))
        n_b = np.full(rows.size, ngrams_per_group[ref])
        t_b = np.full(rows.size, tokens_per_group[ref])
    y_a, n_a, t_a = y[rows], ngrams_per_group[rows, None], tokens_per_group[rows, None]
    n_b, t_b = n_b[:, None], t_b[:, None]
    delta = np.log((y_a + alpha) / (n_a + alpha0 - y_a - alpha)) - np.log((y_b + alpha) / (n_b + alpha0 - y_b - alpha))
    z = delta / np.sqrt(1 / (y_a + alpha) + 1 / (y_b + alpha))
    with np.errstate(invalid="ignore", divide="ignore"):
        freq_a, freq_b = 1000 * y_a / t_a, 1000 * y_b / t_b

    # per group: terms by z descending (ties: corpus order of the vocabulary, i.e. alphabetical)
    order = np.argsort(-z, axis=1, kind="stable")
    if top is not None:
        order = np.concatenate([order[:, :top], order[:, max(top, order.shape[1] - top):]], axis=1)
    group_index = np.repeat(np.arange(rows.size), order.shape[1])
    term_index = order.ravel()
    if reference is not None:  # terms absent from both sides say nothing about this pair
        seen = (y_a + y_b)[group_index, term_index] > 0
        group_index, term_index = group_index[seen], term_index[seen]
    table = pd.DataFrame.from_records([keys[r] for r in rows], columns=by_cols).iloc[group_index]
    table = table.reset_index(drop=True)
    table["term"] = terms[term_index]
    table["count_group"] = y_a[group_index, term_index].astype(np.int64)
    table["count_other"] = y_b[group_index, term_index].astype(np.int64)
    table["freq_group"] = freq_a[group_index, term_index]
    table["freq_other"] = freq_b[group_index, term_index]
    table["log_odds"] = delta[group_index, term_index]
    table["z"] = z[group_index, term_index]
    return table


def _ngrams(text: str, low: int, high: int, tokens_per_doc: np.ndarray, position: int) -> Iterator[str]:
    """N-grams of one document, within sentences; records its number of tokens."""

    seg = segment("" if text is None or (isinstance(text, float) and np.isnan(text)) else str(text))
    tokens_per_doc[position] = len(seg.tokens)
    for first, end in seg.sentence_tokens:
        sentence = seg.tokens[first:end]
        for n in range(low, high + 1):
            if n == 1:
                yield from sentence
            else:
                for i in range(len(sentence) - n + 1):
                    yield " ".join(sentence[i:i + n])


def _check_ngram_range(ngram_range) -> tuple[int, int]:
    try:
        low, high = (int(v) for v in ngram_range)
    except (TypeError, ValueError):
        raise InputError(f"ngram_range must be two integers like (1, 2), got {ngram_range!r}") from None
    if not 1 <= low <= high:
        raise InputError(f"ngram_range must satisfy 1 <= low <= high, got {ngram_range!r}")
    return low, high
