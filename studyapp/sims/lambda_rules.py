"""The Lambda rules the simulator applies, each with the page that documents it."""

from __future__ import annotations

from .trace import Rule

LAMBDA = "https://docs.aws.amazon.com/lambda/latest/dg/"

ACCOUNT_CONCURRENCY = 1_000
UNRESERVED_MINIMUM = 100
SCALING_BURST = 1_000  # execution environments per function ...
SCALING_WINDOW = 10.0  # ... every 10 seconds
ASYNC_RETRY_WAITS = (60.0, 120.0)
ASYNC_MAX_AGE = 21_600
THROTTLE_RETRY_FIRST = 1.0
THROTTLE_RETRY_MAX = 300.0
SQS_START_BATCHES = 5
SQS_ADD_PER_MINUTE = 300
SQS_MAX_BATCHES = 1_000
STREAM_RETENTION = 86_400

_RULES = [
    Rule(
        "account-concurrency",
        "An account has 1,000 concurrent executions per Region by default (a quota that "
        "can be raised), shared by every function without reserved concurrency.",
        LAMBDA + "gettingstarted-limits.html",
    ),
    Rule(
        "unreserved-minimum",
        "Reserved concurrency can take at most the unreserved account concurrency minus "
        "100: 100 always stay for the functions without a reservation.",
        LAMBDA + "configuration-concurrency.html",
    ),
    Rule(
        "reserved-concurrency",
        "Reserved concurrency is a function's own share and its ceiling: no other function "
        "can use it, and the function cannot run more instances than it.",
        LAMBDA + "configuration-concurrency.html",
    ),
    Rule(
        "provisioned-concurrency",
        "Provisioned concurrency keeps pre-initialized execution environments ready: the "
        "invocations they serve start without a cold start; more invocations spill over "
        "to on-demand environments.",
        LAMBDA + "provisioned-concurrency.html",
    ),
    Rule(
        "cold-start",
        "A new execution environment first runs the function's initialization (a cold "
        "start); a warm one left by an earlier invocation serves the next one at once.",
        LAMBDA + "provisioned-concurrency.html",
    ),
    Rule(
        "scaling-rate",
        "Each function can add at most 1,000 execution environments every 10 seconds "
        "(refilled continuously, never saved up); requests beyond that are throttled.",
        LAMBDA + "scaling-behavior.html",
    ),
    Rule(
        "sync-throttle",
        "A synchronous invocation beyond the available concurrency fails at once with a "
        "throttling error (429 TooManyRequestsException); the caller has to retry.",
        LAMBDA + "scaling-behavior.html",
    ),
    Rule(
        "async-throttle-retry",
        "A throttled (429) or system-error (500) asynchronous event goes back to the "
        "queue and is retried, the wait growing from 1 s to at most 5 min, until it is "
        "older than the maximum event age (default 6 h, 60 s to 6 h).",
        LAMBDA + "invocation-async-error-handling.html",
    ),
    Rule(
        "async-function-error",
        "An asynchronous event whose function returns an error is retried twice by "
        "default (MaximumRetryAttempts 0 to 2): 1 minute, then 2 minutes later.",
        LAMBDA + "invocation-async-error-handling.html",
    ),
    Rule(
        "async-on-failure",
        "An asynchronous event that used every attempt, or grew older than its maximum "
        "age, is discarded, or sent to the function's dead-letter queue or on-failure "
        "destination when one is set.",
        LAMBDA + "invocation-async-retain-records.html",
    ),
    Rule(
        "async-ok",
        "Lambda queues an asynchronous event and answers the caller at once; the function "
        "runs when concurrency is available.",
        LAMBDA + "invocation-async.html",
    ),
    Rule(
        "sqs-scaling",
        "An SQS event source mapping starts with 5 concurrent batches and, while messages "
        "remain, adds up to 300 more per minute, to at most 1,000 (or MaximumConcurrency, "
        "2 to 1,000).",
        LAMBDA + "services-sqs-scaling.html",
    ),
    Rule(
        "sqs-max-concurrency",
        "An SQS event source mapping does not look at the function's reserved concurrency: "
        "it can take more batches off the queue than the function may run, and those are "
        "throttled. MaximumConcurrency on the mapping keeps it within bounds.",
        "https://repost.aws/knowledge-center/lambda-sqs-scaling",
    ),
    Rule(
        "sqs-batch-failure",
        "When an invocation fails or is throttled, the whole batch goes back to the queue: "
        "its messages are visible again after the visibility timeout and, past the queue's "
        "maxReceiveCount, move to the queue's dead-letter queue.",
        LAMBDA + "services-sqs-errorhandling.html",
    ),
    Rule(
        "sqs-batch-ok",
        "A batch the function processed without error is deleted from the queue.",
        LAMBDA + "with-sqs.html",
    ),
    Rule(
        "stream-shard-order",
        "A Kinesis or DynamoDB stream source reads each shard in order, with at most "
        "ParallelizationFactor (1 to 10, default 1) batches per shard at a time.",
        LAMBDA + "with-kinesis.html",
    ),
    Rule(
        "stream-retry-blocks",
        "A failed stream batch is retried, blocking its shard, until it succeeds or its "
        "records expire (MaximumRetryAttempts and MaximumRecordAgeInSeconds default to "
        "-1, unlimited); BisectBatchOnFunctionError splits a failing batch in two.",
        LAMBDA + "API_CreateEventSourceMapping.html",
    ),
    Rule(
        "stream-on-failure",
        "Records a stream source discards (retries used up, too old) go to the on-failure "
        "destination when one is set, else they are lost.",
        LAMBDA + "API_CreateEventSourceMapping.html",
    ),
    Rule(
        "stream-retention",
        "A DynamoDB stream keeps records for 24 hours (a Kinesis stream for 24 hours by "
        "default); an unprocessed record is gone after that.",
        "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Streams.html",
    ),
]

RULES = {rule.id: rule for rule in _RULES}
