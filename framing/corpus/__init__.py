"""Reading corpora: file readers, load_corpus/iter_corpus, the ledger of skipped items, atomic output."""
