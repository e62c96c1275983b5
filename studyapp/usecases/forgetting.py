"""Forget an imported file: its cards leave the queue, Browse and the counts, their reviews stay
(importing the file again brings them back with their history). Used by `studyapp forget` and
Browse's forget key."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from studyapp.store.collection import Collection


@dataclass(frozen=True, slots=True)
class Forgotten:
    files: list[tuple[str, int]]  # (display path, cards retired)

    @property
    def cards(self) -> int:
        return sum(n for _, n in self.files)

    def to_json(self) -> dict[str, object]:
        return {
            "files": [{"path": p, "cards_retired": n} for p, n in self.files],
            "cards_retired": self.cards,
        }


def forget(collection: Collection, path: Path | str) -> Forgotten:
    """Retire the cards of the imported file at `path` (or of every file under a folder). The
    path need not exist any more: it is matched as stored (absolute and resolved) and as shown
    (the path it was imported as, what Browse shows). Raises
    DatabaseDamaged before writing into a damaged file."""
    collection.check_intact()
    key = str(Path(path).expanduser().resolve())
    return Forgotten(collection.forget_files(key, as_shown=str(path)))
