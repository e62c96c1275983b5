"""Reading an RDS Proxy scenario: the database (or its instance class), the proxy, clients."""

from __future__ import annotations

from .rds_instance import CLASSES, default_max_connections
from .rds_proxy import (
    ENDPOINT_DNS_TTL,
    IDLE_CLIENT_TIMEOUT,
    MAX_IDLE_CLIENT_TIMEOUT,
    ClientGroup,
    ProxyConfig,
    RdsScenario,
)
from .rds_proxy_rules import STATEMENTS
from .scenario import Section


def load_rds_proxy(doc: Section, name: str) -> RdsScenario:
    db = doc.get_section("database")
    engine = db.get_str("engine", "mysql", choices=("mysql", "postgresql"))
    instance_class = db.get_str("instance_class", None, choices=CLASSES)
    if instance_class is None:
        max_connections = db.get_int("max_connections", lo=1, hi=100_000)
    elif db.has("max_connections"):
        max_connections = db.get_int("max_connections", lo=1, hi=100_000)
    else:
        max_connections = default_max_connections(instance_class, engine)
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
            idle_client_timeout=section.get_int(
                "idle_client_timeout", IDLE_CLIENT_TIMEOUT, lo=1, hi=MAX_IDLE_CLIENT_TIMEOUT
            ),
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
    scenario.instance_class = instance_class
    failover = doc.get_section("failover", None)
    if failover is not None:
        scenario.failover_at = failover.get_num("at", lo=0)
        scenario.failover_duration = failover.get_num("duration", 30.0, lo=0)
        scenario.dns_ttl = failover.get_num("dns_ttl", ENDPOINT_DNS_TTL, lo=0, hi=86_400)
        scenario.client_dns_cache = failover.get_num("client_dns_cache", 0.0, lo=0, hi=86_400)
        failover.done()
    return scenario
