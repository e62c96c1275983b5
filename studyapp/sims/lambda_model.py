"""Lambda's concurrency: the account pool, reserved and provisioned concurrency, the scaling
rate, warm and cold execution environments. Pure bookkeeping; lambda_sim.py drives it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .lambda_rules import (
    ACCOUNT_CONCURRENCY,
    ASYNC_MAX_AGE,
    SCALING_BURST,
    SCALING_WINDOW,
)


@dataclass
class LambdaFunction:
    name: str
    duration: float = 0.2
    init_duration: float = 0.5
    reserved: int | None = None
    provisioned: int = 0
    failure_rate: float = 0.0
    fail_payloads: list[str] = field(default_factory=list)
    max_retry_attempts: int = 2  # asynchronous invocations
    max_event_age: int = ASYNC_MAX_AGE
    on_failure: str | None = None  # a DLQ or on-failure destination (a name)


@dataclass
class Start:
    ok: bool
    environment: str = ""  # cold | warm | provisioned
    reason: str = ""  # why a throttle happened: rule id
    running: int = 0
    limit: int = 0


class Pools:
    """Who may run now: reserved shares, the unreserved pool, scaling tokens, warm envs."""

    def __init__(self, functions: list[LambdaFunction], account: int = ACCOUNT_CONCURRENCY):
        self.functions = {f.name: f for f in functions}
        self.account = account
        reserved = sum(f.reserved for f in functions if f.reserved is not None)
        provisioned_unreserved = sum(f.provisioned for f in functions if f.reserved is None)
        self.unreserved_pool = account - reserved - provisioned_unreserved
        self.running = {f.name: 0 for f in functions}
        self.busy_provisioned = {f.name: 0 for f in functions}
        self.warm = {f.name: 0 for f in functions}
        self.tokens = {f.name: float(SCALING_BURST) for f in functions}
        self.token_time = {f.name: 0.0 for f in functions}
        self.peak = {f.name: 0 for f in functions}
        self.cold_starts = 0

    def unreserved_used(self) -> int:
        return sum(
            self.running[name] - self.busy_provisioned[name]
            for name, f in self.functions.items()
            if f.reserved is None
        )

    def limit(self, name: str) -> int:
        """The most instances this function could run now."""
        fn = self.functions[name]
        if fn.reserved is not None:
            return fn.reserved
        others = self.unreserved_used() - (self.running[name] - self.busy_provisioned[name])
        return fn.provisioned + self.unreserved_pool - others

    def _refill(self, name: str, now: float) -> None:
        rate = SCALING_BURST / SCALING_WINDOW
        elapsed = now - self.token_time[name]
        self.tokens[name] = min(SCALING_BURST, self.tokens[name] + elapsed * rate)
        self.token_time[name] = now

    def start(self, name: str, now: float) -> Start:
        fn = self.functions[name]
        running = self.running[name]
        limit = self.limit(name)
        if fn.reserved is not None and running >= fn.reserved:
            return Start(False, reason="reserved-concurrency", running=running, limit=limit)
        if self.busy_provisioned[name] < fn.provisioned:
            self.busy_provisioned[name] += 1
            return self._ran(name, "provisioned", limit)
        if fn.reserved is None and self.unreserved_used() >= self.unreserved_pool:
            return Start(False, reason="account-concurrency", running=running, limit=limit)
        if self.warm[name] > 0:
            self.warm[name] -= 1
            return self._ran(name, "warm", limit)
        self._refill(name, now)
        if self.tokens[name] < 1:
            return Start(False, reason="scaling-rate", running=running, limit=limit)
        self.tokens[name] -= 1
        self.cold_starts += 1
        return self._ran(name, "cold", limit)

    def _ran(self, name: str, environment: str, limit: int) -> Start:
        self.running[name] += 1
        self.peak[name] = max(self.peak[name], self.running[name])
        return Start(True, environment, running=self.running[name], limit=limit)

    def finish(self, name: str, environment: str) -> None:
        self.running[name] -= 1
        if environment == "provisioned":
            self.busy_provisioned[name] -= 1
        else:
            self.warm[name] += 1  # the environment stays warm for the next invocation
