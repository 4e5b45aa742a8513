"""Small-cell suppression for additive count tables (SPEC §5, issue 6 item 3).

Primary: every count from 1 to k−1 is shown as "<k". True zeros are shown.
Secondary: further cells (the smallest counts ≥ k, interior cells before
totals) are hidden as "•" until an exact audit finds no hidden value that can
be worked out from what is shown.

The audit treats a table with its row totals, column totals and grand total as
one (m+1)×(n+1) grid in which every line adds up: after flipping the sign of
the margins, each row and column of the grid sums to zero. Hidden cells are
edges of a bipartite graph (grid rows on one side, grid columns on the other).
A reader knows the shown cells, the equations, and for every hidden cell the
range its marker promises: "<k" is 1…k−1, "•" is k or more (secondary cells
are never zeros, and every count from 1 to k−1 is already primary). Another
table fits everything the reader knows exactly when it differs from the true
one by a sum of cycles in that graph, each of which every cell on it can follow
one step without leaving its range (a flow circulation: the constraint matrix
is totally unimodular, so integer steps suffice). A hidden cell is therefore
recoverable iff no such cycle passes through it, which a graph search decides
exactly. See docs/indicators-suppression.md.
"""

from __future__ import annotations

import enum
import heapq
from collections import defaultdict, deque
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

DEFAULT_K = 5
# With k = 2, "<2" on a cell that is not 0 can only mean 1: shown zeros leave
# nothing to hide behind. k = 3 is the smallest threshold that protects.
MIN_K = 3
SECONDARY_TEXT = "•"

Address = tuple[int, int]
Node = tuple[str, int]


class SuppressionError(ValueError):
    """The input is not a table of counts this module can protect."""


class Reason(enum.StrEnum):
    PRIMARY = "primary"  # the count itself is 1 … k−1
    SECONDARY = "secondary"  # hidden so that a primary cell cannot be recovered
    WITHHELD = "withheld"  # the whole table could not be protected cell by cell


@dataclass(frozen=True)
class Suppressed:
    """A hidden cell: what to print, why, and what a reader may infer."""

    reason: Reason
    k: int

    @property
    def text(self) -> str:
        return f"<{self.k}" if self.reason is Reason.PRIMARY else SECONDARY_TEXT

    @property
    def label(self) -> str:
        """German text for screen readers and table footnotes."""
        if self.reason is Reason.PRIMARY:
            return f"weniger als {self.k}, zum Schutz der Personen nicht ausgewiesen"
        if self.reason is Reason.SECONDARY:
            return "nicht ausgewiesen, damit kleine Zahlen nicht errechnet werden können"
        return "Tabelle nicht ausgewiesen, weil kleine Zahlen sonst errechenbar wären"

    @property
    def known_range(self) -> tuple[int, int | None]:
        """The values the marker admits (None: no upper bound)."""
        if self.reason is Reason.PRIMARY:
            return 1, self.k - 1
        if self.reason is Reason.SECONDARY:
            return self.k, None
        return 0, None

    def __str__(self) -> str:
        return self.text


Shown = int | Suppressed


def display(value: Shown) -> str:
    """What to print in a cell: the count, "<k" or "•"."""
    return value.text if isinstance(value, Suppressed) else str(value)


@dataclass(frozen=True)
class SuppressedTable:
    """A table ready to publish; totals are those of the true table."""

    k: int
    cells: tuple[tuple[Shown, ...], ...]
    row_totals: tuple[Shown, ...]
    column_totals: tuple[Shown, ...]
    grand_total: Shown

    @property
    def withheld(self) -> bool:
        return isinstance(self.grand_total, Suppressed) and (
            self.grand_total.reason is Reason.WITHHELD
        )


@dataclass(frozen=True)
class SuppressedList:
    """A one-way breakdown with its total, ready to publish."""

    k: int
    values: tuple[Shown, ...]
    total: Shown

    @property
    def withheld(self) -> bool:
        return isinstance(self.total, Suppressed) and self.total.reason is Reason.WITHHELD


@dataclass(frozen=True)
class _Cell:
    value: int
    row: Node  # the line equation on one side of the bipartite graph
    column: Node  # … and on the other
    sign: int  # the cell enters both equations as sign × value
    is_total: bool


def _check_k(k: int) -> None:
    if isinstance(k, bool) or not isinstance(k, int) or k < MIN_K:
        raise SuppressionError(f"threshold k must be an integer ≥ {MIN_K}, got {k!r}")


