"""`studyapp sync`: push and pull everything a learner makes through a PostgreSQL server.

Each machine keeps its own SQLite collection and studies offline; a sync joins them. What
travels: the review log, the newest suspension or bury of each card, finished exam and quiz
attempts, and the [study] settings. Cards are matched by their stable uid (notes/identity.py),
reviews and attempts by their globally unique uid, so merging is the union of the logs: a review
is never lost or counted twice. Each card that got reviews from elsewhere is rebuilt from its
merged log: a log that is one chain (each review made on the state the one before it left) keeps
its states; a log where two machines reviewed the same card offline is replayed with fsrs
without fuzz, the same on every machine, so both converge whichever syncs first.

Safety: one server transaction per direction. The push is committed on the server before this
file marks anything pushed, and the pull is written here in one local transaction with its
cursor, so a sync killed anywhere is rerun without loss or double (the server ignores a uid it
has). The server may hold many learners: every row has its collection's id (the collection's
name defaults to the PostgreSQL user). Credentials come from the URL, the environment or
`.pgpass`, as libpq reads them, and TLS is as libpq does it (`sslmode=` in the URL); no message
carries a password (`mask_url`).

This is the only module that imports psycopg (an import-linter contract says so).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import asdict, dataclass, fields
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import psycopg

from studyapp.store.codec import loaded, stored
from studyapp.store.collection import Collection
from studyapp.store.server_migrate import SERVER_HEAD, SERVER_REVISIONS, VERSION_TABLE
from studyapp.store.sync_queries import AttemptRecord, FlagRow, LogRow
from studyapp.study.scheduler import replay, replay_scheduler, same_state, with_card_id
from studyapp.study.settings import StudySettings
from studyapp.usecases.sync_url import ENV_URL, resolve_url

CONNECT_TIMEOUT_S = 5
COLLECTION_LOCK = 771_901  # pg_advisory_xact_lock(key, collection id): one sync at a time each
CHUNK = 5_000
REVIEW_STATE = 2  # fsrs.State.Review
TABLES = ("reviews", "card_flags", "attempts", "settings")
# a server time in the collection's stored form (naive UTC text), made by the server
STORED_TIME = "to_char({} AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US')"

Progress = Callable[[str, int], None]  # (stage "push" | "pull" | "merge", rows so far)


class SyncError(Exception):
    """What went wrong, safe to show: the server's URL masked, never a password."""


@dataclass(slots=True)
class SyncResult:
    server: str  # the masked URL
    collection: str
    pushed_reviews: int = 0
    pulled_reviews: int = 0
    pushed_flags: int = 0
    pulled_flags: int = 0
    pushed_attempts: int = 0
    pulled_attempts: int = 0
    rebuilt_cards: int = 0  # cards whose merged log was replayed
    waiting_reviews: int = 0  # pulled reviews whose card is not imported here
    settings_pulled: bool = False
    settings: StudySettings | None = None  # the server's, newer than this machine's

    def to_json(self) -> dict[str, Any]:
        out = {f.name: getattr(self, f.name) for f in fields(self) if f.name != "settings"}
        out["settings"] = None if self.settings is None else _settings_json(self.settings)
        return out

    def summary(self) -> str:
        return (
            f"synced with {self.server} as {self.collection}: "
            f"{self.pushed_reviews} reviews pushed, {self.pulled_reviews} pulled"
            f" ({self.rebuilt_cards} cards replayed), "
            f"{self.pushed_attempts + self.pulled_attempts} attempts, "
            f"{self.pushed_flags + self.pulled_flags} suspensions or buries"
            + (", settings from the server" if self.settings_pulled else "")
            + (
                f"; {self.waiting_reviews} reviews wait for notes not imported here"
                if self.waiting_reviews
                else ""
            )
        )


