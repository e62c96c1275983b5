"""Reading a DynamoDB scenario: the table (mode, capacity, partitions, GSIs) and workloads.

Refused as DynamoDB refuses them: capacity units on an on-demand table, a provisioned table
without them, a strongly consistent or transactional read from a global secondary index.
"""

from __future__ import annotations

import math

from .dynamodb import (
    CONSISTENCY,
    ON_DEMAND_NEW_READS,
    ON_DEMAND_NEW_WRITES,
    PARTITION_RCU,
    PARTITION_WCU,
    on_demand_ceiling,
)
from .dynamodb_sim import DynamoScenario, Gsi, Workload
from .scenario import Section

WRITE_MODES = ("standard", "transactional")
MAX_ITEM_KB = 400  # the largest item DynamoDB stores


def _gsi(item: Section, mode: str) -> Gsi:
    gsi = Gsi(name=item.get_str("name"))
    if mode == "provisioned":
        gsi.rcu = item.get_num("rcu", lo=1, hi=1_000_000)
        gsi.wcu = item.get_num("wcu", lo=1, hi=1_000_000)
    gsi.write_share = item.get_num("write_share", 1.0, lo=0, hi=1)
    gsi.item_kb = item.get_num("item_kb", None, lo=0.001, hi=MAX_ITEM_KB)
    item.done()
    return gsi


def _workload(item: Section, gsis: set[str]) -> Workload:
    op = item.get_str("op", choices=("read", "write"))
    w = Workload(name=item.get_str("name"), op=op)
    default_mode = "strong" if op == "read" else "standard"
    choices = CONSISTENCY if op == "read" else WRITE_MODES
    w.mode = item.get_str("consistency" if op == "read" else "mode", default_mode, choices=choices)
    w.item_kb = item.get_num("item_kb", 1.0, lo=0.001, hi=MAX_ITEM_KB)
    w.rate = item.get_num("rate", lo=0, hi=1_000_000)
    w.start = item.get_num("start", 0.0, lo=0)
    w.stop = item.get_num("stop", None, lo=0)
    w.keys = item.get_int("keys", 1_000, lo=1, hi=10_000_000)
    w.hot_key_share = item.get_num("hot_key_share", 0.0, lo=0, hi=1)
    if op == "read":
        w.index = item.get_str("index", None)
        if w.index is not None and w.index not in gsis:
            raise item.fail("index", f"no global secondary index named '{w.index}'")
        if w.index is not None and w.mode != "eventual":
            raise item.fail("consistency", "a global secondary index supports eventual reads only")
    for step in item.get_sections("steps", required=False):
        w.steps.append((step.get_num("at", lo=0), step.get_num("rate", lo=0, hi=1_000_000)))
        step.done()
    item.done()
    return w


def load_dynamodb(doc: Section, name: str) -> DynamoScenario:
    duration = doc.get_num("duration", 60.0, lo=1, hi=86_400)
    table = doc.get_section("table")
    mode = table.get_str("mode", "provisioned", choices=("provisioned", "on-demand"))
    sc = DynamoScenario(name, table.get_str("name", "table"), mode, duration=duration)
    if mode == "provisioned":
        sc.rcu = table.get_num("rcu", lo=1, hi=10_000_000)
        sc.wcu = table.get_num("wcu", lo=1, hi=10_000_000)
        sc.idle_before = table.get_num("idle_before", 0.0, lo=0, hi=86_400)
    else:
        for key in ("rcu", "wcu"):
            if table.has(key):
                raise table.fail(key, "an on-demand table has no provisioned capacity units")
        sc.previous_peak_reads = table.get_num("previous_peak_reads", 0.0, lo=0)
        sc.previous_peak_writes = table.get_num("previous_peak_writes", 0.0, lo=0)
        sc.max_read_units = table.get_num("max_read_units", None, lo=1)
        sc.max_write_units = table.get_num("max_write_units", None, lo=1)
    reads, writes = sc.rcu, sc.wcu
    if mode == "on-demand":  # enough partitions for what it takes at once
        reads = on_demand_ceiling(sc.previous_peak_reads, ON_DEMAND_NEW_READS)
        writes = on_demand_ceiling(sc.previous_peak_writes, ON_DEMAND_NEW_WRITES)
    needed = max(1, math.ceil(reads / PARTITION_RCU), math.ceil(writes / PARTITION_WCU))
    sc.partitions = table.get_int("partitions", needed, lo=1, hi=10_000)
    sc.gsis = [_gsi(item, mode) for item in table.get_sections("gsis", required=False)]
    table.done()
    names = {g.name for g in sc.gsis}
    sc.workloads = [_workload(item, names) for item in doc.get_sections("workloads")]
    return sc
