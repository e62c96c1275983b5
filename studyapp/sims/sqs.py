"""An SQS queue model driven by explicit times: send, receive, delete, change visibility.

`SqsQueue` holds the rules (visibility, receive counts, redrive, delay, retention, FIFO
groups and deduplication). `SqsSim` (sqs_sim.py) drives producers and consumers over it.
"""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass, field

from .trace import Tracer

MAX_VISIBILITY = 43_200
DEDUP_WINDOW = 300
SHORT_POLL_SERVERS = 5
MAX_MESSAGE_SIZE = 1_048_576  # 1 MiB: the largest MaximumMessageSize, and the default
MIN_MESSAGE_SIZE = 1_024
IN_FLIGHT_QUOTA = 120_000  # standard (approximately) and FIFO
PURGE_WINDOW = 60


class SqsError(Exception):
    """An API error SQS would return (the class name is in `code`)."""

    def __init__(self, code: str, message: str, rule: str = "send") -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.rule = rule  # the rule (sqs_rules.py) that the error illustrates


@dataclass
class QueueConfig:
    name: str
    fifo: bool = False
    visibility_timeout: int = 30
    delay_seconds: int = 0
    retention: int = 345_600
    receive_wait: int = 0
    content_based_dedup: bool = False
    dlq: str | None = None
    max_receive_count: int = 10
    max_message_size: int = MAX_MESSAGE_SIZE
    in_flight_quota: int = IN_FLIGHT_QUOTA


@dataclass
class Message:
    id: str
    body: str
    queue: str
    enqueued_at: float
    available_at: float
    group: str | None = None
    dedup_id: str | None = None
    server: int = 0
    receive_count: int = 0
    first_receive: float | None = None
    receipt: int = 0
    receipt_at: float = 0.0
    invisible_until: float = 0.0
    state: str = "stored"  # stored | inflight | deleted | dlq | expired | purged
    deliveries: list[dict[str, object]] = field(default_factory=list)
    moved_from: str | None = None
    size: int = 0


