"""Many clients against one database, directly or through RDS Proxy.

Each client connects, runs `transactions` transactions of `transaction_time` seconds with
`think_time` between them, then disconnects. Each transaction is one request with an outcome:
served (after waiting how long) or an error (which one). A transaction's statements run one
after another over its duration; a statement the proxy cannot track pins the session at the
moment it runs. Reading the scenario file is in rds_proxy_load.py.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

from .rds_instance import MEMORY_GIB, formula
from .rds_proxy_rules import (
    RULES,
    borrow_timeout_message,
    pin_cause,
    too_many_message,
)
from .trace import Stepper

IDLE_AFTER = 300.0
IDLE_CLIENT_TIMEOUT = 1_800
MAX_IDLE_CLIENT_TIMEOUT = 28_800
ENDPOINT_DNS_TTL = 5  # the TTL AWS gives for Aurora's DNS endpoints (see docs/demos.md)


@dataclass
class ProxyConfig:
    enabled: bool = True
    max_connections_percent: int = 100
    max_idle_connections_percent: int | None = None
    connection_borrow_timeout: int = 120
    reserved_connections: int = 0
    session_pinning_filters: tuple[str, ...] = ()
    idle_client_timeout: int = IDLE_CLIENT_TIMEOUT

    @property
    def idle_percent(self) -> int:
        if self.max_idle_connections_percent is None:
            return self.max_connections_percent // 2
        return self.max_idle_connections_percent


@dataclass
class ClientGroup:
    name: str
    count: int = 1
    start: float = 0.0
    spread: float = 0.0
    transactions: int = 1
    transaction_time: float = 0.1
    think_time: float = 0.0
    statements: list[str] = field(default_factory=lambda: ["select"])


@dataclass
class RdsScenario:
    name: str
    engine: str
    max_connections: int
    proxy: ProxyConfig
    clients: list[ClientGroup]
    failover_at: float | None = None
    failover_duration: float = 0.0
    dns_ttl: float = ENDPOINT_DNS_TTL
    client_dns_cache: float = 0.0
    instance_class: str | None = None

    @property
    def dns_delay(self) -> float:
        """How long after the new writer is up a client resolving the endpoint still gets
        the old address: the record's TTL, or the client's own DNS cache if that is longer."""
        return max(self.dns_ttl, self.client_dns_cache)


@dataclass
class Conn:
    id: int
    idle_since: float = 0.0
    owner: str | None = None


@dataclass
class Session:
    name: str
    group: ClientGroup
    done: int = 0
    conn: Conn | None = None
    pinned: str | None = None
    request_at: float = 0.0
    waiting: bool = False
    in_txn: bool = False
    idle_since: float = 0.0
    client_closed: bool = False


class RdsProxySim(Stepper[RdsScenario]):
    rules = RULES

    @property
    def pool_size(self) -> int:
        sc = self.scenario
        size = math.floor(sc.max_connections * sc.proxy.max_connections_percent / 100)
        return max(1, size - sc.proxy.reserved_connections)

    @property
    def idle_limit(self) -> int:
        sc = self.scenario
        return math.floor(sc.max_connections * sc.proxy.idle_percent / 100)

    def _build(self) -> None:
        sc = self.scenario
        self._fresh()
        self.conns: list[Conn] = []
        self.idle: list[Conn] = []
        self.waiters: deque[Session] = deque()
        self.requests: list[dict[str, object]] = []
        self.peak_db_connections = 0
        self.db_up = True
        self.dns_ready_at = 0.0
        self.reconnects = 0
        self._next_conn = 0
        self._sessions: list[Session] = []
        for group in sc.clients:
            for index in range(group.count):
                offset = self.rng.uniform(0, group.spread) if group.spread else 0.0
                session = Session(f"{group.name}-{index + 1}", group)
                self._sessions.append(session)
                self.loop.at(group.start + offset, self._begin(session))
        if sc.failover_at is not None:
            self.loop.at(sc.failover_at, self._failover_start)
            self.loop.at(sc.failover_at + sc.failover_duration, self._failover_end)
        if sc.instance_class:
            self.tracer.emit(
                0.0,
                "setup",
                f"{sc.instance_class} has {MEMORY_GIB[sc.instance_class]:g} GiB; the default "
                f"{sc.engine} max_connections = {formula(sc.engine)} = {sc.max_connections} "
                "(nominal memory; RDS subtracts its own reserve first, so a real instance "
                "shows a little less)",
                "max-connections-formula",
                instance_class=sc.instance_class,
                max_connections=sc.max_connections,
            )

    # -- bookkeeping ---------------------------------------------------------------------
    def _open(self, owner: str) -> Conn:
        self._next_conn += 1
        conn = Conn(self._next_conn, owner=owner)
        self.conns.append(conn)
        self.peak_db_connections = max(self.peak_db_connections, len(self.conns))
        return conn

    def _close(self, conn: Conn) -> None:
        if conn in self.conns:
            self.conns.remove(conn)
        if conn in self.idle:
            self.idle.remove(conn)

    def _record(self, s: Session, outcome: str, rule: str, error: str = "", msg: str = "") -> None:
        now = self.loop.now
        entry: dict[str, object] = {
            "client": s.name,
            "request": s.done + 1,
            "requested_at": round(s.request_at, 6),
            "outcome": outcome,
            "waited": round(now - s.request_at, 6),
            "error": error,
            "message": msg,
            "pinned": s.pinned,
        }
        self.requests.append(entry)
        if outcome == "served":
            text = f"{s.name}: transaction {s.done + 1} got a DB connection"
            if now > s.request_at:
                text += f" after waiting {now - s.request_at:.3g} s"
        else:
            text = f"{s.name}: transaction {s.done + 1} failed: {msg}"
        self.tracer.emit(now, outcome if outcome == "served" else "error", text, rule, **entry)

    # -- client lifecycle ----------------------------------------------------------------
    def _begin(self, s: Session) -> Callable[[], None]:
        return lambda: self._request(s)

    def _request(self, s: Session) -> None:
        s.request_at = self.loop.now
        if self.scenario.proxy.enabled:
            if s.client_closed:
                s.client_closed = False
                self.reconnects += 1
                self.tracer.emit(
                    self.loop.now,
                    "reconnect",
                    f"{s.name}: its client connection was closed while idle; it connects to "
                    "the proxy again before transaction " + str(s.done + 1),
                    "idle-client-timeout",
                    client=s.name,
                )
            self._borrow(s)
        else:
            self._direct(s)

    def _direct(self, s: Session) -> None:
        sc = self.scenario
        if s.conn is None:
            if not self.db_up:
                self._record(
                    s,
                    "error",
                    "failover-direct",
                    "writer-unavailable",
                    "cannot connect: the writer is failing over",
                )
                return self._next(s)
            if self.loop.now < self.dns_ready_at:
                self._record(
                    s,
                    "error",
                    "failover-dns",
                    "writer-unavailable",
                    "cannot connect: the endpoint's DNS name still gives the old writer's "
                    f"address (cached for {sc.dns_delay:g} s after the switch)",
                )
                return self._next(s)
            if len(self.conns) >= sc.max_connections:
                self._record(
                    s,
                    "error",
                    "db-max-connections",
                    "too-many-connections",
                    too_many_message(sc.engine),
                )
                return self._next(s)
            s.conn = self._open(s.name)
        self._record(s, "served", "db-max-connections")
        self._run(s)

    def _borrow(self, s: Session) -> None:
        if s.conn is not None and s.pinned:
            self._record(s, "served", "pinning")
            return self._run(s)
        if self.db_up and self.idle:
            s.conn = self.idle.pop()
            s.conn.owner = s.name
        elif self.db_up and len(self.conns) < self.pool_size:
            s.conn = self._open(s.name)
        else:
            s.waiting = True
            self.waiters.append(s)
            timeout = self.scenario.proxy.connection_borrow_timeout
            self.tracer.emit(
                self.loop.now,
                "queued",
                f"{s.name}: pool busy ({len(self.conns)}/{self.pool_size}) or no writer; waiting",
                "borrow-queue" if self.db_up else "failover-queue",
                client=s.name,
            )
            if timeout > 0:
                at = s.request_at
                self.loop.at(self.loop.now + timeout, lambda: self._borrow_timeout(s, at))
            return
        self._record(s, "served", "borrow")
        self._run(s)

    def _borrow_timeout(self, s: Session, requested_at: float) -> None:
        if not s.waiting or s.request_at != requested_at:
            return
        s.waiting = False
        self.waiters.remove(s)
        msg = borrow_timeout_message(self.scenario.engine)
        self._record(s, "error", "borrow-timeout", "borrow-timeout", msg)
        self._next(s)

    def _run(self, s: Session) -> None:
        token = s.conn
        s.in_txn = True
        now = self.loop.now
        statements = s.group.statements
        step = s.group.transaction_time / len(statements)
        if self.scenario.proxy.enabled and s.pinned is None:
            for index, statement in enumerate(statements):
                self.loop.at(now + index * step, self._statement(s, token, statement))
        self.loop.at(now + s.group.transaction_time, lambda: self._commit(s, token))

    def _statement(self, s: Session, conn: Conn | None, statement: str) -> Callable[[], None]:
        def act() -> None:
            if s.conn is None or s.conn is not conn or s.pinned is not None:
                return  # cancelled by a failover, or pinned by an earlier statement
            sc = self.scenario
            cause = pin_cause(statement, sc.engine, sc.proxy.session_pinning_filters)
            if cause is None:
                return
            s.pinned = cause
            self.tracer.emit(
                self.loop.now,
                "pinned",
                f"{s.name}: pinned to DB connection {conn.id} when it ran {statement} "
                f"({cause}), mid-transaction {s.done + 1}; it keeps it until it disconnects",
                "pinning",
                client=s.name,
                cause=cause,
                statement=statement,
            )

        return act

    def _commit(self, s: Session, conn: Conn | None) -> None:
        if s.conn is None or s.conn is not conn:
            return  # cancelled by a failover
        s.in_txn = False
        if self.scenario.proxy.enabled and s.pinned is None:
            self._release(s)
        self._next(s)

    def _next(self, s: Session) -> None:
        s.done += 1
        if s.done < s.group.transactions:
            self.loop.at(self.loop.now + s.group.think_time, self._begin(s))
            proxy = self.scenario.proxy
            if proxy.enabled and s.group.think_time > proxy.idle_client_timeout:
                s.idle_since = self.loop.now
                since = s.idle_since
                self.loop.at(since + proxy.idle_client_timeout, lambda: self._idle_client(s, since))
            return
        if s.conn is not None:
            if self.scenario.proxy.enabled:
                s.pinned = None
                self._release(s)
            else:
                self._close(s.conn)
                s.conn = None

    def _release(self, s: Session) -> None:
        conn = s.conn
        s.conn = None
        if conn is None:
            return
        while self.waiters:
            waiter = self.waiters.popleft()
            waiter.waiting = False
            waiter.conn = conn
            conn.owner = waiter.name
            self.tracer.emit(
                self.loop.now,
                "multiplex",
                f"{s.name} committed; DB connection {conn.id} goes to {waiter.name}",
                "multiplexing",
                client=waiter.name,
            )
            self._record(waiter, "served", "borrow-queue")
            return self._run(waiter)
        conn.owner = None
        conn.idle_since = self.loop.now
        self.idle.append(conn)
        since = conn.idle_since
        self.loop.at(self.loop.now + IDLE_AFTER, lambda: self._idle_check(conn, since))

    def _idle_client(self, s: Session, since: float) -> None:
        if s.idle_since != since or s.in_txn or s.waiting or s.client_closed:
            return
        s.client_closed = True
        held = s.conn
        note = ""
        if held is not None:
            note = f"; its pinned DB connection {held.id} goes back to the pool"
            s.pinned = None
            self._release(s)
        self.tracer.emit(
            self.loop.now,
            "idle-client-close",
            f"{s.name}: idle for {self.scenario.proxy.idle_client_timeout} s "
            f"(IdleClientTimeout), the proxy closes its client connection{note}",
            "idle-client-timeout",
            client=s.name,
        )

    def _idle_check(self, conn: Conn, since: float) -> None:
        if conn in self.idle and conn.idle_since == since and len(self.idle) > self.idle_limit:
            self._close(conn)
            self.tracer.emit(
                self.loop.now,
                "idle-close",
                f"DB connection {conn.id} idle for 5 min; {len(self.idle)} idle left "
                f"(limit {self.idle_limit})",
                "idle-close",
            )

    # -- failover ------------------------------------------------------------------------
    def _failover_start(self) -> None:
        self.db_up = False
        proxy = self.scenario.proxy.enabled
        rule = "failover-queue" if proxy else "failover-direct"
        self.tracer.emit(self.loop.now, "failover", "writer failing over", rule)
        for conn in list(self.conns):
            self._close(conn)
        for s in self._sessions:
            if s.conn is None:
                continue
            s.conn = None
            s.pinned = None
            if s.in_txn:
                s.in_txn = False
                msg = "transaction cancelled by the failover"
                self._record(s, "error", rule, "cancelled", msg)
                self._next(s)

    def _failover_end(self) -> None:
        self.db_up = True
        proxy = self.scenario.proxy.enabled
        delay = self.scenario.dns_delay
        self.dns_ready_at = self.loop.now + delay
        if proxy:
            text = "new writer available; the proxy sends queued work to it at once"
            self.tracer.emit(self.loop.now, "failover", text, "failover-queue")
        else:
            text = (
                f"new writer available; clients resolving the endpoint get its address "
                f"only after {delay:g} s of DNS caching"
            )
            self.tracer.emit(self.loop.now, "failover", text, "failover-dns")
        while self.waiters and len(self.conns) < self.pool_size:
            waiter = self.waiters.popleft()
            waiter.waiting = False
            waiter.conn = self._open(waiter.name)
            self._record(waiter, "served", "failover-queue")
            self._run(waiter)
