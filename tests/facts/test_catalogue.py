"""The bundled fact catalogue loads cleanly, and a bad entry is reported with its file and line."""

from __future__ import annotations

from pathlib import Path

from studyapp.facts.catalogue import KINDS, LINK_PREFIXES, load_dir, parse_text
from studyapp.usecases.content import facts as default_catalogue
from studyapp.usecases.content import facts_dir as catalogue_dir

GOOD_THING = """\
version: 1
things:
  - id: sqs
    name: Amazon SQS
    aliases: [SQS]
    facts:
      - id: sqs.visibility-timeout
        property: visibility timeout
        aliases: [visibility timeout]
        default: 30 seconds
        max: 12 hours
        link: https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-visibility-timeout.html
"""


def test_the_bundled_catalogue_has_no_problems_and_at_least_150_documented_values() -> None:
    catalogue, problems = default_catalogue()
    assert problems == ()
    assert catalogue.entries >= 150
    assert len(catalogue.facts) >= 150


def test_every_bundled_fact_links_to_aws_documentation_and_states_its_kind() -> None:
    catalogue, _ = default_catalogue()
    for fact in catalogue.facts:
        assert fact.link.startswith(LINK_PREFIXES), fact.id
        assert set(fact.values) <= set(KINDS) and fact.values, fact.id
        assert fact.aliases and catalogue.things[fact.thing].aliases, fact.id


def test_the_bundled_catalogue_covers_the_services_the_exams_ask_about() -> None:
    catalogue, _ = default_catalogue()
    things = set(catalogue.things)
    wanted = {"sqs", "lambda", "dynamodb", "s3", "ebs-gp3", "ec2", "rds", "aurora", "route53"}
    wanted |= {"cloudfront", "api-gateway", "kinesis-data-streams", "sns", "step-functions"}
    wanted |= {"kms", "iam", "cloudwatch", "vpc", "elb", "autoscaling", "efs", "fargate"}
    wanted |= {"elasticache", "s3-glacier-flexible"}
    assert wanted <= things


def test_a_good_entry_loads() -> None:
    things, facts, problems = parse_text(GOOD_THING, "facts.yaml")
    assert problems == [] and [t.id for t in things] == ["sqs"]
    assert facts[0].documented("default")[0].text == "30 seconds"


def test_an_unknown_field_is_reported_with_its_line_and_the_rest_still_loads() -> None:
    text = (
        GOOD_THING
        + """\
      - id: sqs.delay
        property: delivery delay
        aliases: [delay]
        maximum: 15 minutes
        link: https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-delay-queues.html
"""
    )
    _, facts, problems = parse_text(text, "facts.yaml")
    assert [f.id for f in facts] == ["sqs.visibility-timeout"]
    assert len(problems) == 1
    assert problems[0].line == 16 and "unknown fact field 'maximum'" in problems[0].message
    assert str(problems[0]).startswith("facts.yaml:16: ")


def test_a_value_without_a_unit_is_reported() -> None:
    _, facts, problems = parse_text(GOOD_THING.replace("30 seconds", "30"), "f.yaml")
    assert facts == [] and problems[0].line == 10 and "not a number with a unit" in str(problems[0])


def test_a_link_outside_the_aws_docs_is_refused() -> None:
    text = GOOD_THING.replace("https://docs.aws.amazon.com/", "https://example.com/")
    _, facts, problems = parse_text(text, "f.yaml")
    assert facts == [] and problems[0].line == 12 and "link" in problems[0].message


def test_a_comma_in_an_unquoted_list_value_is_caught() -> None:
    # YAML reads [3,000 per second] as two items; the second is not a quantity
    text = GOOD_THING.replace("max: 12 hours", "max: [3,000 per second]")
    _, _, problems = parse_text(text, "f.yaml")
    assert problems and problems[0].line == 11


def test_broken_yaml_and_a_repeated_key_get_their_lines() -> None:
    _, _, problems = parse_text(GOOD_THING + "  - id: [unclosed\n", "f.yaml")
    assert problems and problems[0].line >= 13 and "bad YAML" in problems[0].message
    twice = "        max: 12 hours\n        max: 1 day\n"
    text = GOOD_THING.replace("        max: 12 hours\n", twice)
    _, facts, problems = parse_text(text, "f.yaml")
    assert facts == [] and problems[0].line == 12 and "given twice" in problems[0].message


def test_two_things_sharing_an_alias_is_reported(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(GOOD_THING, encoding="utf-8")
    other = GOOD_THING.replace("id: sqs\n", "id: sqs2\n").replace("sqs.visibility", "sqs2.vis")
    (tmp_path / "b.yaml").write_text(other, encoding="utf-8")
    catalogue, problems = load_dir(tmp_path)
    assert list(catalogue.things) == ["sqs"]
    assert any("sqs2" in p.message and "also names" in p.message for p in problems)


def test_a_missing_catalogue_folder_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    catalogue, problems = load_dir(tmp_path / "nowhere")
    assert catalogue.facts == () and problems


def test_the_catalogue_folder_is_the_bundled_content() -> None:
    assert (catalogue_dir() / "messaging.yaml").is_file()