def mask_url(url: str) -> str:
    """The URL fit to print: any password (in the netloc or a `password=` parameter) is ***."""
    masked = re.sub(r"(?i)(password\s*=\s*)('[^']*'|[^&\s]*)", r"\1***", url)
    try:
        parts = urlsplit(masked)
    except ValueError:
        return "(a sync URL that cannot be read)"
    if parts.password is not None:
        host = parts.netloc.rsplit("@", 1)[1]
        masked = masked.replace(parts.netloc, f"{parts.username}:***@{host}", 1)
    return masked


def _scrub(text: str, url: str) -> str:
    """A driver message with the URL's password taken out wherever it appears."""
    secrets = set(re.findall(r"(?i)password\s*=\s*('[^']*'|[^&\s]*)", url))
    try:
        password = urlsplit(url).password
    except ValueError:
        password = None
    if password:
        secrets.add(password)
    for secret in secrets:
        if secret:
            text = text.replace(secret, "***")
    return text.replace(url, mask_url(url))


def _settings_json(s: StudySettings) -> dict[str, Any]:
    data = asdict(s)
    data.pop("extra", None)
    return data


def _settings_from(text: str) -> StudySettings:
    data = json.loads(text)
    known = {f.name: f for f in fields(StudySettings) if f.name != "extra"}
    defaults = StudySettings()
    kwargs: dict[str, Any] = {}
    for key, value in data.items():
        if key not in known:
            continue
        default = getattr(defaults, key)
        kwargs[key] = tuple(value) if isinstance(default, tuple) else type(default)(value)
    return StudySettings(**kwargs)


def sync(
    store: Collection,
    url: str,
    *,
    collection: str | None = None,
    settings: StudySettings | None = None,
    settings_at: datetime | None = None,
    progress: Progress | None = None,
) -> SyncResult:
    """Push, then pull. `settings` (changed at `settings_at`, None: never set here) go up when
    newer than the server's; the server's come back in the result when newer than these.
    Raises SyncError when the server cannot be reached or refuses; the collection is unchanged
    by a sync that failed before its pull committed."""
    settings = settings or StudySettings()
    try:
        con = psycopg.connect(
            url, connect_timeout=CONNECT_TIMEOUT_S, application_name="studyapp", autocommit=True
        )
    except psycopg.Error as exc:
        raise SyncError(
            f"cannot reach the sync server {mask_url(url)}: {_first_line(exc, url)}."
            " Nothing was synced; studying goes on with this machine's collection."
        ) from None
    try:
        con.execute("SET TIME ZONE 'UTC'")
        _ensure_schema(con, url)
        name = collection or str(_value(con, "SELECT current_user"))
        cid = _collection_id(con, name)
        key = f"{_value(con, 'SELECT instance FROM studyapp_server')}/{name}"
        result = SyncResult(mask_url(url), name)
        run = _Run(con, store, key, cid, settings, settings_at, result, progress)
        _push(run)
        _pull(run)
        result.waiting_reviews = store.waiting_count()
        return result
    except psycopg.Error as exc:
        raise SyncError(
            f"sync with {mask_url(url)} stopped: {_first_line(exc, url)}."
            " What was not committed will go at the next sync; studying goes on."
        ) from None
    finally:
        con.close()


def _first_line(exc: BaseException, url: str) -> str:
    text = str(exc).strip().splitlines()
    return _scrub(text[0] if text else type(exc).__name__, url)


def _value(con: psycopg.Connection[Any], sql: str, args: tuple[Any, ...] = ()) -> Any:
    row = con.execute(sql, args).fetchone()  # type: ignore[arg-type]
    return None if row is None else row[0]


def _ensure_schema(con: psycopg.Connection[Any], url: str) -> None:
    revision = None
    if _value(con, "SELECT to_regclass(%s)", (VERSION_TABLE,)) is not None:
        revision = _value(con, f"SELECT version_num FROM {VERSION_TABLE}")
    if revision == SERVER_HEAD:
        return
    if revision is not None and revision not in SERVER_REVISIONS:
        raise SyncError(
            f"the sync server {mask_url(url)} was set up by a newer studyapp (schema "
            f"{revision}); upgrade studyapp on this machine. Studying goes on locally."
        )
    from studyapp.store.server_migrate import migrate_server

    try:
        migrate_server(url)
    except Exception as exc:  # SQLAlchemy's errors wrap the driver's; say only the first line
        raise SyncError(
            f"could not set up the sync server {mask_url(url)}: {_first_line(exc, url)}"
        ) from None


