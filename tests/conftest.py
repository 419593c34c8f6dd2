"""Shared fixtures: the evaluation data folder and a tiny hand-checked corpus."""

from __future__ import annotations

import os
from pathlib import Path

import matplotlib
import pandas as pd
import pytest

matplotlib.use("Agg")

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The shared evaluation data; skipped on a user's clone without it, required in CI (CI=true)."""
    root = Path(os.environ.get("FRAMING_DATA", REPO.parent / "shared" / "data"))
    if not root.is_dir():
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"shared data folder {root} is missing; CI must run the data tests")
        pytest.skip(f"shared data folder {root} not found (set FRAMING_DATA)")
    return root


@pytest.fixture(scope="session")
def demo_corpus_path() -> Path:
    return REPO / "corpora" / "demo"


TINY_DOCUMENTS = [
    # doc_id, outlet, date, title, text
    ("a1", "Alpha", "2025-01-02", "Calm talks", 'The minister said the talks were useful. "We agreed on a plan," she said.'),
    ("a2", "Alpha", "2025-01-09", "Budget", "The budget rose by 2 percent. Officials said costs would fall."),
    ("b1", "Beta", "2025-01-03", "Chaos!", "The so-called reform is a catastrophic disaster. Critics say it is a crisis."),
    ("b2", "Beta", "2025-01-10", "", "A terrible, horrible week. The regime slammed its rivals."),
]


@pytest.fixture()
def tiny_corpus() -> pd.DataFrame:
    """Four short documents from two outlets, small enough to check every feature by hand."""
    frame = pd.DataFrame(TINY_DOCUMENTS, columns=["doc_id", "outlet", "date", "title", "text"])
    frame["date"] = pd.to_datetime(frame["date"])
    return frame.set_index("doc_id")
