"""`studyapp questions`: the question bank, so a learner knows what they are drilling."""

from __future__ import annotations

from collections import Counter
from typing import Any

from studyapp.util.textsafe import one_line, visible


def load_all() -> tuple[dict[str, Any], Any]:
    from studyapp.usecases import content

    return content.guides(), content.bank()


def cmd_questions(exam: str | None, as_json: bool, dump: Any) -> int:
    guides, bank = load_all()
    code = exam.lower() if exam else None
    if code is not None and code not in guides:
        known = ", ".join(sorted(guides))
        print(f"studyapp: unknown exam {exam!r}; known exams: {known}")
        return 2
    questions = [q for q in bank.questions if code is None or q.exam == code]
    counts: dict[str, dict[str, int]] = {}
    for q in questions:
        counts.setdefault(q.exam, Counter())[str(q.domain)] += 1  # type: ignore[arg-type]
    if as_json:
        print(
            dump(
                {
                    "count": len(questions),
                    "counts": {
                        e: {
                            "total": sum(c.values()),
                            "by_domain": {d: c[d] for d in sorted(c)},
                        }
                        for e, c in sorted(counts.items())
                    },
                    "questions": [
                        {
                            "id": q.id,
                            "exam": q.exam,
                            "domain": q.domain,
                            "task": q.task,
                            "difficulty": q.difficulty,
                            "stem": q.stem,
                            "choose": q.choose,
                            "options": dict(q.options),
                            "correct": sorted(q.correct),
                            "references": list(q.references),
                        }
                        for q in questions
                    ],
                    "errors": [
                        {"path": e.file, "line": e.line, "message": e.message} for e in bank.errors
                    ],
                }
            )
        )
        return 0
    for q in questions:
        print(f"{q.id}  {q.exam} domain {q.domain} task {q.task}  [{q.difficulty}]")
        print(f"    {one_line(q.stem, 160)}")
        for letter, text in q.options:
            mark = "*" if letter in q.correct else " "
            print(f"   {mark}{letter}. {one_line(text, 150)}")
        print(f"    ref: {visible(q.references[0]) if q.references else '-'}")
    for e, c in sorted(counts.items()):
        guide = guides[e]
        parts = []
        for d in guide.domains:
            parts.append(f"domain {d.number} ({d.weight:g}%): {c.get(str(d.number), 0)}")
        print(f"{e}: {sum(c.values())} questions; " + "; ".join(parts))
    for err in bank.errors:
        print(f"{visible(str(err))}")
    return 0
