"""Show how notes files map to exam domains: per note, per exam, each domain with its topics.

Parses the files directly (no database) and runs the same mapping the progress report uses.
Usage: .venv/bin/python scripts/map_notes.py [--why] [--limit N] [--exam CODE] PATH...
A PATH may be a folder (its .md and .txt files are read).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping, Sequence, Sized
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from studyapp.exam.guide import ExamGuide, load_guides  # noqa: E402
from studyapp.notes.parse import parse_file  # noqa: E402
from studyapp.reports.mapping import (  # noqa: E402
    SEP,
    TopicMapping,
    TopicText,
    load_catalogue,
    map_topics,
)
from studyapp.util import locations  # noqa: E402
from studyapp.util.textsafe import one_line  # noqa: E402


def note_files(paths: Sequence[str]) -> list[Path]:
    out: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            out += sorted(p for p in path.iterdir() if p.suffix in (".md", ".txt"))
        else:
            out.append(path)
    return out


def topics_of(path: Path) -> list[TopicText]:
    note = parse_file(path, display_path=path.name)
    for w in note.warnings:
        print(f"{w.path}:{w.line}: {one_line(w.message)}", file=sys.stderr)
    return [
        TopicText(i, SEP.join(t.path), t.title, t.body, t.line, tuple(t.domains), path.name)
        for i, t in enumerate(note.topics)
    ]


def _count(items: Sized) -> str:
    return f"{len(items)} topic" + ("" if len(items) == 1 else "s")


def listing(
    name: str,
    maps: Mapping[int, TopicMapping],
    guides: Mapping[str, ExamGuide],
    why: bool,
    limit: int,
) -> list[str]:
    lines = [f"## {name}: {_count(maps)}"]
    for code, guide in sorted(guides.items()):
        lines.append(f"### {code}")
        for domain in guide.domains:
            placed = [m for m in maps.values() if domain.number in m.domains(code)]
            lines.append(f"- domain {domain.number} {domain.name}: {_count(placed)}")
            for m in placed[:limit] if limit else placed:
                lines.append(f"    - {one_line(m.topic.path)} (line {m.topic.line})")
                if why:
                    lines += [f"        {one_line(x)}" for x in m.explain() if x.startswith(code)]
        none = [m for m in maps.values() if not m.domains(code)]
        lines.append(f"- no {code} domain: {_count(none)}")
        for m in none[:limit] if limit else none:
            lines.append(f"    - {one_line(m.topic.path)} (line {m.topic.line})")
            if why:
                lines += [f"        {one_line(x)}" for x in m.explain()]
    return lines


def summary(
    counts: Mapping[str, Mapping[int, TopicMapping]], guides: Mapping[str, ExamGuide]
) -> list[str]:
    cols = [(code, d.number) for code, g in sorted(guides.items()) for d in g.domains]
    head = ["note", "topics", *[f"{c[:3]}{n}" for c, n in cols], "none"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for name, maps in counts.items():
        row = [name, str(len(maps))]
        row += [str(sum(n in m.domains(c) for m in maps.values())) for c, n in cols]
        row.append(str(sum(not m.placements for m in maps.values())))
        lines.append("| " + " | ".join(row) + " |")
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--why", action="store_true", help="explain each placement")
    parser.add_argument("--limit", type=int, default=0, help="topics shown per domain (0: all)")
    parser.add_argument("--exam", help="only this exam")
    args = parser.parse_args(argv)
    guides = load_guides(locations.content_dir() / "exams")
    catalogue = load_catalogue(locations.content_dir() / "catalogue" / "aws-services.yaml", guides)
    shown = {c: g for c, g in guides.items() if not args.exam or c == args.exam}
    if not shown:
        parser.error(f"no exam {args.exam!r}; known: {', '.join(sorted(guides))}")
    all_maps: dict[str, dict[int, TopicMapping]] = {}
    out: list[str] = []
    for path in note_files(args.paths):
        maps = map_topics(topics_of(path), catalogue, guides)
        all_maps[path.name] = maps
        out += listing(path.name, maps, shown, args.why, args.limit)
        out.append("")
    out.append("## Summary (topics per domain; a topic may count in several)")
    out += summary(all_maps, shown)
    print("\n".join(out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
