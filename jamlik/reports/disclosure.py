"""Disclosure control for figures that leave the program.

Two layers:

- `suppress_small_counts` replaces every count from 1 to threshold − 1 in a nested
  structure (the figures JSON of the API and the dashboard for external roles).
- `protect_table` does the same for one table whose rows or columns add up to totals
  shown in the same table, and then suppresses further cells (complementary
  suppression) until no suppressed cell can be worked out from what is published.

A table is a grid of counts; when `total_row` is set its last row holds the column
totals, when `total_col` is set its last column holds the row totals (and the corner
the grand total). Each shown total gives one linear equation over the cells of its
line. A suppressed cell is *recoverable* when the equations fix its value whatever
the other suppressed cells are, that is, when the unit vector of that cell lies in
the row space of the equations restricted to the suppressed cells. `recoverable`
decides this exactly with rational Gaussian elimination; tables in a report are small
(a few dozen cells), so that is cheap.

Zero is never suppressed (an empty cell discloses nobody) and never chosen to protect
another cell, so a suppressed cell is known to hold at least 1. The choice of
complementary cells therefore prefers cells at or above the threshold, and a line
whose suppressed cells add up to so little that the sum bounds one of them more
tightly than "<threshold" gets one more cell (two suppressed cells adding up to 2
would both be 1).
"""

from collections.abc import Sequence
from fractions import Fraction
from typing import Any

Cell = tuple[int, int]


def suppressed_label(threshold: int) -> str:
    return f"<{threshold}"


def suppress_small_counts(value: Any, threshold: int) -> Any:
    """Replace every count from 1 to threshold - 1 with "<threshold", recursively.

    Zero stays: an empty cell discloses nobody. Strings and other values pass through.
    """
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return suppressed_label(threshold) if 0 < value < threshold else value
    if isinstance(value, dict):
        return {key: suppress_small_counts(item, threshold) for key, item in value.items()}
    if isinstance(value, list):
        return [suppress_small_counts(item, threshold) for item in value]
    return value


