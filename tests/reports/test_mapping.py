"""Mapping topics to exam domains: catalogue aliases, misspellings, overrides, explanations."""

from __future__ import annotations

from pathlib import Path

import pytest

from studyapp.exam.guide import load_guides
from studyapp.notes.parse import parse_text
from studyapp.reports.mapping import (
    SEP,
    CatalogueError,
    TopicMapping,
    TopicText,
    load_catalogue,
    map_topic,
    map_topics,
    parse_catalogue,
)
from studyapp.util import locations

GUIDES = load_guides(locations.content_dir() / "exams")
CATALOGUE = load_catalogue(locations.content_dir() / "catalogue" / "aws-services.yaml", GUIDES)


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


def by_title(text: str) -> dict[str, TopicMapping]:
    return {m.topic.title: m for m in map_topics(topics_of(text), CATALOGUE, GUIDES).values()}


def test_a_child_heading_naming_its_own_service_is_mapped_by_it_not_its_parent() -> None:
    text = (
        "# Amazon RDS Proxy\n\nPools database connections.\n\n"
        "### Route 53 routing policies\n\nWeighted and latency records.\n\n"
        "### DynamoDB\n\nPartition key and sort key design.\n"
    )
    maps = by_title(text)
    route53, ddb = maps["Route 53 routing policies"], maps["DynamoDB"]
    assert route53.domains("saa-c03") == (2, 3)
    assert "3.3" not in route53.placements["saa-c03"].tasks  # RDS Proxy's database task
    assert "dva-c02" not in route53.placements  # RDS Proxy's DVA domains are not inherited
    assert ddb.placements["saa-c03"].tasks == ("3.3",)
    assert {h.term for h in ddb.hits} == {"Amazon DynamoDB"}


def test_a_child_heading_naming_no_service_takes_the_nearest_heading_that_does() -> None:
    text = "# Storage\n\n## Amazon SQS\n\n### Message retention\n\nFour days by default.\n"
    m = by_title(text)["Message retention"]
    assert m.domains("saa-c03") == (2,) and m.domains("dva-c02") == (1,)
    assert "in the heading above ('Amazon SQS')" in m.explain()[0]


def test_a_concept_in_the_title_keeps_the_parent_service() -> None:
    m = by_title("## DynamoDB\n\n### Cost\n\nPay per request.\n")["Cost"]
    assert m.domains("saa-c03") == (3, 4)
    assert m.placements["saa-c03"].tasks == ("3.3", "4.3")  # database cost, not every cost task


def test_cost_concept_lands_in_the_cost_task_of_the_service_beside_it() -> None:
    efs = map_topic(TopicText(1, "EFS pricing", "EFS pricing"), CATALOGUE, GUIDES)
    assert efs.placements["saa-c03"].tasks == ("3.1", "4.1")


def test_passing_mentions_do_not_count() -> None:
    body = "Route 53 " * 12 + "hosted zone alias record. Point it at an EC2 instance or EC2 again."
    m = map_topic(TopicText(1, "Route 53 records", "Route 53 records", body), CATALOGUE, GUIDES)
    assert m.domains("saa-c03") == (2, 3)
    assert m.placements["saa-c03"].terms == ("Amazon Route 53",)
    assert m.explain()[-1] == "not counted (named only in passing): Amazon EC2"


def test_services_named_only_in_the_text_open_no_domain_of_their_own() -> None:
    body = 'Allow "s3:GetObject" on an S3 bucket and "ec2:StartInstances" on EC2 for one user.'
    m = map_topic(TopicText(1, "IAM policy sample", "IAM policy sample", body), CATALOGUE, GUIDES)
    assert m.domains("saa-c03") == (1,) and m.domains("dva-c02") == (2,)


def test_an_exam_touching_the_service_only_in_passing_gets_no_domain() -> None:
    m = map_topic(TopicText(1, "Route 53", "Route 53", "Hosted zone basics."), CATALOGUE, GUIDES)
    assert "dva-c02" not in m.placements
    assert (
        "dva-c02: no domain: this exam's task statements touch Amazon Route 53 only in passing"
        in m.explain()
    )


def test_a_concept_alone_places_no_exam_that_is_not_about_the_services() -> None:
    m = map_topic(
        TopicText(1, "EC2 monitoring", "EC2 monitoring", "Logging and monitoring of instances."),
        CATALOGUE,
        GUIDES,
    )
    assert m.domains("saa-c03") == (3,) and "dva-c02" not in m.placements


def test_a_concept_on_its_own_still_places_the_topic() -> None:
    m = map_topic(
        TopicText(
            1,
            "Who patches what",
            "Who patches what",
            "The shared responsibility model splits the work.",
        ),
        CATALOGUE,
        GUIDES,
    )
    assert m.domains("saa-c03") == (1,)


@pytest.mark.parametrize(
    "sentence",
    [
        "Large organizations keep versioning of documents on-demand.",
        "Pinning a dependency helps; budgets are tight; the analytics team agrees.",
    ],
)
def test_plain_english_words_are_not_services(sentence: str) -> None:
    m = map_topic(TopicText(1, "Team habits", "Team habits", sentence), CATALOGUE, GUIDES)
    assert m.hits == () and m.placements == {}


