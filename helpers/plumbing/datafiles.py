"""Reading the hand-made files under `annotations/`: CSV and TOML, checked, with every problem
reported as a `SeedError` that names the file and the line."""

from __future__ import annotations

import csv
import tomllib
from pathlib import Path

from .errors import SeedError
from .paths import shown


def read_rows(path: Path, columns: list[str], required: list[str] | None = None) -> list[tuple[int, dict]]:
    """The rows of a CSV file with exactly the header `columns`, each with its line number.

    Fields named in `required` (default: all) must not be empty.
    """
    name = shown(path)
    if not path.is_file():
        raise SeedError(name, None, "annotation file not found")
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader, None)
        if header != columns:
            raise SeedError(name, 1, f"header is {header}, expected {columns}")
        rows = []
        for record in reader:
            line = reader.line_num
            if not any(field.strip() for field in record):
                continue
            if len(record) != len(columns):
                raise SeedError(name, line, f"{len(record)} fields, expected {len(columns)}")
            row = dict(zip(columns, record, strict=True))
            for field in required if required is not None else columns:
                if not row[field].strip():
                    raise SeedError(name, line, f"empty field {field!r}")
            rows.append((line, row))
    return rows


def read_toml(path: Path) -> dict:
    """A TOML file as a dict; a syntax error names the file and its line."""
    name = shown(path)
    if not path.is_file():
        raise SeedError(name, None, "annotation file not found")
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise SeedError(name, getattr(exc, "lineno", None), f"invalid TOML: {exc}") from None


def line_of(path: Path, needle: str) -> int | None:
    """The first line of a text file that contains `needle`, to point an error at it."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return number
    return None


def as_int(value: str, name: str, line: int, field: str) -> int:
    """A CSV field read as a whole number, or a `SeedError` naming where it is not one."""
    try:
        return int(value)
    except ValueError:
        raise SeedError(name, line, f"{field} is {value!r}, not a whole number") from None
