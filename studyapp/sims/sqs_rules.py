"""The SQS rules the simulator applies, each with the page that documents it."""

from __future__ import annotations

from .trace import SQS, SQS_API, Rule

_RULES = [
    Rule(
        "visibility-hidden",
        "A received message stays in the queue but is invisible to other "
        "consumers for the visibility timeout (default 30 s, 0 s to 12 h).",
        SQS + "sqs-visibility-timeout.html",
    ),
    Rule(
        "visibility-expired",
        "A message not deleted before its visibility timeout ends becomes "
        "visible again and is delivered again.",
        SQS + "sqs-visibility-timeout.html",
    ),
    Rule(
        "change-visibility",
        "ChangeMessageVisibility sets a new timeout counted from the call; "
        "0 makes the message visible at once.",
        SQS + "sqs-visibility-timeout.html",
    ),
    Rule(
        "change-visibility-12h",
        "The 12-hour visibility ceiling counts from the receive; a change past it is rejected.",
        SQS_API + "API_ChangeMessageVisibility.html",
    ),
    Rule(
        "change-visibility-not-inflight",
        "Changing the visibility of a message that is not in flight fails (MessageNotInflight).",
        SQS_API + "API_ChangeMessageVisibility.html",
    ),
    Rule(
        "receive-count",
        "ApproximateReceiveCount counts the receives of a message that was not deleted.",
        SQS_API + "API_ReceiveMessage.html",
    ),
    Rule(
        "redrive-dlq",
        "With a redrive policy, a message whose receive count would exceed "
        "maxReceiveCount is moved to the dead-letter queue.",
        SQS + "sqs-dead-letter-queues.html",
    ),
    Rule(
        "delay-queue",
        "A delay queue (DelaySeconds 0-900) hides new messages for the delay; "
        "FIFO queues do not take per-message delays.",
        SQS + "sqs-delay-queues.html",
    ),
    Rule(
        "short-poll",
        "Short polling samples a subset of servers and may return fewer messages "
        "than are available, or none.",
        SQS + "sqs-short-and-long-polling.html",
    ),
    Rule(
        "long-poll",
        "Long polling (wait up to 20 s) returns as soon as a message is available, "
        "or empty when the wait ends.",
        SQS + "sqs-short-and-long-polling.html",
    ),
    Rule(
        "retention",
        "Messages are deleted when they reach the retention period (default 4 "
        "days, 60 s to 14 days).",
        SQS_API + "API_SetQueueAttributes.html",
    ),
    Rule(
        "dlq-retention-clock",
        "Standard queues keep the original enqueue time when a message "
        "moves to the DLQ; FIFO queues reset it.",
        SQS + "setting-up-dead-letter-queue-retention.html",
    ),
    Rule(
        "fifo-group-order",
        "FIFO delivers in order within a message group; while a message of "
        "a group is in flight no later message of that group is returned.",
        SQS + "FIFO-queues-understanding-logic.html",
    ),
    Rule(
        "fifo-dedup",
        "FIFO drops a message whose deduplication ID was sent in the last 5 "
        "minutes (content-based: SHA-256 of the body).",
        SQS + "FIFO-queues-exactly-once-processing.html",
    ),
    Rule(
        "delete",
        "DeleteMessage with the latest receipt handle removes the message.",
        SQS_API + "API_DeleteMessage.html",
    ),
    Rule(
        "delete-stale-receipt",
        "A receipt handle from an earlier receive no longer deletes the "
        "message; on FIFO a delete after the visibility window fails.",
        SQS + "sqs-visibility-timeout.html",
    ),
    Rule(
        "message-size",
        "A message larger than the queue's MaximumMessageSize (1,024 bytes to 1 MiB, "
        "default 1 MiB) is refused with InvalidParameterValue; bigger payloads go to S3 "
        "through the Extended Client Library.",
        SQS_API + "API_SetQueueAttributes.html",
    ),
    Rule(
        "inflight-quota",
        "A queue holds at most about 120,000 messages in flight (received, not deleted). "
        "At the quota a standard queue answers short polls with OverLimit and long polls "
        "with nothing; a FIFO queue returns no error, processing just stalls.",
        SQS + "quotas-queues.html",
    ),
    Rule(
        "purge",
        "PurgeQueue deletes the queue's messages, in flight ones too, for good; it takes "
        "up to 60 s, and another purge within 60 s fails with PurgeQueueInProgress.",
        SQS_API + "API_PurgeQueue.html",
    ),
    Rule(
        "send",
        "SendMessage stores the message; it is available after any delay.",
        SQS_API + "API_SendMessage.html",
    ),
]

RULES = {rule.id: rule for rule in _RULES}
