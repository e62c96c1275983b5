"""Reading a Route 53 scenario: records, alias targets, health checks, clients, queries.

Refused as AWS refuses them: a CNAME record with more than one value, a CNAME at the zone
apex, Evaluate Target Health on a CloudFront alias, multivalue alias records, a calculated
check whose child is another calculated check.
"""

from __future__ import annotations

import ipaddress

from .route53 import POLICIES, Alias, Client, Record
from .route53_health import MAX_CHILDREN, HealthCheck, HealthSwitch, Timeline
from .route53_sim import ALIAS_RESOURCES, AliasTarget, QueryPlan, RecordSet, Route53Scenario
from .scenario import Section

RECORD_TYPES = (
    "A",
    "AAAA",
    "CAA",
    "CNAME",
    "DS",
    "HTTPS",
    "MX",
    "NAPTR",
    "NS",
    "PTR",
    "SPF",
    "SRV",
    "SSHFP",
    "SVCB",
    "TLSA",
    "TXT",
)
_NEEDS = {
    "latency": "region",
    "failover": "failover",
    "geolocation": "location",
    "geoproximity": "coordinates",
    "ip": "cidr_location",
}


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


def _alias(item: Section, policy: str) -> Alias | None:
    section = item.get_section("alias", None)
    if section is None:
        return None
    if policy == "multivalue":
        raise item.fail("alias", "multivalue answer alias records are not supported by Route 53")
    alias = Alias(
        target=section.get_str("target"),
        evaluate_target_health=section.get_bool("evaluate_target_health", False),
    )
    section.done()
    if item.has("values"):
        raise item.fail("values", "an alias record has a target, not values")
    if item.has("ttl"):
        raise item.fail("ttl", "an alias record takes its TTL from its target")
    return alias


def _record(item: Section, policy: str, rtype: str) -> Record:
    alias = _alias(item, policy)
    values = [] if alias else [str(v) for v in item.get_list("values")]
    if alias is None and not values:
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
        alias=alias,
    )
    if rtype == "CNAME" and len(values) > 1:
        raise item.fail(
            "values", "a CNAME record holds one value (every other type can hold several)"
        )
    if policy == "multivalue" and len(values) > 1:
        raise item.fail("values", "a multivalue answer record holds one value")
    if policy in _NEEDS and not item.has(_NEEDS[policy]):
        raise item.fail(_NEEDS[policy], f"required for {policy} records")
    item.done()
    return record


def _cidrs(group: Section) -> dict[str, list[str]]:
    cidrs: dict[str, list[str]] = {}
    collection = group.get_section("cidr_collection", None)
    if collection is None:
        return cidrs
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
    return cidrs


def _record_set(group: Section, default_name: str) -> tuple[RecordSet, list[Section]]:
    policy = group.get_str("policy", choices=POLICIES)
    rtype = group.get_str("type", "A", choices=RECORD_TYPES)
    name = group.get_str("name", default_name).rstrip(".").lower()
    if policy == "multivalue" and rtype in ("CNAME", "NS"):
        raise group.fail("type", "multivalue answer records can be any type except NS or CNAME")
    cidrs = _cidrs(group)
    items = group.get_sections("records")
    records = [_record(item, policy, rtype) for item in items]
    if policy == "simple" and len(records) != 1:
        raise group.fail("records", "simple routing has exactly one record (with many values)")
    if policy == "failover" and sorted(r.failover for r in records) != ["primary", "secondary"]:
        raise group.fail("records", "failover needs exactly one primary and one secondary")
    return RecordSet(policy, records, rtype, name, cidrs), items


def _timeline(item: Section, tid: str, label: str) -> Timeline:
    timeline = Timeline(tid, label, item.get_bool("healthy", True))
    for sw in item.get_sections("switches", required=False):
        timeline.switches.append(HealthSwitch(sw.get_num("at", lo=0), sw.get_bool("healthy")))
        sw.done()
    return timeline


def _target(item: Section) -> tuple[AliasTarget, list[Section]]:
    tid = item.get_str("id")
    group = item.get_section("record_set", None)
    if group is not None:
        record_set, records = _record_set(group, tid)
        group.done()
        item.done()
        return AliasTarget(tid, "record-set", record_set=record_set), records
    resource = item.get_str("resource", choices=ALIAS_RESOURCES)
    values = [str(v) for v in item.get_list("values")]
    if not values:
        raise item.fail("values", "needs at least one address of the resource")
    target = AliasTarget(tid, resource, values, item.get_int("ttl", 60, lo=0, hi=86_400))
    target.timeline = _timeline(item, tid, resource)
    item.done()
    return target, []


