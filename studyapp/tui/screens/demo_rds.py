"""RDS Proxy panel: proxy on/off, pool percent, borrow timeout, client count; a pool gauge."""

from __future__ import annotations

from collections import Counter

from textual.app import ComposeResult
from textual.widgets import ProgressBar, Static, Switch

from studyapp.sims.rds_proxy import RdsProxySim, RdsScenario
from studyapp.sims.trace import Stepper
from studyapp.tui.screens.demo_panel import SimPanel, number_field, switch_field
from studyapp.util.textsafe import one_line


class RdsPanel(SimPanel[RdsScenario]):
    MODEL = RdsScenario

    def compose(self) -> ComposeResult:
        proxy = self.model.proxy
        group = self.model.clients[0]
        yield Static(
            f"{self.model.engine}, max_connections {self.model.max_connections}",
            classes="demo-heading",
            markup=False,
        )
        yield from switch_field(
            "through RDS Proxy",
            "proxy",
            proxy.enabled,
            tooltip="Off: every client opens its own database connection",
        )
        yield from number_field(
            "MaxConnections %",
            "max-percent",
            proxy.max_connections_percent,
            tooltip="Share of the database's max_connections the proxy may open (1..100)",
        )
        yield from number_field(
            "borrow timeout s",
            "borrow-timeout",
            proxy.connection_borrow_timeout,
            tooltip="ConnectionBorrowTimeout: how long a request waits for a pooled "
            "connection (0 = forever, up to 3600)",
        )
        yield from number_field(
            f"{one_line(group.name, 10)} clients",
            "clients",
            group.count,
            tooltip="How many client sessions of the first group start (1..20000)",
        )
        yield Static("", id="rds-gauge-label", classes="demo-heading", markup=False)
        yield ProgressBar(id="rds-gauge", show_eta=False)
        yield Static("", id="rds-counts", classes="demo-view", markup=False)

    def apply(self) -> None:
        proxy = self.model.proxy
        proxy.enabled = self.query_one("#proxy", Switch).value
        proxy.max_connections_percent = int(self.read_number("max-percent", 1, 100))
        if (
            proxy.max_idle_connections_percent is not None
            and proxy.max_idle_connections_percent > proxy.max_connections_percent
        ):
            proxy.max_idle_connections_percent = proxy.max_connections_percent
        proxy.connection_borrow_timeout = int(self.read_number("borrow-timeout", 0, 3600))
        self.model.clients[0].count = int(self.read_number("clients", 1, 20000))

    def show(self, sim: Stepper) -> None:
        assert isinstance(sim, RdsProxySim)
        enabled = self.model.proxy.enabled
        limit = sim.pool_size if enabled else self.model.max_connections
        what = "pool" if enabled else "no proxy"
        open_now = len(sim.conns)
        busy = open_now - len(sim.idle)
        self.query_one("#rds-gauge-label", Static).update(
            f"Connections in use: {busy}/{limit} ({what})"
        )
        self.query_one("#rds-gauge", ProgressBar).update(total=max(limit, 1), progress=busy)
        served = sum(1 for r in sim.requests if r["outcome"] == "served")
        errors = Counter(str(r["error"]) for r in sim.requests if r["outcome"] == "error")
        lines = [
            f"At {sim.loop.now:g}s: {open_now} open, {len(sim.idle)} idle",
            f"Waiting for a connection: {len(sim.waiters)}",
            f"Served {served}, errors {sum(errors.values())}",
        ]
        lines += [f"  {name}: {count}" for name, count in sorted(errors.items())]
        lines.append(f"Peak DB connections: {sim.peak_db_connections}")
        self.query_one("#rds-counts", Static).update("\n".join(lines))
