"""The statistics a learner coming from Anki looks for: retention by month, a review heatmap,
card counts by state and the hours of the day they study in (pure: rows in, figures out).

- **Retention** is Anki's "true retention": of the reviews of cards in the Review state (not new,
  not in learning or relearning steps), the share not rated Again, per calendar month (UTC).
- **The heatmap** counts reviews per UTC day over the last `HEATMAP_DAYS`, the days the rest of
  the app counts in (today's reviews, the streak, the report's 30 days).
- **Card states** are Anki's: new, learning, relearning, young and mature (a review card whose
  interval, due minus last review, is under or at least `MATURE_DAYS`), then suspended and buried
  counted apart whatever their state; retired cards (forgotten or gone from the notes) are not.
- **Hours** are the hours of the machine's local time, with each hour's share not rated Again
  (the store counts reviews per UTC hour; in a zone off by half an hour, such as UTC+05:30, an
  hour's reviews count in the local hour that hour starts in).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

HEATMAP_DAYS = 365
MATURE_DAYS = 21
STATES = ("new", "learning", "relearning", "young", "mature", "suspended", "buried")
SHADES = " ░▒▓█"  # no reviews, then the quarters of the busiest day


@dataclass(frozen=True, slots=True)
class Tally:
    """Reviews and how many of them were not rated Again."""

    reviews: int
    passed: int

    @property
    def rate(self) -> float | None:
        return self.passed / self.reviews if self.reviews else None

    def to_json(self) -> dict[str, object]:
        rate = self.rate
        return {
            "reviews": self.reviews,
            "passed": self.passed,
            "retention": None if rate is None else round(rate, 4),
        }


@dataclass(frozen=True, slots=True)
class StatsInput:
    """What the store reads for the statistics."""

    today: date  # UTC
    utc_offset_minutes: int  # the local time the hours are counted in
    months: dict[str, Tally]  # "YYYY-MM": reviews of Review-state cards that month
    days: dict[str, int]  # "YYYY-MM-DD": reviews that day, for the heatmap's days only
    states: dict[str, int]  # one of STATES: cards
    hours: dict[int, Tally]  # 0-23 local: every review


@dataclass(frozen=True, slots=True)
class Stats:
    today: date
    utc_offset_minutes: int
    months: list[tuple[str, Tally]]  # oldest first, months with reviews only
    days: list[tuple[str, int]]  # every day of the heatmap, oldest first
    states: dict[str, int] = field(default_factory=dict)
    hours: list[Tally] = field(default_factory=list)  # 24 entries

    @property
    def total_cards(self) -> int:
        return sum(self.states.values())

    @property
    def busiest_day(self) -> int:
        return max((n for _, n in self.days), default=0)

    @property
    def days_studied(self) -> int:
        return sum(1 for _, n in self.days if n)

    def to_json(self) -> dict[str, object]:
        return {
            "retention_by_month": [{"month": m, **t.to_json()} for m, t in self.months],
            "heatmap": {
                "days": HEATMAP_DAYS,
                "first": self.days[0][0] if self.days else None,
                "last": self.today.isoformat(),
                "timezone": "UTC",
                "reviews": {d: n for d, n in self.days if n},
                "days_studied": self.days_studied,
                "busiest": self.busiest_day,
            },
            "card_states": {s: self.states.get(s, 0) for s in STATES},
            "hours": {
                "utc_offset_minutes": self.utc_offset_minutes,
                "by_hour": [{"hour": h, **t.to_json()} for h, t in enumerate(self.hours)],
            },
        }

    def heatmap_rows(self) -> list[str]:
        """Seven rows (Monday to Sunday), one column per week, oldest week first: a shade per
        day by its share of the busiest day; days after today are blank."""
        if not self.days:
            return []
        first = date.fromisoformat(self.days[0][0])
        start = first - timedelta(days=first.weekday())  # the Monday of the first week
        weeks = (self.today - start).days // 7 + 1
        counts = dict(self.days)
        top = self.busiest_day
        rows = []
        for weekday in range(7):
            cells = []
            for week in range(weeks):
                day = start + timedelta(days=week * 7 + weekday)
                if day < first or day > self.today:
                    cells.append(" ")
                    continue
                n = counts.get(day.isoformat(), 0)
                cells.append(SHADES[0] if not n else SHADES[min(4, 1 + (4 * n - 1) // top)])
            rows.append("".join(cells))
        return rows


def make_stats(rows: StatsInput) -> Stats:
    first = rows.today - timedelta(days=HEATMAP_DAYS - 1)
    days = [
        (d.isoformat(), rows.days.get(d.isoformat(), 0))
        for d in (first + timedelta(days=i) for i in range(HEATMAP_DAYS))
    ]
    return Stats(
        today=rows.today,
        utc_offset_minutes=rows.utc_offset_minutes,
        months=sorted(rows.months.items()),
        days=days,
        states={s: rows.states.get(s, 0) for s in STATES},
        hours=[rows.hours.get(h, Tally(0, 0)) for h in range(24)],
    )
