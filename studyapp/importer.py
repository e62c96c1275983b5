"""Import notes files and folders into the database (used by the CLI and the TUI's worker)."""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from studyapp.store.records import FileSummary
from studyapp.store.repository import Repository

SUFFIXES = (".md", ".markdown", ".txt")
Progress = Callable[[int, int, str], None]  # done, total, current file


@dataclass(slots=True)
class ImportReport:
    files: list[FileSummary] = field(default_factory=list)
    warnings: list[tuple[str, int, str]] = field(default_factory=list)  # not tied to one file

    def to_json(self) -> dict[str, object]:
        totals = {
            "files": len(self.files),
            "imported": sum(f.status == "imported" for f in self.files),
            "unchanged_files": sum(f.status == "unchanged" for f in self.files),
            "skipped": sum(f.status == "skipped" for f in self.files),
            "topics": sum(f.topics for f in self.files),
            "cards": sum(f.cards for f in self.files),
            "tables": sum(f.tables for f in self.files),
            "new": sum(f.new for f in self.files),
            "updated": sum(f.updated for f in self.files),
            "retired": sum(f.retired for f in self.files),
            "unchanged": sum(f.unchanged for f in self.files),
            "warnings": sum(len(f.warnings) for f in self.files) + len(self.warnings),
        }
        return {
            "files": [f.to_json() for f in self.files],
            "warnings": [{"path": p, "line": n, "message": m} for p, n, m in self.warnings],
            "totals": totals,
        }


def collect(paths: Iterable[Path]) -> tuple[list[Path], list[tuple[str, int, str]]]:
    """Files to import under the given paths: notes suffixes, no hidden folders, no loops."""
    found: list[Path] = []
    warnings: list[tuple[str, int, str]] = []
    seen_dirs: set[tuple[int, int]] = set()
    for root in paths:
        if root.is_file():
            found.append(root)
            continue
        if not root.exists():
            warnings.append((str(root), 0, "no such file or folder"))
            continue
        for dirpath, dirnames, filenames in os.walk(root, followlinks=True):
            st = os.stat(dirpath)
            key = (st.st_dev, st.st_ino)
            if key in seen_dirs:
                warnings.append((dirpath, 0, "folder already visited (symlink loop?), skipped"))
                dirnames[:] = []
                continue
            seen_dirs.add(key)
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            for name in sorted(filenames):
                if name.lower().endswith(SUFFIXES) and not name.startswith("."):
                    found.append(Path(dirpath) / name)
    return found, warnings


def import_paths(
    repo: Repository,
    paths: Iterable[Path],
    bundled: bool = False,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> ImportReport:
    from studyapp.notes.parse import parse_file

    files, warnings = collect(list(paths))
    report = ImportReport(warnings=warnings)
    stored = repo.source_hashes()
    unchanged: dict[str, str] = {}
    order: list[tuple[str, FileSummary | None]] = []
    for n, path in enumerate(files):
        if cancel is not None and cancel.is_set():
            break
        display = str(path)
        if progress:
            progress(n, len(files), display)
        try:
            key = str(path.resolve())
            digest = _sha256(path)
        except OSError as exc:
            order.append((display, _skipped(display, f"cannot read: {exc.strerror or exc}")))
            continue
        if stored.get(key) == digest:
            unchanged[key] = display
            order.append((key, None))
            continue
        note = parse_file(path, display_path=display)
        if note.skipped:
            summary = FileSummary(path=display, status="skipped")
            summary.warnings = [(w.path, w.line, w.message) for w in note.warnings]
            order.append((display, summary))
            continue
        kind = "markdown" if path.suffix.lower() in (".md", ".markdown") else "outline"
        order.append((display, repo.import_note(note, key, display, kind, bundled=bundled)))
    if progress:
        progress(len(files), len(files), "")
    skipped = {s.path: s for s in repo.unchanged_summaries(unchanged)}
    for key, summary in order:
        report.files.append(summary if summary is not None else skipped[unchanged[key]])
    return report


def _skipped(display: str, message: str) -> FileSummary:
    return FileSummary(path=display, status="skipped", warnings=[(display, 0, message)])


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()
