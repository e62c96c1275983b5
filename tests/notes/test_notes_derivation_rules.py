"""Each derivation rule of issue 14, and the issue's bad cards as regression cases (our words)."""

from __future__ import annotations

from studyapp.notes.model import (
    CHOICE,
    COMPARISON,
    DEFINITION,
    EMPHASIS,
    FACT,
    LIST,
    STATEMENT,
    TABLE_ROW,
)
from studyapp.notes.parse import parse_text


def md(body: str) -> list[tuple[str, str, str]]:
    return [(c.kind, c.front, c.back) for c in parse_text(f"# VPC\n\n{body}", "n.md").cards]


def outline(text: str) -> list[tuple[str, str, str]]:
    return [(c.kind, c.front, c.back) for c in parse_text(text, "n.txt").cards]


# --- emphasis -----------------------------------------------------------------------------------


def test_bold_span_becomes_a_cloze_of_the_span() -> None:
    assert md("- Security group rules can only **allow** traffic\n") == [
        (EMPHASIS, "VPC: Security group rules can only [...] traffic", "allow")
    ]


def test_all_caps_stress_word_becomes_a_cloze_with_its_modal() -> None:
    cards = outline("VPC\n\tsubnets sit in exactly ONE AZ\n\tpeering can NOT be chained\n")
    assert (EMPHASIS, "VPC: subnets sit in exactly [...] AZ", "ONE") in cards
    assert (EMPHASIS, "VPC: peering [...] be chained", "can NOT") in cards


def test_acronyms_are_not_stress() -> None:
    assert [
        k for k, _, _ in outline("VPC\n\tthe NAT gateway needs an EIP in a public subnet\n")
    ] == []


def test_double_star_line_hides_its_key_term() -> None:
    cards = outline("Beanstalk\n\t** the default deployment policy is all at once\n")
    assert cards == [(EMPHASIS, "Beanstalk: the default deployment policy is [...]", "all at once")]


def test_a_wholly_bold_line_is_a_label_not_a_cloze() -> None:
    assert [k for k, _, _ in md("**Why it matters**\n\n- Key: value here\n")] == [DEFINITION]


# --- kinds and steps -------------------------------------------------------------------------


ROUTING = (
    "Route 53\n\tRouting policies\n"
    "\t\tSimple - one record, no health checks\n"
    "\t\tWeighted - splits traffic by relative weights\n"
    "\t\tFailover - active/passive on a health check\n"
)


def test_heading_with_kinds_gives_a_choice_card_per_kind_and_one_list_card() -> None:
    cards = outline(ROUTING)
    assert (
        CHOICE,
        "Route 53 › Routing policies — which one: splits traffic by relative weights?",
        "Weighted",
    ) in cards
    assert (LIST, "Route 53 › Routing policies: name all 3?", "Simple; Weighted; Failover") in cards
    assert [k for k, _, _ in cards].count(CHOICE) == 3


def test_kind_whose_description_names_it_stays_a_definition() -> None:
    cards = outline("DNS\n\tRecord types\n\t\tA - IPv4 address\n\t\tAAAA - IPv6 address\n")
    assert (DEFINITION, "DNS › Record types — A", "IPv4 address") in cards or (
        CHOICE,
        "DNS › Record types — which one: IPv4 address?",
        "A",
    ) in cards
    assert (LIST, "DNS › Record types: name all 2?", "A; AAAA") in cards


def test_how_to_heading_gives_one_list_card_of_its_steps() -> None:
    body = "✅ How to set up a proxy\n\n- Open the console\n- Pick a secret\n- Create it\n"
    assert md(body) == [
        (
            LIST,
            "VPC › ✅ How to set up a proxy: the steps, in order?",
            "Open the console; Pick a secret; Create it",
        )
    ]


def test_heading_that_is_not_about_kinds_gives_definitions() -> None:
    body = "## Structure\n\n- Version: language version\n- Statement: the rules\n"
    assert [k for k, _, _ in md(body)] == [DEFINITION, DEFINITION]


