"""What goes wrong in an import, said so that a person can find and fix it."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One problem, shown as `file:line: column: message`.

    `file` is the CSV file's name (`activities.csv`) or, in a workbook, the sheet's
    name (`activities`); `line` counts the header as 1, as a spreadsheet numbers rows.
    The line or column is left out when the problem concerns the whole file.
    """

    file: str
    line: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        if self.column:
            return f"{where}: {self.column}: {self.message}"
        return f"{where}: {self.message}"


class ImportRejected(Exception):
    """The import found problems and wrote nothing."""

    def __init__(self, problems: list[Problem], warnings: list[Problem] | None = None):
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems
        self.warnings = warnings or []
