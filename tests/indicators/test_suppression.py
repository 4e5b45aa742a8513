"""Worked examples of small-cell suppression (SPEC §5, issue 6 item 3), checked by hand.

Notation in the comments: P = "<k" (primary, 1 … k−1), S = "•" (secondary, k or more).
"""

import pytest

from lotse.indicators.rules import (
    SECONDARY_TEXT,
    Reason,
    Suppressed,
    SuppressionError,
    display,
    recoverable_cells,
    suppress_list,
    suppress_table,
)

P = Suppressed(Reason.PRIMARY, 5)
S = Suppressed(Reason.SECONDARY, 5)


def test_a_table_without_small_counts_is_shown_as_it_is():
    result = suppress_table([[10, 20], [30, 40]])
    assert result.cells == ((10, 20), (30, 40))
    assert result.row_totals == (30, 70)
    assert result.column_totals == (40, 60)
    assert result.grand_total == 100
    assert not result.withheld


def test_every_count_from_1_to_k_minus_1_is_shown_as_less_than_k():
    result = suppress_list([1, 4, 5, 0, 9], k=5)
    # 1 and 4 are primary; together they are 19 − 5 − 9 = 5, but "<5" + "<5" = 5
    # admits 1 + 4, 2 + 3, 3 + 2 and 4 + 1, so no complement is needed.
    assert result.values == (P, P, 5, 0, 9)
    assert result.total == 19
    assert [display(value) for value in result.values] == ["<5", "<5", "5", "0", "9"]


def test_zeros_are_shown_and_a_single_small_count_gets_the_smallest_complement():
    result = suppress_list([12, 3, 0, 25])
    # Alone, "<5" would be 40 − 12 − 0 − 25 = 3. Hiding 12 (smaller than 25, and
    # cells before the total) leaves a + b = 15 with a in 1…4: a stays unknown.
    assert result.values == (S, P, 0, 25)
    assert result.total == 40


def test_the_complement_is_an_inner_cell_even_when_the_total_is_smaller_to_hide():
    result = suppress_list([3, 0, 25])
    # Hiding 25 costs more than the total 28 would, but totals go last.
    assert result.values == (P, 0, S)
    assert result.total == 28


def test_a_small_total_is_itself_primary():
    result = suppress_list([3, 0, 0])
    assert result.values == (P, 0, 0)
    assert result.total == P  # 3 = total, both somewhere in 1…4


def test_two_small_counts_can_betray_each_other_through_their_total():
    # "<5" + "<5" = 8 only as 4 + 4, so the total must go too: then a + b ≥ 5
    # admits 1 + 4, 2 + 3, …
    result = suppress_list([4, 4])
    assert result.values == (P, P)
    assert result.total == S


def test_a_two_way_table_gets_the_cheapest_rectangle_of_complements():
    counts = [
        [3, 10, 12],
        [20, 7, 9],
        [8, 15, 30],
    ]
    result = suppress_table(counts)
    # The rectangles through the 3 cost 10+20+7 = 37, 10+8+15 = 33, 12+20+9 = 41
    # and 12+8+30 = 50; the 33 one wins. A reader then has 3+t, 10−t, 15+t, 8−t.
    assert result.cells == (
        (P, S, 12),
        (20, 7, 9),
        (S, S, 30),
    )
    assert result.row_totals == (25, 36, 53)
    assert result.column_totals == (31, 32, 51)
    assert result.grand_total == 114


def test_zeros_cannot_serve_as_complements():
    counts = [
        [0, 0, 7],
        [2, 20, 9],
        [8, 15, 30],
    ]
    result = suppress_table(counts)
    # Through row 0 the 2 would need the zero at (0, 0). Left: 20+8+15 = 43
    # against 9+30+8 = 47.
    assert result.cells == (
        (0, 0, 7),
        (P, S, 9),
        (S, S, 30),
    )
    assert result.row_totals == (7, 31, 53)
    assert result.column_totals == (10, 35, 46)
    assert result.grand_total == 91