# --- comparisons and statements ---------------------------------------------------------------


def test_unlike_sentence_becomes_a_comparison_card() -> None:
    assert outline(
        "Lambda\n\tunlike provisioned concurrency, reserved concurrency costs nothing\n"
    ) == [
        (
            COMPARISON,
            "Lambda: reserved concurrency vs provisioned concurrency — how does reserved "
            "concurrency differ?",
            "reserved concurrency costs nothing",
        )
    ]


def test_x_vs_y_sentence_becomes_a_comparison_card() -> None:
    assert md("SQS vs SNS: a queue is pulled, a topic pushes\n") == [
        (COMPARISON, "VPC: SQS vs SNS?", "a queue is pulled, a topic pushes")
    ]


def test_short_plain_statement_becomes_a_cloze_of_its_key_term() -> None:
    assert outline("EBS\n\tsnapshots are regional\n") == [
        (STATEMENT, "EBS: snapshots are [...]", "regional")
    ]


def test_statements_about_pronouns_make_no_card() -> None:
    assert outline("EBS\n\tit is useful for backups\n\tthis is slow\n") == []


# --- numbers: only facts, never examples, code or config --------------------------------------


def test_number_from_a_made_up_example_is_not_a_card() -> None:
    # the "Suppose you have taken a snapshot of [...] data" -> "50 GB"
    body = (
        "EBS\n\tsuppose you have a snapshot of 50 GB of data and change 2 GB\n"
        "\tlet's say the volume has 3 snapshots\n\tsay the TTL is 60 seconds\n"
        "\tfor example 8 GB per day\n"
    )
    assert outline(body) == []


def test_prompt_never_contains_its_answer() -> None:
    # the "attached to all the [...]" -> "4 subnets"
    assert [b for _, _, b in outline("VPC\n\tthe NACL covers 4 subnets, all the 4 subnets\n")] == []


def test_json_lines_and_commands_are_not_cards() -> None:
    body = (
        'Lambda\n\t{"Records": [{"size": 1024, "timeout": "30 seconds"}]}\n'
        "\taws lambda invoke --function-name f out.json\n\tSET product:1 EX 3600\n"
    )
    assert outline(body) == []


def test_one_line_makes_one_card_not_three_near_identical_ones() -> None:
    assert md("- Retention: default 4 days, min 1 minute, max 14 days\n") == [
        (DEFINITION, "VPC — Retention", "default 4 days, min 1 minute, max 14 days")
    ]


def test_equivalent_value_in_parentheses_is_not_a_second_card() -> None:
    backs = [
        b for k, _, b in outline("Lambda\n\tmax timeout 15 minutes (900 seconds)\n") if k == FACT
    ]
    assert backs == ["15 minutes"]


def test_money_cloze_keeps_the_unit_words_in_the_prompt() -> None:
    assert outline("Route 53\n\tcost: $0.50 per hosted zone per month\n") == [
        (FACT, "Route 53: cost: [...] per hosted zone per month", "$0.50")
    ]


# --- tables --------------------------------------------------------------------------------------


def test_example_columns_and_bare_numbers_make_no_table_cards() -> None:
    body = (
        "| Policy | Behaviour | Example |\n|---|---|---|\n"
        "| Weighted | splits traffic | 70/30 |\n| Users | 1000 | big site |\n"
    )
    assert md(body) == [(TABLE_ROW, "VPC — Weighted: Behaviour?", "splits traffic")]


def test_with_and_without_columns_are_an_illustration_not_cards() -> None:
    body = "| Step | Without pooling | With pooling |\n|---|---|---|\n| Cost | High | Low |\n"
    note = parse_text(f"# DB\n\n{body}", "n.md")
    assert note.cards == [] and len(note.tables) == 1


# --- self-contained, merged across the file -------------------------------------------------------


