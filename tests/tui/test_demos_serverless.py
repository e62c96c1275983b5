"""The Lambda and DynamoDB demos driven with real keys; predict-then-run on both."""

from __future__ import annotations

import re
from pathlib import Path

from test_demos import make_app, open_demo, predict, run_to_end, set_field, text_of, trace_rows

from studyapp.tui.screens.demo_live import DemoScreen


async def test_lambda_no_reservation_lets_the_api_scale_past_50(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_demo(pilot, app, "lambda", "lambda-default")
        status = await run_to_end(pilot, app)
        assert "throttled-429: 214" in status
        assert any(
            "throttled, its reserved concurrency (50) is in use" in r for r in trace_rows(app)
        )
        assert "api: 0 running, peak 50" in text_of(app, "#lambda-view")
        await set_field(pilot, "#provisioned", "0")
        await set_field(pilot, "#reserved", "-1")  # no reservation: the account's 1,000 apply
        status = await run_to_end(pilot, app)
        assert "throttles: none" in status and "final: ok: 500" in status


async def test_lambda_refuses_a_reservation_that_leaves_under_100(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_demo(pilot, app, "lambda", "lambda-default")
        await set_field(pilot, "#reserved", "950")
        assert "Not applied: reservations would leave 50 unreserved" in text_of(app, "#demo-status")


async def test_dynamodb_more_wcu_stops_the_throttling(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_demo(pilot, app, "dynamodb", "dynamodb-default")
        status = await run_to_end(pilot, app)
        assert "TableWriteProvisionedThroughputExceeded: 400" in status
        assert "writers: 2 WCU each" in text_of(app, "#ddb-view")
        await set_field(pilot, "#wcu", "200")
        status = await run_to_end(pilot, app)
        assert "throttled: none" in status


async def test_dynamodb_hot_key_share_zero_ends_the_key_range_throttling(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_demo(pilot, app, "dynamodb", "dynamodb-hot-partition")
        status = await run_to_end(pilot, app)
        assert "TableWriteKeyRangeThroughputExceeded" in status
        await set_field(pilot, "#hot", "0")
        status = await run_to_end(pilot, app)
        assert "throttled: none" in status


async def test_lambda_predict_verdict_counts_the_throttles_on_screen(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_demo(pilot, app, "lambda", "lambda-default")
        await predict(pilot, app, 1, "a")  # "None of them" get throttled: wrong here
        assert isinstance(app.screen, DemoScreen)
        verdict = text_of(app, "#demo-verdict")
        assert verdict.startswith("Your prediction did not hold.")
        said = re.search(r"(\d+) of 500 were throttled", verdict)
        shown = re.search(r"throttled-429: (\d+)", text_of(app, "#demo-status"))
        assert said and shown and said.group(1) == shown.group(1)


async def test_dynamodb_predict_units_from_the_run(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_demo(pilot, app, "dynamodb", "dynamodb-default")
        await set_field(pilot, "#item", "3.2")  # the question follows the edit: 4 WCU a write
        await predict(pilot, app, 3, "a")
        verdict = text_of(app, "#demo-verdict")
        assert "each write of writers took 4 WCU" in verdict
        assert any("x 4 WCU" in row for row in trace_rows(app))
