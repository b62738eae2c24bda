"""The `truce` command line: thin commands over `truce.services` and the storage layer."""
