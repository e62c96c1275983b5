"""Live demos driven with real keys: change a parameter, run, see the outcome change."""

from __future__ import annotations

import html
import re
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import DataTable, Static

from studyapp.sims.predict import predictions_for
from studyapp.sims.runner import SIMULATORS, list_scenarios, load_scenario
from studyapp.tui.app import StudyApp
from studyapp.tui.dialogs.demo_predict import PredictScreen
from studyapp.tui.factory import make_app as build_app
from studyapp.tui.screens.demo_live import DemoScreen


def text_of(app: StudyApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


def trace_rows(app: StudyApp) -> list[str]:
    table = app.screen.query_one("#demo-trace", DataTable)
    return [" ".join(str(cell) for cell in table.get_row_at(i)) for i in range(table.row_count)]


async def open_demo(pilot: Pilot[None], app: StudyApp, kind: str, name: str) -> None:
    """From home: `d`, then arrow down to the scenario and press Enter."""
    await pilot.press("d")
    await pilot.pause()
    before = [p for k in SIMULATORS[: SIMULATORS.index(kind)] for p in list_scenarios(k)]
    index = [p.stem for p in list_scenarios(kind)].index(name)
    await pilot.press(*["down"] * (len(before) + index), "enter")
    await pilot.pause()
    assert isinstance(app.screen, DemoScreen)
    assert app.screen.scenario.path.stem == name


async def run_to_end(pilot: Pilot[None], app: StudyApp) -> str:
    await pilot.press("r")
    await app.workers.wait_for_complete()
    await pilot.pause()
    return text_of(app, "#demo-status")


async def set_field(pilot: Pilot[None], selector: str, value: str) -> None:
    await pilot.click(selector)
    await pilot.press("home", "ctrl+k", *value, "enter")
    await pilot.pause()


def make_app(tmp_path: Path) -> StudyApp:
    return build_app(tmp_path / "db.sqlite3", import_bundled=False)


async def test_route53_unhealthy_70_weight_sends_every_answer_to_the_other(
    tmp_path: Path,
) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_demo(pilot, app, "route53", "route53-default")
        status = await run_to_end(pilot, app)
        assert "Outcome: queries: 125" in status
        assert "192.0.2.10:" in status and "192.0.2.20:" in status  # both targets answered
        await pilot.click("#up-0")  # blue, the 70-weight record: endpoint down from the start
        await pilot.pause()
        assert text_of(app, "#up-0-state") == "no"
        assert trace_rows(app) == []  # a changed parameter starts the run again
        status = await run_to_end(pilot, app)
        assert "answers: 192.0.2.20: 125" in status and "192.0.2.10" not in status
        bars = text_of(app, "#r53-bars")
        assert "green" in bars and "100%" in bars
        assert "hc-blue: UNHEALTHY" in bars


async def test_route53_weight_zero_and_an_invalid_weight(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_demo(pilot, app, "route53", "route53-default")
        await set_field(pilot, "#weight-0", "300")
        assert "Not applied: blue weight: 300 is outside 0..255" in text_of(app, "#demo-status")
        await set_field(pilot, "#weight-1", "0")  # green: weight 0 is a standby
        await set_field(pilot, "#weight-0", "70")
        status = await run_to_end(pilot, app)
        # green only answers once blue's health check has failed at 60 s and caches expired
        first = [row for row in trace_rows(app) if "192.0.2.20" in row][0]
        assert float(first.split()[0]) > 60
        assert "192.0.2.10:" in status


async def test_sqs_visibility_above_processing_time_stops_the_second_delivery(
    tmp_path: Path,
) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_demo(pilot, app, "sqs", "sqs-default")
        await run_to_end(pilot, app)
        assert any("'order-1' (receive count 2" in row for row in trace_rows(app))
        assert "moved to the DLQ: 1" in text_of(app, "#sqs-queues")
        await set_field(pilot, "#visibility", "60")  # above worker-a's 45 s
        status = await run_to_end(pilot, app)
        rows = trace_rows(app)
        assert not any("'order-1' (receive count 2" in row for row in rows)
        assert any("'order-1' (receive count 1" in row for row in rows)
        assert "delivered more than once: 1" in status  # only the poison message comes back
        assert "dlq: 1" in status


async def test_rds_switching_the_proxy_off_brings_connection_errors(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_demo(pilot, app, "rds-proxy", "rds-proxy-default")
        status = await run_to_end(pilot, app)
        assert "served: 300; errors: none" in status
        await pilot.click("#proxy")
        await pilot.pause()
        status = await run_to_end(pilot, app)
        assert "too-many-connections" in status
        assert any("Too many connections" in row for row in trace_rows(app))
        assert "(no proxy)" in text_of(app, "#rds-gauge-label")


async def test_step_shows_each_event_with_its_rule_and_reset_clears(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_demo(pilot, app, "rds-proxy", "rds-proxy-no-proxy")
        await pilot.press("n", "space", "n")
        await pilot.pause()
        assert len(trace_rows(app)) == 3
        explain = text_of(app, "#demo-explain")
        assert "Why (db-max-connections)" in explain
        assert "https://docs.aws.amazon.com/AmazonRDS/" in explain
        assert "Connections in use: 3/60" in text_of(app, "#rds-gauge-label")
        await pilot.press("R")
        await pilot.pause()
        assert trace_rows(app) == []
        assert "Reset to time 0" in text_of(app, "#demo-status")


async def predict(pilot: Pilot[None], app: StudyApp, presses: int, pick: str) -> None:
    """Press p (escaping earlier questions) until the `presses`-th question, pick, watch."""
    for _ in range(presses - 1):
        await pilot.press("p")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
    await pilot.press("p")
    await pilot.pause()
    assert isinstance(app.screen, PredictScreen)
    await pilot.press(pick)
    await app.workers.wait_for_complete()
    await pilot.pause()


async def test_predict_then_run_says_whether_the_prediction_held(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_demo(pilot, app, "route53", "route53-default")
        first = predictions_for(load_scenario(app.screen.scenario.path))[0]
        assert first.id == "r53-health-flip" and "hc-blue" in first.stem  # this scenario's check
        await predict(pilot, app, 1, "b")  # "between 120 and 150 s"
        assert isinstance(app.screen, DemoScreen)
        verdict = text_of(app, "#demo-verdict")
        assert verdict.startswith("Your prediction held.")
        assert "Outcome:" in text_of(app, "#demo-status")  # the scenario ran afterwards
        await predict(
            pilot, app, 1, "b"
        )  # the next: do cached answers still give blue? "No" is wrong
        verdict = text_of(app, "#demo-verdict")
        assert verdict.startswith("Your prediction did not hold.")
        assert "https://docs.aws.amazon.com/Route53/" in verdict


async def test_predict_verdict_quotes_the_figures_of_the_run_on_screen(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_demo(pilot, app, "sqs", "sqs-default")
        await predict(pilot, app, 2, "a")  # question 2: how many delivered more than once?
        verdict = text_of(app, "#demo-verdict")
        status = text_of(app, "#demo-status")
        said = re.search(r"delivered more than once: (\d+) of 4", verdict)
        shown = re.search(r"delivered more than once: (\d+)", status)
        assert said and shown and said.group(1) == shown.group(1)
        rows = trace_rows(app)  # and the very messages it names came back on screen
        for body in re.findall(r"([\w-]+) x\d", verdict):
            assert any(f"'{body}' (receive count 2" in row for row in rows)
        held = verdict.startswith("Your prediction held.")
        assert held == (said.group(1) == "0")


async def test_predict_health_flip_time_is_the_one_in_the_trace(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_demo(pilot, app, "route53", "route53-default")
        await pilot.click("#weight-1")  # an edit: the question and the run use the new value
        await set_field(pilot, "#weight-1", "10")
        await predict(pilot, app, 1, "a")
        verdict = text_of(app, "#demo-verdict")
        when = re.search(r"at ([\d.]+) s: health check hc-blue is now unhealthy", verdict)
        assert when
        flips = [row for row in trace_rows(app) if "health check hc-blue is now unhealthy" in row]
        assert [float(row.split()[0]) for row in flips] == [float(when.group(1))]


async def test_at_80_columns_the_dns_answer_stays_visible(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_demo(pilot, app, "route53", "route53-failover")
        await run_to_end(pilot, app)
        table = app.screen.query_one("#demo-trace", DataTable)
        last = table.row_count - 1
        answer = str(app.screen.sim.trace[last].data["values"][0])  # type: ignore[attr-defined,index]
        table.move_cursor(row=last)
        await pilot.pause()
        screen = visible_text(app)
        row = next(line for line in screen if f"{last_time(app):>8.3f}" in line)
        assert answer in row  # in the trace row itself, not only in the explanation


def visible_text(app: StudyApp) -> list[str]:
    """The terminal's lines as the learner sees them."""
    svg = app.export_screenshot()
    lines = re.findall(r"<text[^>]*>(.*?)</text>", svg)
    text = "".join(html.unescape(re.sub(r"<[^>]+>", "", t)) for t in lines)
    return [line.replace("\xa0", " ") for line in text.split("\n")] if "\n" in text else _rows(svg)


def _rows(svg: str) -> list[str]:
    rows: dict[str, list[tuple[float, str]]] = {}
    for match in re.finditer(r'<text[^>]*x="([\d.]+)"[^>]*y="([\d.]+)"[^>]*>(.*?)</text>', svg):
        x, y, body = match.groups()
        rows.setdefault(y, []).append((float(x), html.unescape(re.sub(r"<[^>]+>", "", body))))
    out = []
    for y in sorted(rows, key=float):
        out.append("".join(t for _, t in sorted(rows[y])).replace("\xa0", " "))
    return out


def last_time(app: StudyApp) -> float:
    return app.screen.sim.trace[-1].time  # type: ignore[attr-defined,no-any-return]


async def test_opening_a_broken_file_names_line_and_field(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("simulator: sqs\nqueues:\n  - {name: q, visibility_timeout: -1}\n")
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("o")
        await pilot.press(*str(bad), "enter")
        await pilot.pause()
        error = text_of(app, "#demos-error")
        assert f"{bad}:3: field 'queues[0].visibility_timeout'" in error
        assert not isinstance(app.screen, DemoScreen)
        good = tmp_path / "mine.yaml"
        good.write_text((list_scenarios("sqs")[0]).read_text(encoding="utf-8"), encoding="utf-8")
        await pilot.press("home", "ctrl+k", *str(good), "enter")
        await pilot.pause()
        assert isinstance(app.screen, DemoScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, DemoScreen)
