"""``FeatureExtractor``: the toolkit's per-document features as a scikit-learn transformer.

It lets the dictionary, tone and sourcing measures sit in a user's own ``Pipeline`` or ``FeatureUnion``
next to a vectorizer, and is what :class:`framing.FrameClassifier` uses for its dictionary features.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.utils.validation import check_is_fitted

from framing.errors import InputError
from framing.features.analyze import DocumentAnalyzer

__all__ = ["FeatureExtractor", "check_texts"]


def check_texts(texts: Iterable[str], *, what: str = "texts") -> list[str]:
    """Validate raw documents at the boundary and return them as a list of str.

    Follows scikit-learn's text vectorizers: a single string is refused (it would be read as one
    document per character), and every document must be a str.

    Examples
    --------
    >>> check_texts(("One text.", "Another."))
    ['One text.', 'Another.']
    >>> check_texts("One text.")
    Traceback (most recent call last):
    ...
    framing.errors.InputError: Iterable over raw text documents expected, string object received; ...
    """
    if isinstance(texts, (str, bytes)):
        raise InputError("Iterable over raw text documents expected, string object received; wrap a single "
                         "text in a list: [text]")
    if isinstance(texts, np.ndarray) and texts.ndim != 1:
        raise InputError(f"{what} must be one-dimensional (one text per document), got an array of shape "
                         f"{texts.shape}")
    if hasattr(texts, "columns"):
        raise InputError(f"{what} must be a list or Series of texts, got a DataFrame; pass its text column, "
                         "e.g. corpus['text']")
    try:
        documents = list(texts)
    except TypeError:
        raise InputError(f"{what} must be an iterable of str (a list or a pandas Series), got "
                         f"{type(texts).__name__}") from None
    for position, document in enumerate(documents):
        if not isinstance(document, str):
            raise InputError(f"document {position} is {type(document).__name__}, not str; fill or drop missing "
                             "texts before fitting or transforming")
    return documents


class FeatureExtractor(TransformerMixin, BaseEstimator):
    """The numeric features of :func:`framing.analyze` for raw texts, as a scikit-learn transformer.

    ``fit`` learns nothing from the data: it only fixes the output columns (which depend on the
    families, actors and lexicons chosen). Each text is analysed on its own, so ``transform`` gives the
    same row for a text whatever else is in the batch. Non-numeric columns (``frame_primary``) are
    dropped. Like scikit-learn's text vectorizers it takes a list (or Series) of str, not a 2-D array,
    so it sets no ``n_features_in_``.

    Parameters
    ----------
    features : sequence of str, optional
        Feature families, as in :func:`framing.analyze` (default: every family but ``actors``, which
        is included when ``actors`` is given).
    actors : mapping or path, optional
        ``{name: [aliases]}`` or a YAML file, for the ``actor_*`` columns.
    lexicons : sequence, optional
        Loaded-language lexicons (names, paths or :class:`framing.Lexicon`); default ``["loaded"]``.
    engine : {"fast", "vader"}
        Tone engine (identical scores).
    fill_value : float
        Replaces missing values: ``actor_<slug>_tone`` of an actor the text does not mention, and
        ``tone_headline`` (texts have no title here). Default 0.0 (neutral), so that downstream
        estimators that refuse NaN work; pass ``np.nan`` to keep missing values visible.

    Attributes
    ----------
    feature_names_ : ndarray of str
        The output columns, in order.

    Examples
    --------
    >>> extractor = FeatureExtractor(features=["size", "frames"])
    >>> matrix = extractor.fit_transform(["Rivals clashed over the budget.", "A calm day."])
    >>> matrix.shape
    (2, 22)
    >>> list(extractor.get_feature_names_out()[:4])
    ['n_words', 'n_sentences', 'n_paragraphs', 'frame_conflict']
    >>> matrix[0, 3:6].tolist()  # 2 conflict cues and 1 economic cue in 5 words, per 1,000 words
    [400.0, 0.0, 200.0]
    """

    def __init__(self, features: Sequence[str] | None = None,
                 actors: Mapping[str, Sequence[str]] | str | Path | None = None,
                 lexicons: Sequence | None = None, engine: str = "fast", fill_value: float = 0.0):
        self.features = features
        self.actors = actors
        self.lexicons = lexicons
        self.engine = engine
        self.fill_value = fill_value

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.two_d_array = False
        tags.input_tags.string = True
        tags.requires_fit = True
        return tags

    def _analyzer(self):

        return DocumentAnalyzer(features=self.features, actors=self.actors, lexicons=self.lexicons,
                                engine=self.engine)

    def fit(self, X: Iterable[str], y=None) -> FeatureExtractor:
        """Check the texts and fix the output columns; returns self."""
        check_texts(X)
        analyzer = self._analyzer()
        numeric = [column for column in analyzer.columns if column != "frame_primary"]
        self.feature_names_ = np.asarray(numeric, dtype=object)
        return self

    def transform(self, X: Iterable[str]) -> np.ndarray:
        """The feature matrix, shape ``(n_texts, len(feature_names_))``, float64."""
        check_is_fitted(self, "feature_names_")
        texts = check_texts(X)
        analyzer = self._analyzer()
        names = list(self.feature_names_)
        if [column for column in analyzer.columns if column != "frame_primary"] != names:
            raise InputError("the features this extractor was fitted with no longer match its parameters or "
                             "lexicons; fit it again")
        matrix = np.empty((len(texts), len(names)), dtype=np.float64)
        for row, text in enumerate(texts):
            values = analyzer(text)
            matrix[row] = [values[name] for name in names]
        if not np.isnan(self.fill_value):
            np.nan_to_num(matrix, copy=False, nan=self.fill_value)
        return matrix

    def get_feature_names_out(self, input_features=None) -> np.ndarray:
        """Names of the output columns (``input_features`` is ignored: the input is raw text)."""
        check_is_fitted(self, "feature_names_")
        return self.feature_names_.copy()
