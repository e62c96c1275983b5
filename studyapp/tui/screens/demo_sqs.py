"""SQS panel: visibility timeout, maxReceiveCount and processing times; queues and the DLQ."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Static

from studyapp.sims.runner import Scenario
from studyapp.sims.sqs import MAX_VISIBILITY, Message, QueueConfig
from studyapp.sims.sqs_sim import SqsScenario, SqsSim
from studyapp.sims.trace import Stepper
from studyapp.tui.screens.demo_panel import SimPanel, number_field
from studyapp.util.textsafe import one_line

MAX_CONSUMERS = 4
MAX_LISTED = 6


def main_queue(model: SqsScenario) -> QueueConfig:
    """The queue a learner tunes: the first with a redrive policy, else the first one."""
    with_dlq = [q for q in model.queues if q.dlq]
    return with_dlq[0] if with_dlq else model.queues[0]


def where(message: Message, now: float) -> str:
    if message.state == "inflight" and message.invisible_until > now:
        return f"hidden to {message.invisible_until:g}s"
    if message.state in ("stored", "inflight"):
        return "waiting" if message.available_at <= now else f"delayed to {message.available_at:g}s"
    return message.state


class SqsPanel(SimPanel[SqsScenario]):
    MODEL = SqsScenario

    def __init__(self, scenario: Scenario) -> None:
        super().__init__(scenario)
        self.queue = main_queue(self.model)
        self.consumers = self.model.consumers[:MAX_CONSUMERS]

    def compose(self) -> ComposeResult:
        kind = "FIFO" if self.queue.fifo else "standard"
        yield Static(
            f"Queue {one_line(self.queue.name, 24)} ({kind})", classes="demo-heading", markup=False
        )
        yield from number_field(
            "visibility timeout s",
            "visibility",
            self.queue.visibility_timeout,
            tooltip="How long a received message stays hidden (0..43200 s)",
        )
        if self.queue.dlq:
            yield from number_field(
                "maxReceiveCount",
                "max-receive",
                self.queue.max_receive_count,
                tooltip="Receives allowed before the message moves to the DLQ (1..1000)",
            )
        for index, consumer in enumerate(self.consumers):
            yield from number_field(
                f"{one_line(consumer.name, 12)} works s",
                f"processing-{index}",
                consumer.processing_time,
                integer=False,
                tooltip="Seconds this consumer needs per message before it deletes it",
            )
        yield Static("", id="sqs-queues", classes="demo-view", markup=False)

    def apply(self) -> None:
        self.queue.visibility_timeout = int(self.read_number("visibility", 0, MAX_VISIBILITY))
        if self.queue.dlq:
            self.queue.max_receive_count = int(self.read_number("max-receive", 1, 1000))
        for index, consumer in enumerate(self.consumers):
            consumer.processing_time = self.read_number(f"processing-{index}", 0, 43200)

    def show(self, sim: Stepper) -> None:
        assert isinstance(sim, SqsSim)
        now = sim.loop.now
        lines = [f"At {now:g}s"]
        dlqs = {q.config.dlq for q in sim.queues.values() if q.config.dlq}
        ordered = sorted(sim.queues.values(), key=lambda q: q.config.name in dlqs)
        for queue in ordered:
            states = [where(m, now) for m in queue.messages]
            flying = sum(1 for s in states if s.startswith("hidden"))
            waiting = states.count("waiting")
            role = " (DLQ)" if queue.config.name in dlqs else ""
            lines.append(f"{one_line(queue.config.name, 28)}{role}")
            lines.append(
                f"  ready {waiting}  in flight {flying}  deleted {states.count('deleted')}"
            )
            if moved := states.count("dlq"):
                lines.append(f"  moved to the DLQ: {moved}")
            live = [m for m in queue.messages if m.state not in ("deleted", "dlq")]
            for message in live[-MAX_LISTED:]:
                lines.append(
                    f"  {one_line(message.body, 12):<12} ×{message.receive_count} "
                    f"{where(message, now)}"
                )
        twice = sum(1 for m in sim.sent if m.receive_count > 1)
        lines.append(f"Received more than once: {twice}")
        self.query_one("#sqs-queues", Static).update("\n".join(lines))
