"""Route 53 over time: health checkers, alias targets, resolvers with TTL caches, queries.

The scenario model lives here; reading it from YAML is in route53_load.py.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field

from .route53 import Client, Record, choose
from .route53_health import HealthBoard, HealthCheck, Timeline
from .route53_rules import RULES
from .trace import Stepper

ALIAS_RESOURCES = (
    "elb",
    "cloudfront",
    "s3-website",
    "api-gateway",
    "vpc-endpoint",
    "global-accelerator",
    "elastic-beanstalk",
    "app-runner",
    "appsync",
)


@dataclass
class QueryPlan:
    client: str
    start: float = 0.0
    every: float = 10.0
    count: int = 1


@dataclass
class RecordSet:
    """A group of records sharing a name and type (an alias target can be one)."""

    policy: str
    records: list[Record]
    rtype: str = "A"
    name: str = ""
    cidrs: dict[str, list[str]] = field(default_factory=dict)


@dataclass
class AliasTarget:
    """What an alias record points at: an AWS resource or another record set."""

    id: str
    resource: str = "elb"  # one of ALIAS_RESOURCES, or "record-set"
    values: list[str] = field(default_factory=list)
    ttl: int = 60
    record_set: RecordSet | None = None
    timeline: Timeline | None = None


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
    record_name: str = "www.example.com"
    zone: str = "example.com"
    targets: dict[str, AliasTarget] = field(default_factory=dict)


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


@dataclass
class Answer:
    records: list[Record]  # the records answered at the top of the tree
    final: list[Record]  # the records whose values are answered (alias targets resolved)
    rule: str
    why: str
    path: list[str]


class Route53Sim(Stepper[Route53Scenario]):
    rules = RULES

    def _build(self) -> None:
        self._fresh()
        timelines = [t.timeline for t in self.scenario.targets.values() if t.timeline]
        self.board = HealthBoard(
            self.scenario.health_checks, random.Random(self.seed + 1), self.tracer, timelines
        )
        self.caches: dict[str, tuple[float, QueryResult]] = {}
        self.results: list[QueryResult] = []
        clients = {c.name: c for c in self.scenario.clients}
        for plan in self.scenario.queries:
            for index in range(plan.count):
                self.loop.at(plan.start + index * plan.every, self._querier(clients[plan.client]))

    @property
    def health(self) -> dict[str, bool]:
        """Each health check's status now (for a screen to show)."""
        return dict(self.board.status)

    def _querier(self, client: Client) -> Callable[[], None]:
        return lambda: self._query(client)

    # -- health of a record -------------------------------------------------------------
    def healthy(self, record: Record) -> bool:
        """A record's health: its health check, and with Evaluate Target Health, its target."""
        ok = record.health_check is None or self.board.healthy(record.health_check)
        alias = record.alias
        if ok and alias is not None and alias.evaluate_target_health:
            ok = self.target_healthy(self.scenario.targets[alias.target])
        return ok

    def target_healthy(self, target: AliasTarget) -> bool:
        if target.record_set is not None:
            return any(self.healthy(r) for r in target.record_set.records)
        return self.board.target_healthy(target.id)

    # -- answering ----------------------------------------------------------------------
    def answer(self, client: Client) -> Answer:
        sc = self.scenario
        return self._resolve(RecordSet(sc.policy, sc.records, sc.rtype, cidrs=sc.cidrs), client)

    def _resolve(self, group: RecordSet, client: Client) -> Answer:
        choice = choose(group.policy, group.records, client, self.healthy, self.rng, group.cidrs)
        final: list[Record] = []
        path: list[str] = []
        whys = [choice.why] if choice.why else []
        for record in choice.records:
            if record.alias is None:
                final.append(record)
                continue
            target = self.scenario.targets[record.alias.target]
            eth = "evaluate target health" if record.alias.evaluate_target_health else "no ETH"
            if target.record_set is None:
                final.append(Record(f"{record.id}>{target.id}", list(target.values), target.ttl))
                path.append(f"{record.id} is an alias to {target.id} ({target.resource}, {eth})")
                continue
            inner = self._resolve(target.record_set, client)
            final.extend(inner.final)
            path.append(f"{record.id} is an alias to record set {target.id} ({eth})")
            path.extend(inner.path)
            if inner.why:
                whys.append(f"in {target.id}: {inner.why}")
        return Answer(choice.records, final, choice.rule, "; ".join(whys), path)

    def _query(self, client: Client) -> None:
        now = self.loop.now
        self.board.advance(now)
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
                f"-> {', '.join(old.values) or 'no answer'} · {client.name} via {resolver}: "
                f"cached answer, kept until {cached[0]:g} s",
                "ttl-cache",
                **result.to_json(),
            )
            return
        answer = self.answer(client)
        values = [value for record in answer.final for value in record.values]
        ids = [r.id for r in answer.records]
        result = QueryResult(now, client.name, resolver, False, ids, values, answer.rule)
        self.results.append(result)
        if answer.final:
            ttl = min(r.ttl for r in answer.final)
            self.caches[resolver] = (now + ttl, result)
        shown = ", ".join(values) if values else "no answer (empty response)"
        notes = [answer.why] if answer.why else []
        notes += answer.path
        note = f" ({'; '.join(notes)})" if notes else ""
        self.tracer.emit(
            now,
            "query",
            f"-> {shown} · {client.name} via {resolver}: {'+'.join(ids) or 'none'}{note}",
            answer.rule,
            **result.to_json(),
        )
