"""Files in and out: claim imports (JSON Lines, CSV) and exports (JSON Lines, CSV, Parquet)."""
