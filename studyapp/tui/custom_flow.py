"""Custom study from any screen: its dialog, then the session the learner chose.

Reached from home (`c`), from the scope chooser and from a topic with nothing due (Browse): no
"nothing due" dead end, today's limits can be raised or the topic studied beyond them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from studyapp.store.collection import Collection
    from studyapp.tui.screens.base import StudyScreen


def open_custom_study(
    screen: StudyScreen[Any],
    collection: Collection,
    topic_ids: list[int] | None = None,
    scope_name: str = "",
    why: str = "",
) -> None:
    """Custom study's dialog, then the session it chose (from home, the scope chooser, or a
    topic with nothing due: `topic_ids` and `scope_name` say which)."""
    from studyapp.tui.dialogs.custom_study import CustomStudyScreen

    def chosen(answer: tuple[str, int] | None) -> None:
        if answer is None:
            return
        kind, amount = answer
        from studyapp.usecases.custom_study import CHOOSE, custom_session

        if kind == CHOOSE:
            from studyapp.tui.screens.scope import ScopeScreen

            screen.app.push_screen(ScopeScreen(collection, screen.study_app.clock))
            return
        from studyapp.store.errors import DatabaseError
        from studyapp.tui.screens.review import ReviewScreen

        try:
            session, notice = custom_session(
                collection,
                screen.study_app.study_settings,
                kind,
                amount,
                screen.study_app.clock,
                topic_ids,
                scope_name,
            )
        except DatabaseError as exc:
            screen.notify(f"Custom study not started: {exc}", severity="warning")
            return
        if not session.queue:
            screen.notify(f"{notice} Nothing to study there now.")
            return
        screen.notify(notice)
        screen.app.push_screen(ReviewScreen(session))

    screen.app.push_screen(CustomStudyScreen(scope_name, why, can_choose=topic_ids is None), chosen)
