"""The fact check on real notes: what it flags in the three shared sample notes, and that the
bundled notes (our own, kept current) raise nothing.

Every expected finding below was checked by hand against the AWS page it links to (docs/facts.md
lists them with the documented value). A new finding, or one gone, fails the test on purpose: check
it against the docs before changing the list.
"""

from __future__ import annotations

from pathlib import Path

from studyapp.facts import check_note
from studyapp.notes.parse import parse_file
from studyapp.usecases import content

BUNDLED = Path(__file__).resolve().parents[2] / "content" / "notes"

# (file, line, fact id, the claim as written): each checked against its AWS documentation link
EXPECTED = {
    # EBS table row "gp3/2": 16 TiB, 16,000 IOPS, 1,000 MB/s were gp3's limits in older docs;
    # CreateVolume now gives gp3 1 GiB-64 TiB, up to 80,000 IOPS and 2,000 MiB/s
    ("solutions-architect-associate.md", 753, "ebs-gp3.iops", "16,000"),
    ("solutions-architect-associate.md", 753, "ebs-gp3.size", "1 GiB - 16TiB"),
    ("solutions-architect-associate.md", 753, "ebs-gp3.throughput", "1,000 MB/s"),
    # Aurora global database: up to 10 secondary Regions now (5 in older docs)
    ("solutions-architect-associate.md", 1162, "aurora-global.regions", "5 secondary regions"),
    # S3 maximum object size: 48.8 TiB now (5 TiB in older docs)
    ("solutions-architect-associate.md", 1460, "s3.object-size", "5TB"),
    # SQS maximum message size: 1 MiB now (256 KiB in older docs), twice
    ("solutions-architect-associate.md", 2269, "sqs.message-size", "256 KB"),
    ("solutions-architect-associate.md", 2558, "sqs.message-size", "256 KB"),
    # Firehose buffer interval: 0 to 900 seconds now (the minimum was 60 seconds)
    ("solutions-architect-associate.md", 2416, "firehose.buffer-interval", "60 seconds"),
    # Kinesis Data Streams retention: up to 365 days (7 days was the old maximum)
    ("solutions-architect-associate.md", 2556, "kds.retention", "7 days"),
    # Lambda@Edge timeout: 5 seconds (viewer events) or 30 seconds (origin events), not 1-10
    ("solutions-architect-associate.md", 3111, "lambda-edge.timeout", "1 - 10 secs"),
}


def _findings(folder: Path) -> list[tuple[str, int, str, str, str]]:
    out = []
    for path in sorted(folder.glob("*.md")):
        for f in check_note(parse_file(path, display_path=path.name), content.facts()[0]):
            out.append((f.path, f.line, f.fact, f.claimed, f.message()))
    return out


def test_the_shared_notes_flags_are_the_hand_checked_ones(shared_notes: Path) -> None:
    found = _findings(shared_notes)
    for row in found:
        print(f"{row[0]}:{row[1]}: [{row[2]}] {row[4]}")  # the list, for `pytest -s`
    assert {row[:4] for row in found} == EXPECTED
    outdated = [row for row in found if row[4].startswith("outdated")]
    wrong = [row for row in found if row[4].startswith("differs")]
    assert len(outdated) == 9 and [w[2] for w in wrong] == ["lambda-edge.timeout"]


def test_the_bundled_notes_contradict_no_documented_value() -> None:
    assert _findings(BUNDLED) == []
