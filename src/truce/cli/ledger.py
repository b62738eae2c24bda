"""`truce init`, `truce verify` and `truce checkpoint`."""

from __future__ import annotations

from pathlib import Path

import typer

from truce.cli.context import console, db_url, errors, open_ledger, print_json, report, wants_json
from truce.services.ledger import init_ledger, load_checkpoint, signing_key
from truce.services.ledger import take_checkpoint as checkpoint_of


def register(app: typer.Typer) -> None:
    app.command("init")(init)
    app.command("verify")(verify)
    app.command("checkpoint")(take_checkpoint)


def init() -> None:
    """Create (or upgrade) the ledger at --db."""
    init_ledger(db_url()).close()
    report({"ledger": db_url()}, f"ledger ready at {db_url()}")


def verify(
    head: str = typer.Option(
        None, "--head", help="a head hash kept elsewhere: also detects a truncated tail"
    ),
    against: Path = typer.Option(
        None,
        "--against",
        help="a checkpoint file (`truce checkpoint`): fails if the ledger no longer holds its head",
    ),
    signed_by: Path = typer.Option(
        None, "--signed-by", help="a public key (PEM): the --against checkpoint must be its"
    ),
    as_json: bool = typer.Option(False, "--json", help="print JSON"),
) -> None:
    """Recompute the hash chain; any edited, reordered or deleted entry is reported.

    Beside a SQLite file, the head log (FILE.heads) is checked too: a lost tail is found.
    """
    if signed_by is not None and against is None:
        raise typer.BadParameter("--signed-by checks a checkpoint: give it with --against")
    point, signer = load_checkpoint(against, signed_by) if against is not None else (None, None)
    if signer is not None and not wants_json(as_json):
        console.print(f"checkpoint signed by ed25519 key {signer}")
    with open_ledger() as ledger:
        report = ledger.verify(head, against=point)
    if wants_json(as_json):
        print_json(report.as_dict())
    elif report.ok:
        console.print(f"ok: {report.entries} entries, head {report.head}")
        for line in [*report.notes, *report.witnesses]:
            console.print(line, markup=False, highlight=False)
    else:
        for problem in report.problems:
            errors.print(f"[L200] {problem}", markup=False, highlight=False)
        for found in report.witness_problems:
            errors.print(found.render(), markup=False, highlight=False)
        errors.print(f"ledger INVALID ({report.entries} entries read)", markup=False)
    if not report.ok:
        raise typer.Exit(1)


def take_checkpoint(
    out: Path = typer.Option(None, "--out", "-o", help="write it to this file [default: stdout]"),
    key: Path = typer.Option(None, "--key", help="an Ed25519 private key (PEM) to sign it with"),
) -> None:
    """Write the ledger's head as a small JSON checkpoint to publish or keep elsewhere.

    Later, `truce verify --against FILE` fails if the ledger no longer holds that head: a lost
    tail or a rewritten history is found with nothing noted by hand.
    """
    signing = signing_key(key) if key is not None else None
    with open_ledger() as ledger:
        point = checkpoint_of(ledger, signing)
    if out is None:
        print(point.to_json(), end="")
        return
    out.write_text(point.to_json(), encoding="utf-8")
    report(
        {"seq": point.seq, "head": point.head, "out": str(out)},
        f"checkpoint of entry {point.seq} ({point.head}) written to {out}",
    )