class SqsQueue:
    def __init__(
        self, config: QueueConfig, tracer: Tracer, rng: random.Random, dlq: SqsQueue | None = None
    ) -> None:
        self.config = config
        self.tracer = tracer
        self.rng = rng
        self.dlq = dlq
        self.messages: list[Message] = []
        self.dedup: dict[str, float] = {}
        self._ids = 0
        self.last_purge: float | None = None

    # -- sending -------------------------------------------------------------------------
    def send(
        self,
        now: float,
        body: str,
        group: str | None = None,
        dedup_id: str | None = None,
        delay: int | None = None,
        size: int | None = None,
    ) -> Message | None:
        cfg = self.config
        size = len(body.encode("utf-8")) if size is None else size
        if size > cfg.max_message_size:
            raise SqsError(
                "InvalidParameterValue",
                f"'{body}' is {size} bytes; MaximumMessageSize is {cfg.max_message_size}: "
                f"One or more parameters are invalid. Reason: Message must be shorter than "
                f"{cfg.max_message_size} bytes.",
                "message-size",
            )
        if cfg.fifo:
            if group is None:
                raise SqsError("MissingParameter", "FIFO messages need a MessageGroupId")
            if delay is not None:
                raise SqsError("InvalidParameterValue", "FIFO queues take no per-message delay")
            if dedup_id is None:
                if not cfg.content_based_dedup:
                    raise SqsError(
                        "InvalidParameterValue",
                        "FIFO messages need a MessageDeduplicationId or content-based dedup",
                    )
                dedup_id = hashlib.sha256(body.encode()).hexdigest()
            seen = self.dedup.get(dedup_id)
            if seen is not None and now - seen < DEDUP_WINDOW:
                self.tracer.emit(
                    now,
                    "deduplicated",
                    f"{cfg.name}: '{body}' has a deduplication ID sent {now - seen:g} s ago; "
                    "accepted but not added",
                    "fifo-dedup",
                    queue=cfg.name,
                    body=body,
                )
                return None
            self.dedup[dedup_id] = now
        self._ids += 1
        wait = cfg.delay_seconds if delay is None else delay
        message = Message(
            id=f"{cfg.name}#{self._ids}",
            body=body,
            queue=cfg.name,
            enqueued_at=now,
            available_at=now + wait,
            group=group,
            dedup_id=dedup_id,
            server=self.rng.randrange(SHORT_POLL_SERVERS),
            size=size,
        )
        self.messages.append(message)
        rule = "delay-queue" if wait else "send"
        self.tracer.emit(
            now,
            "send",
            f"{cfg.name}: sent {message.id} '{body}'" + (f", hidden for {wait} s" if wait else ""),
            rule,
            queue=cfg.name,
            message=message.id,
        )
        return message

    # -- housekeeping --------------------------------------------------------------------
    def expire(self, now: float) -> None:
        for message in self.messages:
            if message.state in ("stored", "inflight"):
                if now >= message.enqueued_at + self.config.retention:
                    message.state = "expired"
                    self.tracer.emit(
                        message.enqueued_at + self.config.retention,
                        "expired",
                        f"{self.config.name}: {message.id} reached the retention period "
                        f"({self.config.retention} s)",
                        "retention",
                        queue=self.config.name,
                        message=message.id,
                    )

    def next_change(self, now: float) -> float | None:
        """The next time a hidden message becomes receivable (for long polls)."""
        times = [
            max(m.available_at, m.invisible_until)
            for m in self.messages
            if m.state in ("stored", "inflight") and max(m.available_at, m.invisible_until) > now
        ]
        return min(times) if times else None

    def in_flight(self) -> int:
        return sum(1 for m in self.messages if m.state == "inflight")

    def _visible(self, message: Message, now: float) -> bool:
        if message.state == "inflight" and message.invisible_until <= now:
            message.state = "stored"
            self.tracer.emit(
                message.invisible_until,
                "visible",
                f"{self.config.name}: {message.id} was not deleted within its visibility "
                "timeout and is visible again",
                "visibility-expired",
                queue=self.config.name,
                message=message.id,
            )
        return message.state == "stored" and message.available_at <= now

    # -- receiving -----------------------------------------------------------------------
    def receive(
        self,
        now: float,
        consumer: str,
        max_messages: int = 1,
        visibility: int | None = None,
        long_poll: bool = False,
    ) -> list[Message]:
        self.expire(now)
        cfg = self.config
        timeout = cfg.visibility_timeout if visibility is None else visibility
        candidates = [m for m in self.messages if self._visible(m, now)]
        room = cfg.in_flight_quota - self.in_flight()
        if room <= 0 and candidates:
            if not cfg.fifo and not long_poll:
                raise SqsError(
                    "OverLimit",
                    f"{cfg.name} has {self.in_flight()} messages in flight, its quota",
                    "inflight-quota",
                )
            return []  # long polling and FIFO queues return no error, just nothing
        max_messages = min(max_messages, room)
        if cfg.fifo:
            candidates = self._fifo_candidates(candidates, now)
        elif not long_poll:
            sampled = {s for s in range(SHORT_POLL_SERVERS) if self.rng.random() < 0.6}
            candidates = [m for m in candidates if m.server in sampled]
        got: list[Message] = []
        for message in candidates:
            if len(got) == max_messages:
                break
            if self.dlq is not None and message.receive_count >= cfg.max_receive_count:
                self._to_dlq(message, now)
                continue
            message.receive_count += 1
            message.first_receive = message.first_receive if message.first_receive else now
            message.receipt += 1
            message.receipt_at = now
            message.invisible_until = now + timeout
            message.state = "inflight"
            message.deliveries.append(
                {"consumer": consumer, "time": now, "receive_count": message.receive_count}
            )
            self.tracer.emit(
                now,
                "receive",
                f"{cfg.name}: {consumer} received {message.id} '{message.body}' "
                f"(receive count {message.receive_count}, hidden until {now + timeout:g} s)",
                "receive-count" if message.receive_count > 1 else "visibility-hidden",
                queue=cfg.name,
                message=message.id,
                consumer=consumer,
                receive_count=message.receive_count,
            )
            got.append(message)
        return got

    def _fifo_candidates(self, visible: list[Message], now: float) -> list[Message]:
        blocked = {m.group for m in self.messages if m.state == "inflight"}
        heads: dict[str | None, list[Message]] = {}
        for message in self.messages:
            if message.state in ("stored", "inflight") and message.group not in heads:
                heads[message.group] = []
            if message in visible and message.group not in blocked:
                heads[message.group].append(message)
        ordered: list[Message] = []
        for group_messages in heads.values():
            ordered.extend(group_messages)
        return ordered

    def _to_dlq(self, message: Message, now: float) -> None:
        assert self.dlq is not None
        message.state = "dlq"
        moved = Message(
            id=message.id,
            body=message.body,
            queue=self.dlq.config.name,
            enqueued_at=now if self.config.fifo else message.enqueued_at,
            available_at=now,
            group=message.group,
            dedup_id=message.id if self.config.fifo else message.dedup_id,
            moved_from=self.config.name,
        )
        self.dlq.messages.append(moved)
        self.tracer.emit(
            now,
            "dlq",
            f"{self.config.name}: {message.id} was received {message.receive_count} times "
            f"(maxReceiveCount {self.config.max_receive_count}); moved to {self.dlq.config.name}",
            "redrive-dlq",
            queue=self.config.name,
            message=message.id,
            dlq=self.dlq.config.name,
        )

    # -- acting on a receipt -------------------------------------------------------------
    def delete(self, now: float, message: Message, receipt: int) -> bool:
        self._visible(message, now)
        if message.state == "purged":
            self.tracer.emit(
                now,
                "delete-ignored",
                f"{self.config.name}: delete of {message.id} had no effect; it was purged",
                "purge",
                queue=self.config.name,
                message=message.id,
            )
            return False
        if message.state not in ("stored", "inflight") or receipt != message.receipt:
            if self.config.fifo:
                raise SqsError("ReceiptHandleIsInvalid", f"{message.id}: receipt no longer valid")
            self.tracer.emit(
                now,
                "delete-ignored",
                f"{self.config.name}: delete of {message.id} with an old receipt had no effect",
                "delete-stale-receipt",
                queue=self.config.name,
                message=message.id,
            )
            return False
        if self.config.fifo and message.state != "inflight":
            raise SqsError("ReceiptHandleIsInvalid", f"{message.id}: visibility window passed")
        message.state = "deleted"
        self.tracer.emit(
            now,
            "delete",
            f"{self.config.name}: {message.id} deleted",
            "delete",
            queue=self.config.name,
            message=message.id,
        )
        return True

    def change_visibility(self, now: float, message: Message, receipt: int, timeout: int) -> None:
        self._visible(message, now)
        if message.state != "inflight" or receipt != message.receipt:
            raise SqsError("MessageNotInflight", f"{message.id} is not in flight")
        if (
            not 0 <= timeout <= MAX_VISIBILITY
            or now + timeout > message.receipt_at + MAX_VISIBILITY
        ):
            raise SqsError(
                "InvalidParameterValue",
                f"{message.id}: {timeout} s would pass 12 h after the receive",
            )
        message.invisible_until = now + timeout
        if timeout == 0:
            message.state = "stored"
        self.tracer.emit(
            now,
            "change-visibility",
            f"{self.config.name}: {message.id} now hidden until {now + timeout:g} s",
            "change-visibility",
            queue=self.config.name,
            message=message.id,
        )

    def purge(self, now: float) -> int:
        """PurgeQueue: delete every message sent before `now`, in flight ones too."""
        if self.last_purge is not None and now - self.last_purge < PURGE_WINDOW:
            raise SqsError(
                "PurgeQueueInProgress",
                f"{self.config.name} was purged {now - self.last_purge:g} s ago; "
                f"a purge can take up to {PURGE_WINDOW} s",
                "purge",
            )
        self.last_purge = now
        self.expire(now)
        gone = 0
        for message in self.messages:
            if message.state in ("stored", "inflight") and message.enqueued_at <= now:
                message.state = "purged"
                gone += 1
        self.tracer.emit(
            now,
            "purge",
            f"{self.config.name}: PurgeQueue deleted {gone} messages (in flight ones too); "
            "they cannot be retrieved",
            "purge",
            queue=self.config.name,
            purged=gone,
        )
        return gone

    def refresh(self, now: float) -> None:
        """Apply retention and visibility expiry up to `now` (called by the clock)."""
        self.expire(now)
        for message in self.messages:
            self._visible(message, now)
