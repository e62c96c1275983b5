"""A generated study collection for benchmarks/study_bench.py: 100,000 cards, 1,000,000 reviews.

Built with the stdlib sqlite3 driver and executemany on a schema created by the app's own
migrations, and cached in the temp dir (one file a day, since review times are relative to now).
"""

from __future__ import annotations

import json
import random
import sqlite3
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from studyapp.store.collection import Collection
from studyapp.store.revision import HEAD_REVISION

CARDS = 100_000
REVIEWS = 1_000_000
SOURCES = 50
TOPICS_PER_SOURCE = 40
SERVICES = ["SQS", "SNS", "Kinesis", "Lambda", "DynamoDB", "Aurora", "S3", "EBS", "EFS", "ECS"]
FMT = "%Y-%m-%d %H:%M:%S.%f"  # how SQLAlchemy's DateTime stores values in SQLite


def cache_path(now: datetime) -> Path:
    root = Path(tempfile.gettempdir()) / "studyapp-bench"
    # per schema revision: checkouts at other revisions (worktrees) keep their own copy
    # "g2": cards no longer share lines across the topics of a file (they were all siblings)
    return root / f"study-{CARDS}-{REVIEWS}-{HEAD_REVISION}-g2-{now:%Y%m%d}.sqlite3"


def _state(card_id: int, due: datetime, last: datetime, rng: random.Random) -> str:
    return json.dumps(
        {
            "card_id": card_id,
            "state": 2,
            "step": None,
            "stability": round(rng.uniform(0.5, 90.0), 4),
            "difficulty": rng.uniform(1.0, 9.0),
            "due": due.isoformat(),
            "last_review": last.isoformat(),
        }
    )


def build(path: Path, now: datetime, seed: int = 7) -> None:
    rng = random.Random(seed)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".building")
    tmp.unlink(missing_ok=True)
    Collection.open(tmp).close()  # the schema exactly as the app's migrations create it
    con = sqlite3.connect(tmp)
    con.execute("PRAGMA journal_mode=OFF")
    con.execute("PRAGMA synchronous=OFF")
    stamp = now.replace(tzinfo=None).strftime(FMT)
    topic_ids: list[int] = []
    with con:
        for s in range(SOURCES):
            cur = con.execute(
                "INSERT INTO sources (path, display_path, sha256, kind, bundled, repaired,"
                " imported_at) VALUES (?, ?, ?, 'markdown', 0, 0, ?)",
                (f"/generated/notes-{s:03d}.md", f"notes-{s:03d}.md", f"{s:064d}", stamp),
            )
            sid = cur.lastrowid
            parent = None
            for t in range(TOPICS_PER_SOURCE):
                svc = SERVICES[(s + t) % len(SERVICES)]
                level = 1 if t % 10 == 0 else 2
                title = f"{svc} part {s}.{t}"
                cur = con.execute(
                    "INSERT INTO topics (source_id, parent_id, path_key, title, level, line,"
                    " position, body, domains, retired) VALUES (?, ?, ?, ?, ?, ?, ?, ?, '', 0)",
                    (
                        sid,
                        None if level == 1 else parent,
                        title,
                        title,
                        level,
                        t * 20 + 1,
                        t,
                        f"Notes about **{svc}** number {t}.\n\n- one point\n- another point\n",
                    ),
                )
                if level == 1:
                    parent = cur.lastrowid
                topic_ids.append(int(cur.lastrowid or 0))
    per_topic = CARDS // len(topic_ids)
    card_rows = []
    reviewed: list[tuple[int, datetime]] = []
    cid = 0
    for ti, tid in enumerate(topic_ids):
        sid = ti // TOPICS_PER_SOURCE + 1
        for k in range(per_topic):
            cid += 1
            svc = SERVICES[cid % len(SERVICES)]
            fsrs = due = None
            if rng.random() < 0.7:
                last = now - timedelta(days=rng.uniform(0.5, 30))
                d = now + timedelta(days=rng.uniform(-20, 60))
                fsrs, due = _state(cid, d, last, rng), d.replace(tzinfo=None).strftime(FMT)
                reviewed.append((cid, last))
            card_rows.append(
                (
                    cid,
                    sid,
                    tid,
                    "basic",
                    f"What does {svc} setting {cid} control, and what is its default?",
                    f"It controls behaviour {cid}; the default is {cid % 900} seconds.",
                    f"what does {svc.lower()} setting {cid} control",
                    # one line per card in its file, as in real notes: cards sharing a file and a
                    # line are siblings (one table row, one cloze note), buried together
                    (ti % TOPICS_PER_SOURCE) * 1000 + k * 2 + 2,
                    k,
                    fsrs,
                    due,
                    stamp,
                )
            )
    with con:
        con.executemany(
            "INSERT INTO cards (id, source_id, topic_id, kind, front, back, prompt_key, line,"
            " position, fsrs, due, lapses, suspended, leech, buried_until, retired, created_at,"
            " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, 0, NULL, 0, ?, ?)",
            [r + (r[-1],) for r in card_rows],
        )
    # 1,000,000 reviews over the past year, every day reviewed (a long streak to compute).
    batch = []
    with con:
        for i in range(REVIEWS):
            card, last = reviewed[i % len(reviewed)]
            at = now - timedelta(days=365 * (i / REVIEWS)) - timedelta(minutes=rng.randint(1, 600))
            if i < len(reviewed):
                at = last
            state = _state(card, at + timedelta(days=3), at, rng)
            batch.append(
                (
                    card,
                    rng.choice((1, 3, 3, 3, 4)),
                    at.replace(tzinfo=None).strftime(FMT),
                    rng.randint(1500, 20000),
                    None if i % 10 == 0 else state,
                    state,
                )
            )
            if len(batch) == 50_000:
                con.executemany(
                    "INSERT INTO reviews (card_id, rating, reviewed_at, duration_ms,"
                    " state_before, state_after) VALUES (?, ?, ?, ?, ?, ?)",
                    batch,
                )
                batch = []
        if batch:
            con.executemany(
                "INSERT INTO reviews (card_id, rating, reviewed_at, duration_ms,"
                " state_before, state_after) VALUES (?, ?, ?, ?, ?, ?)",
                batch,
            )
    con.execute("ANALYZE")
    con.execute("PRAGMA journal_mode=WAL")
    con.close()
    tmp.replace(path)


def collection(now: datetime | None = None) -> Path:
    """The cached collection for today, built if missing (older days' files are removed)."""
    now = now or datetime.now(UTC)
    path = cache_path(now)
    if not path.exists():
        for old in path.parent.glob("study-*.sqlite3*"):
            old.unlink()
        t = time.perf_counter()
        build(path, now)
        print(f"built {path} in {time.perf_counter() - t:.1f}s")
    return path


if __name__ == "__main__":
    print(collection())
