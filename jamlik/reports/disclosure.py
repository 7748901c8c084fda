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

A table is protected on its own, but a cell of it may be published by another table
of the same document (the total of participants per group is the key figures'
"Unique participants"; a workshop's total of activities per month is its activities
in the per-workshop table), where only primary suppression applies. Hiding such a
cell protects nothing, since the reader takes its value from the other table. The
caller names these cells `public`: `protect_table` then protects with other cells
wherever other cells can, and falls back to the public ones only for what nothing
else in the table could protect — what the other table gives away anyway.
"""

from collections.abc import Sequence, Set
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
    public: set[Cell] | frozenset[Cell] = frozenset(),
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

    `public` are cells whose value another table of the same document publishes with
    only primary suppression, so that the reader knows each of them unless it is
    small. A small public cell is suppressed like any other (both tables hide it). One
    that is not small is never chosen as a complementary cell while non-public cells
    can do the job: the greedy first runs without the public cells, and takes up only
    the problems that suppressing every non-zero non-public cell would resolve (cells
    recoverable even then count as known). What is left — a cell recoverable, a line
    too weak or a bound pinned even with every non-public cell suppressed — goes to a
    second run, today's greedy as if no cell were public, which may then suppress
    public cells. That fallback keeps the table safe on its own but cannot protect
    against a reader of the other table (see the comment above the last loop).
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
    nonzero = {(i, j) for i in range(rows) for j in range(cols) if grid[i][j]}

    def cost(cell: Cell) -> tuple[int, int, int]:
        i, j = cell
        value = grid[i][j]
        is_total = (total_row and i == rows - 1) or (total_col and j == cols - 1)
        return (int(is_total), int(value < threshold), value)

    def cheapest(cell: Cell) -> tuple[int, int, int, Cell]:
        return (*cost(cell), cell)

    def weak_lines(hidden_cells: set[Cell]) -> list[list[tuple[Cell, int]]]:
        """Lines with a shown total whose hidden cells add up to so little that the sum
        (published: the total minus the shown cells) bounds a cell more tightly than
        "<threshold" does."""
        weak = []
        for equation in equations:
            total = next(cell for cell, coefficient in equation if coefficient < 0)
            hidden = [cell for cell, _ in equation if cell in hidden_cells]
            if hidden and total not in hidden_cells:
                # Each hidden cell is at least 1, so each is at most sum - (k - 1).
                if sum(grid[i][j] for i, j in hidden) - len(hidden) + 1 < threshold - 1:
                    weak.append(equation)
        return weak

    def lines_with(cells: set[Cell]) -> list[list[tuple[Cell, int]]]:
        return [eq for eq in equations if any(cell in cells for cell, _ in eq)]

    def cells_of(lines: list[list[tuple[Cell, int]]]) -> set[Cell]:
        return {cell for equation in lines for cell, _ in equation}

    def choose(avoid: Set[Cell]) -> Cell | None:
        """The next complementary cell, chosen among the shown non-zero cells not in
        `avoid`, or None when nothing is left that those cells could resolve."""
        choosable = nonzero - suppressed - avoid

        def candidates(lines: list[list[tuple[Cell, int]]]) -> set[Cell]:
            # A zero cell cannot help. When every cell of the lines is suppressed, zero
            # or avoided, widen the net to the whole table.
            return (cells_of(lines) & choosable) or choosable

        # With nothing avoided, every problem can be resolved: with every non-zero cell
        # suppressed nothing is recoverable, pinned or weak. With cells avoided, only
        # the problems that suppressing all the choosable cells would resolve count,
        # and the cells recoverable even then count as known (given away elsewhere).
        everything = suppressed | choosable
        given = recoverable(equations, everything) if avoid else set()
        unknown = suppressed - given
        if exposed := recoverable(equations, suppressed) - given:
            # Look one step ahead: the cell that leaves the fewest cells recoverable.
            def score(cell: Cell) -> tuple[int, int, int, int, Cell]:
                return (len(recoverable(equations, suppressed | {cell})), *cheapest(cell))

            return min(candidates(lines_with(exposed)), key=score, default=None)
        # Only a cell of a weak line can strengthen it.
        if weak := [eq for eq in weak_lines(unknown) if cells_of([eq]) & choosable]:
            return min(cells_of(weak) & choosable, key=cheapest)
        if pinned := pinned_by_bounds(grid, equations, unknown, threshold):
            if avoid:
                pinned -= pinned_by_bounds(grid, equations, everything - given, threshold)
            if pinned:
                return min(candidates(lines_with(pinned)), key=cheapest, default=None)
        return None

    # First without the public cells; then, for what only they could resolve, today's
    # greedy (the fallback; a no-op when the first run resolved everything).
    #
    # The first run never suppresses a public cell that is not small, so until the
    # fallback this table shows every value the reader has from elsewhere and the
    # equations above are the reader's whole knowledge. What it leaves unresolved is
    # given away by the public cells whatever this table does: the fallback's public
    # cells protect nothing against a reader of both tables. Nor can the fallback undo
    # the first run's protection: suppressing more cells only makes fewer of the
    # suppressed cells recoverable and widens their bounds.
    #
    # The fallback can happen. A public total is small, and hidden in both tables,
    # when one non-zero cell makes it up, but not when several small cells add up to
    # the threshold t or more. In the report's tables:
    # - Unique participants per group, total row public (one equation per column:
    #   groups = total). A single hidden group beside a shown total always leaves
    #   another non-zero group shown, a non-public candidate. With all non-zero
    #   groups hidden and the total shown (so at least t), k hidden groups each lie in
    #   1..total − k + 1: for k = 3 and a total of exactly t, one value fewer than
    #   "<t" says (1 + 1 + 3 = 5: each at most 3), and for t = 3 three groups of 1
    #   are given away. Otherwise nothing can be worked out. (Preferring inner cells,
    #   the greedy never chose such a total in any other case either: for this table
    #   `public` changes nothing today; it guards against a change of the greedy.)
    # - Activities per month and workshop, workshop totals and the grand total public.
    #   A workshop whose months are all small but add up to t or more: only its total
    #   could strengthen the row, and five months of 1 adding up to 5 are each 1.
    #   Without program-wide activities the "Total" column holds public cells only,
    #   so a small workshop total is the grand total minus the other workshops'.
    #   These are published by the key figures and the per-workshop table (and the
    #   figures JSON) whatever this table does; closing them needs a second
    #   suppression in those tables, not here.
    for avoid in ([frozenset(public)] if public else []) + [frozenset()]:
        while (choice := choose(avoid)) is not None:
            suppressed.add(choice)
    return suppressed


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