def is_small(value: Any, threshold: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 < value < threshold


def table_equations(
    grid: Sequence[Sequence[int | None]], *, total_row: bool, total_col: bool
) -> list[list[tuple[Cell, int]]]:
    """The linear equations the shown totals give: each is a list of (cell, coefficient)
    whose weighted values add up to zero. Cells holding None (not a count) take no part."""
    rows, cols = len(grid), len(grid[0]) if grid else 0
    equations: list[list[tuple[Cell, int]]] = []
    if total_col:
        for i in range(rows):
            line = [((i, j), 1) for j in range(cols - 1) if grid[i][j] is not None]
            if grid[i][cols - 1] is not None:
                equations.append([*line, ((i, cols - 1), -1)])
    if total_row:
        for j in range(cols):
            line = [((i, j), 1) for i in range(rows - 1) if grid[i][j] is not None]
            if grid[rows - 1][j] is not None:
                equations.append([*line, ((rows - 1, j), -1)])
    return equations


def recoverable(equations: list[list[tuple[Cell, int]]], suppressed: set[Cell]) -> set[Cell]:
    """The suppressed cells whose value the equations fix, given every other cell."""
    unknowns = sorted(suppressed)
    index = {cell: k for k, cell in enumerate(unknowns)}
    matrix = []
    for equation in equations:
        row = [Fraction(0)] * len(unknowns)
        for cell, coefficient in equation:
            if cell in index:
                row[index[cell]] += coefficient
        if any(row):
            matrix.append(row)
    pivots = _row_reduce(matrix, len(unknowns))
    free = set(range(len(unknowns))) - {col for col, _ in pivots}
    # A pivot variable is fixed when its reduced equation involves no free variable.
    return {unknowns[col] for col, row in pivots if not any(matrix[row][f] != 0 for f in free)}


def _row_reduce(matrix: list[list[Fraction]], width: int) -> list[tuple[int, int]]:
    """Bring the matrix to reduced row echelon form in place; return (column, row) pivots."""
    pivots: list[tuple[int, int]] = []
    row = 0
    for col in range(width):
        found = next((r for r in range(row, len(matrix)) if matrix[r][col] != 0), None)
        if found is None:
            continue
        matrix[row], matrix[found] = matrix[found], matrix[row]
        lead = matrix[row][col]
        matrix[row] = [v / lead for v in matrix[row]]
        for r in range(len(matrix)):
            if r != row and matrix[r][col] != 0:
                factor = matrix[r][col]
                matrix[r] = [a - factor * b for a, b in zip(matrix[r], matrix[row], strict=True)]
        pivots.append((col, row))
        row += 1
        if row == len(matrix):
            break
    return pivots


def protect_table(
    grid: Sequence[Sequence[int | None]],
    *,
    threshold: int,
    total_row: bool = False,
    total_col: bool = False,
) -> set[Cell]:
    """The cells to suppress: primary (1 to threshold − 1) and complementary ones.

    Greedy: while some suppressed cell is recoverable, suppress the published non-zero
    cell sharing a line with it that leaves the fewest cells recoverable, and among
    those the cheapest — inner cells before totals, then cells at or above the
    threshold, then small values; then, while some line's suppressed cells add up to
    too little, or bounds pin a small suppressed cell (`pinned_by_bounds`), suppress
    the cheapest cell of its lines. It ends because each step
    suppresses one more cell; at worst every non-zero cell is suppressed, and then
    nothing is recoverable (all lines are homogeneous in the unknowns).
    """
    equations = table_equations(grid, total_row=total_row, total_col=total_col)
    suppressed = {
        (i, j)
        for i, row in enumerate(grid)
        for j, value in enumerate(row)
        if is_small(value, threshold)
    }
    if not suppressed:
        return suppressed
    rows, cols = len(grid), len(grid[0])

    def cost(cell: Cell) -> tuple[int, int, int]:
        i, j = cell
        value = grid[i][j]
        is_total = (total_row and i == rows - 1) or (total_col and j == cols - 1)
        return (int(is_total), int(value < threshold), value)

    def weak_lines() -> list[list[tuple[Cell, int]]]:
        """Lines with a shown total whose suppressed cells add up to so little that the
        sum (published: the total minus the shown cells) bounds a cell more tightly than
        "<threshold" does."""
        weak = []
        for equation in equations:
            total = next(cell for cell, coefficient in equation if coefficient < 0)
            hidden = [cell for cell, _ in equation if cell in suppressed]
            if hidden and total not in suppressed:
                # Each hidden cell is at least 1, so each is at most sum - (k - 1).
                if sum(grid[i][j] for i, j in hidden) - len(hidden) + 1 < threshold - 1:
                    weak.append(equation)
        return weak

    def lines_with(cells: set[Cell]) -> list[list[tuple[Cell, int]]]:
        return [eq for eq in equations if any(cell in cells for cell, _ in eq)]

    def candidates_in(lines: list[list[tuple[Cell, int]]]) -> set[Cell]:
        found = {
            cell
            for equation in lines
            for cell, _ in equation
            if cell not in suppressed and grid[cell[0]][cell[1]]
        }
        # Every cell of these lines is suppressed or zero (a zero cell cannot help):
        # widen the net to the whole table.
        return found or {
            (i, j)
            for i in range(rows)
            for j in range(cols)
            if (i, j) not in suppressed and grid[i][j]
        }

    while True:
        if exposed := recoverable(equations, suppressed):
            # Look one step ahead: the cell that leaves the fewest cells recoverable.
            def score(cell: Cell) -> tuple[int, int, int, int, Cell]:
                left = len(recoverable(equations, suppressed | {cell}))
                return (left, *cost(cell), cell)

            choice = min(candidates_in(lines_with(exposed)), key=score, default=None)
        elif weak := weak_lines():
            choice = min(candidates_in(weak), key=lambda c: (*cost(c), c), default=None)
        elif pinned := pinned_by_bounds(grid, equations, suppressed, threshold):
            lines = lines_with(pinned)
            choice = min(candidates_in(lines), key=lambda c: (*cost(c), c), default=None)
        else:
            return suppressed
        if choice is None:
            return suppressed
        suppressed.add(choice)


def pinned_by_bounds(
    grid: Sequence[Sequence[int | None]],
    equations: list[list[tuple[Cell, int]]],
    suppressed: set[Cell],
    threshold: int,
) -> set[Cell]:
    """Suppressed small cells whose value the totals fix once every suppressed cell is
    known to be at least 1: the least and the greatest feasible value (two linear
    programs) coincide."""
    from scipy.optimize import linprog

    unknowns = sorted(suppressed)
    index = {cell: k for k, cell in enumerate(unknowns)}
    a_eq, b_eq = [], []
    for equation in equations:
        row = [0] * len(unknowns)
        rest = 0
        for (i, j), coefficient in equation:
            if (i, j) in index:
                row[index[(i, j)]] += coefficient
            else:
                rest += coefficient * grid[i][j]
        if any(row):
            a_eq.append(row)
            b_eq.append(-rest)
    if not a_eq:
        return set()
    bounds = [(1, None)] * len(unknowns)
    pinned = set()
    for k, (i, j) in enumerate(unknowns):
        if not is_small(grid[i][j], threshold):
            continue
        objective = [0] * len(unknowns)
        objective[k] = 1
        low = linprog(objective, A_eq=a_eq, b_eq=b_eq, bounds=bounds, method="highs")
        objective[k] = -1
        high = linprog(objective, A_eq=a_eq, b_eq=b_eq, bounds=bounds, method="highs")
        if low.status == 0 and high.status == 0 and -high.fun - low.fun < 0.5:
            pinned.add((i, j))
    return pinned
