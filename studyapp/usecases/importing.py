"""Import notes files and folders into the database (used by the CLI and the TUI's worker)."""

from __future__ import annotations

import errno
import os
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from studyapp.store.records import FileSummary
from studyapp.util.files import file_sha256

if TYPE_CHECKING:
    from studyapp.facts import FactCatalogue, Finding
    from studyapp.store.collection import Collection

SUFFIXES = (".md", ".markdown", ".txt", ".apkg", ".colpkg")  # the last two: Anki packages
Progress = Callable[[int, int, str], None]  # done, total, current file


@dataclass(slots=True)
class ImportReport:
    files: list[FileSummary] = field(default_factory=list)
    warnings: list[tuple[str, int, str]] = field(default_factory=list)  # not tied to one file
    # claims in the imported cards that contradict the fact catalogue (docs/facts.md)
    fact_findings: list[Finding] = field(default_factory=list)

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
            "fact_findings": len(self.fact_findings),
        }
        return {
            "files": [f.to_json() for f in self.files],
            "warnings": [{"path": p, "line": n, "message": m} for p, n, m in self.warnings],
            "fact_findings": [f.to_json() for f in self.fact_findings],
            "totals": totals,
        }


def collect(paths: Iterable[Path]) -> tuple[list[Path], list[tuple[str, int, str]]]:
    """Files to import under the given paths: notes suffixes, no hidden folders, no loops.

    Broken or looping symbolic links and folders that cannot be opened are reported, not followed.
    """
    found: list[Path] = []
    warnings: list[tuple[str, int, str]] = []
    seen_dirs: dict[tuple[int, int], str] = {}

    def cannot_open(err: OSError) -> None:
        where = err.filename or "?"
        warnings.append((str(where), 0, f"cannot open this folder ({err.strerror}), skipped"))

    for root in paths:
        if root.is_file():
            found.append(root)
            continue
        if not root.exists():
            warnings.append((str(root), 0, _missing(root)))
            continue
        for dirpath, dirnames, filenames in os.walk(root, onerror=cannot_open, followlinks=True):
            st = os.stat(dirpath)
            key = (st.st_dev, st.st_ino)
            if key in seen_dirs:
                message = f"links back to {seen_dirs[key]}, already read (a symbolic link loop)"
                warnings.append((dirpath, 0, message + "; skipped"))
                dirnames[:] = []
                continue
            seen_dirs[key] = dirpath
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            for name in sorted(filenames):
                if name.lower().endswith(SUFFIXES) and not name.startswith("."):
                    path = Path(dirpath) / name
                    if path.is_file():
                        found.append(path)
                    else:
                        warnings.append((str(path), 0, _missing(path)))
    return found, warnings


def _missing(path: Path) -> str:
    """Why a path that is listed cannot be read: a broken or looping link, or nothing there."""
    try:
        os.stat(path)
    except OSError as err:
        if err.errno == errno.ELOOP:
            return "symbolic link loop (the link leads back to itself), skipped"
        if path.is_symlink():
            return f"broken symbolic link to {os.readlink(path)}, skipped"
        return "no such file or folder"
    return "not a regular file, skipped"


def import_paths(
    collection: Collection,
    paths: Iterable[Path],
    bundled: bool = False,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> ImportReport:
    """Import every notes file under `paths` in one transaction: the run is applied wholly or
    not at all (an error, a cancel, or the process being killed leaves the database as it was)."""
    files, warnings = collect(list(paths))
    report = ImportReport(warnings=warnings)
    facts: FactCatalogue | None = None  # loaded with the parser, for the first changed file
    unchanged: dict[str, str] = {}
    order: list[tuple[str, FileSummary | None]] = []
    try:
        with collection.batch():
            stored = collection.source_hashes()  # under the write lock: nobody changes it meanwhile
            for n, path in enumerate(files):
                if cancel is not None and cancel.is_set():
                    raise _Cancelled
                display = str(path)
                if progress:
                    progress(n, len(files), display)
                try:
                    key = str(path.resolve())
                    digest = file_sha256(path)
                except RuntimeError:  # a symlink loop that appeared after collect()
                    order.append((display, _skipped(display, "symbolic link loop, skipped")))
                    continue
                except OSError as exc:
                    reason = f"cannot read: {exc.strerror or exc}"
                    order.append((display, _skipped(display, reason)))
                    continue
                if stored.get(key) == digest:
                    unchanged[key] = display
                    order.append((key, None))
                    continue
                if path.suffix.lower() in (".apkg", ".colpkg"):
                    from studyapp.usecases.anki_import import import_package

                    summary, deck = import_package(collection, path, key, display, digest)
                    if deck:
                        if facts is None:
                            facts = _fact_catalogue(report)
                        from studyapp.facts import check_cards

                        report.fact_findings.extend(check_cards(facts, deck, display))
                    order.append((display, summary))
                    continue
                from studyapp.notes.parse import parse_file  # loaded only for a changed file

                note = parse_file(path, display_path=display)
                if note.skipped:
                    summary = FileSummary(path=display, status="skipped")
                    summary.warnings = [(w.path, w.line, w.message) for w in note.warnings]
                    order.append((display, summary))
                    continue
                if facts is None:
                    facts = _fact_catalogue(report)
                from studyapp.facts import check_note

                report.fact_findings.extend(check_note(note, facts))
                summary = collection.import_note(note, key, display, note.kind, bundled=bundled)
                order.append((display, summary))
    except _Cancelled:
        report.fact_findings.clear()
        report.warnings.append(("", 0, "import cancelled: nothing was changed"))
        return report
    if progress:
        progress(len(files), len(files), "")
    skipped = {s.path: s for s in collection.unchanged_summaries(unchanged)}
    for key, done in order:
        report.files.append(done if done is not None else skipped[unchanged[key]])
    return report


class _Cancelled(Exception):
    """Raised inside the import's transaction to roll it back."""


def _fact_catalogue(report: ImportReport) -> FactCatalogue:
    """The documented AWS values (loaded once per process); what is wrong in the catalogue
    itself goes into the report's warnings."""
    from studyapp.usecases import content

    facts, problems = content.facts()
    report.warnings.extend((p.path, p.line, f"fact catalogue: {p.message}") for p in problems)
    return facts


def _skipped(display: str, message: str) -> FileSummary:
    return FileSummary(path=display, status="skipped", warnings=[(display, 0, message)])


def unchanged_since_import(stored: dict[str, str], paths: Iterable[Path]) -> bool:
    """Whether every notes file under `paths` is stored with its current content (`stored`:
    resolved path -> sha256, as `source_hashes()` gives), so an import would change nothing.
    Cheap: hashing, no parsing, no SQLAlchemy."""
    files, _ = collect(list(paths))
    try:
        return all(stored.get(str(p.resolve())) == file_sha256(p) for p in files)
    except (OSError, RuntimeError):  # unreadable, or a link loop: let the import say so
        return False
