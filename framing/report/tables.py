"""The comparison tables as files, and a plain-text summary of the clearest differences."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from framing.corpus.output import atomic_paths, check_writable, table_writer
from framing.stats.compare import compare, omnibus, pairwise

__all__ = ["summarize_differences", "write_comparison"]


def summarize_differences(pairs: pd.DataFrame, *, top: int = 10, alpha: float = 0.05) -> str:
    """The largest differences whose interval excludes zero and whose adjusted p-value is below ``alpha``.

    Parameters
    ----------
    pairs : DataFrame
        The output of :func:`framing.pairwise`.
    top : int
        How many differences to list, largest absolute Cohen's d first.
    alpha : float
        Threshold for the adjusted p-value.

    Examples
    --------
    >>> pairs = pd.DataFrame({"group_a": ["A"], "group_b": ["B"], "feature": ["tone_mean"], "mean_a": [0.3],
    ...                       "mean_b": [-0.1], "diff": [0.4], "diff_ci_low": [0.2], "diff_ci_high": [0.6],
    ...                       "cohens_d": [1.3], "p_adj": [0.001]})
    >>> print(summarize_differences(pairs))
    Clearest differences (95% interval excludes 0, adjusted p < 0.05), largest effect first:
      tone_mean: A 0.300 vs B -0.100, difference +0.400 [+0.200, +0.600], d = +1.30, p_adj = 0.001
    """
    clear = pairs[(pairs["p_adj"] < alpha) & ((pairs["diff_ci_low"] > 0) | (pairs["diff_ci_high"] < 0))]
    if clear.empty:
        return "No difference is clearly non-zero (no interval excludes 0 with an adjusted p-value below " \
               f"{alpha})."
    clear = clear.reindex(clear["cohens_d"].abs().sort_values(ascending=False).index).head(top)
    lines = [f"Clearest differences (95% interval excludes 0, adjusted p < {alpha}), largest effect first:"]
    for row in clear.itertuples(index=False):
        lines.append(
            f"  {row.feature}: {row.group_a} {row.mean_a:.3f} vs {row.group_b} {row.mean_b:.3f}, "
            f"difference {row.diff:+.3f} [{row.diff_ci_low:+.3f}, {row.diff_ci_high:+.3f}], "
            f"d = {row.cohens_d:+.2f}, p_adj = {row.p_adj:.3g}"
        )
    return "\n".join(lines)


def write_comparison(features: pd.DataFrame, output: Path, *, by: str = "outlet", within: str | None = None,
                     force: bool = False, n_boot: int = 2000, seed: int = 0) -> tuple[list[Path], str]:
    """Write compare, pairwise and omnibus tables (CSV and Parquet) and ``summary.txt`` into a folder.

    Returns the paths written and the summary text. Existing tables are only replaced with ``force``.

    Examples
    --------
    >>> import tempfile
    >>> features = pd.DataFrame({"outlet": list("AAABBB"), "tone_mean": [0.1, 0.2, 0.3, -0.2, -0.1, -0.3]})
    >>> written, summary = write_comparison(features, Path(tempfile.mkdtemp()), n_boot=200)
    >>> sorted(path.name for path in written)[:3]
    ['compare.csv', 'compare.parquet', 'omnibus.csv']
    """
    output = Path(output)
    names = ["compare", "pairwise", "omnibus"]
    targets = [output / f"{name}.{suffix}" for name in names for suffix in ("csv", "parquet")]
    for target in [*targets, output / "summary.txt"]:
        check_writable(target, force=force)  # refuse before computing anything
    tables = {
        "compare": compare(features, by=by, within=within, n_boot=n_boot, seed=seed),
        "pairwise": pairwise(features, by=by, within=within, n_boot=n_boot, seed=seed),
        "omnibus": omnibus(features, by=by),
    }
    scope = f" within {within}" if within else ""
    summary = f"Comparison by {by}{scope}: {len(features):,} documents.\n" + summarize_differences(tables["pairwise"])
    files = [(output / f"{name}.{suffix}", table) for name, table in tables.items() for suffix in ("csv", "parquet")]
    written = [path for path, _ in files] + [output / "summary.txt"]
    # All or nothing: a failure while writing leaves the previous tables, not a mix of old and new.
    with atomic_paths(written, force=force) as temps:
        for (path, table), tmp in zip(files, temps):
            table_writer(path)(table, tmp, False)
        temps[-1].write_text(summary + "\n", encoding="utf-8")
    return written, summary
