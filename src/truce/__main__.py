"""`python -m truce` is the `truce` command."""

from truce.cli.app import main

main()
