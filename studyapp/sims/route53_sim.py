"""Route 53 over time: health checkers, resolvers with TTL caches, clients querying."""

from __future__ import annotations

import ipaddress
import random
from collections.abc import Callable
from dataclasses import dataclass, field

from .route53 import POLICIES, Client, Record, choose
from .route53_health import HealthCheck, HealthState, HealthSwitch
from .route53_rules import RULES
from .scenario import Section
from .trace import EventLoop, Stepper, Tracer


@dataclass
class QueryPlan:
    client: str
    start: float = 0.0
    every: float = 10.0
    count: int = 1


@dataclass
class Route53Scenario:
    name: str
    policy: str
    records: list[Record]
    health_checks: list[HealthCheck] = field(default_factory=list)
    clients: list[Client] = field(default_factory=list)
    queries: list[QueryPlan] = field(default_factory=list)
    cidrs: dict[str, list[str]] = field(default_factory=dict)
    rtype: str = "A"


@dataclass
class QueryResult:
    time: float
    client: str
    resolver: str
    from_cache: bool
    records: list[str]
    values: list[str]
    rule: str

    def to_json(self) -> dict[str, object]:
        return {
            "time": self.time,
            "client": self.client,
            "resolver": self.resolver,
            "from_cache": self.from_cache,
            "records": list(self.records),
            "values": list(self.values),
            "rule": self.rule,
        }


class Route53Sim(Stepper):
    def __init__(self, scenario: Route53Scenario, seed: int = 0) -> None:
        self.scenario = scenario
        self.seed = seed
        self._build()

    def _build(self) -> None:
        self.loop = EventLoop()
        self.tracer = Tracer(RULES)
        self.rng = random.Random(self.seed)
        health_rng = random.Random(self.seed + 1)
        self.health = {
            hc.id: HealthState(hc, health_rng, self.tracer) for hc in self.scenario.health_checks
        }
        self.caches: dict[str, tuple[float, QueryResult]] = {}
        self.results: list[QueryResult] = []
        clients = {c.name: c for c in self.scenario.clients}
        for plan in self.scenario.queries:
            for index in range(plan.count):
                self.loop.at(plan.start + index * plan.every, self._querier(clients[plan.client]))

    def _querier(self, client: Client) -> Callable[[], None]:
        return lambda: self._query(client)

    def healthy(self, record: Record) -> bool:
        if record.health_check is None:
            return True
        return self.health[record.health_check].healthy

    def _query(self, client: Client) -> None:
        now = self.loop.now
        for state in self.health.values():
            state.advance(now)
        resolver = client.resolver or client.name
        cached = self.caches.get(resolver)
        if cached and cached[0] > now:
            old = cached[1]
            result = QueryResult(
                now, client.name, resolver, True, old.records, old.values, "ttl-cache"
            )
            self.results.append(result)
            self.tracer.emit(
                now,
                "query",
                f"{client.name} via {resolver}: cached answer {', '.join(old.values)} "
                f"(expires at {cached[0]:g} s)",
                "ttl-cache",
                **result.to_json(),
            )
            return
        sc = self.scenario
        choice = choose(sc.policy, sc.records, client, self.healthy, self.rng, sc.cidrs)
        values = [value for record in choice.records for value in record.values]
        result = QueryResult(
            now, client.name, resolver, False, [r.id for r in choice.records], values, choice.rule
        )
        self.results.append(result)
        if choice.records:
            ttl = min(r.ttl for r in choice.records)
            self.caches[resolver] = (now + ttl, result)
        answer = ", ".join(values) if values else "no answer (empty response)"
        note = f" [{choice.note}]" if choice.note else ""
        self.tracer.emit(
            now,
            "query",
            f"{client.name} via {resolver}: {answer}{note}",
            choice.rule,
            **result.to_json(),
        )


def _coords(section: Section, key: str) -> tuple[float, float] | None:
    value = section.get_list(key, [])
    if not value:
        return None
    if len(value) != 2 or not all(isinstance(v, int | float) for v in value):
        raise section.fail(key, "expected [latitude, longitude]")
    lat, lon = float(value[0]), float(value[1])
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise section.fail(key, "latitude must be -90..90 and longitude -180..180")
    return (lat, lon)


