"""A server's first start: a ledger to serve, the bundled example in it, and a first admin.

`truce serve` on a fresh machine must show something in a browser with no other step, without
leaving an administrator open: the first admin's token is printed once, like any other token.
"""

from __future__ import annotations

from dataclasses import dataclass

from truce import services
from truce.server.settings import ServerSettings
from truce.services.ledger import Ledger, init_ledger
from truce.services.users import first_admin

FIRST_ADMIN = "admin"


@dataclass
class Started:
    ledger: Ledger
    example_loaded: bool
    admin_token: str | None


def prepare(settings: ServerSettings) -> Started:
    ledger = init_ledger(settings.db)  # creates, or upgrades to the latest migration
    loaded = False
    if settings.load_example and not ledger.agreements():
        services.load_bundled_example(ledger, "example")
        loaded = True
    token = None
    if settings.bootstrap_admin:
        token = first_admin(ledger, FIRST_ADMIN, "truce serve (first start)")
    return Started(ledger, loaded, token)
