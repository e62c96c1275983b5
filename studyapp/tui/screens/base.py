"""What every studyapp screen shares: typed access to the app that owns the collection."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar, cast

from textual.screen import ModalScreen, Screen

if TYPE_CHECKING:
    from studyapp.tui.app import StudyApp

ResultType = TypeVar("ResultType")


class StudyScreen(Screen[ResultType]):
    @property
    def study_app(self) -> StudyApp:
        """The running StudyApp (its collection, settings and config), typed."""
        return cast("StudyApp", self.app)


class StudyModal(ModalScreen[ResultType]):
    @property
    def study_app(self) -> StudyApp:
        return cast("StudyApp", self.app)
