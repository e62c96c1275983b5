"""DynamoDB over time, one second at a time: workloads read and write, the table, its
partitions and its GSIs spend their capacity, and what does not fit is throttled.

Requests of a second are spread over partitions by key (the hot key's share to one
partition, the rest evenly); each partition's ceiling applies first, then the table's (or
GSI's) per-second budget, then, for writes, every GSI the write updates. Cuts are shared in
proportion, so the model is deterministic. Reading the scenario file is in dynamodb_load.py.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

from .dynamodb import (
    ON_DEMAND_NEW_READS,
    ON_DEMAND_NEW_WRITES,
    PARTITION_RCU,
    PARTITION_WCU,
    Budget,
    on_demand_ceiling,
    read_units,
    write_units,
)
from .dynamodb_rules import EXCEPTION, RULES
from .trace import Stepper


@dataclass
class Gsi:
    name: str
    rcu: float = 0.0
    wcu: float = 0.0
    write_share: float = 1.0  # share of table writes that change this index
    item_kb: float | None = None  # projected item size (default: the written item's size)


@dataclass
class Workload:
    name: str
    op: str = "write"  # read | write
    mode: str = "strong"  # reads: strong | eventual | transactional; writes: standard | ...
    item_kb: float = 1.0
    rate: float = 10.0
    start: float = 0.0
    stop: float | None = None
    keys: int = 1_000
    hot_key_share: float = 0.0
    index: str | None = None  # reads from this GSI
    steps: list[tuple[float, float]] = field(default_factory=list)  # (at, new rate)

    @property
    def units(self) -> float:
        if self.op == "read":
            return read_units(self.item_kb, self.mode)
        return write_units(self.item_kb, self.mode == "transactional")

    def rate_at(self, t: float) -> float:
        rate = self.rate
        for at, value in sorted(self.steps):
            if at <= t:
                rate = value
        return rate


@dataclass
class DynamoScenario:
    name: str
    table: str = "table"
    mode: str = "provisioned"  # provisioned | on-demand
    rcu: float = 0.0
    wcu: float = 0.0
    partitions: int = 1
    idle_before: float = 0.0  # seconds idle before t = 0: the burst capacity saved up
    previous_peak_reads: float = 0.0
    previous_peak_writes: float = 0.0
    max_read_units: float | None = None
    max_write_units: float | None = None
    gsis: list[Gsi] = field(default_factory=list)
    workloads: list[Workload] = field(default_factory=list)
    duration: float = 60.0


def _split(count: int, weights: list[float]) -> list[int]:
    """`count` split by `weights` into whole numbers (largest remainder)."""
    total = sum(weights)
    if count == 0 or total <= 0:
        return [0] * len(weights)
    exact = [count * w / total for w in weights]
    parts = [math.floor(x) for x in exact]
    order = sorted(range(len(weights)), key=lambda i: (parts[i] - exact[i], i))
    for i in order[: count - sum(parts)]:
        parts[i] += 1
    return parts


def _cut(wanted: list[int], units: list[float], room: float) -> list[int]:
    """How many of each group still fit in `room` units, cut in proportion."""
    need = sum(n * u for n, u in zip(wanted, units, strict=True))
    if need <= room + 1e-9:
        return list(wanted)
    scale = max(0.0, room) / need
    return [min(n, math.floor(n * scale + 1e-9)) for n in wanted]


class DynamoSim(Stepper[DynamoScenario]):
    rules = RULES

    def _budget(self, op: str, rate: float, prefix: str, previous: float, top: float | None):
        sc = self.scenario
        kind = "Read" if op == "read" else "Write"
        if sc.mode == "provisioned":
            burst = min(300.0, sc.idle_before) * rate
            return Budget(
                "provisioned", rate, burst, f"{prefix}{kind}ProvisionedThroughputExceeded"
            )
        new_level = ON_DEMAND_NEW_READS if op == "read" else ON_DEMAND_NEW_WRITES
        ceiling = on_demand_ceiling(previous, new_level)
        if top is not None and top < ceiling:
            return Budget("on-demand", top, 0.0, f"{prefix}{kind}MaxOnDemandThroughputExceeded")
        return Budget("on-demand", ceiling, 0.0, f"{prefix}{kind}OnDemandPeakExceeded")

    def _build(self) -> None:
        sc = self.scenario
        self._fresh()  # the model is deterministic: its random source is never drawn from
        self.table_r = self._budget(
            "read", sc.rcu, "Table", sc.previous_peak_reads, sc.max_read_units
        )
        self.table_w = self._budget(
            "write", sc.wcu, "Table", sc.previous_peak_writes, sc.max_write_units
        )
        self.gsi_r = {g.name: self._budget("read", g.rcu, "Index", 0, None) for g in sc.gsis}
        self.gsi_w = {g.name: self._budget("write", g.wcu, "Index", 0, None) for g in sc.gsis}
        self.results: list[dict[str, object]] = []
        self.adapted: set[tuple[int, str]] = set()
        self._quiet: set[str] = set()
        self._carry = {w.name: 0.0 for w in sc.workloads}
        self._burst_noted: set[str] = set()
        self.loop.at(0.0, self._setup)
        for second in range(int(sc.duration)):
            self.loop.at(float(second), self._second(float(second)))

    def _setup(self) -> None:
        sc = self.scenario
        if sc.mode == "provisioned":
            cap = f"provisioned {sc.rcu:g} RCU / {sc.wcu:g} WCU"
            if sc.idle_before:
                cap += f", {self.table_r.burst:g} RCU / {self.table_w.burst:g} WCU of burst saved"
        else:
            r, w = self.table_r.rate, self.table_w.rate
            cap = f"on-demand, {r:g} read / {w:g} write units a second at once"
        self.tracer.emit(
            0.0,
            "setup",
            f"table {sc.table}: {cap}; {sc.partitions} partition(s) of at most "
            f"{PARTITION_RCU} RCU / {PARTITION_WCU} WCU",
            "on-demand-peak" if sc.mode == "on-demand" else "provisioned-throttle",
        )
        for w in sc.workloads:
            if w.op == "read":
                text = f"{w.item_kb:g} KB {w.mode} read = {w.units:g} RCU (4 KB blocks)"
                rule = "gsi-eventual" if w.index else "read-units"
            else:
                text = f"{w.item_kb:g} KB {w.mode} write = {w.units:g} WCU (1 KB blocks)"
                rule = "write-units"
            self.tracer.emit(0.0, "setup", f"{w.name}: {text}", rule, workload=w.name)

    # -- one second ---------------------------------------------------------------------
    def _count(self, w: Workload, t: float) -> int:
        if t < w.start or (w.stop is not None and t >= w.stop):
            return 0
        self._carry[w.name] += w.rate_at(t)
        n = math.floor(self._carry[w.name] + 1e-9)
        self._carry[w.name] -= n
        return n

    def _by_partition(self, w: Workload, n: int) -> list[int]:
        """Requests per partition: key k lives in partition k mod N; key 0 is the hot key."""
        parts = self.scenario.partitions if w.index is None else 1
        hot = round(n * w.hot_key_share)
        weights = [float(w.keys // parts + (1 if p < w.keys % parts else 0)) for p in range(parts)]
        spread = _split(n - hot, weights)
        spread[0] += hot
        return spread

    def _second(self, t: float) -> Callable[[], None]:
        return lambda: self._tick(t)

    def _tick(self, t: float) -> None:
        sc = self.scenario
        counts = {w.name: self._count(w, t) for w in sc.workloads}
        throttled: dict[str, dict[str, int]] = {w.name: {} for w in sc.workloads}
        served: dict[str, int] = {}
        for op in ("read", "write"):
            groups = [w for w in sc.workloads if w.op == op and w.index is None]
            budget = self.table_r if op == "read" else self.table_w
            ok = self._serve(groups, counts, budget, op, throttled, partitions=True)
            if op == "write":
                ok = self._gsi_writes(groups, ok, throttled, budget)
            served.update(ok)
        for gsi in sc.gsis:
            groups = [w for w in sc.workloads if w.op == "read" and w.index == gsi.name]
            served.update(self._serve(groups, counts, self.gsi_r[gsi.name], "read", throttled))
        for w in sc.workloads:
            n = counts[w.name]
            if n == 0:
                continue
            self._report(t, w, n, served.get(w.name, 0), throttled[w.name])
        for budget in [self.table_r, self.table_w, *self.gsi_r.values(), *self.gsi_w.values()]:
            budget.close_second()

    def _serve(
        self,
        groups: list[Workload],
        counts: dict[str, int],
        budget: Budget,
        op: str,
        throttled: dict[str, dict[str, int]],
        partitions: bool = False,
    ) -> dict[str, int]:
        if not groups:
            return {}
        cap = PARTITION_RCU if op == "read" else PARTITION_WCU
        kind = "Read" if op == "read" else "Write"
        prefix = "Table" if partitions else "Index"
        split = {w.name: self._by_partition(w, counts[w.name]) for w in groups}
        n_parts = len(next(iter(split.values())))
        allowed = {w.name: [0] * n_parts for w in groups}
        for p in range(n_parts):
            wanted = [split[w.name][p] for w in groups]
            fit = _cut(wanted, [w.units for w in groups], cap) if partitions else wanted
            for w, got, want in zip(groups, fit, wanted, strict=True):
                allowed[w.name][p] = got
                if want > got:
                    reason = f"{prefix}{kind}KeyRangeThroughputExceeded"
                    throttled[w.name][reason] = throttled[w.name].get(reason, 0) + want - got
        totals = [sum(allowed[w.name]) for w in groups]
        fit = _cut(totals, [w.units for w in groups], budget.room())
        result = {}
        for w, got, want in zip(groups, fit, totals, strict=True):
            if want > got:
                reason = budget.cap_reason
                throttled[w.name][reason] = throttled[w.name].get(reason, 0) + want - got
            budget.used += got * w.units
            result[w.name] = got
        if partitions:
            self._adaptive(groups, allowed, budget, op)
        return result

    def _gsi_writes(
        self,
        groups: list[Workload],
        served: dict[str, int],
        throttled: dict[str, dict[str, int]],
        table: Budget,
    ) -> dict[str, int]:
        for gsi in self.scenario.gsis:
            budget = self.gsi_w[gsi.name]
            touching = [round(served.get(w.name, 0) * gsi.write_share) for w in groups]
            units = [write_units(gsi.item_kb or w.item_kb) for w in groups]
            fit = _cut(touching, units, budget.room())
            for w, got, want, u in zip(groups, fit, touching, units, strict=True):
                budget.used += got * u
                denied = want - got
                if denied:
                    reason = budget.cap_reason
                    throttled[w.name][reason] = throttled[w.name].get(reason, 0) + denied
                    served[w.name] -= denied
                    table.used -= denied * w.units  # the failed writes take nothing
        return served

    def _adaptive(
        self, groups: list[Workload], allowed: dict[str, list[int]], budget: Budget, op: str
    ) -> None:
        sc = self.scenario
        if sc.partitions < 2 or sc.mode != "provisioned":
            return
        share = budget.rate / sc.partitions
        unit = "RCU" if op == "read" else "WCU"
        for p in range(sc.partitions):
            used = sum(allowed[w.name][p] * w.units for w in groups)
            if used > share + 1e-9 and (p, op) not in self.adapted:
                self.adapted.add((p, op))
                self.tracer.emit(
                    self.loop.now,
                    "adaptive",
                    f"partition {p + 1} serves {used:g} {unit}, above its even share of "
                    f"{share:g} {unit}: adaptive capacity lends it what other partitions leave "
                    "unused",
                    "adaptive-capacity",
                    partition=p + 1,
                    units=used,
                )

    def _report(self, t: float, w: Workload, n: int, ok: int, cut: dict[str, int]) -> None:
        entry: dict[str, object] = {
            "time": t,
            "workload": w.name,
            "op": w.op,
            "requests": n,
            "units_each": w.units,
            "served": ok,
            "throttled": dict(sorted(cut.items())),
            "consumed": round(ok * w.units, 6),
        }
        self.results.append(entry)
        unit = "RCU" if w.op == "read" else "WCU"
        budget = self._budget_of(w)
        burst = ""
        if budget.mode == "provisioned" and budget.used > budget.rate + 1e-9:
            burst = f"; above {budget.rate:g} {unit}/s, paid from burst ({budget.burst:g} saved)"
            if w.name not in self._burst_noted:
                self._burst_noted.add(w.name)
                self.tracer.emit(
                    t,
                    "burst",
                    f"{w.name}: the table needs {budget.used:g} {unit} this second, more than "
                    f"its {budget.rate:g}; burst capacity covers it while it lasts",
                    "burst-capacity",
                    workload=w.name,
                )
        if not cut and t > 0 and w.name in self._quiet:
            return
        self._quiet.add(w.name)
        if cut:
            main = max(cut, key=lambda k: cut[k])
            kind = next(k for k in EXCEPTION if main.endswith(k))
            rule = {
                "KeyRangeThroughputExceeded": "partition-limit",
                "ProvisionedThroughputExceeded": (
                    "gsi-backpressure"
                    if main.startswith("IndexWrite")
                    else "gsi-read-throttle"
                    if main.startswith("IndexRead")
                    else "provisioned-throttle"
                ),
                "OnDemandPeakExceeded": "on-demand-peak",
                "MaxOnDemandThroughputExceeded": "on-demand-max",
            }[kind]
            reasons = ", ".join(f"{k} {v}" for k, v in sorted(cut.items()))
            text = (
                f"{w.name}: {n} {w.op}s x {w.units:g} {unit}: {ok} served, {n - ok} throttled "
                f"with {EXCEPTION[kind]} ({reasons}){burst}"
            )
            self._quiet.discard(w.name)
        else:
            rule = "read-units" if w.op == "read" else "write-units"
            total = f"{n * w.units:g} {unit}"
            text = f"{w.name}: {n} {w.op}s x {w.units:g} {unit} = {total}, all served{burst}"
        self.tracer.emit(t, w.op, text, rule, **entry)

    def _budget_of(self, w: Workload) -> Budget:
        if w.index is not None:
            return self.gsi_r[w.index]
        return self.table_r if w.op == "read" else self.table_w