def _collection_id(con: psycopg.Connection[Any], name: str) -> int:
    with con.transaction():
        found = _value(
            con,
            "INSERT INTO studyapp_collections (name) VALUES (%s)"
            " ON CONFLICT (name) DO NOTHING RETURNING id",
            (name,),
        )
        if found is None:
            found = _value(con, "SELECT id FROM studyapp_collections WHERE name = %s", (name,))
    return int(found)


def _newest_seq(con: psycopg.Connection[Any], cid: int) -> int:
    return int(
        _value(
            con,
            "SELECT greatest("
            + ", ".join(
                f"(SELECT coalesce(max(seq), 0) FROM studyapp_{t} WHERE collection_id = %s)"
                for t in TABLES
            )
            + ")",
            (cid,) * len(TABLES),
        )
    )


@dataclass(frozen=True, slots=True)
class _Run:
    """One sync: the server connection, this machine's collection and where both stand."""

    con: psycopg.Connection[Any]
    store: Collection
    key: str  # this server and learner, as the local sync_state knows them
    cid: int  # the learner's collection id on the server
    settings: StudySettings
    settings_at: datetime | None
    result: SyncResult
    progress: Progress | None


def astuple_shallow(run: _Run) -> tuple[Any, ...]:
    """The run's fields in order, not copied (dataclasses.astuple would deep-copy the
    connection)."""
    return tuple(getattr(run, f.name) for f in fields(run))


def _push(run: _Run) -> None:
    con, store, key, cid, settings, settings_at, result, progress = astuple_shallow(run)
    cursor = int(store.sync_value(key, "pulled") or 0)
    last_review = 0
    attempts = store.unsynced_attempts()
    flags = store.changed_flags(store.sync_value(key, "flags_pushed"))
    with con.transaction():
        con.execute("SELECT pg_advisory_xact_lock(%s, %s)", (COLLECTION_LOCK, cid))
        nothing_new = _newest_seq(con, cid) <= cursor  # all the server has, this file has
        con.execute(
            "CREATE TEMP TABLE push_reviews (uid text, card_uid text, rating smallint,"
            " reviewed_at timestamp, duration_ms int, state_before text, state_after text)"
            " ON COMMIT DROP"
        )
        n = 0
        with con.cursor().copy("COPY push_reviews FROM STDIN") as copy:
            for rid, r in store.unsynced_reviews():
                copy.write_row(r.values())
                last_review = rid
                n += 1
                if progress is not None and n % CHUNK == 0:
                    progress("push", n)
        if n:
            result.pushed_reviews = con.execute(
                "INSERT INTO studyapp_reviews (collection_id, uid, card_uid, rating, reviewed_at,"
                " duration_ms, state_before, state_after)"
                " SELECT %s, uid, card_uid, rating, reviewed_at AT TIME ZONE 'UTC', duration_ms,"
                " state_before, state_after FROM push_reviews ON CONFLICT DO NOTHING",
                (cid,),
            ).rowcount
        if flags:
            with con.cursor() as cur:
                cur.executemany(
                    "INSERT INTO studyapp_card_flags AS f (collection_id, card_uid, suspended,"
                    " buried_until, flags_at) VALUES (%s, %s, %s, %s, %s)"
                    " ON CONFLICT (collection_id, card_uid) DO UPDATE SET"
                    " suspended = excluded.suspended, buried_until = excluded.buried_until,"
                    " flags_at = excluded.flags_at, seq = nextval('studyapp_change_seq')"
                    " WHERE f.flags_at < excluded.flags_at",
                    [
                        (cid, f.card_uid, f.suspended, loaded(f.buried_until), loaded(f.flags_at))
                        for f in flags
                    ],
                )
            result.pushed_flags = len(flags)
        if attempts:
            with con.cursor() as cur:
                cur.executemany(
                    "INSERT INTO studyapp_attempts (collection_id, uid, exam, mode, started_at,"
                    " finished_at, state, scaled_score, passed, result, answers)"
                    " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)"
                    " ON CONFLICT DO NOTHING",
                    [
                        (
                            cid,
                            a.uid,
                            a.exam,
                            a.mode,
                            loaded(a.started_at),
                            loaded(a.finished_at),
                            a.state,
                            a.scaled_score,
                            a.passed,
                            a.result,
                            a.answers,
                        )
                        for _, a in attempts
                    ],
                )
            result.pushed_attempts = len(attempts)
        if settings_at is not None:
            con.execute(
                "INSERT INTO studyapp_settings AS s (collection_id, study, updated_at)"
                " VALUES (%s, %s, %s) ON CONFLICT (collection_id) DO UPDATE SET"
                " study = excluded.study, updated_at = excluded.updated_at,"
                " seq = nextval('studyapp_change_seq')"
                " WHERE s.updated_at < excluded.updated_at AND s.study <> excluded.study",
                (cid, json.dumps(_settings_json(settings), sort_keys=True), settings_at),
            )
        # nothing came from elsewhere since the last pull: what is new on the server is ours
        skip_to = _newest_seq(con, cid) if nothing_new else None
    # committed on the server: now mark it here (a kill before this only means a re-push)
    with store.batch():
        if last_review:
            store.mark_reviews_synced(last_review)
        if attempts:
            store.mark_attempts_synced([i for i, _ in attempts])
        if flags:
            store.set_sync_value(key, "flags_pushed", max(f.flags_at for f in flags))
        if skip_to is not None and skip_to > cursor:
            store.set_sync_value(key, "pulled", str(skip_to))


