"""The RDS Proxy rules the simulator applies, each with the page that documents it."""

from __future__ import annotations

from .trace import RDS, Rule

_RULES = [
    Rule(
        "db-max-connections",
        "Without a proxy the database refuses connections past "
        "max_connections ('Too many connections').",
        RDS + "rds-proxy-planning.html",
    ),
    Rule(
        "pool-max-percent",
        "The proxy opens at most MaxConnectionsPercent of max_connections "
        "DB connections (default 100), on demand.",
        RDS + "rds-proxy-managing.html",
    ),
    Rule(
        "borrow",
        "A transaction borrows a pooled DB connection for its duration.",
        RDS + "rds-proxy.howitworks.html",
    ),
    Rule(
        "multiplexing",
        "At a transaction boundary the DB connection goes back to the pool and "
        "another client can reuse it.",
        RDS + "rds-proxy.howitworks.html",
    ),
    Rule(
        "borrow-queue",
        "When the pool is at its maximum the request waits for a connection instead of failing.",
        RDS + "rds-proxy.html",
    ),
    Rule(
        "borrow-timeout",
        "A request that waits longer than ConnectionBorrowTimeout (default "
        "120 s, 0 = forever) gets a time-out error (MySQL ERROR 9501).",
        RDS + "rds-proxy.troubleshooting.html",
    ),
    Rule(
        "pinning",
        "A statement whose session state the proxy cannot track pins the client to "
        "its DB connection, from the moment it runs until the client disconnects.",
        RDS + "rds-proxy-managing.html",
    ),
    Rule(
        "no-pin",
        "Statements the proxy tracks or that do not change session state leave the "
        "session free to multiplex.",
        RDS + "rds-proxy-managing.html",
    ),
    Rule(
        "idle-close",
        "Idle DB connections above MaxIdleConnectionsPercent (default half of "
        "MaxConnectionsPercent) are closed after about 5 minutes without activity.",
        RDS + "rds-proxy-managing.html",
    ),
    Rule(
        "failover-queue",
        "During a failover the proxy keeps client connections, cancels "
        "in-flight transactions and queues new ones until the new writer is up.",
        RDS + "rds-proxy.howitworks.html",
    ),
    Rule(
        "failover-dns",
        "A failover moves the DB endpoint's DNS record to the new writer; clients that "
        "connect straight to the database keep getting the old address until their DNS "
        "cache expires. The proxy keeps its endpoint and bypasses DNS caches.",
        RDS + "Concepts.MultiAZ.Failover.html",
    ),
    Rule(
        "idle-client-timeout",
        "A client connection idle longer than IdleClientTimeout (default 1,800 s, 1 to "
        "28,800) is closed by the proxy; the DB connection behind it stays open and goes "
        "back to the pool.",
        RDS + "rds-proxy-connections.html",
    ),
    Rule(
        "max-connections-formula",
        "max_connections comes from the parameter group and by default scales with the "
        "instance class's memory: MySQL {DBInstanceClassMemory/12582880}, PostgreSQL "
        "LEAST({DBInstanceClassMemory/9531392}, 5000).",
        RDS + "CHAP_Limits.html#RDS_Limits.MaxConnections",
    ),
    Rule(
        "failover-direct",
        "Without a proxy, clients lose their connections and cannot "
        "connect until the new writer is reachable.",
        RDS + "rds-proxy.howitworks.html",
    ),
]

RULES = {rule.id: rule for rule in _RULES}

STATEMENTS = (
    "select",
    "insert",
    "update",
    "delete",
    "set_tracked",
    "set_variable",
    "set_local",
    "prepared_statement",
    "temp_table",
    "lock_tables",
    "get_lock",
    "advisory_lock",
    "cursor",
    "large_statement",
)


def pin_cause(statement: str, engine: str, filters: tuple[str, ...] = ()) -> str | None:
    """Why `statement` pins a session on `engine`, or None when it does not."""
    if statement in ("select", "insert", "update", "delete"):
        return None
    if statement == "large_statement":
        return "statement text over 16 KB"
    if statement == "prepared_statement":
        return "prepared statement"
    if statement == "temp_table":
        return "temporary table"
    if engine == "postgresql":
        if statement.startswith("set_"):
            return "SET on PostgreSQL"
        if statement in ("advisory_lock", "cursor"):
            return {"advisory_lock": "advisory lock", "cursor": "DECLARE cursor"}[statement]
        return None
    # MySQL / MariaDB
    if statement in ("set_tracked", "set_local"):
        return None
    if statement == "set_variable":
        return None if "EXCLUDE_VARIABLE_SETS" in filters else "user/system variable SET"
    if statement in ("lock_tables", "get_lock"):
        return {"lock_tables": "LOCK TABLES", "get_lock": "GET_LOCK named lock"}[statement]
    return None


def too_many_message(engine: str) -> str:
    if engine == "postgresql":
        return "FATAL: sorry, too many clients already"
    return "ERROR 1040 (HY000): Too many connections"


def borrow_timeout_message(engine: str) -> str:
    if engine == "postgresql":
        return "Timed-out waiting to acquire database connection."
    return "ERROR 9501 (HY000): Timed-out waiting to acquire database connection"
