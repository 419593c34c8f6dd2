"""Statistics over feature tables: group estimates with uncertainty, comparisons, events, keyness, signal."""
