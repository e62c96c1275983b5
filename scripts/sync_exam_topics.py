"""Fill each task statement's `topics:` in content/exams/*.yaml from the bundled notes.

The bundled notes say which task statements a topic covers (`<!-- domains: saa-c03:1.2 -->` under
its heading); this writes those topics' heading paths into the exam guides, so a guide names what
covers each task statement. tests/content/test_coverage.py checks the result.
Usage: .venv/bin/python scripts/sync_exam_topics.py
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from studyapp.notes.parse import parse_file  # noqa: E402

SEP = " > "


def covering_topics() -> dict[tuple[str, str], list[str]]:
    found: dict[tuple[str, str], list[str]] = {}
    for path in sorted((ROOT / "content" / "notes").glob("*.md")):
        note = parse_file(path)
        for topic in note.topics:
            if topic.level != 2:  # `##` topics carry the comment; sub-topics inherit it
                continue
            for ref in topic.domains:
                exam, _, task = ref.partition(":")
                if "." in task:
                    found.setdefault((exam, task), []).append(SEP.join(topic.path))
    return found


def main() -> int:
    found = covering_topics()
    for guide in sorted((ROOT / "content" / "exams").glob("*.yaml")):
        code = guide.stem
        lines = guide.read_text(encoding="utf-8").splitlines()
        out: list[str] = []
        task = None
        skipping = False
        for line in lines:
            m = re.match(r'\s*- id: "([\d.]+)"', line)
            if m:
                task = m.group(1)
            if skipping:
                if re.match(r"\s+- ", line) and not re.match(r"\s*- (id|number):", line):
                    continue
                skipping = False
            t = re.match(r"(\s*)topics:", line)
            if t and task:
                indent = t.group(1)
                paths = found.get((code, task), [])
                if paths:
                    out.append(f"{indent}topics:")
                    out.extend(f'{indent}  - "{p}"' for p in paths)
                else:
                    out.append(f"{indent}topics: []")
                skipping = True
                continue
            out.append(line)
        guide.write_text("\n".join(out) + "\n", encoding="utf-8")
        empty = sum(1 for line in out if line.strip() == "topics: []")
        print(f"{guide.name}: updated; task statements with no covering topic: {empty}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