def test_prompt_takes_the_parent_topic_when_its_own_is_in_the_term() -> None:
    cards = outline("Lambda\n\tconcurrency\n\t\treserved concurrency: caps one function\n")
    assert cards == [(DEFINITION, "Lambda — reserved concurrency", "caps one function")]


def test_term_defined_again_in_a_sub_topic_is_merged() -> None:
    text = (
        "# IAM\n\n## Structure\n\n- Effect: allow or deny\n\n"
        "### Explanation\n\n- Effect: whether the rule allows or denies\n"
    )
    assert [(c.front, c.back) for c in parse_text(text, "n.md").cards] == [
        ("Structure — Effect", "allow or deny")
    ]


def test_worked_example_topic_makes_no_cards() -> None:
    text = "# IAM\n\n## Policy Example\n\n- Purpose: gives read access to one bucket\n"
    assert parse_text(text, "n.md").cards == []


# --- generic qualities ---------------------------------------------------------------------


def test_generic_quality_labels_make_no_cards() -> None:
    body = (
        "## Queue service\n\n"
        "- Scalable: grows with the number of producers\n"
        "- Fully managed: nobody patches the brokers\n"
        "- Integration with other AWS services: plugs into many of them\n"
        "- Visibility timeout: hides a message while one consumer works on it\n"
    )
    assert [(k, b) for k, _, b in md(body)] == [
        (DEFINITION, "hides a message while one consumer works on it")
    ]


def test_generic_quality_row_makes_no_card_but_its_number_does() -> None:
    body = (
        "| Feature | Description |\n|---|---|\n"
        "| **Secure & Scalable** | runs in your network and grows on demand |\n"
        "| Durable | 99.999999999 % of objects survive a year |\n"
        "| Auto Scaling | adds instances when CPU is high |\n"
    )
    assert [(k, f) for k, f, _ in md(body)] == [
        (TABLE_ROW, "VPC — Durable?"),
        (TABLE_ROW, "VPC — Auto Scaling?"),
    ]


def test_why_use_table_is_kept_for_reading_but_makes_no_cards() -> None:
    text = (
        "# Cache\n\n**Why use a cache?**\n\n| Reason | Explanation |\n|---|---|\n"
        "| Quick answers | reads come from memory |\n"
        "| Lighter database | fewer queries reach it |\n"
    )
    parsed = parse_text(text, "n.md")
    assert parsed.cards == []
    assert [t.rows[0][0] for t in parsed.tables] == ["Quick answers"]


def test_why_use_row_of_a_summary_table_makes_no_card() -> None:
    body = (
        "| Question | Answer |\n|---|---|\n| Why use it? | it is quicker |\n"
        "| Engines | Redis or Memcached |\n"
    )
    assert [(f, b) for _, f, b in md(body)] == [("VPC — Engines: Answer?", "Redis or Memcached")]


def test_a_letter_code_in_parentheses_is_not_a_term() -> None:
    body = (
        "- Storage optimised (i, d): fast local disks for big scans\n"
        "  - (i): NoSQL stores and warehouses\n"
    )
    assert [(k, f) for k, f, _ in md(body)] == [(DEFINITION, "VPC — Storage optimised (i, d)")]


# --- one fact, one card across a file ------------------------------------------------------


def test_a_number_repeated_in_a_later_topic_is_merged() -> None:
    text = (
        "# Notes\n\n## Functions\n\n### Overview\n\n- Longest run: 900 s (15 minutes) per call\n\n"
        "### Limits\n\n- Run time: a call is stopped after 15 minutes\n"
        "- Package: 50 MB zipped\n"
    )
    cards = [(c.front, c.back) for c in parse_text(text, "n.md").cards]
    assert cards == [
        ("Functions › Overview: Longest run: [...] (15 minutes) per call", "900 s"),
        ("Limits: Package: [...] zipped", "50 MB"),
    ]


