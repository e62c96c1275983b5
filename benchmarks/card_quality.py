"""Card quality: derived cards matched to hand labels, per note and overall.

Usage: .venv/bin/python benchmarks/card_quality.py [--todo] [--facts] [--note NAME]
       .venv/bin/python benchmarks/card_quality.py --merge NOTE.yaml LABELS.txt

``--merge`` adds labels written as ``line:hash label`` lines (label: worthy, weak, broken,
duplicate, or w, k, b, d) to a note's label file; benchmarks/quality/README.md says how to label.

The labels live in benchmarks/quality/*.yaml, one file per note. A label is keyed by the card's
source line and a short hash of its front and back (``line:hash``), so the notes' sentences never
enter the repository; a fact is the line range it comes from and a few words of our own.
The shared notes are read from ../shared/notes beside the checkout (the held-out notes from
tests/data/quality); when ../shared is absent the shared figures are skipped, loudly.

Prints per note and per group (shared, held-out): cards made, study-worthy %, weak %, broken %,
duplicate % (of labelled cards), unlabelled cards (label them: --todo lists them), fact coverage %
(facts with a study-worthy card from their lines) and emphasised-line coverage % (lines the
learner marked with **bold**, a ``**`` prefix or an ALL-CAPS stress word that got a study-worthy
card). Goal (issue 14): >= 90 % worthy, <= 2 % broken, <= 5 % duplicate, >= 60 % coverage.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from studyapp.notes.model import CardDraft  # noqa: E402
from studyapp.notes.parse import parse_file  # noqa: E402

LABELS = ROOT / "benchmarks" / "quality"
SHARED = ROOT.parent / "shared" / "notes"
HELDOUT = ROOT / "tests" / "data" / "quality"
KINDS = ("worthy", "weak", "broken", "duplicate")
GOAL = {"worthy": 90.0, "broken": 2.0, "duplicate": 5.0, "facts": 60.0, "emph": 60.0}

# ALL-CAPS words a learner uses for stress (acronyms such as SQS or VPC are not stress).
STRESS = frozenset(
    "NOT NO NEVER ONLY MUST ALWAYS CANNOT CAN'T CAN DON'T DOESN'T ISN'T WON'T ALL ONE BOTH "
    "DEFAULT REQUIRED IMPORTANT NOTE NEED NEEDS BEFORE AFTER SAME DIFFERENT FREE INCREMENTAL "
    "STATEFUL STATELESS PUBLIC PRIVATE TWICE WITH WITHOUT".split()
)
_FENCE = re.compile(r"^\s*(```|~~~)")
_BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*|__(?=\S)(.+?)(?<=\S)__")
_BOLD_ONLY = re.compile(r"^\W{0,6}\s*(?:\*\*|__)[^*_]+(?:\*\*|__)\s*:?\s*$")
_PREFIX = re.compile(r"^\s*(?:[-*•]\s+|\d+[.)]\s+)?\*\*\s")
_CAPS = re.compile(r"(?<![\w'])[A-Z][A-Z']+(?![\w'])")
_TABLE_SEP = re.compile(r"^\s*\|?\s*:?-{3,}")


def card_key(card: CardDraft) -> str:
    digest = hashlib.sha1(f"{card.front}\x1f{card.back}".encode()).hexdigest()[:8]
    return f"{card.line}:{digest}"


def emphasised_lines(text: str) -> set[int]:
    """Lines (1-based) the learner marked: a bold span, a ``**`` prefix or an ALL-CAPS stress
    word; not headings, bold-only label lines, table header rows or code."""
    lines = text.split("\n")
    found: set[int] = set()
    fence = False
    for i, line in enumerate(lines):
        if _FENCE.match(line):
            fence = not fence
            continue
        stripped = line.strip()
        if fence or not stripped or stripped.startswith("#") or _BOLD_ONLY.match(stripped):
            continue
        if stripped.startswith("|") and i + 1 < len(lines) and _TABLE_SEP.match(lines[i + 1]):
            continue  # a table's header row
        words = _CAPS.findall(stripped)
        caps_stress = any(w in STRESS for w in words) and not stripped.isupper()
        if _PREFIX.match(line) or _BOLD.search(stripped) or caps_stress:
            found.add(i + 1)
    return found


@dataclass
class Figures:
    cards: int = 0
    labels: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    unlabelled: int = 0
    facts: int = 0
    facts_covered: int = 0
    emph: int = 0
    emph_covered: int = 0

    def add(self, other: Figures) -> None:
        self.cards += other.cards
        for k in KINDS:
            self.labels[k] += other.labels[k]
        self.unlabelled += other.unlabelled
        self.facts += other.facts
        self.facts_covered += other.facts_covered
        self.emph += other.emph
        self.emph_covered += other.emph_covered

    def pct(self, kind: str) -> float:
        total = sum(self.labels.values())
        return 100.0 * self.labels[kind] / total if total else 0.0

    def row(self, name: str) -> str:
        fact = 100.0 * self.facts_covered / self.facts if self.facts else 0.0
        emph = 100.0 * self.emph_covered / self.emph if self.emph else 0.0
        return (
            f"{name:<44} {self.cards:>5} {self.pct('worthy'):>6.1f} {self.pct('weak'):>5.1f} "
            f"{self.pct('broken'):>6.1f} {self.pct('duplicate'):>4.1f} {self.unlabelled:>6} "
            f"{fact:>5.1f} ({self.facts_covered}/{self.facts}) {emph:>5.1f} "
            f"({self.emph_covered}/{self.emph})"
        )


@dataclass
class Note:
    name: str
    group: str  # "shared" or "held-out"
    path: Path
    regions: list[tuple[int, int]]
    labels: dict[str, str]
    facts: list[tuple[int, int, str]]
    ignore_emphasis: set[int]


def _in(regions: list[tuple[int, int]], line: int) -> bool:
    return any(a <= line <= b for a, b in regions)


def load_notes() -> list[Note]:
    notes = []
    for spec in sorted(LABELS.glob("*.yaml")):
        data = yaml.safe_load(spec.read_text(encoding="utf-8"))
        group = data["group"]
        base = SHARED if group == "shared" else HELDOUT
        regions = [tuple(r) for r in data.get("regions") or [[1, 10**9]]]
        facts = []
        for item in data.get("facts") or []:
            if len(item) == 2:
                facts.append((item[0], item[0], item[1]))
            else:
                facts.append((item[0], item[1], item[2]))
        labels = {str(k): v for k, v in (data.get("cards") or {}).items()}
        bad = {v for v in labels.values() if v not in KINDS}
        if bad:
            raise SystemExit(f"{spec}: unknown labels {sorted(bad)} (use one of {KINDS})")
        notes.append(
            Note(
                data["note"],
                group,
                base / data["note"],
                regions,  # type: ignore[arg-type]
                labels,
                facts,
                set(data.get("ignore_emphasis") or []),
            )
        )
    return notes


def measure(note: Note, todo: bool, show_facts: bool) -> Figures:
    parsed = parse_file(note.path)
    text = note.path.read_text(encoding="utf-8", errors="replace")
    fig = Figures()
    worthy_lines: set[int] = set()
    for card in parsed.cards:
        if not _in(note.regions, card.line):
            continue
        fig.cards += 1
        label = note.labels.get(card_key(card))
        if label is None:
            fig.unlabelled += 1
            if todo:
                print(f"  {card_key(card)}  [{card.kind}] {card.front!r} -> {card.back!r}")
            continue
        fig.labels[label] += 1
        if label == "worthy":
            worthy_lines.add(card.line)
    for a, b, about in note.facts:
        fig.facts += 1
        covered = any(a <= n <= b for n in worthy_lines)
        fig.facts_covered += covered
        if show_facts and not covered:
            print(f"  not covered: {a}-{b} {about}")
    emph = {n for n in emphasised_lines(text) if _in(note.regions, n)} - note.ignore_emphasis
    fig.emph = len(emph)
    fig.emph_covered = len(emph & worthy_lines)
    return fig


SHORT = {"w": "worthy", "k": "weak", "b": "broken", "d": "duplicate"}


def save_spec(spec: Path, data: dict) -> None:  # type: ignore[type-arg]
    """Write a label file in a fixed, diff-friendly layout (one card label per line)."""
    out = [f"note: {data['note']}", f"group: {data['group']}"]
    if data.get("regions"):
        out.append(f"regions: {[list(r) for r in data['regions']]}")
    out.append("cards:")
    cards = data.get("cards") or {}
    for key in sorted(cards, key=lambda k: (int(str(k).split(":")[0]), str(k))):
        out.append(f'  "{key}": {cards[key]}')
    out.append("facts:")
    for fact in data.get("facts") or []:
        out.append(f"  - {yaml.safe_dump(fact, default_flow_style=True, width=1000).strip()}")
    if data.get("ignore_emphasis"):
        out.append(f"ignore_emphasis: {sorted(data['ignore_emphasis'])}")
    spec.write_text("\n".join(out) + "\n", encoding="utf-8")


def merge(spec: Path, labels: Path) -> int:
    data = yaml.safe_load(spec.read_text(encoding="utf-8"))
    cards = data.setdefault("cards", {}) or {}
    for raw in labels.read_text(encoding="utf-8").splitlines():
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        key, label = raw.split()[:2]
        label = SHORT.get(label, label)
        if label not in KINDS:
            raise SystemExit(f"{labels}: {raw!r}: unknown label")
        cards[key] = label
    data["cards"] = cards
    save_spec(spec, data)
    print(f"{spec}: {len(cards)} card labels")
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--todo", action="store_true", help="list the cards that have no label yet")
    ap.add_argument("--facts", action="store_true", help="list the facts without a worthy card")
    ap.add_argument("--note", help="only the note whose file name contains this")
    ap.add_argument("--merge", nargs=2, type=Path, metavar=("NOTE_YAML", "LABELS_TXT"))
    args = ap.parse_args()
    if args.merge:
        return merge(*args.merge)
    notes = [n for n in load_notes() if not args.note or args.note in n.name]
    if not SHARED.is_dir():
        print("!" * 78)
        print(f"!!! {SHARED} is not there: the SHARED notes' figures are SKIPPED.")
        print("!!! Clone the repository beside ../shared (as /work/<name>) to measure them.")
        print("!" * 78)
        notes = [n for n in notes if n.group != "shared"]
    header = (
        f"{'note':<44} {'cards':>5} {'worthy':>6} {'weak':>5} {'broken':>6} {'dup':>4} "
        f"{'unlab.':>6} {'facts covered':>13} {'emphasised covered':>18}"
    )
    groups: dict[str, Figures] = {}
    total = Figures()
    rows = []
    for note in notes:
        if args.todo or args.facts:
            print(f"{note.group}/{note.name}:")
        fig = measure(note, args.todo, args.facts)
        rows.append(fig.row(f"{note.group}/{note.name}"))
        groups.setdefault(note.group, Figures()).add(fig)
        total.add(fig)
    print(header)
    print("\n".join(rows))
    for name, fig in groups.items():
        print(fig.row(f"== all {name}"))
    print(total.row("== overall"))
    print(
        f"goal: worthy >= {GOAL['worthy']:.0f} %, broken <= {GOAL['broken']:.0f} %, "
        f"duplicate <= {GOAL['duplicate']:.0f} %, facts and emphasised lines >= "
        f"{GOAL['facts']:.0f} % (percentages of labelled cards)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
