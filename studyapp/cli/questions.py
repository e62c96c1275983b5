"""`studyapp questions`: the question bank, so a learner knows what they are drilling."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

from studyapp.util.textsafe import one_line, visible

_ID_LINE = re.compile(r"^-\s+id:\s*(\S+)\s*$")


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


def _where(folder: Path) -> dict[str, str]:
    """Question id -> "file:line" of its `- id:` line, to point at the question in a finding."""
    out: dict[str, str] = {}
    for path in sorted(folder.glob("*.yaml")):
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):
            continue
        for number, line in enumerate(text.splitlines(), 1):
            found = _ID_LINE.match(line)
            if found:
                out.setdefault(found.group(1).strip("\"'"), f"{path}:{number}")
    return out


def _located(problem: str, where: dict[str, str]) -> str:
    qid = problem.split(":", 1)[0].split(" and ", 1)[0]
    return f"{where[qid]}: {problem}" if qid in where else problem


def _notes_texts(folder: Path) -> list[str]:
    texts = []
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            try:
                texts.append(path.read_text(encoding="utf-8", errors="replace"))
            except OSError:
                continue
    return texts


def cmd_lint(exam: str | None, as_json: bool, notes: Path | None, dump: Any) -> int:
    """`studyapp questions --lint`: the bank's figures against the bar; exit 1 if it fails."""
    from studyapp.exam.lint import copied_lines, lint_bank
    from studyapp.usecases import content

    guides, bank = load_all()
    code = exam.lower() if exam else None
    if code is not None and code not in guides:
        print(f"studyapp: unknown exam {exam!r}; known exams: {', '.join(sorted(guides))}")
        return 2
    if notes is not None and not notes.is_dir():
        print(f"studyapp: --notes {notes}: not a folder")
        return 2
    questions = [q for q in bank.questions if code is None or q.exam == code]
    report = lint_bank(guides, questions)
    folder = content.questions_dir()
    where = _where(folder)
    problems = [_located(p, where) for p in report.problems]
    problems += [f"{e}" for e in bank.errors]
    copied: list[tuple[str, int, str]] = []
    if notes is not None:
        files = [
            (str(p), p.read_text(encoding="utf-8", errors="replace"))
            for p in sorted(folder.glob("*.yaml"))
        ]
        copied = copied_lines(files, _notes_texts(notes))
        problems += [
            f"{f}:{n}: repeats 10 words of a note in {notes}: {one_line(t, 100)}"
            for f, n, t in copied
        ]
    if as_json:
        data = report.to_dict()
        data["problems"] = problems
        data["ok"] = not problems
        data["copied_lines"] = (
            None if notes is None else [{"path": f, "line": n, "text": t} for f, n, t in copied]
        )
        print(dump(data))
        return 0 if not problems else 1
    t = report.thresholds
    for e in report.exams:
        print(f"{e.exam}: {e.total} questions")
        for d in e.domains:
            tasks = ", ".join(f"{task} {n}" for task, n in d.tasks)
            print(
                f"  domain {d.number}: {d.count} ({d.percent:.1f} %, weight {d.weight:g} %);"
                f" tasks {tasks}"
            )
        print(
            f"  key is the longest option: {e.longest_key}/{e.single_answer} single-answer"
            f" questions, {e.longest_key_share:.1%} (at most {t.longest_key_share:.0%})"
        )
        print(
            f"  key is the shortest option: {e.shortest_key}/{e.single_answer},"
            f" {e.shortest_key_share:.1%} (at most {t.shortest_key_share:.0%})"
        )
        print(
            f"  key alone shares the most words with the stem: {e.keyword_key}/{e.single_answer},"
            f" {e.keyword_key_share:.1%} (at most {t.keyword_key_share:.0%})"
        )
        print(
            f"  stems: {e.stem_words_min}-{e.stem_words_max} words, mean {e.stem_words_mean:.1f}"
            f" ({len(e.stems_out_of_range)} outside {t.stem_words[0]}-{t.stem_words[1]})"
        )
        print(
            f"  MOST/LEAST: {e.most_least}/{e.total}, {e.most_least_share:.1%}"
            f" (at least {t.most_least_share:.0%})"
        )
        print(f"  without a documentation link: {len(e.without_doc_link)}")
        short = ", ".join(f"domain {d} {n}" for d, n in e.short_of_six)
        print(
            f"  full mocks at the domain weights without a repeat: {e.full_mocks}"
            + (f" (short of six: {short})" if short else "")
        )
    best = report.most_similar
    closest = (
        f"; closest pair {best.first} / {best.second} at {best.similarity:.2f}" if best else ""
    )
    print(
        f"near-duplicate stems (Jaccard of {t.shingle}-word shingles >= {t.near_duplicate:g}):"
        f" {len(report.near_duplicates)}{closest}"
    )
    ck = report.closest_keys
    closest = f"; closest pair {ck.first} / {ck.second} at {ck.similarity:.2f}" if ck else ""
    print(
        f"keyed options saying the same thing (Jaccard of {t.key_shingle}-word shingles >="
        f" {t.same_key:g}): {len(report.same_keys)}{closest}"
    )
    review = report.possible_repeats
    print(
        f"pairs sharing rare words (Jaccard >= {t.possible_repeat:g}; to compare by hand, not a"
        f" bar): {len(review)}"
        + "".join(f"\n  {n.first} / {n.second} {n.similarity:.2f}" for n in review[:10])
    )
    if notes is not None:
        print(f"lines repeating 10 words of the notes in {notes}: {len(copied)}")
    for p in problems:
        print(visible(p))
    print("bank lint: ok" if not problems else f"bank lint: {len(problems)} problem(s)")
    return 0 if not problems else 1