def test_equal_numbers_of_sibling_facts_in_one_topic_are_kept() -> None:
    body = "- Cold tier: minimum storage 90 days\n- Frozen tier: minimum storage 90 days\n"
    assert [f for _, f, _ in md(body)] == ["VPC — Cold tier", "VPC — Frozen tier"]


# --- sibling kinds with their properties ---------------------------------------------------


QUEUES = (
    "## Queue kinds\n\n"
    "- Plain queue:\n  - delivers a message at least once\n  - no order kept\n"
    "- Ordered queue:\n  - keeps the sequence within a message group\n"
    "  - NOT RECOMMENDED for bursts\n  - Name: ends in .ord\n"
)


def test_sibling_kinds_give_a_which_one_card_per_property() -> None:
    choices = [(f, b) for k, f, b in md(QUEUES) if k == CHOICE]
    assert choices == [
        ("Queue kinds — which one: delivers a message at least once?", "Plain queue"),
        ("Queue kinds — which one: no order kept?", "Plain queue"),
        ("Queue kinds — which one: keeps the sequence within a message group?", "Ordered queue"),
    ]


def test_aspect_labels_side_by_side_are_not_kinds() -> None:
    body = "- Purpose:\n  - keeps a copy of every write\n- Risks:\n  - costs twice the storage\n"
    assert [k for k, _, _ in md(body) if k == CHOICE] == []


def test_bare_names_under_categories_are_not_properties() -> None:
    body = (
        "- Compute:\n  - AWS Lambda\n  - AWS Fargate\n- Storage:\n  - Amazon S3\n  - Amazon EFS\n"
    )
    assert [k for k, _, _ in md(body) if k == CHOICE] == []


def test_a_lone_passive_verb_is_not_a_statement_cloze() -> None:
    cards = outline("Cache\n\tentries are evicted\n\tentries are kept in memory\n")
    assert cards == [(STATEMENT, "Cache: entries are [...]", "kept in memory")]


# --- defining sentences --------------------------------------------------------------------


def test_a_sentence_defining_a_named_thing_becomes_a_definition() -> None:
    text = (
        "# Caching\n\nAmazon MemoryDB is a durable in-memory database that writes every change "
        "to a log kept across zones. It speaks Redis.\n\nA cache cluster is a group of nodes.\n"
    )
    cards = [(c.kind, c.front, c.back) for c in parse_text(text, "n.md").cards]
    assert cards == [
        (
            DEFINITION,
            "Caching — Amazon MemoryDB",
            "a durable in-memory database that writes every change to a log kept across zones",
        ),
        (STATEMENT, "Caching: A cache cluster is a [...].", "group of nodes"),
    ]


def test_a_pronoun_or_a_short_predicate_makes_no_definition() -> None:
    text = "# Caching\n\nIt is a service that keeps hot data close to the application.\n"
    assert parse_text(text, "n.md").cards == []


def test_an_analogy_under_think_of_it_like_this_makes_no_cards() -> None:
    text = (
        "# Cache\n\n**Think of it like this:**\n"
        "Without a cache: every read walks to the far shelf. With one: the book is on the desk.\n"
    )
    assert parse_text(text, "n.md").cards == []


def test_a_retired_feature_and_its_sub_items_make_no_cards() -> None:
    body = (
        "- Reserved bursts (discontinued)\n  - held the capacity for 1 to 6 hours\n"
        "- Spot: up to 90% cheaper than on-demand\n"
    )
    assert [b for _, _, b in md(body)] == ["90%"]  # only the Spot line


def test_a_prompt_spelling_out_its_acronym_answer_is_turned_around() -> None:
    body = (
        "## Volume kinds\n\n- **GPV** *General Purpose Volume*\n"
        "- **PIV** *Provisioned IOPS Volume*\n"
    )
    assert [(k, f, b) for k, f, b in md(body) if k != LIST] == [
        (DEFINITION, "VPC › Volume kinds — GPV", "General Purpose Volume"),
        (DEFINITION, "VPC › Volume kinds — PIV", "Provisioned IOPS Volume"),
    ]


