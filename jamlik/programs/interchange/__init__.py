"""Import and export of a program's daily record in the interchange format.

The format (see README, "Interchange format") is a folder of UTF-8 CSV files with a
header row, or an .xlsx workbook whose sheets carry the same names without ".csv".
An import is all or nothing: problems are reported as `file:line: column: message`,
where `file` is the CSV file's name or the sheet's name and the header is line 1.
"""

from jamlik.programs.interchange.problems import ImportRejected, Problem
from jamlik.programs.interchange.reader import read_path, read_upload
from jamlik.programs.interchange.services import (
    Export,
    ImportResult,
    export_program,
    import_source,
    import_upload,
)
from jamlik.programs.interchange.writer import to_zip, write_folder

__all__ = [
    "Export",
    "ImportRejected",
    "ImportResult",
    "Problem",
    "export_program",
    "import_source",
    "import_upload",
    "read_path",
    "read_upload",
    "to_zip",
    "write_folder",
]