def _pull(run: _Run) -> None:
    con, store, key, cid, settings, settings_at, result, progress = astuple_shallow(run)
    cursor = int(store.sync_value(key, "pulled") or 0)
    top = cursor
    with con.transaction(), store.batch():
        con.execute("SELECT pg_advisory_xact_lock(%s, %s)", (COLLECTION_LOCK, cid))
        row = con.execute(
            "SELECT study, updated_at, seq FROM studyapp_settings"
            " WHERE collection_id = %s AND seq > %s",
            (cid, cursor),
        ).fetchone()
        if row is not None:
            top = max(top, int(row[2]))
            theirs = _settings_from(row[0])
            if (settings_at is None or row[1] > settings_at) and theirs != settings:
                result.settings, result.settings_pulled, settings = theirs, True, theirs
        with store.bulk_reviews() as touched, con.cursor(name="studyapp_pull_reviews") as cur:
            cur.itersize = CHUNK
            cur.execute(
                "SELECT uid, card_uid, rating, " + STORED_TIME.format("reviewed_at") + ","
                " duration_ms, state_before, state_after, seq FROM studyapp_reviews"
                " WHERE collection_id = %s AND seq > %s",
                (cid, cursor),
            )
            batch: list[LogRow] = []
            seen = 0
            for r in cur:
                batch.append(LogRow(r[0], r[1], r[2], r[3], r[4], r[5], r[6]))
                top = max(top, int(r[7]))
                if len(batch) >= CHUNK:
                    result.pulled_reviews += _place(store, batch, touched)
                    seen += len(batch)
                    batch = []
                    if progress is not None:
                        progress("pull", seen)
            result.pulled_reviews += _place(store, batch, touched)
            waiting = store.waiting_reviews()  # their notes have been imported since
            if waiting:
                result.pulled_reviews += _place(store, waiting, touched)
                store.drop_waiting([w.uid for w in waiting])
        flags = []
        for r in con.execute(
            "SELECT card_uid, suspended, buried_until, flags_at, seq FROM studyapp_card_flags"
            " WHERE collection_id = %s AND seq > %s",
            (cid, cursor),
        ):
            top = max(top, int(r[4]))
            flags.append(
                FlagRow(r[0], bool(r[1]), None if r[2] is None else stored(r[2]), stored(r[3]))
            )
        result.pulled_flags = store.apply_flags(flags)
        attempts = []
        for r in con.execute(
            "SELECT uid, exam, mode, started_at, finished_at, state, scaled_score, passed,"
            " result, answers, seq FROM studyapp_attempts"
            " WHERE collection_id = %s AND seq > %s",
            (cid, cursor),
        ):
            top = max(top, int(r[10]))
            attempts.append(AttemptRecord(r[0], r[1], r[2], stored(r[3]), stored(r[4]), *r[5:10]))
        result.pulled_attempts = store.add_pulled_attempts(attempts)
        scheduler = replay_scheduler(settings)
        for n, card_id in enumerate(sorted(touched), 1):
            result.rebuilt_cards += _rebuild(store, scheduler, card_id, settings.leech_lapses)
            if progress is not None and n % CHUNK == 0:
                progress("merge", n)
        store.set_sync_value(key, "pulled", str(top))


