"""Route 53 panel: record weights and endpoint switches; a bar per answered target."""

from __future__ import annotations

import copy
from collections import Counter

from textual.app import ComposeResult
from textual.widgets import Static, Switch

from studyapp.sims.route53_sim import Route53Scenario, Route53Sim
from studyapp.sims.runner import Scenario
from studyapp.sims.trace import Stepper
from studyapp.tui.screens.demo_panel import SimPanel, bar, number_field, switch_field
from studyapp.util.textsafe import one_line

MAX_FIELDS = 6


class Route53Panel(SimPanel[Route53Scenario]):
    MODEL = Route53Scenario

    def __init__(self, scenario: Scenario) -> None:
        super().__init__(scenario)
        self.original = copy.deepcopy(self.model.health_checks)
        self.records = self.model.records[:MAX_FIELDS]

    def compose(self) -> ComposeResult:
        yield Static(
            f"Policy: {self.model.policy}   Records: {len(self.model.records)}",
            classes="demo-heading",
            markup=False,
        )
        for index, record in enumerate(self.records):
            name = one_line(record.id, 12)
            if self.model.policy == "weighted":
                yield from number_field(
                    f"{name} weight",
                    f"weight-{index}",
                    record.weight,
                    tooltip="Weighted routing: 0..255; share = weight / sum of healthy weights",
                )
            if record.health_check is not None:
                yield from switch_field(
                    f"{name} endpoint up",
                    f"up-{index}",
                    True,
                    tooltip="Off: the endpoint fails every health check from the start. "
                    "On: the scenario's own schedule.",
                )
        yield Static("", id="r53-bars", classes="demo-view", markup=False)

    def apply(self) -> None:
        checks = {hc.id: hc for hc in self.model.health_checks}
        originals = {hc.id: hc for hc in self.original}
        for index, record in enumerate(self.records):
            if self.model.policy == "weighted":
                record.weight = int(self.read_number(f"weight-{index}", 0, 255))
            if record.health_check is None:
                continue
            check = checks[record.health_check]
            source = originals[record.health_check]
            if self.query_one(f"#up-{index}", Switch).value:
                check.initially_healthy = source.initially_healthy
                check.switches = copy.deepcopy(source.switches)
            else:
                check.initially_healthy = False
                check.switches = []

    def show(self, sim: Stepper) -> None:
        assert isinstance(sim, Route53Sim)
        by_value = {v: r.id for r in self.model.records for v in r.values}
        counts: Counter[str] = Counter()
        empty = 0
        for result in sim.results:
            if not result.values:
                empty += 1
            for value in result.values:
                counts[by_value.get(value, value)] += 1
        total = len(sim.results)
        lines = [f"Answers so far: {total} queries"]
        for record in self.model.records:
            n = counts[record.id]
            share = f"{n / total:4.0%}" if total else "   -"
            lines.append(f"{one_line(record.id, 9):<9} {bar(n, total)}{n:>5} {share}")
        if empty:
            lines.append(f"{'(empty)':<9} {bar(empty, total)}{empty:>5}")
        health = [
            f"{one_line(hc_id, 12)}: {'healthy' if healthy else 'UNHEALTHY'}"
            for hc_id, healthy in sim.health.items()
        ]
        if health:
            lines += ["", "Health now: " + ", ".join(health)]
        self.query_one("#r53-bars", Static).update("\n".join(lines))
