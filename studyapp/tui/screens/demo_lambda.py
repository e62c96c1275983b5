"""Lambda panel: the first function's concurrency settings and the account limit; a view of
each function's running instances, cold starts, throttles and where events ended."""

from __future__ import annotations

from collections import Counter

from textual.app import ComposeResult
from textual.widgets import Static

from studyapp.sims.lambda_model import LambdaFunction
from studyapp.sims.lambda_rules import UNRESERVED_MINIMUM
from studyapp.sims.lambda_sim import LambdaScenario, LambdaSim
from studyapp.sims.trace import Stepper
from studyapp.tui.screens.demo_panel import SimPanel, number_field
from studyapp.util.textsafe import one_line

NO_RESERVATION = -1


class LambdaPanel(SimPanel[LambdaScenario]):
    MODEL = LambdaScenario

    @property
    def function(self) -> LambdaFunction:
        """The first function: the one the panel's fields edit."""
        return self.model.functions[0]

    def compose(self) -> ComposeResult:
        fn = self.function
        yield Static(
            f"Function {one_line(fn.name, 20)}; account {self.model.account_concurrency}",
            classes="demo-heading",
            markup=False,
        )
        yield from number_field(
            "reserved (-1 none)",
            "reserved",
            NO_RESERVATION if fn.reserved is None else fn.reserved,
            tooltip="Reserved concurrency: the function's own share and its ceiling "
            f"(at least {UNRESERVED_MINIMUM} must stay unreserved)",
        )
        yield from number_field(
            "provisioned",
            "provisioned",
            fn.provisioned,
            tooltip="Provisioned concurrency: pre-initialized environments, no cold start",
        )
        yield from number_field(
            "duration s",
            "duration",
            fn.duration,
            integer=False,
            tooltip="Seconds one invocation runs (after any cold start)",
        )
        yield from number_field(
            "account limit",
            "account",
            self.model.account_concurrency,
            tooltip="The account's concurrent executions (1,000 by default)",
        )
        yield Static("", id="lambda-view", classes="demo-view", markup=False)

    def apply(self) -> None:
        fn = self.function
        account = int(self.read_number("account", 100, 1_000_000))
        reserved = int(self.read_number("reserved", NO_RESERVATION, account))
        provisioned = int(self.read_number("provisioned", 0, account))
        others = sum(f.reserved or 0 for f in self.model.functions if f is not fn)
        claimed = others + max(reserved, 0) + (provisioned if reserved < 0 else 0)
        if account - claimed < UNRESERVED_MINIMUM:
            raise ValueError(
                f"reservations would leave {account - claimed} unreserved; "
                f"{UNRESERVED_MINIMUM} must stay"
            )
        if reserved >= 0 and provisioned > reserved:
            raise ValueError("provisioned: cannot be above the reserved concurrency")
        fn.reserved = None if reserved < 0 else reserved
        fn.provisioned = provisioned
        fn.duration = self.read_number("duration", 0.001, 900)
        self.model.account_concurrency = account

    def show(self, sim: Stepper) -> None:
        assert isinstance(sim, LambdaSim)
        pools = sim.pools
        lines = [f"At {sim.loop.now:g}s; unreserved pool {pools.unreserved_pool}"]
        for name in pools.running:
            lines.append(
                f"{one_line(name, 16)}: {pools.running[name]} running, peak {pools.peak[name]}, "
                f"{pools.warm[name]} warm idle"
            )
        lines.append(f"Cold starts: {pools.cold_starts}")
        if sim.throttles:
            lines.append("Throttles:")
            lines += [f"  {k}: {v}" for k, v in sorted(sim.throttles.items())]
        finals = Counter(e.final for e in sim.events)
        if finals:
            lines.append("Events: " + ", ".join(f"{k} {v}" for k, v in sorted(finals.items())))
        self.query_one("#lambda-view", Static).update("\n".join(lines))
