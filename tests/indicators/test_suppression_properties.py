"""Properties of suppression for any table (hypothesis), checked by brute force.

The brute force (tests/indicators/brute_force.py) enumerates tables that fit
what is published and shares no code with the graph audit it checks.
"""

from hypothesis import given, settings
from hypothesis import strategies as st

from lotse.indicators.rules import (
    Reason,
    Suppressed,
    recoverable_cells,
    suppress_list,
    suppress_table,
)
from tests.indicators.brute_force import grid_of, recoverable

thresholds = st.integers(min_value=3, max_value=8)


@st.composite
def tables(draw, max_rows=3, max_columns=3, max_count=30):
    rows = draw(st.integers(min_value=1, max_value=max_rows))
    columns = draw(st.integers(min_value=1, max_value=max_columns))
    # Mostly small counts, so that small cells and zeros are common.
    count = st.one_of(
        st.integers(min_value=0, max_value=6), st.integers(min_value=0, max_value=max_count)
    )
    return [[draw(count) for _ in range(columns)] for _ in range(rows)]


def true_grid(counts):
    grid = [[*row, sum(row)] for row in counts]
    grid.append([sum(row[j] for row in grid) for j in range(len(grid[0]))])
    return grid


@settings(max_examples=300, deadline=None)
@given(counts=tables(), k=thresholds)
def test_no_hidden_cell_of_a_table_can_be_worked_out(counts, k):
    result = suppress_table(counts, k=k)
    published = grid_of(result.cells, result.row_totals, result.column_totals, result.grand_total)
    assert recoverable(counts, published, k) == []


@settings(max_examples=200, deadline=None)
@given(
    values=st.lists(st.integers(min_value=0, max_value=30), min_size=1, max_size=6), k=thresholds
)
def test_no_hidden_value_of_a_list_can_be_worked_out(values, k):
    result = suppress_list(values, k=k)
    # A list is a one-row table whose column totals are its values.
    published = grid_of([result.values], [result.total], result.values, result.total)
    assert recoverable([values], published, k) == []


@settings(max_examples=300, deadline=None)
@given(counts=tables(), k=thresholds)
def test_shown_numbers_are_true_small_ones_hidden_zeros_shown(counts, k):
    result = suppress_table(counts, k=k)
    published = grid_of(result.cells, result.row_totals, result.column_totals, result.grand_total)
    for published_row, true_row in zip(published, true_grid(counts), strict=True):
        for shown, true in zip(published_row, true_row, strict=True):
            if result.withheld:
                assert shown == Suppressed(Reason.WITHHELD, k)
            elif 1 <= true < k:
                assert shown == Suppressed(Reason.PRIMARY, k)
            elif isinstance(shown, Suppressed):
                assert shown.reason is Reason.SECONDARY and true >= k
            else:
                assert shown == true
    assert suppress_table(counts, k=k) == result, "the same table is always suppressed alike"


@settings(max_examples=200, deadline=None)
@given(counts=tables(max_rows=2, max_columns=3, max_count=12), k=thresholds, data=st.data())
def test_the_graph_audit_agrees_with_brute_force_on_any_hiding_pattern(counts, k, data):
    grid = true_grid(counts)
    hideable = [(i, j) for i, row in enumerate(grid) for j, value in enumerate(row) if value > 0]
    chosen = data.draw(st.sets(st.sampled_from(hideable)) if hideable else st.just(set()))
    hidden = {
        address: Reason.PRIMARY if grid[address[0]][address[1]] < k else Reason.SECONDARY
        for address in chosen
    }
    published = [
        [Suppressed(hidden[i, j], k) if (i, j) in hidden else value for j, value in enumerate(row)]
        for i, row in enumerate(grid)
    ]
    assert recoverable_cells(counts, hidden, k=k) == recoverable(counts, published, k)
