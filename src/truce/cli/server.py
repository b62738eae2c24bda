"""`truce serve` and `truce user add|list|revoke`."""

from __future__ import annotations

import json
from typing import Any

import typer

from truce.cli.context import console, db_url, open_ledger, print_json, report, wants_json
from truce.cli.context import settings as cli
from truce.services import users as user_service
from truce.services.access import Role

users = typer.Typer(help="Users of a truce server and their tokens.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
    app.add_typer(users, name="user")


def serve(
    host: str = typer.Option(None, help="interface to listen on [default: 127.0.0.1]"),
    port: int = typer.Option(None, help="port [default: 8000]"),
    secure_cookies: bool = typer.Option(
        None, "--secure-cookies/--no-secure-cookies", help="required off loopback (behind TLS)"
    ),
    example: bool = typer.Option(
        None, "--example/--no-example", help="load the bundled example into an empty ledger"
    ),
    public: bool = typer.Option(
        None, "--public/--private", help="anyone may read the record without signing in"
    ),
) -> None:
    """Serve the API (/api, reference at /docs) and the dashboard (/) on this ledger.

    Example: `truce serve --port 8080`; with --json it prints one line (URL, first token).
    """
    from truce.collector import pace_for_long_records
    from truce.server import serving
    from truce.server.app import create_app
    from truce.server.bootstrap import prepare
    from truce.server.settings import load_settings

    settings = load_settings(
        db=db_url(),
        host=host,
        port=port,
        secure_cookies=secure_cookies,
        load_example=example,
        public_read=public,
    )
    listening = serving.bind(settings.host, settings.port)  # a busy port is told before any work
    pace_for_long_records()
    started = prepare(settings)
    url_host = f"[{settings.host}]" if ":" in settings.host else settings.host
    url = f"http://{url_host}:{listening.getsockname()[1]}/"
    if cli.as_json:  # one line a script reads before the server runs
        facts: dict[str, object] = {"url": url, "db": db_url(), "admin_token": started.admin_token}
        facts |= {"example_loaded": started.example_loaded, "public": settings.public_read}
        print(json.dumps(facts, sort_keys=True), flush=True)
    else:
        _say_started(started, settings.public_read, url)
    app = create_app(settings, started.ledger)
    try:
        serving.run(app, settings, listening)
    finally:
        started.ledger.close()


def _say_started(started: Any, public: bool, url: str) -> None:
    if started.example_loaded:
        console.print("loaded the bundled example agreements and the Gaza 2023 record")
    if started.admin_token is not None:
        console.print(
            "created the first user, [b]admin[/b]; its token is shown only now:\n"
            f"  {started.admin_token}\n"
            "sign in with it in the browser, or send it as `Authorization: Bearer TOKEN`; "
            "add others with `truce user add NAME --role ROLE`"
        )
    if public:
        console.print("the record is public: anyone may read it without signing in (--public)")
    console.print(f"truce serving {db_url()} at {url}", markup=False, highlight=False)


@users.command("add")
def add_user(
    name: str = typer.Argument(..., help="the name every write by this user is recorded under"),
    role: str = typer.Option(..., "--role", help="admin, mediator, observer or party:ID"),
    by: str = typer.Option(None, "--by", help="who adds the user"),
    json_: bool = typer.Option(False, "--json", help="print JSON"),
) -> None:
    """Add a user and print their API token once; only its hash is kept."""
    parsed = Role.parse(role)
    with open_ledger() as ledger:
        user, token = user_service.add_user(ledger, name, str(parsed), by)
    if wants_json(json_):
        print_json({**user.as_dict(), "token": token})
        return
    console.print(f"user {user.name} ({user.role}) added; token (shown only now):")
    print(token)


@users.command("list")
def list_users(json_: bool = typer.Option(False, "--json", help="print JSON")) -> None:
    """List users, their roles and whether they are active."""
    with open_ledger() as ledger:
        found = user_service.list_users(ledger)
    if wants_json(json_):
        print_json([u.as_dict() for u in found])
        return
    for user in found:
        console.print(f"{user.name}\t{user.role}\t{'active' if user.active else 'revoked'}")


@users.command("revoke")
def revoke_user(
    name: str = typer.Argument(...),
    by: str = typer.Option(None, "--by", help="who revokes"),
) -> None:
    """Revoke a user's token; their past writes stay in the ledger under their name."""
    with open_ledger() as ledger:
        user = user_service.revoke_user(ledger, name, by)
    report({"revoked": user.name}, f"user {user.name} revoked")
