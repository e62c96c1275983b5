"""`studyapp demo`: run a Route 53, SQS, RDS Proxy, Lambda or DynamoDB simulation without the app.

SCENARIO is a scenario file, or the name of a bundled one (`failover` or `route53-failover`).
A scenario that cannot be used prints `file:line: field '...': problem` and exits with 2.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from studyapp.util.textsafe import visible


def find_scenario(kind: str, name: str | None) -> Path | None:
    """The file for SCENARIO: an existing path, else a bundled `<kind>-<name>.yaml`."""
    from studyapp.sims.runner import SCENARIOS, default_scenario

    if name is None:
        return default_scenario(kind)
    path = Path(name).expanduser()
    if path.is_file():
        return path
    stem = name.removesuffix(".yaml")
    for candidate in (f"{stem}.yaml", f"{kind}-{stem}.yaml"):
        bundled = SCENARIOS / candidate
        if bundled.is_file() and bundled.name.startswith(f"{kind}-"):
            return bundled
    return None


def cmd_demo(
    kind: str, scenario: str | None, seed: int, as_json: bool, dump: Callable[[Any], str]
) -> int:
    from studyapp.sims.runner import ScenarioError, list_scenarios, run_demo

    path = find_scenario(kind, scenario)
    if path is None:
        names = ", ".join(p.stem.removeprefix(f"{kind}-") for p in list_scenarios(kind))
        print(
            f"studyapp demo: no scenario file {visible(str(scenario))!r} and no bundled "
            f"{kind} scenario of that name; bundled: {names}",
            file=sys.stderr,
        )
        return 2
    try:
        result = run_demo(kind, path, seed)
    except ScenarioError as exc:
        print(f"studyapp demo: {visible(str(exc))}", file=sys.stderr)
        return 2
    except RuntimeError as exc:  # the event budget ran out: a scenario far too large
        print(f"studyapp demo: {visible(str(path))}: {exc}", file=sys.stderr)
        return 2
    if as_json:
        print(dump(result.to_json()))
    else:
        sys.stdout.write(visible(result.to_text()))
    return 0