def test_misspellings_seen_in_notes_are_recognised() -> None:
    alp = map_topic(TopicText(1, "ALP listeners", "ALP listeners"), CATALOGUE, GUIDES)
    assert alp.placements["saa-c03"].terms == ("Elastic Load Balancing",)
    cf = map_topic(TopicText(1, "Cloud Front", "Cloud Front"), CATALOGUE, GUIDES)
    assert cf.domains("saa-c03") == (3,)


def test_group_and_concept_names_are_labels_not_aliases() -> None:
    cat = parse_catalogue(
        {
            "terms": [
                {
                    "name": "Queues",
                    "kind": "group",
                    "aliases": ["SQS"],
                    "tasks": {"saa-c03": {"2.1": 1}},
                },
                {
                    "name": "Cost",
                    "kind": "concept",
                    "aliases": ["pricing"],
                    "tasks": {"saa-c03": {"4.2": 1}},
                },
            ]
        },
        GUIDES,
    )
    assert cat.find("queues and cost") == {}
    assert set(cat.find("SQS pricing")) == {"Queues", "Cost"}
    with pytest.raises(CatalogueError, match="kind must be one of"):
        parse_catalogue({"terms": [{"name": "X", "kind": "thing"}]})


def test_override_on_a_parent_still_wins_over_a_child_naming_another_service() -> None:
    text = (
        "## Caching\n<!-- domains: dva-c02:4.3 -->\n\n"
        "### Route 53 in front of the cache\n\nWeighted records.\n"
    )
    child = by_title(text)["Route 53 in front of the cache"]
    assert child.explicit and child.domains("dva-c02") == (4,)
    assert child.domains("saa-c03") == ()


def test_real_notes_placements_judged_right(shared_notes: Path) -> None:
    def mapped(name: str) -> dict[str, TopicMapping]:
        path = shared_notes / name
        topics = topics_of(path.read_text(encoding="utf-8"), path.name)
        return {m.topic.path: m for m in map_topics(topics, CATALOGUE, GUIDES).values()}

    mixed = mapped("iam-boundary-rds-proxy-route53-dynamodb.md")
    routing = mixed["Amazon RDS Proxy > Amazon Route 53 Routing Policies"]
    assert routing.domains("saa-c03") == (2, 3)  # resilient (failover) and networking
    assert "Amazon RDS Proxy" not in {h.term for h in routing.hits}
    ddb = mixed["Amazon RDS Proxy > Amazon DynamoDB"]
    assert ddb.placements["saa-c03"].tasks == ("3.3",) and ddb.domains("dva-c02") == (1,)
    assert mixed["IAM Permission Boundary"].domains("saa-c03") == (1,)

    saa = mapped("solutions-architect-associate.md")
    by_end = {path.split(SEP)[-1]: m for path, m in saa.items()}
    assert by_end["SQS Visibility Timeout"].domains("saa-c03") == (2,)
    assert by_end["SQS Visibility Timeout"].domains("dva-c02") == (1,)
    assert 1 in by_end["S3 Security (Policies)"].domains("saa-c03")
    assert by_end["Amazon Route 53"].domains("saa-c03") == (2, 3)
    assert "dva-c02" not in by_end["EC2 Purchasing Options"].placements
    # DVA domain 1 no longer collects every topic that mentions S3 or Lambda in passing
    in_dva1 = [m for m in saa.values() if 1 in m.domains("dva-c02")]
    assert len(in_dva1) < 0.45 * len(saa)
    # Real notes name services on most headings: most topics find a domain.
    assert sum(bool(m.placements) for m in saa.values()) >= 0.9 * len(saa)


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("RDS Proxy pools connections", "Amazon RDS Proxy"),
        ("Kinesis Data Analytics runs SQL on streams", "Analytics"),
        ("failover routing records", "Amazon Route 53"),
        ("two RDS-Proxy endpoints", "Amazon RDS Proxy"),
    ],
)
def test_the_longest_alias_wins(text: str, term: str) -> None:
    assert list(CATALOGUE.find(text)) == [term]


def test_a_plural_service_name_is_still_the_service() -> None:
    m = map_topic(TopicText(1, "RDS proxies", "RDS proxies"), CATALOGUE, GUIDES)
    assert any("RDS Proxy" in line for line in m.explain())
    assert "3.3" in m.placements["saa-c03"].tasks


def test_programmatic_access_with_the_cli_and_sdk_counts_toward_saa_secure_access() -> None:
    # access keys and roles for the CLI and SDKs are part of designing secure access (SAA 1.1)
    for title in ("AWS SDK", "AWS CloudShell"):
        m = map_topic(TopicText(1, f"IAM > {title}", title), CATALOGUE, GUIDES)
        assert m.domains("saa-c03") == (1,), title
        assert m.domains("dva-c02") == (1,), title
