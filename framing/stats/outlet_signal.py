"""How distinguishable are the outlets? Cross-validated prediction of the outlet from features and words.

If a classifier cannot tell outlets apart from the toolkit's measures better than chance, the outlet
differences in :func:`framing.compare` are small in practice, however significant; if words predict the
outlet much better than the measures, the outlets differ in ways the measures do not capture.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from framing.errors import InputError
from framing.stats.groups import feature_matrix, grouping_columns, resolve_columns
from framing.text.segment import tokenize


@dataclass(frozen=True)
class OutletSignal:
    """Result of :func:`outlet_signal`.

    Attributes
    ----------
    accuracy : DataFrame
        One row per input (``"features"``, and ``"words"`` when a corpus was given): ``input``,
        ``accuracy`` (mean over folds), ``accuracy_sd`` (sd over folds), ``balanced_accuracy`` (mean recall
        per group; chance is ``1/k``), ``chance_majority`` (share of the largest group: accuracy of always
        guessing it), ``chance_uniform`` (``1/k``), ``n_docs``, ``n_groups``, ``n_inputs`` (predictors).
    top_features : DataFrame
        The features that carry the signal: ``feature``, ``weight`` (mean absolute standardized
        coefficient over groups), ``group`` (the group whose coefficient is largest in absolute value) and
        ``coef`` (that coefficient: positive means more typical of that group); the 10 largest weights.
    """

    accuracy: pd.DataFrame
    top_features: pd.DataFrame


def outlet_signal(
    features: pd.DataFrame,
    *,
    by: str = "outlet",
    corpus: pd.DataFrame | None = None,
    columns: Sequence[str] | None = None,
    cv: int = 5,
    seed: int = 0,
    top: int = 10,
) -> OutletSignal:
    """Cross-validated accuracy of predicting the outlet from the features and, separately, from words.

    Parameters
    ----------
    features : DataFrame
        One row per document (the output of ``framing.analyze``).
    by : str
        The column to predict.
    corpus : DataFrame, optional
        The corpus with ``text`` (same index as ``features``): adds a words-only model.
    columns : list of str, optional
        Feature columns; the default rule is :func:`framing.compare.compare`'s.
    cv : int
        Folds of the stratified k-fold cross-validation (shuffled with ``seed``). Groups with fewer than
        ``cv`` documents are left out with a warning.
    seed : int
        Seed of the fold assignment.
    top : int
        Number of features in ``top_features``.

    Returns
    -------
    OutletSignal

    Notes
    -----
    Features model: median imputation of missing values, standardisation, multinomial logistic regression
    (L2, C=1, newton-cg solver). Words model: TF-IDF of the text (``framing.text.segment.tokenize`` unigrams,
    sublinear tf, terms in at least 2 training documents) and the same classifier. Each fold's imputer,
    scaler, vocabulary and idf are fitted on the training documents only. ``top_features`` comes from the
    features model refitted on all documents; standardised coefficients are comparable across features.

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> rng = np.random.default_rng(0)
    >>> features = pd.DataFrame({"outlet": np.repeat(["A", "B"], 30),
    ...                          "tone_mean": np.r_[rng.normal(1, 0.3, 30), rng.normal(-1, 0.3, 30)],
    ...                          "tone_sd": rng.normal(size=60)})
    >>> signal = outlet_signal(features)
    >>> float(signal.accuracy["accuracy"].iloc[0]), signal.top_features["feature"].iloc[0]
    (1.0, 'tone_mean')
    """
    from sklearn.feature_extraction.text import CountVectorizer, TfidfTransformer
    from sklearn.impute import SimpleImputer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold, cross_validate
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    by_col = grouping_columns(features, by)
    if len(by_col) != 1:
        raise InputError("outlet_signal predicts one column; pass by='outlet' (a single column name)")
    by = by_col[0]
    cols = resolve_columns(features, columns, exclude=[by])
    if not isinstance(cv, (int, np.integer)) or cv < 2:
        raise InputError(f"cv must be an integer of at least 2, got {cv!r}")
    labels = features[by]
    sizes = labels.value_counts()
    small = sizes[sizes < cv]
    if len(small):
        warnings.warn(
            f"outlet_signal: {len(small)} groups with fewer than {cv} documents were left out "
            f"({int(small.sum())} documents)",
            UserWarning,
            stacklevel=2,
        )
    keep = labels.notna().to_numpy() & ~labels.isin(small.index).to_numpy()
    y = labels[keep].astype(str).to_numpy()
    n_groups = len(np.unique(y))
    if n_groups < 2:
        raise InputError(f"outlet_signal needs at least two groups with {cv} or more documents each")
    values = feature_matrix(features, cols)[keep]
    usable = ~np.isnan(values).all(axis=0)  # a column with no value cannot be imputed
    values, cols = values[:, usable], [c for c, u in zip(cols, usable) if u]
    folds = StratifiedKFold(n_splits=cv, shuffle=True, random_state=seed)

    def classifier():
        # newton-cg: the same optimum as lbfgs, many times faster here (dense and sparse inputs alike)
        return LogisticRegression(C=1.0, solver="newton-cg", max_iter=500)

    chance = {"chance_majority": pd.Series(y).value_counts().iloc[0] / len(y), "chance_uniform": 1 / n_groups}
    models = {"features": (make_pipeline(SimpleImputer(strategy="median"), StandardScaler(), classifier()), values)}
    if corpus is not None:
        if "text" not in corpus.columns:
            raise InputError("corpus must have a 'text' column")
        missing = features.index[keep].difference(corpus.index)
        if len(missing):
            raise InputError(f"{len(missing)} documents of features are not in corpus (e.g. {missing[0]!r}); "
                             "pass the corpus the features were computed from")
        texts = corpus["text"].reindex(features.index[keep]).fillna("").astype(str)
        # counted once (tokenising is the same in every fold); each fold keeps the terms of >= 2 of its
        # training documents and weights them by its own idf: TfidfVectorizer(min_df=2) per fold
        term_counts = CountVectorizer(analyzer=_pretokenized).fit_transform([tokenize(text) for text in texts])
        words_model = make_pipeline(_FrequentTerms(min_df=2), TfidfTransformer(sublinear_tf=True), classifier())
        models["words"] = (words_model, term_counts)
        n_words = _FrequentTerms(min_df=2).fit(term_counts).columns_.size

    rows = []
    for name, (model, inputs) in models.items():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)  # e.g. a fold's feature that is constant
            scores = cross_validate(model, inputs, y, cv=folds, scoring=("accuracy", "balanced_accuracy"))
        n_inputs = len(cols) if name == "features" else n_words
        rows.append({
            "input": name, "accuracy": scores["test_accuracy"].mean(),
            "accuracy_sd": scores["test_accuracy"].std(ddof=1),
            "balanced_accuracy": scores["test_balanced_accuracy"].mean(), **chance,
            "n_docs": len(y), "n_groups": n_groups, "n_inputs": n_inputs,
        })
    accuracy = pd.DataFrame(rows)

    fitted = models["features"][0].fit(values, y)
    return OutletSignal(accuracy=accuracy, top_features=_top_features(fitted[-1], cols, top))


def _pretokenized(tokens: list[str]) -> list[str]:
    return tokens


class _FrequentTerms:
    """Keeps the columns of a document-term count matrix seen in at least ``min_df`` training documents."""

    def __init__(self, min_df: int = 2):
        self.min_df = min_df

    def fit(self, counts, y=None):
        document_frequency = np.asarray((counts > 0).sum(axis=0)).ravel()
        self.columns_ = np.flatnonzero(document_frequency >= self.min_df)
        return self

    def transform(self, counts):
        return counts[:, self.columns_]

    def fit_transform(self, counts, y=None):
        return self.fit(counts).transform(counts)

    def get_params(self, deep: bool = True) -> dict:
        return {"min_df": self.min_df}

    def set_params(self, **params):
        self.min_df = params.get("min_df", self.min_df)
        return self


def _top_features(model, cols: Sequence[str], top: int) -> pd.DataFrame:
    coef = model.coef_
    classes = model.classes_
    if coef.shape[0] == 1:  # binary: one row of coefficients, positive = the second class
        coef = np.vstack([-coef[0], coef[0]])
    weight = np.abs(coef).mean(axis=0)
    strongest = np.abs(coef).argmax(axis=0)
    table = pd.DataFrame({
        "feature": list(cols), "weight": weight, "group": classes[strongest],
        "coef": coef[strongest, np.arange(coef.shape[1])],
    })
    return table.sort_values("weight", ascending=False, kind="stable").head(top).reset_index(drop=True)
