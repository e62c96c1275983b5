"""Many clients against one database, directly or through RDS Proxy.

Each client connects, runs `transactions` transactions of `transaction_time` seconds with
`think_time` between them, then disconnects. Each transaction is one request with an outcome:
served (after waiting how long) or an error (which one).
"""

from __future__ import annotations

import math
import random
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

from .rds_proxy_rules import (
    RULES,
    STATEMENTS,
    borrow_timeout_message,
    pin_cause,
    too_many_message,
)
from .scenario import Section
from .trace import EventLoop, Stepper, Tracer

IDLE_AFTER = 300.0


@dataclass
class ProxyConfig:
    enabled: bool = True
    max_connections_percent: int = 100
    max_idle_connections_percent: int | None = None
    connection_borrow_timeout: int = 120
    reserved_connections: int = 0
    session_pinning_filters: tuple[str, ...] = ()

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


class RdsProxySim(Stepper):
    def __init__(self, scenario: RdsScenario, seed: int = 0) -> None:
        self.scenario = scenario
        self.seed = seed
        self._build()

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
        self.loop = EventLoop()
        self.tracer = Tracer(RULES)
        self.rng = random.Random(self.seed)
        self.conns: list[Conn] = []
        self.idle: list[Conn] = []
        self.waiters: deque[Session] = deque()
        self.requests: list[dict[str, object]] = []
        self.peak_db_connections = 0
        self.db_up = True
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
        self.loop.at(self.loop.now + s.group.transaction_time, lambda: self._commit(s, token))

    def _commit(self, s: Session, conn: Conn | None) -> None:
        if s.conn is None or s.conn is not conn:
            return  # cancelled by a failover
        s.in_txn = False
        if self.scenario.proxy.enabled:
            if s.pinned is None:
                for statement in s.group.statements:
                    cause = pin_cause(
                        statement, self.scenario.engine, self.scenario.proxy.session_pinning_filters
                    )
                    if cause:
                        s.pinned = cause
                        self.tracer.emit(
                            self.loop.now,
                            "pinned",
                            f"{s.name}: pinned to DB connection {s.conn.id} ({cause})",
                            "pinning",
                            client=s.name,
                            cause=cause,
                        )
                        break
            if s.pinned is None:
                self._release(s)
        self._next(s)

    def _next(self, s: Session) -> None:
        s.done += 1
        if s.done < s.group.transactions:
            self.loop.at(self.loop.now + s.group.think_time, self._begin(s))
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
        self.tracer.emit(self.loop.now, "failover", "new writer available", "failover-queue")
        while self.waiters and len(self.conns) < self.pool_size:
            waiter = self.waiters.popleft()
            waiter.waiting = False
            waiter.conn = self._open(waiter.name)
            self._record(waiter, "served", "failover-queue")
            self._run(waiter)


def load_rds_proxy(doc: Section, name: str) -> RdsScenario:
    db = doc.get_section("database")
    engine = db.get_str("engine", "mysql", choices=("mysql", "postgresql"))
    max_connections = db.get_int("max_connections", lo=1, hi=100_000)
    db.done()
    proxy = ProxyConfig(enabled=False)
    section = doc.get_section("proxy", None)
    if section is not None:
        percent = section.get_int("max_connections_percent", 100, lo=1, hi=100)
        proxy = ProxyConfig(
            enabled=section.get_bool("enabled", True),
            max_connections_percent=percent,
            max_idle_connections_percent=section.get_int(
                "max_idle_connections_percent", None, lo=0, hi=percent
            ),
            connection_borrow_timeout=section.get_int(
                "connection_borrow_timeout", 120, lo=0, hi=3600
            ),
            reserved_connections=section.get_int("reserved_connections", 0, lo=0),
        )
        filters = tuple(str(f) for f in section.get_list("session_pinning_filters", []))
        for value in filters:
            if value != "EXCLUDE_VARIABLE_SETS":
                raise section.fail("session_pinning_filters", f"unknown filter '{value}'")
        proxy.session_pinning_filters = filters
        section.done()
    groups = []
    for item in doc.get_sections("clients"):
        statements = [str(s) for s in item.get_list("statements", ["select"])]
        for statement in statements:
            if statement not in STATEMENTS:
                raise item.fail("statements", f"unknown statement kind '{statement}'")
        groups.append(
            ClientGroup(
                name=item.get_str("name"),
                count=item.get_int("count", 1, lo=1, hi=20_000),
                start=item.get_num("start", 0.0, lo=0),
                spread=item.get_num("spread", 0.0, lo=0),
                transactions=item.get_int("transactions", 1, lo=1, hi=1_000),
                transaction_time=item.get_num("transaction_time", 0.1, lo=0.001),
                think_time=item.get_num("think_time", 0.0, lo=0),
                statements=statements,
            )
        )
        item.done()
    scenario = RdsScenario(name, engine, max_connections, proxy, groups)
    failover = doc.get_section("failover", None)
    if failover is not None:
        scenario.failover_at = failover.get_num("at", lo=0)
        scenario.failover_duration = failover.get_num("duration", 30.0, lo=0)
        failover.done()
    return scenario
