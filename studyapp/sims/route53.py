"""Route 53 answers for one record name under each routing policy.

`choose(policy, records, client, healthy, rng)` is the pure decision: which records a query
from `client` gets, given which records are healthy now, the rule that decided it and, in
`why`, how (each weighted record's share, the records skipped as unhealthy).
`Route53Sim` (route53_sim.py) adds resolvers, TTL caches, health checkers, alias targets
and a clock.
"""

from __future__ import annotations

import ipaddress
import math
import random
from collections.abc import Callable
from dataclasses import dataclass, field, replace

POLICIES = (
    "simple",
    "weighted",
    "latency",
    "failover",
    "geolocation",
    "geoproximity",
    "ip",
    "multivalue",
)
MULTIVALUE_MAX = 8


@dataclass(frozen=True)
class Alias:
    """An alias record's target (an AWS resource or a record set of the scenario)."""

    target: str
    evaluate_target_health: bool = False


@dataclass
class Record:
    id: str
    values: list[str]
    ttl: int = 60
    health_check: str | None = None
    weight: int = 1
    region: str = ""
    failover: str = ""  # "primary" | "secondary"
    location: str = ""  # "*", continent "EU", country "DE", subdivision "US-CA"
    coordinates: tuple[float, float] | None = None
    bias: int = 0
    cidr_location: str = ""
    alias: Alias | None = None


@dataclass
class Client:
    name: str
    ip: str = "198.51.100.10"
    continent: str = ""
    country: str = ""
    subdivision: str = ""
    coordinates: tuple[float, float] | None = None
    latency_ms: dict[str, float] = field(default_factory=dict)
    resolver: str = ""


@dataclass(frozen=True)
class Choice:
    records: list[Record]
    rule: str
    note: str = ""
    why: str = ""


Healthy = Callable[[Record], bool]


def choose(
    policy: str,
    records: list[Record],
    client: Client,
    healthy: Healthy,
    rng: random.Random,
    cidrs: dict[str, list[str]] | None = None,
) -> Choice:
    if policy == "simple":
        values = list(records[0].values)
        rng.shuffle(values)
        why = "simple routing answers every value, health checks ignored"
        return Choice([replace(records[0], values=values)], "simple-all-values", why=why)
    if policy == "ip":
        return _ip(records, client, healthy, cidrs or {})
    return _POLICY[policy](records, client, healthy, rng)


def _weighted(
    records: list[Record], client: Client, healthy: Healthy, rng: random.Random
) -> Choice:
    down = [r for r in records if not healthy(r)]
    skipped = f"; skipped as unhealthy: {', '.join(r.id for r in down)}" if down else ""
    if all(r.weight == 0 for r in records):
        alive = [r for r in records if healthy(r)]
        if alive:
            why = f"every weight is 0: each of {len(alive)} healthy records 1/{len(alive)}"
            return Choice([rng.choice(alive)], "weighted-all-zero", why=why + skipped)
        return Choice([rng.choice(records)], "fail-open", why="no record is healthy")
    nonzero = [r for r in records if r.weight > 0 and healthy(r)]
    if nonzero:
        why = "by weight: " + shares(nonzero) + skipped
        return Choice([_by_weight(nonzero, rng)], "weighted-share", why=why)
    zero = [r for r in records if r.weight == 0 and healthy(r)]
    if zero:
        return Choice(
            [rng.choice(zero)],
            "weighted-zero-standby",
            "all non-zero records unhealthy",
            why=f"weight-0 standbys {', '.join(r.id for r in zero)} share equally" + skipped,
        )
    candidates = [r for r in records if r.weight > 0]
    return Choice(
        [_by_weight(candidates, rng)],
        "fail-open",
        why="no record is healthy: " + shares(candidates),
    )


def shares(records: list[Record]) -> str:
    """Each record's share of the answers: weight / sum of the weights considered."""
    total = sum(r.weight for r in records)
    return ", ".join(f"{r.id} {r.weight}/{total} = {r.weight / total:.0%}" for r in records)


def _by_weight(records: list[Record], rng: random.Random) -> Record:
    total = sum(r.weight for r in records)
    point = rng.uniform(0, total)
    for record in records:
        point -= record.weight
        if point <= 0:
            return record
    return records[-1]


def _latency(records: list[Record], client: Client, healthy: Healthy, rng: random.Random) -> Choice:
    ranked = sorted(records, key=lambda r: client.latency_ms.get(r.region, math.inf))
    skipped: list[str] = []
    for record in ranked:
        if healthy(record):
            ms = client.latency_ms.get(record.region, math.inf)
            why = f"{record.region} {ms:g} ms is the lowest healthy latency"
            if skipped:
                why += f"; skipped as unhealthy: {', '.join(skipped)}"
            return Choice([record], "latency-lowest", why=why)
        skipped.append(record.id)
    return Choice([ranked[0]], "fail-open", why="no record is healthy")


