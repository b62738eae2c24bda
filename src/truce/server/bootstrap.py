"""A server's first start: a ledger to serve, the bundled example in it, and a first admin.

`truce serve` on a fresh machine must show something in a browser with no other step, without
leaving an administrator open: the first admin's token is printed once, like any other token.
"""

from __future__ import annotations

from dataclasses import dataclass

from truce import services
from truce.server.settings import ServerSettings
from truce.storage.ledger import Ledger
from truce.storage.users import UserExists, UserStore

FIRST_ADMIN = "admin"


@dataclass
class Started:
    ledger: Ledger
    example_loaded: bool
    admin_token: str | None


def prepare(settings: ServerSettings) -> Started:
    ledger = Ledger.init(settings.db)  # creates, or upgrades to the latest migration
    loaded = False
    if settings.load_example and not ledger.agreements():
        services.load_bundled_example(ledger, "example")
        loaded = True
    token = None
    store = UserStore(ledger.engine)
    if settings.bootstrap_admin and store.count() == 0:
        try:
            _, token = store.add(FIRST_ADMIN, "admin", "truce serve (first start)")
        except UserExists:
            token = None  # another server process on the same database started first
    return Started(ledger, loaded, token)
