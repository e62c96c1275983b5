"""DynamoDB capacity arithmetic and the per-second budgets a table and its GSIs spend.

Reads: one unit per 4 KB (rounded up) for a strongly consistent read, half that for an
eventually consistent one, twice that for a transactional one. Writes: one unit per 1 KB
(rounded up), twice that in a transaction. A provisioned table spends its RCU/WCU each
second plus burst capacity (up to 300 seconds of unused capacity); an on-demand table takes
up to double its previous peak at once. Each partition serves at most 3,000 read and 1,000
write units a second; adaptive capacity lets a busy partition use the table's unused
capacity up to that ceiling.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

READ_BLOCK_KB = 4
WRITE_BLOCK_KB = 1
PARTITION_RCU = 3_000
PARTITION_WCU = 1_000
BURST_SECONDS = 300
ON_DEMAND_NEW_READS = 12_000
ON_DEMAND_NEW_WRITES = 4_000
ON_DEMAND_PEAK_FACTOR = 2
CONSISTENCY = ("strong", "eventual", "transactional")


def _blocks(item_kb: float, block: int) -> int:
    return max(1, math.ceil(item_kb / block - 1e-9))


def read_units(item_kb: float, consistency: str = "strong") -> float:
    """Read capacity units one read of an item of `item_kb` KB consumes."""
    blocks = _blocks(item_kb, READ_BLOCK_KB)
    if consistency == "eventual":
        return blocks / 2
    if consistency == "transactional":
        return blocks * 2.0
    return float(blocks)


def write_units(item_kb: float, transactional: bool = False) -> float:
    """Write capacity units one write of an item of `item_kb` KB consumes."""
    blocks = _blocks(item_kb, WRITE_BLOCK_KB)
    return blocks * (2.0 if transactional else 1.0)


@dataclass
class Budget:
    """One kind of capacity (reads or writes) of a table or GSI, spent second by second."""

    mode: str  # provisioned | on-demand
    rate: float  # provisioned units per second, or the on-demand ceiling per second
    burst: float = 0.0  # saved unused capacity (provisioned)
    cap_reason: str = ""  # the throttling reason when this budget runs out
    used: float = 0.0
    burst_used: float = 0.0
    history: list[float] = field(default_factory=list)

    def room(self) -> float:
        return self.rate + self.burst - self.used

    def spend(self, units: float) -> bool:
        if self.used + units > self.rate + self.burst + 1e-9:
            return False
        self.used += units
        return True

    def close_second(self) -> None:
        """End of a second: save unused provisioned capacity, spend burst for the excess."""
        if self.mode == "provisioned":
            over = max(0.0, self.used - self.rate)
            self.burst_used += over
            unused = max(0.0, self.rate - self.used)
            self.burst = min(BURST_SECONDS * self.rate, self.burst - over + unused)
        self.history.append(self.used)
        self.used = 0.0


def on_demand_ceiling(previous_peak: float, new_table_level: float) -> float:
    """What an on-demand table (or GSI) takes at once: double its previous peak, and at
    least what a new on-demand table starts with."""
    return max(new_table_level, ON_DEMAND_PEAK_FACTOR * previous_peak)