def _failover(
    records: list[Record], client: Client, healthy: Healthy, rng: random.Random
) -> Choice:
    primary = next(r for r in records if r.failover == "primary")
    secondary = next(r for r in records if r.failover == "secondary")
    if healthy(primary):
        return Choice([primary], "failover-primary", why="the primary is healthy")
    if healthy(secondary):
        return Choice([secondary], "failover-secondary", why="the primary is unhealthy")
    return Choice([primary], "failover-both-unhealthy", why="both records are unhealthy")


def geo_matches(records: list[Record], client: Client) -> list[Record]:
    """Records matching the client, smallest region first, default '*' last."""
    wanted = [
        f"{client.country}-{client.subdivision}" if client.subdivision else None,
        client.country or None,
        client.continent or None,
        "*",
    ]
    by_location = {r.location: r for r in records}
    return [by_location[loc] for loc in wanted if loc and loc in by_location]


def _geolocation(
    records: list[Record], client: Client, healthy: Healthy, rng: random.Random
) -> Choice:
    chain = geo_matches(records, client)
    if not chain:
        return Choice([], "geo-no-match")
    for position, record in enumerate(chain):
        if healthy(record):
            walked = [r.location for r in chain[:position]]
            why = f"location {record.location} matches"
            if walked:
                why += f"; unhealthy, walked up from: {', '.join(walked)}"
            return Choice(
                [record], "geo-most-specific" if position == 0 else "geo-walk-up", why=why
            )
    return Choice(
        [chain[0]], "geo-walk-up", "all matching records unhealthy", why="all matches unhealthy"
    )


def haversine_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def biased_distance(distance: float, bias: int) -> float:
    if bias >= 0:
        return distance * (1 - bias / 100)
    return distance / (1 + bias / 100)


def _geoproximity(
    records: list[Record], client: Client, healthy: Healthy, rng: random.Random
) -> Choice:
    origin = client.coordinates or (0.0, 0.0)

    def key(record: Record) -> float:
        return biased_distance(haversine_km(origin, record.coordinates or (0.0, 0.0)), record.bias)

    ranked = sorted(records, key=key)
    for record in ranked:
        if healthy(record):
            return Choice([record], "geoproximity-bias", f"biased distance {key(record):.0f} km")
    return Choice([ranked[0]], "fail-open")


def cidr_location(ip: str, cidrs: dict[str, list[str]]) -> str | None:
    """The location whose block contains `ip`; the longest listed prefix wins."""
    address = ipaddress.ip_address(ip)
    best: tuple[int, str] | None = None
    for location, blocks in cidrs.items():
        for block in blocks:
            network = ipaddress.ip_network(block, strict=False)
            if address.version == network.version and address in network:
                if best is None or network.prefixlen > best[0]:
                    best = (network.prefixlen, location)
    return best[1] if best else None


def _ip(
    records: list[Record], client: Client, healthy: Healthy, cidrs: dict[str, list[str]]
) -> Choice:
    by_location = {r.cidr_location: r for r in records}
    default = by_location.get("*")
    location = cidr_location(client.ip, cidrs)
    matched = by_location.get(location) if location else None
    if matched is None:
        return Choice([default], "ip-default") if default else Choice([], "ip-no-match")
    if healthy(matched) or default is None:
        return Choice([matched], "ip-cidr-match", f"location {location}")
    if healthy(default):
        return Choice([default], "ip-default", f"location {location} unhealthy")
    return Choice([matched], "fail-open")


def _multivalue(
    records: list[Record], client: Client, healthy: Healthy, rng: random.Random
) -> Choice:
    alive = [r for r in records if healthy(r)]
    if alive:
        down = len(records) - len(alive)
        why = f"{len(alive)} healthy, up to {MULTIVALUE_MAX} answered"
        why += f"; {down} skipped as unhealthy" if down else ""
        return Choice(
            rng.sample(alive, min(MULTIVALUE_MAX, len(alive))), "multivalue-healthy", why=why
        )
    return Choice(
        rng.sample(records, min(MULTIVALUE_MAX, len(records))),
        "multivalue-all-unhealthy",
        why="no record is healthy",
    )


_POLICY: dict[str, Callable[[list[Record], Client, Healthy, random.Random], Choice]] = {
    "weighted": _weighted,
    "latency": _latency,
    "failover": _failover,
    "geolocation": _geolocation,
    "geoproximity": _geoproximity,
    "multivalue": _multivalue,
}
