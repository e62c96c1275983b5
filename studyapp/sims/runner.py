"""One entry point for the CLI and the TUI: load a scenario, run (or step) a simulator.

`run_demo(kind, scenario=None, seed=0)` runs to the end and returns a `DemoResult`;
`open_demo(...)` returns the live simulator so a screen can `step()`, `run()` and `reset()`.
The JSON shape of `DemoResult.to_json()` is documented in docs/demos.md.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .rds_proxy import RdsProxySim, RdsScenario, load_rds_proxy
from .route53_sim import Route53Scenario, Route53Sim, load_route53
from .scenario import ScenarioError, load_document
from .sqs_sim import SqsScenario, SqsSim, load_sqs
from .trace import Stepper, TraceEvent

SIMULATORS = ("route53", "sqs", "rds-proxy")
CONTENT = Path(__file__).resolve().parents[2] / "content"
SCENARIOS = CONTENT / "scenarios"
_PREFIX = {"route53": "route53", "sqs": "sqs", "rds-proxy": "rds-proxy"}

Model = Route53Scenario | SqsScenario | RdsScenario


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
    model: Model
    if found == "route53":
        model = load_route53(doc, name)
    elif found == "sqs":
        model = load_sqs(doc, name)
    else:
        model = load_rds_proxy(doc, name)
    doc.done()
    return Scenario(found, title, description, path, model)


def make_simulator(scenario: Scenario, seed: int = 0) -> Stepper:
    model = scenario.model
    if isinstance(model, Route53Scenario):
        return Route53Sim(model, seed)
    if isinstance(model, SqsScenario):
        return SqsSim(model, seed)
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
