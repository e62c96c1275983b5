"""One entry point for the CLI and the TUI: load a scenario, run (or step) a simulator.

`run_demo(kind, scenario=None, seed=0)` runs to the end and returns a `DemoResult`;
`open_demo(...)` returns the live simulator so a screen can `step()`, `run()` and `reset()`.
The JSON shape of `DemoResult.to_json()` is documented in docs/demos.md.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .dynamodb_load import load_dynamodb
from .dynamodb_sim import DynamoScenario, DynamoSim
from .lambda_load import load_lambda
from .lambda_sim import LambdaScenario, LambdaSim
from .rds_proxy import RdsProxySim, RdsScenario
from .rds_proxy_load import load_rds_proxy
from .route53_load import load_route53
from .route53_sim import Route53Scenario, Route53Sim
from .scenario import ScenarioError, Section, load_document
from .sqs_load import load_sqs
from .sqs_sim import SqsScenario, SqsSim
from .trace import Stepper, TraceEvent

SIMULATORS = ("route53", "sqs", "rds-proxy", "lambda", "dynamodb")
CONTENT = Path(__file__).resolve().parents[2] / "content"
SCENARIOS = CONTENT / "scenarios"
_PREFIX = {kind: kind for kind in SIMULATORS}

Model = Route53Scenario | SqsScenario | RdsScenario | LambdaScenario | DynamoScenario
_LOADERS: dict[str, Callable[[Section, str], Model]] = {
    "route53": load_route53,
    "sqs": load_sqs,
    "rds-proxy": load_rds_proxy,
    "lambda": load_lambda,
    "dynamodb": load_dynamodb,
}


@dataclass
class Scenario:
    kind: str
    title: str
    description: str
    path: Path
    model: Model


def default_scenario(kind: str) -> Path:
    _check_kind(kind)
    return SCENARIOS / f"{_PREFIX[kind]}-default.yaml"


def list_scenarios(kind: str) -> list[Path]:
    _check_kind(kind)
    return sorted(SCENARIOS.glob(f"{_PREFIX[kind]}-*.yaml"))


def _check_kind(kind: str) -> None:
    if kind not in SIMULATORS:
        raise ValueError(f"unknown simulator '{kind}'; choose one of {', '.join(SIMULATORS)}")


def load_scenario(path: Path, kind: str | None = None) -> Scenario:
    doc = load_document(path)
    found = doc.get_str("simulator", choices=SIMULATORS)
    if kind is not None and found != kind:
        raise doc.fail("simulator", f"this is a {found} scenario, not {kind}")
    title = doc.get_str("title", path.stem)
    description = doc.get_str("description", "").strip()
    name = path.stem
    model: Model = _LOADERS[found](doc, name)
    doc.done()
    return Scenario(found, title, description, path, model)


def make_simulator(scenario: Scenario, seed: int = 0) -> Stepper:
    model = scenario.model
    if isinstance(model, Route53Scenario):
        return Route53Sim(model, seed)
    if isinstance(model, SqsScenario):
        return SqsSim(model, seed)
    if isinstance(model, LambdaScenario):
        return LambdaSim(model, seed)
    if isinstance(model, DynamoScenario):
        return DynamoSim(model, seed)
    return RdsProxySim(model, seed)


def open_demo(kind: str, scenario: Path | None = None, seed: int = 0) -> tuple[Scenario, Stepper]:
    """The scenario and a fresh simulator, for a screen that steps through it."""
    _check_kind(kind)
    loaded = load_scenario(scenario or default_scenario(kind), kind)
    return loaded, make_simulator(loaded, seed)


@dataclass
class DemoResult:
    kind: str
    title: str
    description: str
    scenario: str
    seed: int
    trace: list[TraceEvent]
    results: list[dict[str, object]]
    summary: dict[str, object] = field(default_factory=dict)

    def to_json(self) -> dict[str, object]:
        return {
            "simulator": self.kind,
            "title": self.title,
            "description": self.description,
            "scenario": self.scenario,
            "seed": self.seed,
            "summary": dict(self.summary),
            "results": [dict(r) for r in self.results],
            "trace": [event.to_json() for event in self.trace],
        }

    def to_text(self) -> str:
        lines = [f"{self.title}  ({self.kind}, seed {self.seed})"]
        if self.description:
            lines.append(self.description)
        lines.append("")
        for event in self.trace:
            rule = f"  [{event.rule}]" if event.rule else ""
            lines.append(f"{event.time:>10.3f}s  {event.kind:<17} {event.detail}{rule}")
        lines += ["", "Outcome:"]
        for key, value in self.summary.items():
            if isinstance(value, dict):
                value = ", ".join(f"{k}: {v}" for k, v in value.items()) or "none"
            lines.append(f"  {key.replace('_', ' ')}: {value}")
        used = sorted({(e.rule, e.url) for e in self.trace if e.rule})
        if used:
            lines += ["", "Rules applied (AWS documentation):"]
            lines += [f"  {rule}: {url}" for rule, url in used]
        return "\n".join(lines) + "\n"


def _num(value: object) -> float:
    return float(value) if isinstance(value, int | float) else 0.0


def _count(value: object) -> int:
    return len(value) if isinstance(value, list) else 0


def result_of(scenario: Scenario, sim: Stepper, seed: int) -> DemoResult:
    """Summarise a simulator that has run to the end."""
    results: list[dict[str, object]]
    summary: dict[str, object]
    if isinstance(sim, Route53Sim):
        results = [q.to_json() for q in sim.results]
        answers = Counter(value for q in sim.results for value in q.values)
        summary = {
            "queries": len(results),
            "answers": dict(sorted(answers.items())),
            "empty_answers": sum(1 for q in sim.results if not q.values),
            "from_cache": sum(1 for q in sim.results if q.from_cache),
        }
    elif isinstance(sim, SqsSim):
        results = sim.outcomes()
        finals = Counter(str(r["final"]) for r in results)
        summary = {
            "messages": len(results),
            "final": dict(sorted(finals.items())),
            "delivered_more_than_once": sum(1 for r in results if _count(r["deliveries"]) > 1),
            "errors": len(sim.errors),
        }
    elif isinstance(sim, LambdaSim):
        results, summary = _lambda_summary(sim)
    elif isinstance(sim, DynamoSim):
        results, summary = _dynamodb_summary(sim)
    else:
        assert isinstance(sim, RdsProxySim)
        results = list(sim.requests)
        errors = Counter(str(r["error"]) for r in results if r["outcome"] == "error")
        waits = [_num(r["waited"]) for r in results if r["outcome"] == "served"]
        summary = {
            "requests": len(results),
            "served": len(waits),
            "errors": dict(sorted(errors.items())),
            "max_wait_s": round(max(waits, default=0.0), 6),
            "peak_db_connections": sim.peak_db_connections,
            "proxy": sim.scenario.proxy.enabled,
            "pool_size": sim.pool_size if sim.scenario.proxy.enabled else None,
            "max_connections": sim.scenario.max_connections,
            "client_reconnects": sim.reconnects,
        }
    return DemoResult(
        kind=scenario.kind,
        title=scenario.title,
        description=scenario.description,
        scenario=str(scenario.path),
        seed=seed,
        trace=list(sim.trace),
        results=results,
        summary=summary,
    )


def _lambda_summary(sim: LambdaSim) -> tuple[list[dict[str, object]], dict[str, object]]:
    results = sim.outcomes()
    attempts = [a for r in sim.events for a in r.attempts]
    finals = Counter(str(r["final"]) for r in results)
    summary: dict[str, object] = {
        "events": len(results),
        "invocations": sum(1 for a in attempts if a["outcome"] != "throttled"),
        "cold_starts": sim.pools.cold_starts,
        "throttles": dict(sorted(sim.throttles.items())),
        "errors": sum(1 for a in attempts if a["outcome"] == "error"),
        "final": dict(sorted(finals.items())),
        "peak_concurrency": dict(sim.pools.peak),
    }
    return results, summary


def _dynamodb_summary(sim: DynamoSim) -> tuple[list[dict[str, object]], dict[str, object]]:
    results = list(sim.results)
    reasons: Counter[str] = Counter()
    for r in results:
        cut = r["throttled"]
        assert isinstance(cut, dict)
        reasons.update({str(k): int(v) for k, v in cut.items()})
    requests = sum(_count_of(r["requests"]) for r in results)
    served = sum(_count_of(r["served"]) for r in results)
    summary: dict[str, object] = {
        "requests": requests,
        "served": served,
        "throttled": dict(sorted(reasons.items())),
        "consumed_rcu": round(sum(_num(r["consumed"]) for r in results if r["op"] == "read"), 6),
        "consumed_wcu": round(sum(_num(r["consumed"]) for r in results if r["op"] == "write"), 6),
        "burst_used_rcu": round(sim.table_r.burst_used, 6),
        "burst_used_wcu": round(sim.table_w.burst_used, 6),
    }
    return results, summary


def _count_of(value: object) -> int:
    return int(value) if isinstance(value, int | float) else 0


def run_demo(kind: str, scenario: Path | None = None, seed: int = 0) -> DemoResult:
    """Run a scenario to the end (None = the bundled `<kind>-default.yaml`)."""
    loaded, sim = open_demo(kind, scenario, seed)
    sim.run()
    return result_of(loaded, sim, seed)


__all__ = [
    "SIMULATORS",
    "DemoResult",
    "Scenario",
    "ScenarioError",
    "default_scenario",
    "list_scenarios",
    "load_scenario",
    "make_simulator",
    "open_demo",
    "result_of",
    "run_demo",
]
