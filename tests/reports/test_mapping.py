"""Mapping topics to exam domains: catalogue aliases, misspellings, overrides, explanations."""

from __future__ import annotations

from pathlib import Path

import pytest

from studyapp import locations
from studyapp.exam.guide import load_guides
from studyapp.notes.parse import parse_text
from studyapp.reports.mapping import (
    SEP,
    CatalogueError,
    TopicText,
    load_catalogue,
    map_topic,
    map_topics,
    parse_catalogue,
)

GUIDES = load_guides(locations.content_dir() / "exams")
CATALOGUE = load_catalogue(locations.content_dir() / "catalogue" / "aws-services.yaml", GUIDES)
REPO = Path(__file__).resolve().parents[2]


def topics_of(text: str, name: str = "mine.md") -> list[TopicText]:
    note = parse_text(text, name)
    return [
        TopicText(i, SEP.join(t.path), t.title, t.body, t.line, tuple(t.domains), name)
        for i, t in enumerate(note.topics)
    ]


@pytest.mark.parametrize("written", ["Route53", "route 53", "R53", "Route-53", "ROUTE 53"])
def test_route_53_spellings_land_in_resilience_and_networking(written: str) -> None:
    m = map_topic(TopicText(1, f"{written} notes", f"{written} notes"), CATALOGUE, GUIDES)
    assert m.domains("saa-c03") == (2, 3)
    assert "2.2" in m.placements["saa-c03"].tasks


@pytest.mark.parametrize("written", ["Elasticache", "dynamo db", "DynamoDB"])
def test_misspelt_databases_map_to_database_tasks(written: str) -> None:
    m = map_topic(TopicText(1, written, written), CATALOGUE, GUIDES)
    assert "3.3" in m.placements["saa-c03"].tasks


def test_whole_words_only() -> None:
    # "Keys3" and "sqsx" are not S3 or SQS; a URL naming lambda is not evidence either.
    body = "Keys3 sqsx https://docs.aws.amazon.com/lambda/latest/dg/ thing"
    m = map_topic(TopicText(1, "Misc", "Misc", body), CATALOGUE, GUIDES)
    assert m.placements == {}
    assert "no AWS service" in m.explain()[0]


def test_title_outweighs_a_passing_mention_in_the_body() -> None:
    m = map_topic(
        TopicText(1, "SQS visibility", "SQS visibility", "Unlike CloudFront, ..."),
        CATALOGUE,
        GUIDES,
    )
    assert m.domains("saa-c03") == (2,)
    dva = m.placements["dva-c02"].scores
    assert max(dva, key=lambda d: dva[d]) == 1


def test_override_comment_wins_and_is_inherited_with_its_line() -> None:
    text = (
        "# Caching\n\n## Redis on ElastiCache\n<!-- domains: dva-c02:4.3 -->\n"
        "Lazy loading fills the cache on a miss.\n\n### Eviction\n\nLRU by default.\n"
    )
    maps = map_topics(topics_of(text), CATALOGUE, GUIDES)
    by_title = {m.topic.title: m for m in maps.values()}
    own, child = by_title["Redis on ElastiCache"], by_title["Eviction"]
    assert own.explicit and own.domains("dva-c02") == (4,)
    assert own.domains("saa-c03") == ()  # the comment names no SAA domain: none
    assert own.explain() == ["dva-c02: domain 4 (tasks 4.3): set in your notes at line 4"]
    assert child.domains("dva-c02") == (4,)
    assert "line 4" in child.explain()[0] and "Redis on ElastiCache" in child.explain()[0]
    # The heading above the comment is mapped from its own words.
    assert not by_title["Caching"].explicit


def test_explain_names_the_terms_and_where_they_matched() -> None:
    t = topics_of("## Route53 failover\n\nUse R53 health checks.\n")[-1]
    lines = map_topic(t, CATALOGUE, GUIDES).explain()
    saa = next(line for line in lines if line.startswith("saa-c03"))
    assert "Amazon Route 53" in saa and "'route53' in the title" in saa and "in the text" in saa


def test_catalogue_rejects_unknown_tasks_and_shared_aliases() -> None:
    with pytest.raises(CatalogueError, match="no task statement 9.9"):
        parse_catalogue({"terms": [{"name": "X", "tasks": {"saa-c03": {"9.9": 1}}}]}, GUIDES)
    twice = {"terms": [{"name": "A", "aliases": ["q"]}, {"name": "B", "aliases": ["Q"]}]}
    with pytest.raises(CatalogueError, match="names both"):
        parse_catalogue(twice)


def test_real_notes_mapping() -> None:
    notes = REPO.parent / "shared" / "notes"
    if not notes.is_dir():
        pytest.skip("../shared/notes is not beside this checkout")
    for path in sorted(notes.glob("*.md")):
        topics = topics_of(path.read_text(encoding="utf-8"), path.name)
        maps = map_topics(topics, CATALOGUE, GUIDES)
        mapped = [m for m in maps.values() if m.placements]
        # Real notes name services on most headings: most topics find a domain.
        assert len(mapped) >= 0.6 * len(maps), path.name