def test_small_totals_protect_each_other():
    result = suppress_table([[2, 0], [1, 0]])
    # Every count that is not 0 is below 5: the reader knows x + y = column
    # total ≤ 4 with x, y ≥ 1, which leaves 1+1, 1+2, 2+1, 1+3, 2+2, 3+1.
    assert result.cells == ((P, 0), (P, 0))
    assert result.row_totals == (P, P)
    assert result.column_totals == (P, 0)
    assert result.grand_total == P


def test_ranges_can_force_hiding_the_whole_table_but_the_zeros():
    result = suppress_table([[4, 4], [4, 4]])
    # Rows: "<5" + "<5" = 8 means 4 + 4, likewise columns; with all margins
    # hidden the grand total 16 is four cells of at most 4. So all of it goes.
    assert result.cells == ((P, P), (P, P))
    assert result.row_totals == (S, S)
    assert result.column_totals == (S, S)
    assert result.grand_total == S
    assert not result.withheld


def test_a_table_that_cannot_be_protected_cell_by_cell_is_withheld():
    result = suppress_table([[1], [1]], k=3)
    # Every number is below 3 and there is no count ≥ 3 to hide alongside: the
    # column total "<3" holds two cells of at least 1, so both are 1.
    withheld = Suppressed(Reason.WITHHELD, 3)
    assert result.withheld
    assert result.cells == ((withheld,), (withheld,))
    assert result.row_totals == (withheld, withheld)
    assert result.column_totals == (withheld,)
    assert result.grand_total == withheld
    assert display(withheld) == SECONDARY_TEXT


def test_the_threshold_is_a_parameter():
    result = suppress_list([7, 12, 30], k=10)
    assert result.values == (
        Suppressed(Reason.PRIMARY, 10),
        Suppressed(Reason.SECONDARY, 10),
        30,
    )
    assert display(result.values[0]) == "<10"


def test_markers_say_what_they_hide_for_screen_readers():
    assert display(P) == str(P) == "<5"
    assert display(S) == str(S) == "•"
    assert display(17) == "17"
    assert P.label == "weniger als 5, zum Schutz der Personen nicht ausgewiesen"
    assert "errechnet" in S.label
    assert P.known_range == (1, 4)
    assert S.known_range == (5, None)


def test_the_audit_finds_a_single_hidden_cell_in_a_line():
    counts = [[3, 10], [20, 7]]
    # Row 0 total 13 − 10 = 3.
    assert recoverable_cells(counts, {(0, 0): Reason.PRIMARY}) == [(0, 0)]
    rectangle = {
        (0, 0): Reason.PRIMARY,
        (0, 1): Reason.SECONDARY,
        (1, 0): Reason.SECONDARY,
        (1, 1): Reason.SECONDARY,
    }
    assert recoverable_cells(counts, rectangle) == []


def test_the_audit_uses_what_the_markers_promise():
    # A rectangle of four "<5" cells with totals 8 is a cycle, yet each line
    # only fits 4 + 4.
    hidden = dict.fromkeys([(0, 0), (0, 1), (1, 0), (1, 1)], Reason.PRIMARY)
    assert recoverable_cells([[4, 4], [4, 4]], hidden) == [(0, 0), (0, 1), (1, 0), (1, 1)]
    assert recoverable_cells([[3, 4], [4, 3]], hidden) == []


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: suppress_list([1, 2], k=2), "k must be an integer ≥ 3"),
        (lambda: suppress_list([1, -2]), "non-negative integers"),
        (lambda: suppress_list([True]), "non-negative integers"),
        (lambda: suppress_list([]), "at least one value"),
        (lambda: suppress_table([[1, 2], [3]]), "equal length"),
        (lambda: suppress_table([]), "at least one row"),
        (lambda: recoverable_cells([[1]], {(0, 0): Reason.SECONDARY}), "cannot be marked"),
        (lambda: recoverable_cells([[1]], {(5, 0): Reason.PRIMARY}), "no cell"),
    ],
)
def test_what_cannot_be_suppressed_is_refused(call, message):
    with pytest.raises(SuppressionError, match=message):
        call()
