"""`studyapp`: the TUI by default, and the same capabilities without a screen.

Heavy modules are imported inside each command so `studyapp --help` stays instant.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from studyapp.util import locations
from studyapp.util.textsafe import one_line, visible

if TYPE_CHECKING:
    from studyapp.store.collection import Collection


def _dump(data: Any) -> str:
    # ensure_ascii=False keeps emoji readable; C1 controls are still escaped for terminals.
    text = json.dumps(data, ensure_ascii=False, indent=2)
    return "".join(f"\\u{ord(c):04x}" if 0x7F <= ord(c) <= 0x9F else c for c in text)


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="studyapp",
        description="Study AWS certification exams from your own notes, in the terminal.",
    )
    p.add_argument(
        "--db",
        metavar="PATH",
        help=f"database file (default: ${locations.DB_ENV}, else {locations.default_db_path()})",
    )
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    imp = sub.add_parser(
        "import",
        help="import notes files or folders (.md, .markdown, .txt), or Anki decks (.apkg, .colpkg)",
    )
    imp.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    imp.add_argument("--json", action="store_true", help="print the summary as JSON")

    xp = sub.add_parser("export", help="export cards for Anki (.apkg) or as CSV")
    xp.add_argument("--format", choices=("apkg", "csv"), default="apkg", dest="fmt")
    xp.add_argument("--topic", metavar="TEXT", help="only topics whose path contains TEXT")
    xp.add_argument("--exam", metavar="CODE", help="only cards of this exam's domains")
    xp.add_argument("-o", "--output", type=Path, required=True, metavar="FILE")
    xp.add_argument("--json", action="store_true", help="print the summary as JSON")

    crd = sub.add_parser("cards", help="list the cards made from your notes")
    crd.add_argument("--topic", metavar="TEXT", help="only topics whose path contains TEXT")
    crd.add_argument("--json", action="store_true", help="print the cards as JSON")
    crd_sub = crd.add_subparsers(dest="cards_action", metavar="ACTION")
    srch = crd_sub.add_parser(
        "search",
        help="search cards as the card browser does: words, topic:, domain:, is:STATE",
    )
    srch.add_argument("query", nargs="*", metavar="TERM", help="e.g. sqs is:due domain:saa-c03:2")
    srch.add_argument("--json", action="store_true", help="print the cards as JSON")
    for action, what in (
        ("suspend", "never show these cards until unsuspended"),
        ("unsuspend", "show these suspended cards again"),
        ("bury", "hide these cards until tomorrow"),
        ("unbury", "show these buried cards again today"),
        ("forget", "reset these cards to new (their review history is kept)"),
    ):
        act = crd_sub.add_parser(action, help=what)
        act.add_argument("ids", nargs="+", type=int, metavar="ID")
        act.add_argument("--json", action="store_true", help="print what changed as JSON")

    qs = sub.add_parser("questions", help="list the question bank and its counts per domain")
    qs.add_argument("--exam", metavar="CODE", help="only this exam (saa-c03, dva-c02, ...)")
    qs.add_argument("--json", action="store_true", help="print the bank as JSON")
    qs.add_argument(
        "--lint",
        action="store_true",
        help="check the bank against the exam-style bar (weights, tells, stems, repeats, links)",
    )
    qs.add_argument(
        "--notes",
        type=Path,
        metavar="DIR",
        help="with --lint: also report lines that repeat 10 words of the notes in DIR",
    )

    ex = sub.add_parser("exam", help="sit a timed mock exam (or a practice exam) in the app")
    ex.add_argument("code", metavar="CODE", help="the exam: saa-c03, dva-c02, ...")
    ex.add_argument(
        "--count", type=int, metavar="N", help="a practice exam of N questions at the real pace"
    )
    ex.add_argument(
        "--review", action="store_true", help="untimed; show the answer after each question"
    )
    ex.add_argument("--seed", type=int, metavar="N", help="the same seed gives the same exam")

    hs = sub.add_parser("history", help="past exam and quiz attempts: scores, domains, trend")
    hs.add_argument("exam", nargs="?", metavar="EXAM", help="one exam (default: every exam)")
    hs.add_argument("--json", action="store_true", help="print the attempts as JSON")

    rep = sub.add_parser("report", help="progress per exam domain: cards known, accuracy, time")
    rep.add_argument("exam", nargs="?", metavar="EXAM", help="one exam (default: every exam)")
    rep.add_argument("--format", choices=("text", "markdown", "json"), default="text")

    dm = sub.add_parser(
        "demo", help="run a Route 53, SQS, RDS Proxy, Lambda or DynamoDB simulation"
    )
    dm.add_argument("simulator", choices=("route53", "sqs", "rds-proxy", "lambda", "dynamodb"))
    dm.add_argument(
        "scenario", nargs="?", metavar="SCENARIO", help="a scenario file or a bundled name"
    )
    dm.add_argument("--seed", type=int, default=0, metavar="N", help="random seed (default 0)")
    dm.add_argument("--json", action="store_true", help="print the trace and outcome as JSON")

    doc = sub.add_parser(
        "doctor", help="check the database (and repair it, or restore the newest backup)"
    )
    how = doc.add_mutually_exclusive_group()
    how.add_argument(
        "--repair", action="store_true", help="back up, then repair what can be repaired safely"
    )
    how.add_argument(
        "--restore-backup",
        action="store_true",
        help="put the newest backup in place of a damaged database (the damaged file is kept)",
    )
    doc.add_argument(
        "--drop-orphan-reviews",
        action="store_true",
        help="with --repair: also delete reviews whose card is gone (kept otherwise)",
    )
    doc.add_argument("--json", action="store_true", help="print the findings as JSON")

    syn = sub.add_parser(
        "sync", help="push and pull reviews, attempts and settings through a PostgreSQL server"
    )
    syn.add_argument(
        "url",
        nargs="?",
        metavar="URL",
        help="postgresql://USER@HOST/DB (default: $STUDYAPP_SYNC_URL, else [sync] url in the"
        " config file)",
    )
    syn.add_argument(
        "--collection", metavar="NAME", help="whose rows on the server (default: the DB user)"
    )
    syn.add_argument("--json", action="store_true", help="print what was synced as JSON")

    fg = sub.add_parser(
        "forget", help="retire the cards of an imported file or folder (their reviews are kept)"
    )
    fg.add_argument("paths", nargs="+", metavar="PATH", help="as imported (it need not exist now)")
    fg.add_argument("--json", action="store_true", help="print what was retired as JSON")

    sv = sub.add_parser("serve", help="serve the app to a web browser (textual-serve)")
    sv.add_argument(
        "--host", default="localhost", help="address to listen on (default: localhost only)"
    )
    sv.add_argument("--port", type=int, default=8000, metavar="P", help="port (default 8000)")
    sv.add_argument(
        "--public-url",
        metavar="URL",
        help="the address browsers reach it by, if not http://HOST:PORT (a proxy, 0.0.0.0)",
    )

    sub.add_parser("tui", help="open the app (the default when no command is given)")
    return p


def check_db_path(value: str | None) -> str | None:
    """Why `--db` (or $STUDYAPP_DB) cannot be used, or None. Only the default location is
    created: a path a learner typed must be in a folder that exists, else a typo would quietly
    start an empty collection somewhere."""
    if value is not None and not value.strip():
        return "--db needs a path (it was empty)"
    given = value or os.environ.get(locations.DB_ENV)
    if not given:
        return None
    path = Path(given).expanduser()
    source = "--db" if value else f"${locations.DB_ENV}"
    if path.is_dir():
        return f"{source} {path}: this is a folder; give a database file's path"
    if not path.parent.is_dir():
        return f"{source} {path}: the folder {path.parent} does not exist (create it first)"
    return None


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    problem = check_db_path(args.db)
    if problem is not None:
        print(f"studyapp: {visible(problem)}", file=sys.stderr)
        return 2
    db_path = locations.resolve_db_path(args.db)
    try:
        return _run(args, db_path)
    except BrokenPipeError:
        # the reader went away (`studyapp cards | head`): not an error of ours. Point stdout at
        # /dev/null so the interpreter's own flush at exit does not raise it again.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
        return 141  # what a shell reports for a program ended by SIGPIPE (128 + 13)
    except KeyboardInterrupt:
        return 130
    except Exception as exc:
        if not explained(exc):
            raise
        print(f"studyapp: {visible(str(exc))}", file=sys.stderr)
        return 2


def _run(args: argparse.Namespace, db_path: Path) -> int:
    if args.command == "import":
        return cmd_import(db_path, args.paths, args.json)
    if args.command == "cards":
        from studyapp.cli import cards

        if args.cards_action == "search":
            return cards.cmd_search(db_path, args.query, args.json, _dump)
        if args.cards_action in cards.ACTIONS:
            return cards.cmd_act(db_path, args.cards_action, args.ids, args.json, _dump)
        return cmd_cards(db_path, args.topic, args.json)
    if args.command == "export":
        from studyapp.cli.export import cmd_export

        return cmd_export(db_path, args.fmt, args.output, args.topic, args.exam, args.json, _dump)
    if args.command == "report":
        from studyapp.cli.report import cmd_report

        return cmd_report(db_path, args.exam, args.format, _dump)
    if args.command == "history":
        from studyapp.cli.history import cmd_history

        return cmd_history(db_path, args.exam, args.json, _dump)
    if args.command == "demo":
        from studyapp.cli.demo import cmd_demo

        return cmd_demo(args.simulator, args.scenario, args.seed, args.json, _dump)
    if args.command == "questions":
        from studyapp.cli.questions import cmd_lint, cmd_questions

        if args.lint:
            return cmd_lint(args.exam, args.json, args.notes, _dump)
        return cmd_questions(args.exam, args.json, _dump)
    if args.command == "exam":
        from studyapp.cli.exam import cmd_exam

        return cmd_exam(db_path, args.code, args.count, args.review, args.seed)
    if args.command == "doctor":
        from studyapp.cli.doctor import cmd_doctor

        return cmd_doctor(
            db_path,
            args.repair,
            args.restore_backup,
            args.drop_orphan_reviews,
            args.json,
            _dump,
        )
    if args.command == "sync":
        from studyapp.cli.sync import cmd_sync

        return cmd_sync(db_path, args.url, args.collection, args.json, _dump)
    if args.command == "forget":
        return cmd_forget(db_path, args.paths, args.json)
    if args.command == "serve":
        from studyapp.cli.serve import cmd_serve

        return cmd_serve(db_path, args.host, args.port, args.public_url)
    from studyapp.tui.factory import run_app

    return run_app(db_path)


def explained(exc: BaseException) -> bool:
    """A database problem, or a broken exam guide or service catalogue: errors whose message
    already names the file (and line) and says what to do. Their modules are looked up, not
    imported: the app's start must not pay for SQLAlchemy or YAML just to catch them."""
    from studyapp.store.errors import DatabaseError

    kinds: list[type] = [DatabaseError]
    for module, name in (
        ("studyapp.exam.guide", "GuideError"),
        ("studyapp.reports.catalogue", "CatalogueError"),
    ):
        loaded = sys.modules.get(module)
        if loaded is not None:
            kinds.append(getattr(loaded, name))
    return isinstance(exc, tuple(kinds))