def test_a_which_one_prompt_spelling_out_its_answer_is_dropped() -> None:
    body = (
        "## Queue kinds\n\n- FIFO queue:\n  - First-In-First-Out delivery\n"
        "  - one group at a time\n"
        "- Plain queue:\n  - delivers a message at least once\n"
    )
    assert [(f, b) for k, f, b in md(body) if k == CHOICE] == [
        ("Queue kinds — which one: one group at a time?", "FIFO queue"),
        ("Queue kinds — which one: delivers a message at least once?", "Plain queue"),
    ]


# --- a heading and the line that glosses it -----------------------------------------------


def test_a_heading_glossed_by_its_first_line_becomes_a_definition() -> None:
    text = (
        "# Queues\n\n## Parking queue\n\n- Holds messages that failed too many times\n"
        "- Kept for two weeks at most\n\n## Use cases\n\n- Buffers writes for a slow store\n"
    )
    cards = [(c.kind, c.front, c.back) for c in parse_text(text, "n.md").cards]
    assert (
        DEFINITION,
        "Queues — Parking queue",
        "Holds messages that failed too many times",
    ) in cards
    assert not any("Use cases" in front for _, front, _ in cards)


def test_a_first_line_that_is_not_a_gloss_makes_no_definition() -> None:
    text = "# Queues\n\n## Parking queue\n\n- Kinesis Data Streams vs Firehose\n"
    assert parse_text(text, "n.md").cards == []


def test_sibling_topics_of_an_outline_give_which_one_cards() -> None:
    text = (
        "Network\n\tAddresses\n\t\tInner address\n\t\t\tnot reachable from outside the network\n"
        "\t\tOuter address\n\t\t\tchanges after every restart\n"
    )
    assert [(k, f, b) for k, f, b in outline(text) if k == CHOICE] == [
        (CHOICE, "Addresses — which one: not reachable from outside the network?", "Inner address"),
        (CHOICE, "Addresses — which one: changes after every restart?", "Outer address"),
    ]


def test_a_property_saying_the_word_only_its_kind_has_is_dropped() -> None:
    body = (
        "- Inline rule:\n  - inline rules live inside one identity\n  - deleted with its owner\n"
        "- Shared rule:\n  - attached to many identities\n"
    )
    assert [(f, b) for k, f, b in md(body) if k == CHOICE] == [
        ("VPC — which one: deleted with its owner?", "Inline rule"),
        ("VPC — which one: attached to many identities?", "Shared rule"),
    ]


def test_a_list_of_kinds_missing_some_written_another_way_makes_no_list_card() -> None:
    body = (
        "## Storage classes\n\n1. Hot: fastest reads, highest price\n"
        "2. Cool: cheaper, a fee per read\n3. Deep freeze\n   1. hours to read back\n"
    )
    kinds = [k for k, _, _ in md(body)]
    assert CHOICE in kinds and LIST not in kinds


def test_an_aspect_among_kinds_is_not_a_kind() -> None:
    text = (
        "Storage\n\tStorage classes\n\t\tHot - fastest reads, highest price\n"
        "\t\tCool - cheaper, a fee per read\n\t\tPerformance - 3,500 writes per second\n"
    )
    assert not any(b == "Performance" for k, _, b in outline(text) if k in (CHOICE, LIST))


def test_a_telling_word_is_found_in_another_form() -> None:
    body = (
        "- Scheduled scaling:\n  - scales on schedules you set\n  - a cron-like plan of sizes\n"
        "- Forecast scaling:\n  - learns the daily load curve\n"
    )
    assert [(f, b) for k, f, b in md(body) if k == CHOICE] == [
        ("VPC — which one: a cron-like plan of sizes?", "Scheduled scaling"),
        ("VPC — which one: learns the daily load curve?", "Forecast scaling"),
    ]
