"""Complementary suppression: an attacker who sees a protected table learns no hidden cell.

The attacker here is written independently of `protect_table`: floating-point matrix
ranks (numpy), line-by-line solving as a person with a calculator would do it, and
linear programming over the bounds every hidden cell is known to respect.
"""

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

from jamlik.reports.disclosure import protect_table, suppress_small_counts

THRESHOLD = 5


def with_totals(inner: list[list[int]], *, total_row: bool, total_col: bool) -> list[list[int]]:
    grid = [list(row) for row in inner]
    if total_col:
        grid = [[*row, sum(row)] for row in grid]
    if total_row:
        grid.append([sum(col) for col in zip(*grid, strict=True)])
    return grid


def equations(grid, *, total_row: bool, total_col: bool):
    """Each shown total as {cell: coefficient}, written out from the table's shape."""
    rows, cols = len(grid), len(grid[0])
    found = []
    if total_col:
        for i in range(rows):
            eq = {(i, j): 1 for j in range(cols - 1)}
            eq[(i, cols - 1)] = -1
            found.append(eq)
    if total_row:
        for j in range(cols):
            eq = {(i, j): 1 for i in range(rows - 1)}
            eq[(rows - 1, j)] = -1
            found.append(eq)
    return found


def solve_line_by_line(grid, hidden, eqs) -> set:
    """Repeatedly fill in the only hidden cell of a line from its total."""
    known = {
        (i, j): v for i, row in enumerate(grid) for j, v in enumerate(row) if (i, j) not in hidden
    }
    recovered = set()
    progress = True
    while progress:
        progress = False
        for eq in eqs:
            unknown = [cell for cell in eq if cell not in known]
            if len(unknown) == 1:
                (cell,) = unknown
                rest = sum(coef * known[c] for c, coef in eq.items() if c != cell)
                known[cell] = -rest / eq[cell]
                recovered.add(cell)
                progress = True
    return recovered


def recovered_by_rank(hidden, eqs) -> set:
    """Cells whose unit vector lies in the row space of the equations over hidden cells."""
    order = sorted(hidden)
    if not order or not eqs:
        return set()
    a = np.array([[eq.get(cell, 0) for cell in order] for eq in eqs], dtype=float)
    rank = np.linalg.matrix_rank(a)
    found = set()
    for k, cell in enumerate(order):
        unit = np.zeros(len(order))
        unit[k] = 1
        if np.linalg.matrix_rank(np.vstack([a, unit])) == rank:
            found.add(cell)
    return found


def bounds_by_lp(grid, hidden, eqs, cell) -> tuple[float, float]:
    """The least and greatest value of a hidden cell, knowing every hidden cell is at
    least 1 (zeros are always shown) and the shown totals."""
    order = sorted(hidden)
    a_eq, b_eq = [], []
    for eq in eqs:
        row = [eq.get(c, 0) for c in order]
        if any(row):
            a_eq.append(row)
            b_eq.append(
                -sum(coef * grid[i][j] for (i, j), coef in eq.items() if (i, j) not in hidden)
            )
    objective = [1.0 if c == cell else 0.0 for c in order]
    bounds = [(1, None)] * len(order)
    low = linprog(objective, A_eq=a_eq or None, b_eq=b_eq or None, bounds=bounds)
    high = linprog([-x for x in objective], A_eq=a_eq or None, b_eq=b_eq or None, bounds=bounds)
    assert low.status == 0, "the true table must be feasible"
    top = float("inf") if high.status == 3 else -high.fun
    return low.fun, top


counts = st.one_of(st.integers(0, 12), st.integers(0, 4), st.integers(0, 200))
shapes = st.tuples(st.integers(1, 6), st.integers(1, 5))


@st.composite
def tables(draw):
    rows, cols = draw(shapes)
    inner = [[draw(counts) for _ in range(cols)] for _ in range(rows)]
    total_row = draw(st.booleans())
    total_col = draw(st.booleans())
    return with_totals(inner, total_row=total_row, total_col=total_col), total_row, total_col


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tables())
def test_it_leaves_no_hidden_cell_recoverable_from_the_totals(table):
    grid, total_row, total_col = table
    hidden = protect_table(grid, threshold=THRESHOLD, total_row=total_row, total_col=total_col)
    eqs = equations(grid, total_row=total_row, total_col=total_col)

    for i, row in enumerate(grid):
        for j, value in enumerate(row):
            if 0 < value < THRESHOLD:
                assert (i, j) in hidden, "every small count is suppressed"
            if value == 0:
                assert (i, j) not in hidden, "zero is shown"
    assert solve_line_by_line(grid, hidden, eqs) == set()
    assert recovered_by_rank(hidden, eqs) == set()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tables())