def _health_check(item: Section) -> HealthCheck:
    kind = item.get_str("kind", "endpoint", choices=("endpoint", "calculated"))
    check = HealthCheck(id=item.get_str("id"), kind=kind)
    check.inverted = item.get_bool("inverted", False)
    check.disabled = item.get_bool("disabled", False)
    if kind == "calculated":
        check.children = [str(c) for c in item.get_list("children")]
        if not 1 <= len(check.children) <= MAX_CHILDREN:
            raise item.fail("children", f"a calculated check monitors 1..{MAX_CHILDREN} checks")
        check.health_threshold = item.get_int("health_threshold", 1, lo=0, hi=MAX_CHILDREN)
        check.initially_healthy = True
        item.done()
        return check
    check.failure_threshold = item.get_int("failure_threshold", 3, lo=1, hi=10)
    check.interval = item.get_int("interval", 30)
    check.checkers = item.get_int("checkers", 15, lo=3, hi=64)
    check.initially_healthy = item.get_bool("healthy", True)
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


def _check_checks(doc: Section, checks: list[HealthCheck]) -> None:
    by_id = {c.id: c for c in checks}
    items = doc.get_sections("health_checks", required=False)
    for item, check in zip(items, checks, strict=True):
        for child in check.children:
            if child not in by_id:
                raise item.fail("children", f"no health check named '{child}'")
            if by_id[child].kind == "calculated":
                raise item.fail("children", f"'{child}' is calculated; they cannot be nested")


def _check_aliases(
    record_sets: list[tuple[str, RecordSet, list[Section]]],
    targets: dict[str, AliasTarget],
    known_checks: set[str],
    zone: str,
) -> None:
    for where, group, items in record_sets:
        for item, record in zip(items, group.records, strict=True):
            if record.health_check and record.health_check not in known_checks:
                raise item.fail("health_check", f"no health check named '{record.health_check}'")
            alias = record.alias
            if alias is None:
                continue
            target = targets.get(alias.target)
            if target is None:
                raise item.fail("alias", f"no alias target named '{alias.target}' ({where})")
            if alias.evaluate_target_health and target.resource == "cloudfront":
                raise item.fail(
                    "alias", "Evaluate Target Health cannot be on for a CloudFront alias target"
                )
            inner = target.record_set
            if inner is not None and inner.rtype == "CNAME" and group.name == zone:
                raise item.fail("alias", "an alias at the zone apex cannot point to a CNAME")


def _alias_loop(targets: dict[str, AliasTarget]) -> str | None:
    """A record-set alias target that leads back to itself, if any (an alias chain must end)."""
    graph = {
        tid: {r.alias.target for r in t.record_set.records if r.alias}
        for tid, t in targets.items()
        if t.record_set is not None
    }
    for start in graph:
        seen, todo = {start}, list(graph[start])
        while todo:
            nxt = todo.pop()
            if nxt == start:
                return start
            if nxt not in seen:
                seen.add(nxt)
                todo.extend(graph.get(nxt, ()))
    return None


def load_route53(doc: Section, name: str) -> Route53Scenario:
    group = doc.get_section("record_set")
    record_set, items = _record_set(group, "www.example.com")
    labels = record_set.name.split(".")
    zone = group.get_str("zone", ".".join(labels[-2:])).rstrip(".").lower()
    if record_set.name != zone and not record_set.name.endswith("." + zone):
        raise group.fail("zone", f"'{record_set.name}' is not inside the zone '{zone}'")
    if record_set.rtype == "CNAME" and record_set.name == zone:
        raise group.fail(
            "type",
            f"a CNAME record cannot be at the zone apex ({zone}); use an alias record instead",
        )
    group.done()
    targets: dict[str, AliasTarget] = {}
    nested: list[tuple[str, RecordSet, list[Section]]] = [("record_set", record_set, items)]
    for item in doc.get_sections("alias_targets", required=False):
        target, records = _target(item)
        if target.id in targets:
            raise item.fail("id", f"alias target '{target.id}' is defined twice")
        targets[target.id] = target
        if target.record_set is not None:
            nested.append((f"alias_targets {target.id}", target.record_set, records))
    checks = [_health_check(item) for item in doc.get_sections("health_checks", required=False)]
    _check_checks(doc, checks)
    _check_aliases(nested, targets, {c.id for c in checks}, zone)
    loop = _alias_loop(targets)
    if loop is not None:
        raise doc.fail("alias_targets", f"alias target '{loop}' leads back to itself")
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
    return Route53Scenario(
        name,
        record_set.policy,
        record_set.records,
        checks,
        clients,
        plans,
        record_set.cidrs,
        record_set.rtype,
        record_set.name,
        zone,
        targets,
    )
