"""The rows of the `kept` table (`storage.kept_place`) as tests read and damage them: as the files
they once were, a header line then the body."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, select, update

from truce.storage import Ledger
from truce.storage.tables import kept


@dataclass(frozen=True)
class KeptRow:
    ledger: Ledger
    agreement: str
    name: str

    def exists(self) -> bool:
        query = select(kept.c.name).where(*self._where())
        with self.ledger.engine.connect() as conn:
            return conn.execute(query).first() is not None

    def read_bytes(self) -> bytes:
        query = select(kept.c.header, kept.c.body).where(*self._where())
        with self.ledger.engine.connect() as conn:
            row = conn.execute(query).one()
        return row[0].encode() + b"\n" + bytes(row[1])

    def written(self) -> float:
        """When the row was last written (`kept.written`)."""
        query = select(kept.c.written).where(*self._where())
        with self.ledger.engine.connect() as conn:
            return float(conn.execute(query).scalar_one())

    def write_bytes(self, data: bytes) -> None:
        header, body = data.split(b"\n", 1) if b"\n" in data else (data, b"")
        change = update(kept).where(*self._where())
        with self.ledger.engine.begin() as conn:
            conn.execute(change.values(header=header.decode("utf-8", "replace"), body=body))

    def unlink(self) -> None:
        with self.ledger.engine.begin() as conn:
            conn.execute(delete(kept).where(*self._where()))

    def _where(self) -> tuple[object, ...]:
        return (kept.c.agreement == self.agreement, kept.c.name == self.name)


def kept_rows(ledger: Ledger, agreement: str, prefix: str = "") -> list[KeptRow]:
    """The agreement's kept rows whose names start with `prefix`, by name."""
    query = select(kept.c.name).where(
        kept.c.agreement == agreement, kept.c.name.startswith(prefix, autoescape=True)
    )
    with ledger.engine.connect() as conn:
        names = sorted(conn.execute(query).scalars())
    return [KeptRow(ledger, agreement, name) for name in names]
