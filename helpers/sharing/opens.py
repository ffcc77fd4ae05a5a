"""What opens each kind of export file, by the end of its name: said by `make exports`, the
book's downloads page and the workbench. A module of its own, importing nothing, so that the book
can say it without importing the exports (which reach the workbench, which reaches the book)."""

from __future__ import annotations

from pathlib import Path

OPENS_IN = {
    ".qdpx": "a REFI-QDA project: import it into QualCoder, ATLAS.ti, MAXQDA or NVivo",
    "-convokit.zip": "a ConvoKit corpus: unzip it and load the folder with ConvoKit's Corpus(filename=...)",
    ".xlsx": "a workbook with a README sheet and a sheet per table: Excel, LibreOffice Calc, Google Sheets",
    ".csv": "one table: any spreadsheet, pandas, R",
}
"""What opens each kind of export file, by the end of its name."""


def opens_in(path: Path) -> str:
    """What opens an export file, from the end of its name."""
    return next(tool for ending, tool in OPENS_IN.items() if path.name.endswith(ending))