def _open(db_path: Path) -> Collection:
    from studyapp.store.collection import Collection

    return Collection.open(db_path)


def cmd_import(db_path: Path, paths: list[Path], as_json: bool) -> int:
    from studyapp.usecases.importing import import_paths

    collection = _open(db_path)
    try:
        collection.check_intact()  # refuse, as `cards` and `doctor` do, before writing
        report = import_paths(collection, paths)
    finally:
        collection.close()
    # a path with nothing there is an error (exit 1) after the others are imported, as with `cp`;
    # a broken or looping link is there, and skipped with a warning like an unreadable file
    status = 1 if any(not os.path.lexists(p) for p in paths) else 0
    if as_json:
        print(_dump(report.to_json()))
        return status
    for f in report.files:
        kinds = ", ".join(f"{k} {n}" for k, n in sorted(f.cards_by_kind.items()))
        line = f"{visible(f.path)}: {f.status}"
        if f.status != "skipped":
            line += (
                f": {f.topics} topics, {f.cards} cards ({kinds or 'none'}), {f.tables} tables;"
                f" {f.new} new, {f.updated} updated, {f.retired} retired, {f.unchanged} unchanged"
            )
        if f.repaired:
            line += " [mis-decoded characters repaired]"
        print(line)
        for path, number, message in f.warnings:
            print(f"  {visible(path)}:{number}: {visible(message)}")
        for finding in (x for x in report.fact_findings if x.path == f.path):
            print(f"  fact check: {visible(finding.path)}:{finding.line}: {visible(finding.quote)}")
            print(f"    {visible(finding.message())}")
    for path, number, message in report.warnings:
        print(f"{visible(path)}:{number}: {visible(message)}")
    t = report.to_json()["totals"]
    assert isinstance(t, dict)
    print(
        f"{t['files']} files ({t['imported']} imported, {t['unchanged_files']} unchanged, "
        f"{t['skipped']} skipped): {t['topics']} topics, {t['cards']} cards, {t['tables']} tables; "
        f"{t['new']} new, {t['updated']} updated, {t['retired']} retired; {t['warnings']} warnings"
        + (f"; {t['fact_findings']} fact-check findings" if t["fact_findings"] else "")
    )
    return status


