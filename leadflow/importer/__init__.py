"""The importer: reading CRM exports (sources), mapping their columns to ours (mapping),
checking them and writing the good rows through the data layer's engine (run), the problems it
words for the user (problems), uploads kept on the server (uploads) and its command line (cli:
python -m leadflow.importer)."""

from leadflow.importer.problems import PROBLEM_COLUMNS, Problem, Report, count_rows, format_report
from leadflow.importer.run import run
from leadflow.importer.sources import (
    DELIMITER_NAMES,
    ENCODING_NAMES,
    FileProblem,
    SourceFile,
    column_values,
    inspect,
)
from leadflow.importer.uploads import UPLOAD_PREFIX, upload_folder, upload_path

__all__ = [
    "DELIMITER_NAMES", "ENCODING_NAMES", "PROBLEM_COLUMNS", "UPLOAD_PREFIX", "FileProblem",
    "Problem", "Report", "SourceFile", "column_values", "count_rows", "format_report", "inspect",
    "run", "upload_folder", "upload_path",
]  # fmt: skip
