"""Frame labels as the classifier reads them: one label per text, several, or a 0/1 (True/False) table."""

from __future__ import annotations

import numpy as np

from framing.errors import InputError

__all__ = ["encode_labels"]

_TRUE = {"true", "1", "yes", "1.0"}
_FALSE = {"false", "0", "no", "0.0"}


def encode_labels(labels, *, n_texts: int) -> tuple[np.ndarray, np.ndarray, bool]:
    """Labels as ``(target, classes, multilabel)``: class indices (1-D) or a 0/1 int matrix (2-D).

    Examples
    --------
    >>> target, classes, multilabel = encode_labels(["b", "a", "b"], n_texts=3)
    >>> target.tolist(), classes.tolist(), multilabel
    ([1, 0, 1], ['a', 'b'], False)
    >>> import pandas as pd
    >>> target, classes, multilabel = encode_labels(pd.DataFrame({"CO": ["True", "False"], "EC": [0, 1]}),
    ...                                             n_texts=2)
    >>> target.tolist(), classes.tolist(), multilabel
    ([[1, 0], [0, 1]], ['CO', 'EC'], True)
    """
    if hasattr(labels, "columns"):
        classes = np.asarray([str(name) if not isinstance(name, (int, bool)) else name for name in labels.columns])
        columns = [labels.iloc[:, index].tolist() for index in range(labels.shape[1])]
        return _indicator(columns, classes, n_texts), classes, True
    if isinstance(labels, str):
        raise InputError("labels must be one label per text (a list or Series), or a 0/1 column per frame; "
                         "got a single string")
    values = np.asarray(labels.tolist() if hasattr(labels, "tolist") else list(labels), dtype=object)
    if values.ndim == 2:
        classes = np.arange(values.shape[1])
        return _indicator([values[:, index].tolist() for index in range(values.shape[1])], classes, n_texts), \
            classes, True
    if values.ndim != 1:
        raise InputError(f"labels must be 1-D (one label per text) or 2-D (one 0/1 column per frame), got "
                         f"shape {values.shape}")
    if len(values) != n_texts:
        raise InputError(f"got {n_texts} texts but {len(values)} labels; give one label per text")
    missing = [index for index, value in enumerate(values) if value is None or value != value]
    if missing:
        raise InputError(f"labels are missing for documents {missing[:5]}; drop those texts or label them")
    classes, target = np.unique(np.asarray(values.tolist()), return_inverse=True)
    if len(classes) < 2:
        raise InputError(f"the labels have a single class {classes.tolist()}; a classifier needs at least two")
    return target.astype(np.int64), classes, False


def _indicator(columns: list[list], classes: np.ndarray, n_texts: int) -> np.ndarray:
    if not columns:
        raise InputError("the label table has no columns; give one 0/1 column per frame")
    matrix = np.empty((n_texts, len(columns)), dtype=np.int64)
    for index, (name, column) in enumerate(zip(classes.tolist(), columns)):
        if len(column) != n_texts:
            raise InputError(f"got {n_texts} texts but {len(column)} label rows; give one row per text")
        matrix[:, index] = [_as_flag(value, name) for value in column]
    return matrix


def _as_flag(value, frame) -> int:
    if isinstance(value, (bool, np.bool_)):
        return int(value)
    if isinstance(value, (int, float, np.integer, np.floating)) and value in (0, 1):
        return int(value)
    if isinstance(value, str) and value.strip().lower() in _TRUE | _FALSE:
        return int(value.strip().lower() in _TRUE)
    raise InputError(f"label column {frame!r} has a value that is not 0/1 or True/False: {value!r}; clean the "
                     "label table (e.g. map every value to True or False) first")


# -- the safe file format ----------------------------------------------------------------------------