def cmd_forget(db_path: Path, paths: list[str], as_json: bool) -> int:
    """Exit 0 when every path matched an imported file, 1 when one did not."""
    from studyapp.usecases.forgetting import forget

    collection = _open(db_path)
    try:
        results = [(p, forget(collection, p)) for p in paths]
    finally:
        collection.close()
    if as_json:
        print(_dump({"forgotten": [{"path": p, **r.to_json()} for p, r in results]}))
    else:
        for given, result in results:
            for shown, n in result.files:
                print(f"{visible(shown)}: {n} cards retired (their reviews are kept)")
            if not result.files:
                print(f"studyapp: {visible(given)}: no imported file here", file=sys.stderr)
    return 0 if all(r.files for _, r in results) else 1


def cmd_cards(db_path: Path, topic: str | None, as_json: bool) -> int:
    collection = _open(db_path)
    try:
        rows = collection.list_cards(topic=topic)
    finally:
        collection.close()
    if as_json:
        print(_dump({"cards": [r.to_json() for r in rows], "count": len(rows)}))
        return 0
    for r in rows:
        print(f"{visible(r.source)}:{r.line}  [{r.kind}]  {one_line(r.topic_path)}")
        print(f"    Q: {one_line(r.front)}")
        print(f"    A: {one_line(r.back)}")
    print(f"{len(rows)} cards" + (f" in topics matching {topic!r}" if topic else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
