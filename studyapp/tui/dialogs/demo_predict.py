"""Predict, then run: a question the simulator answered, asked before the learner watches."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from studyapp.sims.questions import SimQuestion, questions_for
from studyapp.sims.rds_proxy import RdsScenario
from studyapp.sims.route53_sim import Route53Scenario
from studyapp.sims.runner import Scenario

# Which question fits a scenario best, by what the scenario shows.
_ROUTE53_POLICY = {"weighted": "r53-weighted-unhealthy", "failover": "r53-failover-both-down"}


def first_question_id(scenario: Scenario) -> str:
    model = scenario.model
    if isinstance(model, Route53Scenario):
        return _ROUTE53_POLICY.get(model.policy, "r53-geo-no-default")
    if isinstance(model, RdsScenario):
        if not model.proxy.enabled:
            return "rds-no-proxy"
        pinning = any(s != "select" for group in model.clients for s in group.statements)
        return "rds-pinning" if pinning else "rds-proxy-queue"
    return "sqs-slow-consumer"


def questions_in_order(scenario: Scenario) -> list[SimQuestion]:
    """The simulator's questions, the one that fits this scenario first."""
    questions = questions_for(scenario.kind)
    best = first_question_id(scenario)
    return sorted(questions, key=lambda q: q.id != best)


class PredictScreen(ModalScreen[str | None]):
    CSS_PATH = "../demos.tcss"  # loaded when a demo opens, not at the app's start
    """Shows one question; dismisses with the chosen option id (None = cancelled)."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="demo.predict.cancel"),
        Binding("a", "pick('a')", "a", id="demo.predict.a", show=False),
        Binding("b", "pick('b')", "b", id="demo.predict.b", show=False),
        Binding("c", "pick('c')", "c", id="demo.predict.c", show=False),
        Binding("d", "pick('d')", "d", id="demo.predict.d", show=False),
    ]

    def __init__(self, question: SimQuestion) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(id="predict-box"):
            yield Static("Predict, then run", classes="demo-heading", markup=False)
            yield Static(self.question.stem, id="predict-stem", markup=False)
            yield OptionList(
                *[Option(Text(f"{o.id}. {o.text}"), id=o.id) for o in self.question.options],
                id="predict-options",
            )
            yield Static("Pick with a-d or Enter; Escape cancels.", id="predict-help", markup=False)

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_pick(self, option_id: str) -> None:
        if any(o.id == option_id for o in self.question.options):
            self.dismiss(option_id)

    def action_cancel(self) -> None:
        self.dismiss(None)


def verdict(question: SimQuestion, choice: str) -> str:
    """What the learner is told after picking `choice`."""
    options = {o.id: o for o in question.options}
    picked = options[choice]
    right = ", ".join(f"{o}. {options[o].text}" for o in question.correct)
    head = (
        "Your prediction held."
        if choice in question.correct
        else f"Your prediction did not hold. The simulator's answer: {right}"
    )
    return f"{head}\n{picked.explanation}\nRule: {question.rule}  {question.reference}"