def _check_count(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise SuppressionError(f"counts must be non-negative integers, got {value!r}")
    return value


def _table_cells(counts: Sequence[Sequence[int]]) -> dict[Address, _Cell]:
    """The (m+1)×(n+1) grid: row m holds the column totals, column n the row totals."""
    rows = [[_check_count(value) for value in row] for row in counts]
    if not rows or not rows[0] or any(len(row) != len(rows[0]) for row in rows):
        raise SuppressionError("a table needs at least one row and column, all of equal length")
    m, n = len(rows), len(rows[0])
    grid = [[*row, sum(row)] for row in rows]
    grid.append([sum(row[j] for row in grid) for j in range(n + 1)])
    return {
        (i, j): _Cell(
            value=grid[i][j],
            row=("row", i),
            column=("column", j),
            # Margins enter their lines with a minus sign so every line sums to 0;
            # the grand total is a margin of margins, hence plus again.
            sign=1 if (i < m) == (j < n) else -1,
            is_total=i == m or j == n,
        )
        for i in range(m + 1)
        for j in range(n + 1)
    }


def _list_cells(counts: Sequence[int]) -> dict[Address, _Cell]:
    """One equation (values − total = 0); the second node only closes the cycles."""
    values = [_check_count(value) for value in counts]
    if not values:
        raise SuppressionError("a list needs at least one value")
    n = len(values)
    return {
        (0, j): _Cell(
            value=value,
            row=("row", 0),
            column=("column", 0),
            sign=1 if j < n else -1,
            is_total=j == n,
        )
        for j, value in enumerate([*values, sum(values)])
    }


def _range(reason: Reason, k: int) -> tuple[int, int | None]:
    return Suppressed(reason, k).known_range


def _moves(cell: _Cell, reason: Reason, k: int) -> tuple[bool, bool]:
    """Whether the cell's signed value can rise / fall by one within its range."""
    low, high = _range(reason, k)
    up = high is None or cell.value < high
    down = cell.value > low
    return (up, down) if cell.sign > 0 else (down, up)


def _residual_arcs(
    cells: Mapping[Address, _Cell], hidden: Mapping[Address, Reason], k: int
) -> dict[Node, list[tuple[Node, Address]]]:
    # An arc row→column where the cell's signed value can rise, column→row
    # where it can fall. A hidden cell can move iff an arc through it closes a
    # cycle without using the cell twice.
    arcs: dict[Node, list[tuple[Node, Address]]] = defaultdict(list)
    for address, reason in sorted(hidden.items()):
        cell = cells[address]
        rise, fall = _moves(cell, reason, k)
        if rise:
            arcs[cell.row].append((cell.column, address))
        if fall:
            arcs[cell.column].append((cell.row, address))
    return arcs


def _exposed(
    cells: Mapping[Address, _Cell], hidden: Mapping[Address, Reason], k: int
) -> list[Address]:
    """Hidden cells whose value follows from everything shown (exact, see module doc)."""
    arcs = _residual_arcs(cells, hidden, k)

    def reaches(start: Node, goal: Node, without: Address) -> bool:
        seen = {start}
        queue = deque([start])
        while queue:
            node = queue.popleft()
            for target, via in arcs[node]:
                if via == without or target in seen:
                    continue
                if target == goal:
                    return True
                seen.add(target)
                queue.append(target)
        return False

    exposed = []
    for address in sorted(hidden):
        cell = cells[address]
        rise, fall = _moves(cell, hidden[address], k)
        if not (
            (rise and reaches(cell.column, cell.row, address))
            or (fall and reaches(cell.row, cell.column, address))
        ):
            exposed.append(address)
    return exposed


Cost = tuple[int, int, int]  # totals hidden, sum of the counts hidden, cells hidden


def _cheapest_cover(
    cells: Mapping[Address, _Cell],
    hidden: Mapping[Address, Reason],
    k: int,
    exposed: Address,
) -> list[Address] | None:
    """The shown cells to hide so that a cycle through `exposed` opens (None: impossible).

    Dijkstra over the residual graph in which every shown count ≥ k may also be
    used, as the "•" cell it would become, at the price of hiding it: totals
    last, then the smallest sum. Every cell on the cycle found can then move, so
    the new cells are protected too.
    """
    arcs: dict[Node, list[tuple[Node, Address, Cost]]] = defaultdict(list)
    for node, targets in _residual_arcs(cells, hidden, k).items():
        arcs[node].extend((target, via, (0, 0, 0)) for target, via in targets)
    for address in sorted(cells):
        cell = cells[address]
        # Never hide a zero: "•" then would mean "0 or ≥ k" and protect nothing.
        if address in hidden or cell.value == 0:
            continue
        price = (int(cell.is_total), cell.value, 1)
        rise, fall = _moves(cell, Reason.SECONDARY, k)
        if rise:
            arcs[cell.row].append((cell.column, address, price))
        if fall:
            arcs[cell.column].append((cell.row, address, price))

    def cheapest(start: Node, goal: Node) -> tuple[Cost, list[Address]] | None:
        best: dict[Node, Cost] = {start: (0, 0, 0)}
        came: dict[Node, tuple[Node, Address]] = {}
        heap: list[tuple[Cost, Node]] = [((0, 0, 0), start)]
        done: set[Node] = set()
        while heap:
            cost, node = heapq.heappop(heap)
            if node in done:
                continue
            done.add(node)
            if node == goal:
                path = []
                while node != start:
                    node, via = came[node]
                    path.append(via)
                return cost, sorted(a for a in path if a not in hidden)
            for target, via, price in arcs[node]:
                if via == exposed or target in done:
                    continue
                new = (cost[0] + price[0], cost[1] + price[1], cost[2] + price[2])
                if target not in best or new < best[target]:
                    best[target] = new
                    came[target] = (node, via)
                    heapq.heappush(heap, (new, target))
        return None

    cell = cells[exposed]
    rise, fall = _moves(cell, hidden[exposed], k)
    options = []
    if rise and (found := cheapest(cell.column, cell.row)):
        options.append(found)
    if fall and (found := cheapest(cell.row, cell.column)):
        options.append(found)
    return min(options)[1] if options else None


def _protect(cells: Mapping[Address, _Cell], k: int) -> dict[Address, Reason] | None:
    """Primary cells plus complements; None if only withholding the whole table protects it."""
    hidden = {address: Reason.PRIMARY for address, cell in cells.items() if 1 <= cell.value < k}
    while exposed := _exposed(cells, hidden, k):
        cover = _cheapest_cover(cells, hidden, k, exposed[0])
        if cover is None:
            return None
        hidden.update(dict.fromkeys(cover, Reason.SECONDARY))
    return hidden


def _shown(cells: Mapping[Address, _Cell], k: int) -> dict[Address, Shown]:
    hidden = _protect(cells, k)
    if hidden is None:
        withheld = Suppressed(Reason.WITHHELD, k)
        return dict.fromkeys(cells, withheld)
    return {
        address: Suppressed(hidden[address], k) if address in hidden else cell.value
        for address, cell in cells.items()
    }


def suppress_table(counts: Sequence[Sequence[int]], *, k: int = DEFAULT_K) -> SuppressedTable:
    """Protect a two-way table of counts together with its row, column and grand totals."""
    _check_k(k)
    cells = _table_cells(counts)
    shown = _shown(cells, k)
    m, n = len(counts), len(counts[0])
    return SuppressedTable(
        k=k,
        cells=tuple(tuple(shown[i, j] for j in range(n)) for i in range(m)),
        row_totals=tuple(shown[i, n] for i in range(m)),
        column_totals=tuple(shown[m, j] for j in range(n)),
        grand_total=shown[m, n],
    )


def suppress_list(counts: Sequence[int], *, k: int = DEFAULT_K) -> SuppressedList:
    """Protect a one-way breakdown (e.g. persons by gender) together with its total."""
    _check_k(k)
    cells = _list_cells(counts)
    shown = _shown(cells, k)
    n = len(counts)
    return SuppressedList(k=k, values=tuple(shown[0, j] for j in range(n)), total=shown[0, n])


def recoverable_cells(
    counts: Sequence[Sequence[int]], hidden: Mapping[Address, Reason], *, k: int = DEFAULT_K
) -> list[Address]:
    """Audit any hiding pattern on a table: the hidden cells a reader can work out.

    Addresses are in the (m+1)×(n+1) grid: (i, n) is row i's total, (m, j)
    column j's total, (m, n) the grand total. Each hidden cell's true value
    must lie in the range of its reason.
    """
    _check_k(k)
    cells = _table_cells(counts)
    for address, reason in hidden.items():
        if address not in cells:
            raise SuppressionError(f"no cell {address} in a table of this shape")
        low, high = _range(reason, k)
        value = cells[address].value
        if value < low or (high is not None and value > high):
            raise SuppressionError(f"cell {address} = {value} cannot be marked {reason}")
    return _exposed(cells, hidden, k)
