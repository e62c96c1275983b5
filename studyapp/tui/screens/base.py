"""What every studyapp screen shares: typed access to the app that owns the collection."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar, cast

from textual.binding import Binding
from textual.screen import ModalScreen, Screen

if TYPE_CHECKING:
    from studyapp.tui.app import StudyApp

ResultType = TypeVar("ResultType")

# `?` (or F1) shows the keys: the App binds it for every screen, a modal binds it again (a
# modal screen hides the App's bindings). An Input keeps `?` as text; F1 still works there.
HELP_KEYS = "question_mark,f1"
HELP_BINDING = Binding(
    HELP_KEYS,
    "app.toggle_help",
    "Keys",
    id="app.help",
    show=False,
    tooltip="Show or hide the keys of this screen",
)


class StudyScreen(Screen[ResultType]):
    @property
    def study_app(self) -> StudyApp:
        """The running StudyApp (its collection, settings and config), typed."""
        return cast("StudyApp", self.app)


class StudyModal(ModalScreen[ResultType]):
    BINDINGS = [HELP_BINDING]

    @property
    def study_app(self) -> StudyApp:
        return cast("StudyApp", self.app)
