"""News extraction: from a report to sourced, reviewable candidate events.

A layer around the domain core: it reads articles, annotates them with a spaCy pipeline of small
registered components (no statistical model needed), and emits `Candidate`s in the public
`--format jsonl` shape. Nothing here writes to the ledger.
"""
