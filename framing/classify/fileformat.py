"""The classifier's file: JSON with a format name, version and SHA-256 checksum, arrays as raw float64 bytes.

No pickle: a classifier file a user receives cannot run code when loaded. :func:`write_document` writes a
payload atomically; :func:`read_payload` checks format, version and checksum and returns the payload, which
:meth:`framing.FrameClassifier.load` turns back into a model.
"""

from __future__ import annotations

import base64
import hashlib
import json
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from framing.corpus.output import atomic_path
from framing.errors import InputError

__all__ = ["FORMAT_NAME", "FORMAT_VERSION", "read_payload", "write_document"]

FORMAT_NAME = "framing.FrameClassifier"
FORMAT_VERSION = 1


def write_document(payload: dict[str, Any], path: str | Path, *, force: bool = False) -> Path:
    """Write a classifier payload as a checksummed JSON document, atomically (``force`` to replace a file)."""
    document = {"format": FORMAT_NAME, "version": FORMAT_VERSION, "sha256": checksum(payload), "payload": payload}
    text = json.dumps(document, ensure_ascii=True, allow_nan=False)
    with atomic_path(path, force=force) as tmp:
        tmp.write_text(text, encoding="utf-8")
    return Path(path)


def read_payload(path: Path) -> dict[str, Any]:
    """The payload of a classifier file, after checking its format, version and checksum.

    Raises :class:`framing.errors.InputError` naming the file when it is missing, not JSON, not a
    classifier file, of a newer format version, or modified.
    """
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError("no such classifier file", path=path) from None
    try:
        document = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise InputError(f"not a framing classifier file (not JSON, or truncated: {error})", path=path) from None
    if not isinstance(document, dict) or document.get("format") != FORMAT_NAME:
        found = document.get("format") if isinstance(document, dict) else type(document).__name__
        raise InputError(f"not a framing classifier file (format {found!r}, expected {FORMAT_NAME!r})", path=path)
    version = document.get("version")
    if version != FORMAT_VERSION:
        raise InputError(f"classifier file format version {version!r} is not supported (this framing reads "
                         f"version {FORMAT_VERSION}); use the framing version that wrote it, or re-train",
                         path=path)
    payload = document.get("payload")
    if not isinstance(payload, dict) or document.get("sha256") != checksum(payload):
        raise InputError("checksum mismatch; the file was modified or damaged", path=path)
    return payload


def checksum(payload: dict[str, Any]) -> str:
    """SHA-256 of the payload's canonical JSON (sorted keys, no spaces, ASCII); NaN never occurs in a saved
    payload, so a payload holding one gets a checksum no file can match."""
    try:
        canonical = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=True, allow_nan=False)
    except ValueError:
        return "invalid: not finite JSON"
    return hashlib.sha256(canonical.encode("ascii")).hexdigest()


def encode_array(array: np.ndarray) -> dict[str, Any]:
    # Raw little-endian float64 bytes keep every bit (so a reloaded model predicts identically) and are
    # three times smaller than decimal text; numpy reads them back without pickle.
    array = np.ascontiguousarray(array, dtype="<f8")
    return {"dtype": "<f8", "shape": list(array.shape), "base64": base64.b64encode(array.tobytes()).decode("ascii")}


def decode_array(state: dict[str, Any]) -> np.ndarray:
    if state.get("dtype") != "<f8":
        raise ValueError(f"unsupported array dtype {state.get('dtype')!r}")
    shape = tuple(int(size) for size in state["shape"])
    data = base64.b64decode(state["base64"], validate=True)
    array = np.frombuffer(data, dtype="<f8")
    if array.size != int(np.prod(shape)):
        raise ValueError(f"array of {array.size} values does not have shape {shape}")
    return array.reshape(shape).astype(np.float64)


def json_params(params: dict[str, Any]) -> dict[str, Any]:
    out = {}
    for name, value in params.items():
        if isinstance(value, tuple):
            value = list(value)
        if isinstance(value, dict):  # class_weight {0: w, 1: w}; JSON keys are strings
            value = {str(int(key)): float(weight) for key, weight in value.items()}
        out[name] = value
    return out


def vectorizer_state(vectorizer: TfidfVectorizer | None) -> dict[str, Any] | None:
    if vectorizer is None:
        return None
    terms = [str(term) for term in vectorizer.get_feature_names_out()]
    return {"vocabulary": terms, "idf": encode_array(vectorizer.idf_)}


def restore_vectorizer(vectorizer: TfidfVectorizer | None, state: dict[str, Any] | None) -> TfidfVectorizer | None:
    if (vectorizer is None) != (state is None):
        raise ValueError("the saved n-gram blocks do not match the saved parameters")
    if vectorizer is None:
        return None
    terms = state["vocabulary"]
    vectorizer.vocabulary_ = {term: index for index, term in enumerate(terms)}
    if len(vectorizer.vocabulary_) != len(terms):
        raise ValueError("the saved vocabulary repeats a term")
    idf = decode_array(state["idf"])
    if idf.shape != (len(terms),):
        raise ValueError(f"{idf.shape[0]} idf weights for {len(terms)} terms")
    vectorizer.idf_ = idf
    return vectorizer
