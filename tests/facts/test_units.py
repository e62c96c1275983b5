"""Numbers with units are read the way learners write them and compared after normalising."""

from __future__ import annotations

import pytest

from studyapp.facts.units import (
    BITRATE,
    COUNT,
    IOPS,
    PERCENT,
    RATE,
    SIZE,
    THROUGHPUT,
    TIME,
    Quantity,
    describe,
    parse_quantity,
    scan,
)


def _one(text: str, nouns: frozenset[str] = frozenset()) -> Quantity:
    found = [t.quantity for t in scan(text, nouns) if t.quantity is not None]
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("15 minutes", "900 seconds"),
        ("900secs", "15 min"),
        ("12 hours", "43,200 seconds"),
        ("14 days", "2 weeks"),
        ("15 months", "455 days"),
        ("1 year", "365 days"),
        ("10GB", "10,240 MB"),
        ("1 MiB", "1 MB"),
        ("256 KB", "256 KiB"),
        ("50 TB", "48.8 TiB"),
        ("1 MB/sec", "1 MiB/s"),
        ("300 TPS", "300 transactions per second"),
        ("64K IOPS", "64,000 IOPS"),
    ],
)
def test_units_are_normalised_before_comparing(a: str, b: str) -> None:
    assert _one(a).agrees(_one(b))


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("256 KB", "1 MiB"),
        ("5 TB", "48.8 TiB"),
        ("30 seconds", "30 minutes"),
        ("99.9%", "99.99%"),  # a percentage is compared exactly: each nine is a promise
        ("300 TPS", "300 MB/s"),  # different dimensions never agree
    ],
)
def test_different_values_do_not_agree(a: str, b: str) -> None:
    assert not _one(a).agrees(_one(b))


@pytest.mark.parametrize(
    ("text", "dimension"),
    [
        ("30 seconds", TIME),
        ("4 KB", SIZE),
        ("2 MB/s", THROUGHPUT),
        ("125 MBps", THROUGHPUT),
        ("5 Gbps", BITRATE),
        ("16,000 IOPS", IOPS),
        ("3,000 messages per second", RATE),
        ("99.999999999%", PERCENT),
    ],
)
def test_each_unit_has_its_dimension(text: str, dimension: str) -> None:
    assert _one(text).dimension == dimension


def test_a_count_is_of_a_named_thing_even_with_words_between() -> None:
    q = _one("up to 15 read replicas", frozenset({"replica"}))
    assert q == Quantity(15, COUNT + "replica")


def test_numbers_in_names_dates_and_addresses_are_not_quantities() -> None:
    for text in ("us-east-1", "ns-2048.awsdns-64.com", "v1.2", "$0.50/month"):
        assert all(t.quantity is None for t in scan(text)), text


def test_a_catalogue_value_must_have_a_unit() -> None:
    assert parse_quantity("12 hours") == Quantity(43200, TIME)
    assert parse_quantity("15 replicas").dimension == COUNT + "replica"
    for bad in ("12", "about 12 hours", "12 hours or so"):
        with pytest.raises(ValueError):
            parse_quantity(bad)


def test_values_are_described_readably() -> None:
    assert describe(parse_quantity("43200 seconds")) == "12 hours"
    assert describe(parse_quantity("1 MiB")) == "1 MiB"
    assert describe(parse_quantity("300 per second")) == "300 per second"
