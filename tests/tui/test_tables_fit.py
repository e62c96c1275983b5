"""Comparison tables share the width they have: nothing is wider than the pane."""

from __future__ import annotations

from studyapp.tui.tables import PADDING, fit_widths


def test_columns_that_fit_keep_their_width() -> None:
    assert fit_widths([7, 4, 10], 80) == [7, 4, 10]


def test_the_widest_columns_give_way_first() -> None:
    widths = fit_widths([7, 40, 90], 80)
    assert sum(widths) + PADDING * 3 <= 80
    assert widths[0] == 7 and widths[1] == widths[2] == 33


def test_a_narrow_pane_still_fits_many_columns() -> None:
    widths = fit_widths([30] * 6, 40)
    assert sum(widths) + PADDING * 6 <= 40
