"""The DynamoDB rules the simulator applies, each with the page that documents it."""

from __future__ import annotations

from .trace import Rule

DDB = "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/"
DDB_API = "https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/"

_RULES = [
    Rule(
        "read-units",
        "A strongly consistent read of an item up to 4 KB takes one read unit, an "
        "eventually consistent one half a unit, a transactional one two units; sizes round "
        "up to the next 4 KB.",
        DDB + "read-write-operations.html",
    ),
    Rule(
        "write-units",
        "A write of an item up to 1 KB takes one write unit, a transactional write two; "
        "sizes round up to the next 1 KB.",
        DDB + "read-write-operations.html",
    ),
    Rule(
        "provisioned-throttle",
        "A provisioned table (or GSI) serves its RCU/WCU per second; requests beyond that "
        "and its burst capacity are throttled with ProvisionedThroughputExceededException "
        "(reason TableRead/TableWriteProvisionedThroughputExceeded). SDKs retry them.",
        DDB_API + "API_ThrottlingReason.html",
    ),
    Rule(
        "burst-capacity",
        "DynamoDB keeps up to 5 minutes (300 seconds) of unused read and write capacity "
        "and spends it on bursts above the provisioned rate (best effort, not guaranteed).",
        DDB + "burst-adaptive-capacity.html",
    ),
    Rule(
        "partition-limit",
        "Each partition serves at most 3,000 read units and 1,000 write units a second, "
        "whatever the table's capacity: a hot partition key is throttled with reason "
        "KeyRangeThroughputExceeded, in provisioned and on-demand mode alike.",
        DDB + "throttling-key-range-limit-exceeded-mitigation.html",
    ),
    Rule(
        "adaptive-capacity",
        "Adaptive capacity lets a busy partition use capacity that other partitions leave "
        "unused, at once, as long as the table's total and the partition's own maximum are "
        "not exceeded.",
        DDB + "burst-adaptive-capacity.html",
    ),
    Rule(
        "on-demand-peak",
        "An on-demand table takes up to double its previous peak at once; a new one starts "
        "at 4,000 write and 12,000 read units a second. Going past double the previous peak "
        "within 30 minutes can be throttled.",
        DDB + "on-demand-capacity-mode.html",
    ),
    Rule(
        "on-demand-max",
        "An on-demand table or GSI with a maximum throughput set throttles what exceeds it "
        "with ThrottlingException (reason ...MaxOnDemandThroughputExceeded).",
        DDB + "throttling-ondemand-capacity-exceeded-mitigation.html",
    ),
    Rule(
        "gsi-backpressure",
        "A write to the table must also fit in every affected GSI's write capacity: when a "
        "GSI cannot take the update, the write to the base table is throttled "
        "(reason IndexWriteProvisionedThroughputExceeded).",
        DDB + "gsi-throttling.html",
    ),
    Rule(
        "gsi-read-throttle",
        "A query that exceeds a GSI's read capacity is throttled on the index alone; the "
        "base table is not affected.",
        "https://repost.aws/knowledge-center/dynamodb-gsi-throttling-table",
    ),
    Rule(
        "gsi-eventual",
        "A global secondary index supports eventually consistent reads only (half a read "
        "unit per 4 KB).",
        "https://docs.aws.amazon.com/whitepapers/latest/comparing-dynamodb-and-hbase-for-nosql/"
        "global-secondary-index-considerations.html",
    ),
]

RULES = {rule.id: rule for rule in _RULES}

EXCEPTION = {
    "KeyRangeThroughputExceeded": "ProvisionedThroughputExceededException",
    "ProvisionedThroughputExceeded": "ProvisionedThroughputExceededException",
    "OnDemandPeakExceeded": "ProvisionedThroughputExceededException",
    "MaxOnDemandThroughputExceeded": "ThrottlingException",
}
