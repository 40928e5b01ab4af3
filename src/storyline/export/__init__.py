"""Exports: the extract contract, JSONL, CSV and Parquet tables."""
