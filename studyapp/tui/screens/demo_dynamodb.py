"""DynamoDB panel: the table's capacity and partitions, the first workload's rate, item size
and hot-key share; a view of what each workload got and the capacity left this second."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Static

from studyapp.sims.dynamodb_sim import DynamoScenario, DynamoSim, Workload
from studyapp.sims.trace import Stepper
from studyapp.tui.screens.demo_panel import SimPanel, number_field
from studyapp.util.textsafe import one_line


class DynamoPanel(SimPanel[DynamoScenario]):
    MODEL = DynamoScenario

    @property
    def workload(self) -> Workload:
        """The first workload: the one the panel's fields edit."""
        return self.model.workloads[0]

    def compose(self) -> ComposeResult:
        sc, w = self.model, self.workload
        yield Static(
            f"Table {one_line(sc.table, 16)} ({sc.mode})", classes="demo-heading", markup=False
        )
        if sc.mode == "provisioned":
            yield from number_field("RCU", "rcu", sc.rcu, tooltip="Provisioned read units/s")
            yield from number_field("WCU", "wcu", sc.wcu, tooltip="Provisioned write units/s")
        else:
            yield from number_field(
                "previous peak writes",
                "peak",
                sc.previous_peak_writes,
                tooltip="On-demand takes up to double the previous peak at once",
            )
        yield from number_field(
            "partitions", "partitions", sc.partitions, tooltip="Each: 3,000 RCU / 1,000 WCU max"
        )
        yield from number_field(
            f"{one_line(w.name, 10)} rate/s",
            "rate",
            w.rate,
            integer=False,
            tooltip="Requests a second of the first workload",
        )
        yield from number_field(
            "item KB",
            "item",
            w.item_kb,
            integer=False,
            tooltip="Reads count 4 KB blocks, writes 1 KB blocks",
        )
        yield from number_field(
            "hot key %",
            "hot",
            round(w.hot_key_share * 100),
            tooltip="Share of the requests that go to one partition key",
        )
        yield Static("", id="ddb-view", classes="demo-view", markup=False)

    def apply(self) -> None:
        sc, w = self.model, self.workload
        if sc.mode == "provisioned":
            sc.rcu = self.read_number("rcu", 1, 10_000_000)
            sc.wcu = self.read_number("wcu", 1, 10_000_000)
        else:
            sc.previous_peak_writes = self.read_number("peak", 0, 10_000_000)
        sc.partitions = int(self.read_number("partitions", 1, 10_000))
        w.rate = self.read_number("rate", 0, 1_000_000)
        w.steps = []  # a rate typed in replaces the scenario's steps
        w.item_kb = self.read_number("item", 0.001, 400)
        w.hot_key_share = self.read_number("hot", 0, 100) / 100

    def show(self, sim: Stepper) -> None:
        assert isinstance(sim, DynamoSim)
        lines = [f"After {len({r['time'] for r in sim.results})} s"]
        for w in self.model.workloads:
            rows = [r for r in sim.results if r["workload"] == w.name]
            asked = sum(int(str(r["requests"])) for r in rows)
            ok = sum(int(str(r["served"])) for r in rows)
            unit = "RCU" if w.op == "read" else "WCU"
            lines.append(f"{one_line(w.name, 14)}: {w.units:g} {unit} each")
            lines.append(f"  served {ok}, throttled {asked - ok}")
        if self.model.mode == "provisioned":
            lines.append(f"Burst saved: {sim.table_r.burst:g} RCU, {sim.table_w.burst:g} WCU")
        self.query_one("#ddb-view", Static).update("\n".join(lines))
