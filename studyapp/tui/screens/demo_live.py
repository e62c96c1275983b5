"""One live simulator: edit its parameters, step or run it, read why each event happened.

`r` runs to the end in a thread worker that posts the trace in batches; `space`/`n` step;
`R`/`ctrl+r` reset; `p` asks a "predict, then run" question about this scenario first,
then runs it and judges the prediction from that very run.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input, Static
from textual.worker import get_current_worker

from studyapp.sims.dynamodb_rules import RULES as DDB_RULES
from studyapp.sims.lambda_rules import RULES as LAMBDA_RULES
from studyapp.sims.predict import Prediction, predictions_for, verdict
from studyapp.sims.rds_proxy_rules import RULES as RDS_RULES
from studyapp.sims.route53_rules import RULES as R53_RULES
from studyapp.sims.runner import Scenario, make_simulator, result_of
from studyapp.sims.sqs_rules import RULES as SQS_RULES
from studyapp.sims.trace import Rule, Stepper, TraceEvent
from studyapp.tui.dialogs.demo_predict import LETTERS, PredictScreen
from studyapp.tui.screens.demo_dynamodb import DynamoPanel
from studyapp.tui.screens.demo_lambda import LambdaPanel
from studyapp.tui.screens.demo_panel import ParamsChanged, SimPanel
from studyapp.tui.screens.demo_rds import RdsPanel
from studyapp.tui.screens.demo_route53 import Route53Panel
from studyapp.tui.screens.demo_sqs import SqsPanel
from studyapp.util.textsafe import one_line, visible

RULES: dict[str, dict[str, Rule]] = {
    "route53": R53_RULES,
    "sqs": SQS_RULES,
    "rds-proxy": RDS_RULES,
    "lambda": LAMBDA_RULES,
    "dynamodb": DDB_RULES,
}
PANELS: dict[str, type[SimPanel[Any]]] = {
    "route53": Route53Panel,
    "sqs": SqsPanel,
    "rds-proxy": RdsPanel,
    "lambda": LambdaPanel,
    "dynamodb": DynamoPanel,
}
MAX_ROWS = 3000  # the table stops growing here; the outcome still counts every event
BATCH = 100
NARROW = 100  # below this many columns the side panel narrows so the trace keeps its answers


def explain(kind: str, event: TraceEvent) -> str:
    rule = RULES[kind].get(event.rule)
    head = f"{event.time:g}s  {event.kind}: {one_line(event.detail, 150)}"
    if rule is None:
        return head
    return f"{head}\nWhy ({rule.id}): {rule.text}\n{rule.url}"


def outcome_text(summary: dict[str, object]) -> str:
    parts = []
    for key, value in summary.items():
        if isinstance(value, dict):
            value = ", ".join(f"{k}: {v}" for k, v in value.items()) or "none"
        parts.append(f"{key.replace('_', ' ')}: {value}")
    return "Outcome: " + visible("; ".join(parts))


class DemoScreen(Screen[None]):
    CSS_PATH = "../demos.tcss"  # loaded when a demo opens, not at the app's start
    BINDINGS = [
        Binding("r", "run", "Run", id="demo.run", tooltip="Run the simulation to the end"),
        Binding("n,space", "step", "Step", id="demo.step", tooltip="Advance to the next event"),
        Binding("R,ctrl+r", "reset", "Reset", id="demo.reset", tooltip="Start again from time 0"),
        Binding("p", "predict", "Predict", id="demo.predict", tooltip="Predict, then run"),
        Binding("t", "focus_trace", "Trace", id="demo.trace", tooltip="Move to the trace"),
        Binding("escape", "leave", "Back", id="demo.back", tooltip="Back to the demo list"),
    ]

    def __init__(self, scenario: Scenario, seed: int = 0) -> None:
        super().__init__()
        self.scenario = scenario
        self.seed = seed
        self.sim: Stepper = make_simulator(scenario, seed)
        self.generation = 0
        self.running = False
        self.rows = 0
        self.question_index = 0
        self.pending: tuple[Prediction, int, int] | None = None  # prediction, choice, run

    def compose(self) -> ComposeResult:
        yield Header()
        title = f"{one_line(self.scenario.title, 90)}  [{self.scenario.kind}]"
        yield Static(title, id="demo-title", markup=False)
        with Horizontal(id="demo-main"):
            with VerticalScroll(id="demo-side"):
                yield PANELS[self.scenario.kind](self.scenario)
            yield DataTable(id="demo-trace", cursor_type="row", zebra_stripes=True)
        yield Static("", id="demo-verdict", markup=False)
        yield Static("", id="demo-explain", markup=False)
        yield Static("", id="demo-status", markup=False)
        yield Footer()

    @property
    def panel(self) -> SimPanel[Any]:
        return self.query_one(SimPanel)

    def on_mount(self) -> None:
        table = self.query_one("#demo-trace", DataTable)
        table.add_columns("time s", "event", "what happened")
        self.query_one("#demo-verdict", Static).display = False
        description = visible(self.scenario.description)
        self.query_one("#demo-explain", Static).update(description or "Press n to step.")
        self._fresh("r runs, n steps, p predicts first; edit the parameters on the left.")
        self._fit(self.size.width)
        table.focus()

    def on_resize(self, event: events.Resize) -> None:
        self._fit(event.size.width)

    def _fit(self, width: int) -> None:
        self.query_one("#demo-side").styles.width = 30 if width < NARROW else 40

    # ---- drawing ---------------------------------------------------------------------------
    def _fresh(self, status: str) -> None:
        self.query_one("#demo-trace", DataTable).clear()
        self.rows = 0
        self.panel.show(self.sim)
        self._status(status)

    def _status(self, text: str) -> None:
        self.query_one("#demo-status", Static).update(text)

    def _append(self, events: list[TraceEvent], generation: int) -> None:
        if generation != self.generation or not self.is_attached:
            return
        table = self.query_one("#demo-trace", DataTable)
        room = max(0, MAX_ROWS - self.rows)
        rows = [
            (f"{e.time:>8.3f}", Text(e.kind), Text(visible(e.detail), no_wrap=True))
            for e in events[:room]
        ]
        if rows:
            table.add_rows(rows)
            self.rows += len(rows)
            table.move_cursor(row=self.rows - 1)
        if events:
            self.query_one("#demo-explain", Static).update(explain(self.scenario.kind, events[-1]))
        self.panel.show(self.sim)
        shown = "" if len(self.sim.trace) <= self.rows else f" (table shows the first {self.rows})"
        self._status(f"t = {self.sim.loop.now:g}s, {len(self.sim.trace)} events{shown}")
        if self.sim.done:
            self._finished()

    def _finished(self) -> None:
        result = result_of(self.scenario, self.sim, self.seed)
        self._status(outcome_text(result.summary))
        if self.pending is not None and self.pending[2] == self.generation:
            prediction, choice, _ = self.pending
            self.pending = None
            judgement = prediction.judge(result)  # the run on screen, nothing else
            back = "\n(n, r or R puts the event explanation back)"
            self._show_verdict(verdict(prediction, choice, judgement) + back)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        index = event.cursor_row
        if 0 <= index < len(self.sim.trace) and not self.running:
            self.query_one("#demo-explain", Static).update(
                explain(self.scenario.kind, self.sim.trace[index])
            )

    # ---- actions ---------------------------------------------------------------------------
    def _show_verdict(self, text: str) -> None:
        box = self.query_one("#demo-verdict", Static)
        box.update(text)
        box.display = True
        self.query_one("#demo-explain", Static).display = False

    def _hide_verdict(self) -> None:
        self.query_one("#demo-verdict", Static).display = False
        self.query_one("#demo-explain", Static).display = True

    def action_step(self) -> None:
        if self.running:
            return
        self._hide_verdict()
        if self.sim.done:
            self._finished()
            return
        self._append(self.sim.step(), self.generation)

    def action_run(self) -> None:
        if self.running:
            return
        self._hide_verdict()
        self._start_run()

    def _start_run(self) -> None:
        if self.sim.done:
            self._reset("Ran again from time 0.")
        self.running = True
        self._status("Running…")
        self.run_sim(self.sim, self.generation)

    @work(thread=True, exclusive=True, group="demo-run", exit_on_error=False)
    def run_sim(self, sim: Stepper, generation: int) -> None:
        worker = get_current_worker()
        batch: list[TraceEvent] = []
        count = 0
        while not sim.done and not worker.is_cancelled:
            batch += sim.step()
            count += 1
            if count > sim.max_events:
                self.post_message(self.RunFailed(generation, "too many events; stopped"))
                return
            if len(batch) >= BATCH:
                self.post_message(self.Events(batch, generation))
                batch = []
        if not worker.is_cancelled:
            self.post_message(self.Events(batch, generation))
            self.post_message(self.RunEnded(generation))

    @dataclass
    class Events(Message):
        """Trace events of the run in progress (from its worker), in order."""

        events: list[TraceEvent]
        generation: int

    @dataclass
    class RunEnded(Message):
        generation: int

    @dataclass
    class RunFailed(Message):
        generation: int
        problem: str

    def on_demo_screen_events(self, message: Events) -> None:
        self._append(message.events, message.generation)

    def on_demo_screen_run_ended(self, message: RunEnded) -> None:
        self._stopped(message.generation)

    def on_demo_screen_run_failed(self, message: RunFailed) -> None:
        self._failed(message.generation, message.problem)

    def _stopped(self, generation: int) -> None:
        if generation == self.generation and self.is_attached:
            self.running = False

    def _failed(self, generation: int, problem: str) -> None:
        if generation == self.generation:
            self.running = False
            self._status(f"The simulation stopped: {problem}")

    def _reset(self, status: str) -> None:
        self.workers.cancel_group(self, "demo-run")
        self.running = False
        self.pending = None  # a prediction is only judged by the run it was made for
        self.generation += 1
        self.sim = make_simulator(self.scenario, self.seed)
        self._fresh(status)

    def action_reset(self) -> None:
        self._hide_verdict()
        self._reset("Reset to time 0. r runs, n steps.")

    def on_params_changed(self, message: ParamsChanged) -> None:
        self._hide_verdict()
        if message.problem:
            self._status(f"Not applied: {message.problem}")
            return
        self._reset("Parameters changed; the simulation starts again. r runs, n steps.")

    def action_predict(self) -> None:
        if self.running:
            return
        predictions = predictions_for(self.scenario)
        prediction = predictions[self.question_index % len(predictions)]
        self.question_index += 1
        self.app.push_screen(
            PredictScreen(prediction), lambda choice: self._predicted(prediction, choice)
        )

    def _predicted(self, prediction: Prediction, choice: int | None) -> None:
        if choice is None:
            return
        self._reset("Now watch this scenario run; the verdict comes when it ends.")
        self.pending = (prediction, choice, self.generation)
        self._show_verdict(
            f"Your prediction: {LETTERS[choice]}. {visible(prediction.options[choice])}\n"
            "Watch the run: the verdict is judged from what you see."
        )
        self._start_run()

    def action_focus_trace(self) -> None:
        self.query_one("#demo-trace", DataTable).focus()

    def action_leave(self) -> None:
        if isinstance(self.focused, Input):
            self.query_one("#demo-trace", DataTable).focus()
            return
        self.workers.cancel_group(self, "demo-run")
        self.generation += 1  # batches still on their way are dropped
        self.app.pop_screen()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.query_one("#demo-trace", DataTable).focus()
