"""Generated collections for the benchmarks (deterministic)."""

from __future__ import annotations

import random
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import create_engine, insert
from sqlalchemy.engine import Engine

from studyapp.store.collection import Collection
from studyapp.store.schema import cards, sources, topics

SERVICES = ["SQS", "SNS", "Kinesis", "Lambda", "DynamoDB", "Aurora", "S3", "EBS", "EFS", "ECS"]


def _engine(path: Path) -> Engine:
    """A SQLAlchemy engine over the file, to fill it fast through the schema's tables (Core)."""
    return create_engine(f"sqlite:///{path}")


def _naive(dt: datetime) -> datetime:
    return dt.astimezone(UTC).replace(tzinfo=None)


def notes_tree(root: Path, total_bytes: int, seed: int = 1) -> int:
    """Write Markdown notes totalling about `total_bytes`; returns the bytes written."""
    rng = random.Random(seed)
    root.mkdir(parents=True, exist_ok=True)
    written, n = 0, 0
    while written < total_bytes:
        n += 1
        parts = [f"# Family {n}\n"]
        for t in range(40):
            svc = rng.choice(SERVICES)
            parts.append(f"\n## {svc} topic {n}.{t}\n\n")
            parts.append(f"- **{svc} term {t}** - a managed feature that does thing {t}\n")
            parts.append(f"- Default timeout: {rng.randint(1, 900)} seconds\n")
            parts.append(f"- Maximum size is {rng.randint(1, 512)} KB per item\n")
            parts.append(f"What does {svc} option {t} control?::It controls behaviour {t}\n")
            parts.append(f"The limit is =={rng.randint(2, 99)} requests== per second.\n\n")
            parts.append("| Feature | Standard | FIFO |\n|---|---|---|\n")
            parts.append(f"| Ordering {t} | best effort | strict |\n")
            parts.append(f"| Throughput | high | {t}00/s |\n")
            parts.append(f"\nPlain prose about {svc} that explains the idea in more words. " * 3)
        text = "".join(parts)
        (root / f"family-{n:03d}.md").write_text(text, encoding="utf-8")
        written += len(text.encode())
    return written


def fill_cards(repo: Collection, count: int) -> None:
    """Put `count` cards of an unrelated source in the database, fast (Core executemany)."""
    now = datetime.now(UTC).replace(tzinfo=None)
    with _engine(repo.path).begin() as conn:
        sid = conn.execute(
            insert(sources).values(
                path="/generated/big.md",
                display_path="big.md",
                sha256="0" * 64,
                kind="markdown",
                bundled=False,
                repaired=False,
                imported_at=now,
            )
        ).inserted_primary_key[0]
        tid = conn.execute(
            insert(topics).values(
                source_id=sid,
                path_key="Big",
                title="Big",
                level=1,
                line=1,
                position=0,
                body="",
                domains="",
                retired=False,
            )
        ).inserted_primary_key[0]
        batch = []
        for i in range(count):
            batch.append(
                dict(
                    source_id=sid,
                    topic_id=tid,
                    kind="basic",
                    front=f"Generated question {i}?",
                    back=f"Answer {i}",
                    prompt_key=f"generated question {i}",
                    line=i + 1,
                    position=i,
                    created_at=now,
                    updated_at=now,
                )
            )
            if len(batch) == 10_000:
                conn.execute(insert(cards), batch)
                batch = []
        if batch:
            conn.execute(insert(cards), batch)
