"""Outlet names that differ only in case or surrounding spaces (``fox`` / ``FOX`` / ``Fox ``): found, reported,
and merged on request.

Every table and chart groups by the outlet name as written, so such variants split one outlet into several
groups with their own colours. :func:`framing.load_corpus` warns, naming them; ``outlet_map=`` (or
``framing ... --outlet-map FROM=TO``) renames outlets as the corpus is read, and ``outlet_map="merge-case"``
merges each set of variants into its most frequent spelling.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping

import pandas as pd

from framing.errors import InputError

__all__ = ["MERGE_CASE", "apply_outlet_map", "outlet_variants", "variants_message"]

#: ``outlet_map=`` value that merges outlet names differing only in case or surrounding spaces.
MERGE_CASE = "merge-case"

OutletMap = Mapping[str, str] | str | None


def _key(name: str) -> str:
    return name.strip().casefold()


def outlet_variants(outlets: Iterable[str]) -> list[list[str]]:
    """Sets of outlet names that differ only in case or surrounding spaces, most frequent spelling first.

    Examples
    --------
    >>> outlet_variants(["Fox", "FOX", "CNN", "Fox", "fox ", "cnn"])
    [['Fox', 'FOX', 'fox '], ['CNN', 'cnn']]
    """
    counts = Counter(name for name in outlets if isinstance(name, str))
    groups: dict[str, list[str]] = defaultdict(list)
    for name in counts:
        groups[_key(name)].append(name)
    return [sorted(names, key=lambda name: (-counts[name], name)) for names in groups.values() if len(names) > 1]


def variants_message(variants: list[list[str]], *, shown: int = 5) -> str:
    """The warning for outlet variants, naming them and saying how to merge them."""
    listed = "; ".join(" / ".join(repr(name) for name in names) for names in variants[:shown])
    more = f" and {len(variants) - shown} more" if len(variants) > shown else ""
    return (f"outlet names that differ only in case or surrounding spaces are separate outlets: {listed}{more}; "
            f"merge them with outlet_map={{{variants[0][1]!r}: {variants[0][0]!r}}} or outlet_map='{MERGE_CASE}'")


def apply_outlet_map(corpus: pd.DataFrame, outlet_map: OutletMap) -> pd.DataFrame:
    """The corpus with its outlets renamed by ``outlet_map`` (a new frame; the input is not changed).

    Parameters
    ----------
    corpus : DataFrame
        A corpus with an ``outlet`` column.
    outlet_map : mapping or "merge-case"
        ``{"FOX": "Fox", "fox": "Fox"}`` renames those outlets; ``"merge-case"`` renames every outlet to the
        most frequent spelling among the names that equal it but for case and surrounding spaces.

    Examples
    --------
    >>> corpus = pd.DataFrame({"outlet": ["Fox", "FOX", "Fox", "CNN"], "text": ["a", "b", "c", "d"]})
    >>> apply_outlet_map(corpus, "merge-case")["outlet"].tolist()
    ['Fox', 'Fox', 'Fox', 'CNN']
    >>> apply_outlet_map(corpus, {"FOX": "Fox News", "Fox": "Fox News"})["outlet"].tolist()
    ['Fox News', 'Fox News', 'Fox News', 'CNN']
    """
    if outlet_map is None or "outlet" not in corpus.columns:
        return corpus
    if isinstance(outlet_map, str):
        if outlet_map != MERGE_CASE:
            raise InputError(f"outlet_map must be a mapping {{'old name': 'new name'}} or {MERGE_CASE!r}, "
                             f"got {outlet_map!r}")
        outlet_map = {name: names[0] for names in outlet_variants(corpus["outlet"]) for name in names[1:]}
    elif not isinstance(outlet_map, Mapping) or not all(
            isinstance(key, str) and isinstance(value, str) for key, value in outlet_map.items()):
        raise InputError("outlet_map must map outlet names to outlet names, e.g. {'FOX': 'Fox'}")
    if not outlet_map:
        return corpus
    renamed = corpus.copy()
    renamed["outlet"] = corpus["outlet"].map(lambda name: outlet_map.get(name, name)).astype(corpus["outlet"].dtype)
    return renamed
