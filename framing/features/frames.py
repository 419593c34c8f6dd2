"""Framing features: generic news frames (Semetko & Valkenburg 2000) and policy frames (Boydstun et al.
2014), as dictionary cues per 1,000 words plus structural cues."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from framing.features.loaded import per_thousand
from framing.text.matcher import Match
from framing.text.segment import Segments

__all__ = ["GENERIC_FRAMES", "StructuralCue", "frame_columns", "frame_features", "structural_cues"]

GENERIC_FRAMES = ("conflict", "human_interest", "economic", "morality", "responsibility")

# A named person introduced with an age, news style: "Anya Petrik, 34," or "Petrik, 34, a nurse"; or "a
# 7-year-old". Each form is found from its literal part (", 34," or "-year-old"), which the regex engine
# skips to in C, and then checked in full where it was found.
_NAME_AGE_RE = re.compile(r"\b[A-Z][\w'\-]+,\s(?:1[01]\d|[1-9]\d?),(?=\s)")
_YEAR_OLD_RE = re.compile(r"\b(?:1[01]\d|[1-9]\d?)-year-old\b")
_AGE_HINT_RE = re.compile(r",\s(?:1[01]\d|[1-9]\d?),(?=\s)")
_YEAR_OLD_HINT_RE = re.compile(r"-year-old\b")


class StructuralCue(NamedTuple):
    """A frame cue found by pattern rather than by the dictionary (character span into the text)."""

    start: int
    end: int
    frame: str
    label: str


def structural_cues(seg: Segments) -> list[StructuralCue]:
    """Human-interest cues that a word list cannot see: individuals introduced with their age.

    Examples
    --------
    >>> from framing.text.segment import segment
    >>> [cue.label for cue in structural_cues(segment("Anya Petrik, 34, and a 7-year-old boy wept."))]
    ['age: Petrik, 34,', 'age: 7-year-old']
    """
    text = seg.text
    found = []
    for hint in _AGE_HINT_RE.finditer(text):
        # The name is one run of word characters, apostrophes and hyphens before the comma.
        line_start = text.rfind("\n", 0, hint.start()) + 1
        name_start = max(line_start, text.rfind(" ", line_start, hint.start()) + 1)
        found.append(_NAME_AGE_RE.search(text, name_start, hint.end() + 1))
    for hint in _YEAR_OLD_HINT_RE.finditer(text):
        found.append(_YEAR_OLD_RE.search(text, max(0, hint.start() - 3), hint.end()))
    cues, taken_to = [], 0
    for match in sorted((m for m in found if m), key=lambda m: m.start()):
        if match.start() >= taken_to:  # as one scan would: a cue never overlaps an earlier one
            cues.append(StructuralCue(match.start(), match.end(), "human_interest", f"age: {match.group()}"))
            taken_to = match.end()
    return cues


def frame_columns(policy_categories: Sequence[str]) -> list[str]:
    """Column names of the frames family, in order."""
    return ([f"frame_{name}" for name in GENERIC_FRAMES] + ["frame_primary"]
            + [f"frame_policy_{name}" for name in policy_categories])


def frame_features(seg: Segments, generic: Sequence[Match], policy: Sequence[Match], *,
                   policy_categories: Sequence[str], cues: Sequence[StructuralCue] = ()) -> dict[str, object]:
    """Generic and policy frame scores of one document.

    Each ``frame_<name>`` is the number of the frame's cues (dictionary matches, plus structural cues
    for human interest) per 1,000 words. ``frame_primary`` is the generic frame with the highest score,
    or ``"none"`` when no cue was found (ties go to the earlier frame in :data:`GENERIC_FRAMES`).

    Examples
    --------
    >>> from framing.text.matcher import PhraseMatcher
    >>> from framing.text.segment import segment
    >>> seg = segment("Rivals clashed over the budget deficit and the cost of jobs.")
    >>> matches = PhraseMatcher(["frames"]).match(seg)
    >>> frame_features(seg, matches, [], policy_categories=[])["frame_primary"]
    'economic'
    """
    counts = dict.fromkeys(GENERIC_FRAMES, 0)
    for match in generic:
        counts[match.entry.category] += 1
    for cue in cues:
        counts[cue.frame] += 1
    n_words = seg.n_words
    features: dict[str, object] = {f"frame_{name}": per_thousand(counts[name], n_words) for name in GENERIC_FRAMES}
    best = max(GENERIC_FRAMES, key=lambda name: counts[name])
    features["frame_primary"] = best if counts[best] else "none"
    policy_counts = dict.fromkeys(policy_categories, 0)
    for match in policy:
        policy_counts[match.entry.category] += 1
    for name in policy_categories:
        features[f"frame_policy_{name}"] = per_thousand(policy_counts[name], n_words)
    return features