def _record(item: Section, policy: str) -> Record:
    values = [str(v) for v in item.get_list("values")]
    if not values:
        raise item.fail("values", "needs at least one value")
    record = Record(
        id=item.get_str("id"),
        values=values,
        ttl=item.get_int("ttl", 60, lo=0, hi=2_147_483_647),
        health_check=item.get_str("health_check", None),
        weight=item.get_int("weight", 1, lo=0, hi=255),
        region=item.get_str("region", ""),
        failover=item.get_str("failover", "", choices=("primary", "secondary")),
        location=item.get_str("location", ""),
        coordinates=_coords(item, "coordinates"),
        bias=item.get_int("bias", 0, lo=-99, hi=99),
        cidr_location=item.get_str("cidr_location", ""),
    )
    if policy != "simple" and len(values) > 1:
        raise item.fail("values", f"a {policy} record holds one value")
    needs = {
        "latency": "region",
        "failover": "failover",
        "geolocation": "location",
        "geoproximity": "coordinates",
        "ip": "cidr_location",
    }
    if policy in needs and not item.has(needs[policy]):
        raise item.fail(needs[policy], f"required for {policy} records")
    item.done()
    return record


def _health_check(item: Section) -> HealthCheck:
    check = HealthCheck(
        id=item.get_str("id"),
        failure_threshold=item.get_int("failure_threshold", 3, lo=1, hi=10),
        interval=item.get_int("interval", 30),
        checkers=item.get_int("checkers", 15, lo=3, hi=64),
        initially_healthy=item.get_bool("healthy", True),
    )
    if check.interval not in (10, 30):
        raise item.fail("interval", "request interval is 10 or 30 seconds")
    for sw in item.get_sections("switches", required=False):
        passing = sw.get_int("passing", None, lo=0, hi=check.checkers)
        healthy = sw.get_bool("healthy", passing is None or passing > 0)
        check.switches.append(HealthSwitch(sw.get_num("at", lo=0), healthy, passing))
        sw.done()
    item.done()
    return check


def _client(item: Section) -> Client:
    ip = item.get_str("ip", "198.51.100.10")
    try:
        ipaddress.ip_address(ip)
    except ValueError:
        raise item.fail("ip", f"'{ip}' is not an IP address") from None
    latency = item.get_section("latency_ms", None)
    latencies: dict[str, float] = {}
    if latency is not None:
        for key in list(latency.data):
            latencies[key] = latency.get_num(key, lo=0)
    client = Client(
        name=item.get_str("name"),
        ip=ip,
        continent=item.get_str("continent", ""),
        country=item.get_str("country", ""),
        subdivision=item.get_str("subdivision", ""),
        coordinates=_coords(item, "coordinates"),
        latency_ms=latencies,
        resolver=item.get_str("resolver", ""),
    )
    item.done()
    return client


def load_route53(doc: Section, name: str) -> Route53Scenario:
    group = doc.get_section("record_set")
    policy = group.get_str("policy", choices=POLICIES)
    rtype = group.get_str("type", "A")
    group.get_str("name", "www.example.com")
    cidrs: dict[str, list[str]] = {}
    collection = group.get_section("cidr_collection", None)
    if collection is not None:
        for location in list(collection.data):
            blocks = [str(b) for b in collection.get_list(location)]
            for block in blocks:
                try:
                    net = ipaddress.ip_network(block, strict=False)
                except ValueError:
                    raise collection.fail(location, f"'{block}' is not a CIDR block") from None
                limit = 24 if net.version == 4 else 48
                if not 1 <= net.prefixlen <= limit:
                    raise collection.fail(location, f"{block}: prefix must be /1../{limit}")
            cidrs[location] = blocks
    items = group.get_sections("records")
    records = [_record(item, policy) for item in items]
    group.done()
    if policy == "simple" and len(records) != 1:
        raise group.fail("records", "simple routing has exactly one record (with many values)")
    if policy == "failover" and sorted(r.failover for r in records) != ["primary", "secondary"]:
        raise group.fail("records", "failover needs exactly one primary and one secondary")
    checks = [_health_check(item) for item in doc.get_sections("health_checks", required=False)]
    known = {c.id for c in checks}
    for item, record in zip(items, records, strict=True):
        if record.health_check and record.health_check not in known:
            raise item.fail("health_check", f"no health check named '{record.health_check}'")
    clients = [_client(item) for item in doc.get_sections("clients")]
    names = {c.name for c in clients}
    plans = []
    for item in doc.get_sections("queries"):
        plan = QueryPlan(
            client=item.get_str("client"),
            start=item.get_num("start", 0.0, lo=0),
            every=item.get_num("every", 10.0, lo=0.001),
            count=item.get_int("count", 1, lo=1, hi=10_000),
        )
        if plan.client not in names:
            raise item.fail("client", f"no client named '{plan.client}'")
        item.done()
        plans.append(plan)
    return Route53Scenario(name, policy, records, checks, clients, plans, cidrs, rtype)