def test_it_leaves_every_small_hidden_cell_at_least_as_uncertain_as_its_label(table):
    grid, total_row, total_col = table
    hidden = protect_table(grid, threshold=THRESHOLD, total_row=total_row, total_col=total_col)
    eqs = equations(grid, total_row=total_row, total_col=total_col)
    for i, j in hidden:
        if grid[i][j] < THRESHOLD:
            low, high = bounds_by_lp(grid, hidden, eqs, (i, j))
            assert high - low > 0.5, f"cell {(i, j)} is pinned to {low}..{high}"


def test_it_hides_a_second_cell_when_a_line_has_one_small_count():
    grid = [[3, 40, 20, 63]]
    assert protect_table(grid, threshold=5, total_col=True) == {(0, 0), (0, 2)}


def test_it_closes_a_rectangle_in_a_two_way_table():
    grid = with_totals([[3, 10, 7], [12, 30, 1], [9, 8, 15]], total_row=True, total_col=True)
    assert protect_table(grid, threshold=5, total_row=True, total_col=True) == {
        (0, 0),
        (0, 2),
        (1, 0),
        (1, 2),
    }


def test_it_needs_nothing_more_without_totals():
    assert protect_table([[3, 10], [0, 1]], threshold=5) == {(0, 0), (1, 1)}


def test_it_hides_the_total_when_all_counts_of_a_line_are_small():
    grid = [[1, 1, 0, 2]]
    hidden = protect_table(grid, threshold=5, total_col=True)
    assert (0, 3) in hidden


@pytest.mark.parametrize("value, shown", [(0, 0), (1, "<5"), (4, "<5"), (5, 5), (True, True)])
def test_it_suppresses_small_counts_in_nested_figures(value, shown):
    assert suppress_small_counts({"a": [value]}, 5) == {"a": [shown]}


# Cells another table publishes ("public"): not chosen to protect others while other
# cells can, known to the attacker whatever the table shows.


def known_public(grid, public) -> set:
    """The public cells a reader has from elsewhere: the other table hides only small ones."""
    return {(i, j) for i, j in public if not 0 < grid[i][j] < THRESHOLD}


def most_hidden(grid, public) -> set:
    """Every cell that could be hidden without touching the known public ones."""
    known = known_public(grid, public)
    return {
        (i, j) for i, row in enumerate(grid) for j, v in enumerate(row) if v and (i, j) not in known
    }


def has_problem(grid, hidden, eqs) -> bool:
    """Something is given away: a hidden cell recoverable, a line whose hidden cells add up
    to so little that each is bounded more tightly than its label says, or bounds that
    pin a small hidden cell."""
    if recovered_by_rank(hidden, eqs):
        return True
    for eq in eqs:
        total = next(cell for cell, coef in eq.items() if coef < 0)
        cells = [c for c in eq if c in hidden]
        if cells and total not in hidden:
            if sum(grid[i][j] for i, j in cells) - len(cells) + 1 < THRESHOLD - 1:
                return True
    for i, j in hidden:
        if grid[i][j] < THRESHOLD:
            low, high = bounds_by_lp(grid, hidden, eqs, (i, j))
            if high - low <= 0.5:
                return True
    return False


