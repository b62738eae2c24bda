"""The ledger: the one place that writes claims and agreements, and the fast way to read them."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from types import TracebackType
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import Engine, func, select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from truce.domain.claims import Claim
from truce.domain.engine.columns import Fetch
from truce.domain.engine.frame import EventFrame
from truce.domain.spec import AgreementSpec
from truce.errors import (
    ClaimWithoutId,
    LedgerError,
    LedgerNotInitialised,
    UnknownAgreement,
    UnknownClaim,
)
from truce.storage import kept_frame, schema
from truce.storage.answers import AnswerStore
from truce.storage.appends import write_claims
from truce.storage.chain import canonical
from truce.storage.checkpoint import Checkpoint, take
from truce.storage.db import make_engine, resolve_url, sqlite_path
from truce.storage.head_log import log_path, set_aside
from truce.storage.kept_snapshot import KeptSnapshot
from truce.storage.records import AgreementSummary, AppendResult, Entry, VerifyReport
from truce.storage.rows import LOAD_COLUMNS, ClaimLoader, gc_paused
from truce.storage.snapshot import (
    Head,
    default_directory,
    keep_at_head,
    load_frame_at,
    snapshot_path,
)
from truce.storage.tables import agreements, claims, entries
from truce.storage.verify import verify_ledger
from truce.storage.verify_terms import claim_terms_differences, with_differences
from truce.storage.versions import version_payloads
from truce.storage.witness import check_witnesses
from truce.storage.writes import (
    Pending,
    append_entry,
    read_head,
    write_transaction,
)

STREAM_BATCH = 10_000


_FRAME_LOCKS: dict[tuple[str, str], threading.Lock] = {}
_FRAME_LOCKS_GUARD = threading.Lock()


def _frame_lock(snapshots: Path | None, agreement: str) -> threading.Lock:
    with _FRAME_LOCKS_GUARD:
        return _FRAME_LOCKS.setdefault((str(snapshots), agreement), threading.Lock())


class Ledger:
    """An append-only, hash-chained record of agreements and claims, with read projections."""

    def __init__(self, engine: Engine, snapshots: Path | None = None) -> None:
        self._engine = engine
        url = engine.url.render_as_string(hide_password=True)
        self._snapshots = snapshots or default_directory(url, sqlite_path(str(engine.url)))

    @classmethod
    def open(cls, url: str) -> Ledger:
        url = resolve_url(url)
        path = sqlite_path(url)
        if path is not None and (not path.exists() or path.stat().st_size == 0):
            raise LedgerNotInitialised(f"no ledger at {path}")
        engine = make_engine(url)
        try:
            current = schema.current_revision(engine)
        except SQLAlchemyError as exc:
            engine.dispose()
            reason = getattr(exc, "orig", None) or exc
            raise LedgerError(f"cannot open the ledger at {_safe(url)}: {reason}") from None
        if current != schema.head_revision():
            engine.dispose()
            found = "no ledger" if current is None else f"schema version {current}, not the latest"
            raise LedgerNotInitialised(
                f"{found} at {_safe(url)}",
                hint="run `truce init` to create or upgrade it (or pass --db for another ledger)",
            )
        return cls(engine)

    @classmethod
    def init(cls, url: str) -> Ledger:
        """Create the schema, or upgrade it to the latest migration; safe to run again."""
        url = resolve_url(url)
        path = sqlite_path(url)
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            if not path.exists() or path.stat().st_size == 0:
                set_aside(log_path(path))
        engine = make_engine(url)
        try:
            schema.upgrade(engine)
        except SQLAlchemyError as exc:
            engine.dispose()
            raise LedgerError(f"cannot initialise the ledger at {_safe(url)}: {exc}") from None
        return cls(engine)

    def close(self) -> None:
        self._engine.dispose()

    def __enter__(self) -> Ledger:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    @property
    def engine(self) -> Engine:
        return self._engine

    @property
    def snapshots(self) -> Path | None:
        """Where columnar snapshots of agreements are kept (see `storage.snapshot`)."""
        return self._snapshots

    # -- writing ---------------------------------------------------------------------------

    def add_agreement(self, spec: AgreementSpec, yaml_text: str, recorded_by: str | None) -> Entry:
        """Record a version of an agreement; recording the same version again changes nothing."""
        spec_json = canonical(spec.model_dump(mode="json"))
        payload = canonical({"spec": spec.model_dump(mode="json"), "yaml": yaml_text})
        with write_transaction(self._engine) as conn:
            current = conn.execute(
                select(entries)
                .join(agreements, agreements.c.seq == entries.c.seq)
                .where(agreements.c.id == spec.id)
            ).first()
            if current is not None and current.payload == payload:
                return Entry(*current)
            entry = append_entry(conn, Pending("agreement", spec.id, payload, recorded_by))
            row = {"seq": entry.seq, "title": spec.title, "spec_yaml": yaml_text,
                   "spec_json": spec_json}  # fmt: skip
            if current is None:
                conn.execute(agreements.insert(), [{"id": spec.id, **row}])
            else:
                conn.execute(agreements.update().where(agreements.c.id == spec.id), [row])
            return entry

    def append_claims(
        self,
        batch: Iterable[Claim],
        recorded_by: str | None,
        progress: Callable[[int, int], None] | None = None,
        step: int = 5_000,
    ) -> AppendResult:
        """Append claims all-or-nothing; claims already in the ledger are skipped, not doubled.

        However many there are, they go in one transaction under the write lock: an error or an
        interruption at any claim leaves the ledger as it was. `progress(done, total)` is called
        every `step` claims written, inside that transaction.

        It keeps no snapshot: a ledger grown past 50,000 claims by this alone is a head nobody
        judged, whose next status reads every claim (about 9 s of CPU at a million). A library
        writes through `services.append_claims`, which appends here and then leaves the head
        judged at a cost proportional to the write (docs/status.md, "A head nobody judged").
        """
        items = list(batch)
        for claim in items:
            if not claim.id:
                raise ClaimWithoutId(f"a claim of {claim.agreement} on {claim.date} has no id")
        with write_transaction(self._engine) as conn:
            return write_claims(conn, items, recorded_by, progress, step)

    # -- reading ---------------------------------------------------------------------------

    def agreement(self, agreement_id: str) -> tuple[AgreementSpec, str]:
        with self._engine.connect() as conn:
            row = conn.execute(
                select(agreements.c.spec_json, agreements.c.spec_yaml).where(
                    agreements.c.id == agreement_id
                )
            ).first()
        if row is None:
            raise UnknownAgreement(f"no agreement {agreement_id!r} in this ledger")
        return AgreementSpec.model_validate_json(row.spec_json), row.spec_yaml

    def agreement_versions(self, agreement_id: str) -> list[AgreementSpec]:
        """Every recorded version of an agreement's spec, oldest first (the engine picks the
        one in force at an instant by its `effective_from`)."""
        path = snapshot_path(self._snapshots, agreement_id) if self._snapshots else None
        with self._engine.connect() as conn:
            payloads = version_payloads(conn, agreement_id, path)
        if not payloads:
            raise UnknownAgreement(f"no agreement {agreement_id!r} in this ledger")
        return [AgreementSpec.model_validate(json.loads(p)["spec"]) for p in payloads]

    def agreements(self) -> list[AgreementSummary]:
        versions = (
            select(entries.c.ref, func.count().label("n"))
            .where(entries.c.kind == "agreement")
            .group_by(entries.c.ref)
            .subquery()
        )
        query = (
            select(agreements.c.id, agreements.c.title, agreements.c.seq, versions.c.n)
            .join(versions, versions.c.ref == agreements.c.id, isouter=True)
            .order_by(agreements.c.id)
        )
        with self._engine.connect() as conn:
            return [AgreementSummary(r[0], r[1], r[2], r[3] or 0) for r in conn.execute(query)]

    def claims(self, agreement: str) -> list[Claim]:
        """Every claim of an agreement, in the order they were recorded."""
        query = select(*LOAD_COLUMNS).where(claims.c.agreement == agreement).order_by(claims.c.seq)
        with gc_paused(), self._engine.connect() as conn:
            rows = conn.execute(query).all()
            if not rows and not self._has_agreement(conn, agreement):
                raise UnknownAgreement(f"no agreement {agreement!r} in this ledger")
            return ClaimLoader().load(rows)

    def claims_like(self, claim: Claim) -> list[Claim]:
        """Recorded claims of the same agreement, type, actor and figure as `claim`: the few a
        new claim is compared with for a double count, without reading the whole record."""
        query = select(*LOAD_COLUMNS).where(
            claims.c.agreement == claim.agreement,
            claims.c.type == str(claim.type),
            claims.c.actor == claim.actor,
            claims.c.quantity == claim.quantity,
        )
        with self._engine.connect() as conn:
            return ClaimLoader().load(conn.execute(query.order_by(claims.c.seq)).all())

    def claims_with_figures(self, agreement: str, figures: Iterable[int]) -> list[Claim]:
        """Recorded claims of `agreement` giving one of `figures`: what an import's claims are
        compared with for double counts, read in one pass of a few queries."""
        wanted = sorted(set(figures))
        found: list[Claim] = []
        with self._engine.connect() as conn:
            for start in range(0, len(wanted), 500):  # bound the size of one IN list
                query = select(*LOAD_COLUMNS).where(
                    claims.c.agreement == agreement,
                    claims.c.quantity.in_(wanted[start : start + 500]),
                )
                found.extend(ClaimLoader().load(conn.execute(query.order_by(claims.c.seq)).all()))
        return found

    def frame(self, agreement: str) -> tuple[EventFrame, Fetch]:
        """The agreement's events as columns (see `storage.snapshot`), and a way to its claims.
        One build at a time per agreement in this process: a caller that finds one under way
        (the server's at start, another judgment's) waits, then folds in what came since
        instead of reading every claim beside it."""
        frame, fetch, _ = self.frame_at(agreement)
        return frame, fetch

    def frame_at(self, agreement: str) -> tuple[EventFrame, Fetch, Head]:
        """`frame`, and the chain head whose record it is."""
        if not self._has_agreement_id(agreement):
            raise UnknownAgreement(f"no agreement {agreement!r} in this ledger")
        with _frame_lock(self._snapshots, agreement):
            shared = KeptSnapshot(self.answers(agreement))
            return load_frame_at(self._engine, agreement, self._snapshots, shared)

    def keep_snapshot(self, agreement: str, whole_up_to: int) -> bool:
        """After an append by a process no server's warm follows (`truce record`): the
        agreement's snapshot folded to the head and kept for every process, where a good one is
        kept (`storage.snapshot.keep_at_head`); built from every claim only while the agreement
        has at most `whole_up_to` claims. Whether one at the head is kept now. How big a build
        a writer may pay is the caller's rule (`services.claims.build_bound`)."""
        if not self._has_agreement_id(agreement):
            raise UnknownAgreement(f"no agreement {agreement!r} in this ledger")
        with _frame_lock(self._snapshots, agreement):
            shared = KeptSnapshot(self.answers(agreement))
            return keep_at_head(self._engine, agreement, self._snapshots, shared, whole_up_to)

    def events(self, agreement: str) -> EventFrame:
        """The agreement's events as columns at the current head: kept in the database for every
        process (`storage.kept_frame`), else built as `frame` builds them."""
        return kept_frame.events(self.answers(agreement), lambda: self.frame(agreement)[0])

    def answers(self, agreement: str) -> AnswerStore:
        """The status answers kept for the agreement (see `storage.answers`)."""
        return AnswerStore(self._engine, self._snapshots, agreement)

    def claim(self, claim_id: str) -> Claim:
        with self._engine.connect() as conn:
            rows = conn.execute(select(*LOAD_COLUMNS).where(claims.c.id == claim_id)).all()
        if not rows:
            raise UnknownClaim(f"no claim {claim_id!r} in this ledger")
        return ClaimLoader().load(rows)[0]

    def entries(self, start_seq: int = 1) -> Iterator[Entry]:
        """The chain from `start_seq` on, streamed rather than loaded whole."""
        query = select(entries).where(entries.c.seq >= start_seq).order_by(entries.c.seq)
        with self._engine.connect() as conn:
            result = conn.execution_options(yield_per=STREAM_BATCH).execute(query)
            for row in result:
                yield Entry(*row)

    def head(self) -> Entry | None:
        with self._engine.connect() as conn:
            return read_head(conn)

    def verify(
        self,
        head_hash: str | None = None,
        workers: int | None = None,
        against: Checkpoint | None = None,
    ) -> VerifyReport:
        """Recompute the chain and check the projections against it (see `storage.verify`),
        and the claims' filter names against the claims (`storage.verify_terms`), then hold it
        against its witnesses: the head log beside a SQLite file when there is
        one, and `against`, a checkpoint kept elsewhere."""
        # The filter names are checked on a thread of their own meanwhile: the chain's own
        # check mostly waits for its worker processes (and the other core).
        with ThreadPoolExecutor(1, thread_name_prefix="verify-terms") as beside:
            names = beside.submit(claim_terms_differences, self._engine)
            report = verify_ledger(self._engine, head_hash, workers)
            report = check_witnesses(self._engine, report, self.head_log, against)
            return with_differences(report, names.result())

    @property
    def head_log(self) -> Path | None:
        """The head log beside a SQLite ledger file (see `storage.head_log`); None elsewhere."""
        path = sqlite_path(str(self._engine.url))
        return log_path(path) if path is not None else None

    def checkpoint(self, key: Ed25519PrivateKey | None = None) -> Checkpoint:
        """The current head as a checkpoint to publish (see `storage.checkpoint`)."""
        with self._engine.connect() as conn:
            if conn.dialect.name == "postgresql":
                conn.execution_options(isolation_level="REPEATABLE READ")
            with conn.begin():
                return take(conn, key)

    def _has_agreement_id(self, agreement_id: str) -> bool:
        with self._engine.connect() as conn:
            return self._has_agreement(conn, agreement_id)

    @staticmethod
    def _has_agreement(conn: Any, agreement_id: str) -> bool:
        found = conn.execute(select(agreements.c.id).where(agreements.c.id == agreement_id))
        return found.first() is not None


def _safe(url: str) -> str:
    """The URL without its password, fit for an error message."""
    return make_url(url).render_as_string(hide_password=True)
