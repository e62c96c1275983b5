"""Live demos: pick a simulator and one of its scenarios, or open a scenario file by path."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, OptionList, Static
from textual.widgets.option_list import Option

from studyapp.sims.runner import SIMULATORS, ScenarioError, list_scenarios, load_scenario
from studyapp.util.textsafe import one_line, visible

NAMES = {
    "route53": "Route 53 routing policies and health checks",
    "sqs": "SQS visibility timeout, redrive and polling",
    "rds-proxy": "RDS Proxy connection pooling",
    "lambda": "Lambda concurrency, throttling and retries",
    "dynamodb": "DynamoDB capacity units and throttling",
}
OPEN_FILE = "open-file"


def scenario_options() -> list[Option]:
    options: list[Option] = []
    for kind in SIMULATORS:
        options.append(Option(Text(NAMES[kind], style="bold"), disabled=True))
        for path in list_scenarios(kind):
            try:
                title = one_line(load_scenario(path, kind).title, 60)
            except ScenarioError as exc:
                title = f"(cannot load: {one_line(str(exc), 60)})"
            options.append(Option(Text(f"  {title}  ·  {path.stem}"), id=str(path)))
    options.append(Option(Text("Open a scenario file…"), id=OPEN_FILE))
    return options


class DemosScreen(Screen[None]):
    CSS_PATH = "../demos.tcss"  # loaded when a demo opens, not at the app's start
    BINDINGS = [
        Binding("o", "open_file", "Open file", id="demos.open", tooltip="Run your own scenario"),
        Binding("escape", "leave", "Back", id="demos.back", tooltip="Back to home"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="demos-box"):
            yield Static(
                "Live demos: watch AWS decide, step by step. Enter opens one.",
                id="demos-title",
                markup=False,
            )
            yield OptionList(*scenario_options(), id="demos-list")
            yield Input(placeholder="path/to/scenario.yaml, then Enter", id="demos-path")
            yield Static("", id="demos-error", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#demos-path", Input).display = False
        self.query_one("#demos-list", OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id == OPEN_FILE:
            self.action_open_file()
        elif event.option.id is not None:
            self.open_path(Path(event.option.id))

    def action_open_file(self) -> None:
        field = self.query_one("#demos-path", Input)
        field.display = True
        field.focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        if text:
            self.open_path(Path(text).expanduser())

    def open_path(self, path: Path) -> None:
        from studyapp.tui.screens.demo_live import DemoScreen

        error = self.query_one("#demos-error", Static)
        try:
            scenario = load_scenario(path)
        except ScenarioError as exc:
            error.update(visible(str(exc)))
            return
        except OSError as exc:
            error.update(visible(f"{path}: cannot read scenario ({exc.strerror or exc})"))
            return
        except RecursionError:
            error.update(visible(f"{path}: the scenario is nested too deeply"))
            return
        error.update("")
        self.app.push_screen(DemoScreen(scenario))

    def action_leave(self) -> None:
        field = self.query_one("#demos-path", Input)
        if field.display:
            field.display = False
            self.query_one("#demos-list", OptionList).focus()
            return
        self.app.pop_screen()