def _place(store: Collection, rows: list[LogRow], touched: set[int]) -> int:
    cards, added = store.add_pulled_reviews(rows)
    touched |= cards
    return added


def _rebuild(store: Collection, scheduler: Any, card_id: int, leech_lapses: int) -> int:
    """Bring one card in line with its merged log; 1 if it had to be replayed."""
    log = store.card_log(card_id)
    reviews = log.reviews
    if not reviews:
        return 0
    chain = reviews[0][3] is None and all(
        same_state(reviews[i][3], reviews[i - 1][4]) for i in range(1, len(reviews))
    )
    if chain:
        states = [
            (rid, None if b is None else with_card_id(b, card_id), with_card_id(a, card_id))
            for rid, _, _, b, a in reviews
        ]
        lapses = sum(
            1
            for _, rating, _, b, _ in reviews
            if rating == 1 and b is not None and json.loads(b).get("state") == REVIEW_STATE
        )
    else:
        replayed = replay(
            scheduler, card_id, [(rating, _aware(at), None) for _, rating, at, _, _ in reviews]
        )
        after = [p.card.to_json() for p in replayed]
        states = [(r[0], after[i - 1] if i else None, after[i]) for i, r in enumerate(reviews)]
        lapses = sum(p.lapsed for p in replayed)
    changed = [s for s, r in zip(states, reviews, strict=True) if (s[1], s[2]) != (r[3], r[4])]
    final = states[-1][2]
    due = stored(_aware(json.loads(final)["due"]))
    leech = lapses >= leech_lapses and lapses > log.lapses and not log.leech
    store.write_card_log(card_id, changed, final, due, lapses, leech)
    return 0 if chain else 1


def _aware(text: str) -> datetime:
    value = loaded(text)
    assert value is not None
    return value


def run_sync(
    store: Collection,
    config_path: Path,
    url: str | None = None,
    collection: str | None = None,
    progress: Progress | None = None,
) -> SyncResult:
    """A sync as the CLI and the app run it: the URL and the learner's name from the command
    line, else the environment, else the config file; settings the server has newer are
    written to the config file's [study] table."""
    from studyapp.usecases.config import load_config, save_study_settings, settings_changed_at

    config = load_config(config_path)
    target = resolve_url(url, config.sync_url)
    if target is None:
        raise SyncError(
            f"no sync server: give its URL (`studyapp sync postgresql://...`), set {ENV_URL},"
            f" or put `url = ...` under [sync] in {config_path}"
        )
    result = sync(
        store,
        target,
        collection=collection or config.sync_collection,
        settings=config.study,
        settings_at=settings_changed_at(config_path) if config_path.exists() else None,
        progress=progress,
    )
    if result.settings is not None:
        save_study_settings(config_path, result.settings)
    return result
