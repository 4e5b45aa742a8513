"""What a reader can work out from a published table, found by plain enumeration.

Deliberately independent of lotse.indicators.rules.suppression: no graphs, no
cycles. The reader knows every shown number, that rows, columns and totals add
up, and what each marker promises: "<k" is 1 … k−1, "•" (secondary) is k or
more, "•" on a withheld table is anything from 0. The search walks the hidden
interior cells one by one through those ranges, prunes a branch as soon as a
row, column or the grand total can no longer come out right, and asks: is there
a table that fits everything shown in which this hidden cell has another value?

Upper ends are capped at the true grand total + k. That only removes tables, so
"another value exists" stays true without the cap; and a hidden value that can
change at all can change by one (each cell on a cycle one step), which stays
under the cap, so "no other value exists" is exact as well.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from lotse.indicators.rules import Reason, Shown, Suppressed

Address = tuple[int, int]
Range = tuple[int, int]


def marker_range(shown: Shown, k: int, cap: int) -> Range:
    if not isinstance(shown, Suppressed):
        return shown, shown
    if shown.reason is Reason.PRIMARY:
        return 1, k - 1
    if shown.reason is Reason.SECONDARY:
        return k, cap
    return 0, cap


def grid_of(
    cells: Sequence[Sequence[Shown]],
    row_totals: Sequence[Shown],
    column_totals: Sequence[Shown],
    grand_total: Shown,
) -> list[list[Shown]]:
    """The published table as an (m+1)×(n+1) grid: totals in the last row and column."""
    grid = [[*row, total] for row, total in zip(cells, row_totals, strict=True)]
    grid.append([*column_totals, grand_total])
    return grid


def other_value_possible(
    counts: Sequence[Sequence[int]], published: list[list[Shown]], k: int, target: Address
) -> bool:
    """Is there a table fitting everything published whose `target` cell differs from the truth?"""
    m, n = len(counts), len(counts[0])
    true_grid = [[*row, sum(row)] for row in counts]
    true_grid.append([sum(row[j] for row in true_grid) for j in range(n + 1)])
    cap = true_grid[m][n] + k
    ranges = [[marker_range(published[i][j], k, cap) for j in range(n + 1)] for i in range(m + 1)]
    for i in range(m + 1):
        for j in range(n + 1):
            low, high = ranges[i][j]
            assert low <= true_grid[i][j] <= high, "the truth must fit what is published"

    ti, tj = target
    unknowns = [(i, j) for i in range(m) for j in range(n) if ranges[i][j][0] != ranges[i][j][1]]
    # The target's lines first, so a different value shows up early.
    unknowns.sort(key=lambda a: (a[0] != ti and a[1] != tj, a))
    # Each line: its interior cells and the range of its total.
    lines: list[tuple[list[Address], Range, bool]] = []
    for i in range(m):
        lines.append(([(i, j) for j in range(n)], ranges[i][n], (i, n) == target))
    for j in range(n):
        lines.append(([(i, j) for i in range(m)], ranges[m][j], (m, j) == target))
    everything = [(i, j) for i in range(m) for j in range(n)]
    lines.append((everything, ranges[m][n], (m, n) == target))

    value: dict[Address, int] = {
        (i, j): ranges[i][j][0] for i in range(m) for j in range(n) if (i, j) not in unknowns
    }

    def line_ok(members: list[Address], total: Range, differs: bool) -> bool:
        low = high = 0
        complete = True
        for address in members:
            if address in value:
                low += value[address]
                high += value[address]
            else:
                complete = False
                low += ranges[address[0]][address[1]][0]
                high += ranges[address[0]][address[1]][1]
        if high < total[0] or low > total[1]:
            return False
        if complete and differs:
            return low != true_grid[target[0]][target[1]]
        return True

    lines_of: dict[Address, list[tuple[list[Address], Range, bool]]] = {
        address: [line for line in lines if address in line[0]] for address in everything
    }

    def search(position: int) -> bool:
        if position == len(unknowns):
            return all(line_ok(*line) for line in lines) and (
                target not in unknowns or value[target] != true_grid[ti][tj]
            )
        address = unknowns[position]
        low, high = ranges[address[0]][address[1]]
        truth = true_grid[address[0]][address[1]]
        order: Callable[[int], tuple[int, int]] = lambda v: (abs(v - truth), v)  # noqa: E731
        for candidate in sorted(range(low, high + 1), key=order):
            if address == target and candidate == truth:
                continue
            value[address] = candidate
            if all(line_ok(*line) for line in lines_of[address]) and search(position + 1):
                return True
        value.pop(address, None)
        return False

    return search(0)


def recoverable(
    counts: Sequence[Sequence[int]], published: list[list[Shown]], k: int
) -> list[Address]:
    """Every hidden cell of the grid whose value a reader can work out."""
    return [
        (i, j)
        for i, row in enumerate(published)
        for j, shown in enumerate(row)
        if isinstance(shown, Suppressed) and not other_value_possible(counts, published, k, (i, j))
    ]