def test_it_protects_with_an_inner_cell_instead_of_a_row_total_that_is_public():
    # Hiding the 20 of the second row would expose the 20 through its column, so the
    # lookahead prefers the row total 23. When 23 is published elsewhere (a workshop's
    # total in the per-workshop table), hiding it protects nothing.
    grid = with_totals([[0, 0, 1], [0, 20, 3], [1, 0, 3]], total_row=True, total_col=True)
    row_totals = {(i, 3) for i in range(4)}
    eqs = equations(grid, total_row=True, total_col=True)

    alone = protect_table(grid, threshold=5, total_row=True, total_col=True)
    assert (1, 3) in alone

    hidden = protect_table(grid, threshold=5, total_row=True, total_col=True, public=row_totals)
    assert hidden & row_totals == {(0, 3), (2, 3)}, "only the small totals"
    assert (1, 1) in hidden
    unknown = hidden - known_public(grid, row_totals)
    assert recovered_by_rank(unknown, eqs) == set()
    assert solve_line_by_line(grid, unknown, eqs) == set()
    assert not has_problem(grid, unknown, eqs)
    # Without knowing the public values, the table would have given the cell away.
    assert recovered_by_rank(alone - known_public(grid, row_totals), eqs)


def test_it_falls_back_to_the_public_cells_only_for_what_nothing_else_can_protect():
    # Three small groups adding up to the threshold: each is at most 3, which only
    # hiding the total (public) could hide. Today's behaviour: the total is hidden.
    grid = [[1, 20], [1, 30], [3, 40], [5, 90]]
    public = {(3, 0), (3, 1)}
    hidden = protect_table(grid, threshold=5, total_row=True, public=public)
    assert hidden == protect_table(grid, threshold=5, total_row=True)
    assert (3, 0) in hidden and (3, 1) not in hidden

    # A small workshop total in a column of public totals is the grand total minus the
    # others whatever this table does, and so is the 3 that makes it up. No other cell
    # is hidden for them (the first column would be too weak a line otherwise) before
    # the fallback: the result is today's.
    grid = with_totals([[10, 10, 8], [3, 0, 0], [6, 9, 12]], total_row=True, total_col=True)
    public = {(0, 3), (1, 3), (2, 3), (3, 3)}
    eqs = equations(grid, total_row=True, total_col=True)
    hidden = protect_table(grid, threshold=5, total_row=True, total_col=True, public=public)
    alone = protect_table(grid, threshold=5, total_row=True, total_col=True)
    assert hidden == alone == {(1, 0), (1, 3), (2, 0), (2, 3)}
    assert recovered_by_rank(hidden, eqs) == set(), "safe on its own"
    assert (1, 3) in recovered_by_rank(most_hidden(grid, public), eqs), "given away"


@st.composite
def tables_with_public_cells(draw):
    grid, total_row, total_col = draw(tables())
    rows, cols = len(grid), len(grid[0])
    cells = [(i, j) for i in range(rows) for j in range(cols)]
    if draw(st.booleans()):
        # Like the report: some of the totals.
        cells = [
            (i, j)
            for i, j in cells
            if (total_row and i == rows - 1) or (total_col and j == cols - 1)
        ]
    public = draw(st.sets(st.sampled_from(cells))) if cells else set()
    return grid, total_row, total_col, public


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tables_with_public_cells())
def test_it_protects_against_a_reader_who_knows_the_public_cells(table):
    grid, total_row, total_col, public = table
    hidden = protect_table(
        grid, threshold=THRESHOLD, total_row=total_row, total_col=total_col, public=public
    )
    eqs = equations(grid, total_row=total_row, total_col=total_col)
    known = known_public(grid, public)

    for i, row in enumerate(grid):
        for j, value in enumerate(row):
            if 0 < value < THRESHOLD:
                assert (i, j) in hidden, "every small count is suppressed, public or not"
            if value == 0:
                assert (i, j) not in hidden, "zero is shown"
    # On its own the table is as safe as without public cells.
    assert recovered_by_rank(hidden, eqs) == set()
    assert solve_line_by_line(grid, hidden, eqs) == set()

    # A reader of the other table too: the public cells are known. What that reader
    # learns must be what they would learn even if every other non-zero cell were hidden.
    unknown = hidden - known
    given_away = recovered_by_rank(most_hidden(grid, public), eqs)
    recovered = recovered_by_rank(unknown, eqs) | solve_line_by_line(grid, unknown, eqs)
    assert {(i, j) for i, j in recovered if grid[i][j] < THRESHOLD} <= given_away
    if hidden & known:
        # The fallback: only when no choice of non-public cells could do the job.
        assert has_problem(grid, most_hidden(grid, public), eqs)
    else:
        assert recovered <= given_away
        assert not has_problem(grid, unknown, eqs) or has_problem(
            grid, most_hidden(grid, public), eqs
        )
