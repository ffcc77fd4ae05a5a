"""The one exception type the project raises for bad seeds, catalogs and data files."""

from __future__ import annotations

from pathlib import Path


class SeedError(ValueError):
    """A seed, the catalog or a data file cannot be read as the study expects.

    The message always names the file, the line where one applies, and the problem, so a
    reader can fix the input without reading a traceback.
    """

    def __init__(self, file: str | Path, line: int | None, problem: str) -> None:
        self.file = str(file)
        self.line = line
        self.problem = problem
        where = f"{self.file}:{line}" if line is not None else self.file
        super().__init__(f"{where}: {problem}")
