"""Running the analyzer at scale: worker processes, streaming to Parquet with resume, the Dask runner."""
