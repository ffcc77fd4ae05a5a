"""The one exception type the project raises for bad seeds, catalogs and data files, and the fixes
it may propose: catalog lines to paste (`helpers.plumbing.fixes`)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any


class SeedError(ValueError):
    """A seed, the catalog or a data file cannot be read as the study expects.

    The message always names the file, the line where one applies, and the problem, so a
    reader can fix the input without reading a traceback. `fixes` holds the catalog lines that
    settle it, when one can (`helpers.plumbing.fixes.Fix`); each is printed under the message as
    `fix: ...`, exactly in the form `Fix.parse` reads back.
    """

    def __init__(self, file: str | Path, line: int | None, problem: str, fixes: Iterable[Any] = ()) -> None:
        self.file = str(file)
        self.line = line
        self.problem = problem
        self.fixes = tuple(fixes)
        where = f"{self.file}:{line}" if line is not None else self.file
        super().__init__(f"{where}: {problem}" + "".join(f"\n    fix: {fix}" for fix in self.fixes))

    @property
    def where(self) -> str:
        """`file:line`, or the file alone when no line applies."""
        return f"{self.file}:{self.line}" if self.line is not None else self.file
