"""The report's tables as plain data, protected for the external audience.

A table is a dict that survives JSON (it is frozen into an approved version):

    {"key": "participants", "title": "…", "stub": "…",
     "columns": [{"label": "…", "group": "…", "kind": "count"}, …],
     "rows": [{"label": "…", "cells": [..], "total": false}, …],
     "note": "…", "protected": true}

Column kinds: "count" (people or events; disclosure control applies), "change" (the
difference of the two columns before it, shown only when both are), "percent",
"money" (Decimal as a string), "date" (ISO 8601 text) and "text". A suppressed cell
holds SUPPRESSED. A row whose label is a date keeps it in ISO 8601 as "date" too, so
that the workbook can hold it as a date cell.
"""

from collections.abc import Iterable
from datetime import date
from typing import Any

from jamlik.reports.disclosure import protect_table
from jamlik.reports.formatting import SUPPRESSED


def column(label: str, kind: str = "count", group: str = "") -> dict[str, str]:
    return {"label": str(label), "kind": kind, "group": str(group)}


def row(
    label: str, cells: list[Any], *, total: bool = False, day: date | str | None = None
) -> dict[str, Any]:
    found = {"label": str(label), "cells": list(cells), "total": total}
    if day:
        found["date"] = day if isinstance(day, str) else day.isoformat()
    return found


def table(
    key: str,
    title: str,
    stub: str,
    columns: list[dict[str, str]],
    rows: list[dict[str, Any]],
    *,
    note: str = "",
) -> dict[str, Any]:
    return {
        "key": key,
        "title": str(title),
        "stub": str(stub),
        "columns": columns,
        "rows": rows,
        "note": str(note),
        "protected": False,
    }


def protect(
    data: dict[str, Any],
    *,
    threshold: int,
    total_row: bool = False,
    total_col: bool = False,
    public: Iterable[tuple[int, int]] = (),
) -> dict[str, Any]:
    """Suppress the table's count cells (primary and complementary), then blank every
    change whose operands are not both shown.

    With total_row the rows marked total hold the column totals (one, the last row);
    with total_col the last count column holds the row totals. Count columns are
    protected together as one grid; other columns do not take part.

    `public` are the positions (row, count column) of cells whose value another table
    of the same document publishes: they are not chosen to protect other cells while
    other cells can (`protect_table`). A count column is numbered among the count
    columns only; negative numbers count from the end, so (-1, -1) is the grand total.
    """
    counts = [j for j, c in enumerate(data["columns"]) if c["kind"] == "count"]
    grid = [[_count(r["cells"][j]) for j in counts] for r in data["rows"]]
    if grid and counts:
        rows, cols = len(grid), len(counts)
        hidden = protect_table(
            grid,
            threshold=threshold,
            total_row=total_row,
            total_col=total_col,
            public={(i % rows, j % cols) for i, j in public},
        )
        for i, jj in hidden:
            data["rows"][i]["cells"][counts[jj]] = SUPPRESSED
    for j, c in enumerate(data["columns"]):
        if c["kind"] in ("change", "percent_change"):
            for r in data["rows"]:
                current, previous = _change_operands(r["cells"], j, data["columns"])
                if SUPPRESSED in (current, previous):
                    r["cells"][j] = None
    data["protected"] = True
    return data


def _count(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _change_operands(cells: list[Any], j: int, columns: list[dict[str, str]]) -> tuple:
    """A change column follows its two count columns (current, previous), possibly
    after an absolute change column."""
    counts = [k for k in range(j) if columns[k]["kind"] == "count"]
    current, previous = counts[-2], counts[-1]
    return cells[current], cells[previous]


def change(current: Any, previous: Any) -> int | None:
    if isinstance(current, int) and isinstance(previous, int):
        return current - previous
    return None


def percent_change(current: Any, previous: Any) -> str | None:
    """As a string with one decimal ("12.5"), so that it survives JSON exactly."""
    if isinstance(current, int) and isinstance(previous, int) and previous:
        from decimal import ROUND_HALF_UP, Decimal

        value = Decimal(current - previous) * 100 / Decimal(previous)
        return str(value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))
    return None
