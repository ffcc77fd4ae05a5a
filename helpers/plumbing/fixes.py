"""Fixes that an error proposes, as catalog lines to paste, and applying one to a catalog's text.

A fix names the catalog, the table it goes in (an interview by its id, and a person by name) and
the TOML line to set there, or asks for an interview's entry to be deleted. It prints as one line,

    catalog.toml [interview "900"] not_turns = ["**OGA:**"]
    catalog.toml [interview "900", person "Nina Paley"] labels = ["A", "A."]
    catalog.toml delete [interview "901"]

and `Fix.parse` reads that line back, so a fix can be tested by applying it exactly as printed.
`apply_fix` sets the key in that table (replacing its old value, however many lines it spans) or
adds it after the table's header; it changes nothing else in the file.
"""

from __future__ import annotations

import itertools
import json
import re
import tomllib
from dataclasses import dataclass

_PRINTED = re.compile(
    r'(?P<catalog>.+?) (?P<delete>delete )?\[interview (?P<id>"(?:[^"\\]|\\.)*")'
    r'(?:, person (?P<person>"(?:[^"\\]|\\.)*"))?\](?: (?P<line>[A-Za-z_][A-Za-z0-9_-]* = .+))?')
_KEY = re.compile(r"[ \t]*(?P<key>[A-Za-z_][A-Za-z0-9_-]*)[ \t]*=")


@dataclass(frozen=True)
class Fix:
    """One catalog line that settles an error: `line` (`key = value`) in the table of interview
    `interview` (and of its person `person`, if given) of the catalog file `catalog`; or, with
    `delete`, the removal of that interview's entry."""

    catalog: str
    interview: str
    line: str = ""
    person: str | None = None
    delete: bool = False

    def __str__(self) -> str:
        where = f"[interview {json.dumps(self.interview, ensure_ascii=False)}"
        if self.person is not None:
            where += f", person {json.dumps(self.person, ensure_ascii=False)}"
        where += "]"
        return f"{self.catalog} delete {where}" if self.delete else f"{self.catalog} {where} {self.line}"

    @classmethod
    def parse(cls, printed: str) -> Fix:
        """The fix a printed line describes (with or without its leading `fix: `)."""
        found = _PRINTED.fullmatch(printed.strip().removeprefix("fix: "))
        if found is None or bool(found["delete"]) == bool(found["line"]):
            raise ValueError(f"not a printed fix: {printed!r}")
        person = json.loads(found["person"]) if found["person"] else None
        return cls(found["catalog"], json.loads(found["id"]), found["line"] or "", person, bool(found["delete"]))

    @property
    def key(self) -> str:
        """The key the fix sets."""
        return self.line.split("=", 1)[0].strip()


def set_line(key: str, value: object) -> str:
    """A TOML line `key = value` for a string or a list of strings, as a fix prints it."""
    return f"{key} = {json.dumps(value, ensure_ascii=False)}"


def _tables(lines: list[str]) -> list[tuple[int, str]]:
    """(index, header) of every table header line of a catalog."""
    return [(i, line.strip()) for i, line in enumerate(lines) if line.strip().startswith("[")
            and line.strip().rstrip().endswith("]") and not _KEY.match(line)]


def _value_of(lines: list[str], start: int, end: int, key: str) -> str | None:
    """The value of `key` in the table on lines start..end, read with tomllib, or None."""
    for i in range(start, end):
        found = _KEY.match(lines[i])
        if found and found["key"] == key:
            stop = _value_end(lines, i, end)
            try:
                return tomllib.loads("".join(lines[i:stop]))[key]
            except tomllib.TOMLDecodeError:
                return None
    return None


def _value_end(lines: list[str], first: int, end: int) -> int:
    """The index after the last line of the value that starts on line `first`: a value spans
    lines while its brackets are open or its triple-quoted string is not closed."""
    for stop in range(first + 1, end + 1):
        try:
            tomllib.loads("".join(lines[first:stop]))
            return stop
        except tomllib.TOMLDecodeError:
            continue
    return first + 1


def _entry_range(lines: list[str], interview: str) -> tuple[int, int]:
    """The lines (start, end) of the `[[interview]]` entry whose id is `interview`."""
    heads = [i for i, h in _tables(lines) if h == "[[interview]]"] + [len(lines)]
    for start, end in itertools.pairwise(heads):
        own_end = next((i for i, h in _tables(lines) if start < i < end), end)
        if _value_of(lines, start + 1, own_end, "id") == interview:
            return start, end
    raise ValueError(f"no [[interview]] entry with id {interview!r}")


def _table_range(lines: list[str], fix: Fix) -> tuple[int, int]:
    """The lines (header, end) of the table the fix sets its line in."""
    start, end = _entry_range(lines, fix.interview)
    inner = [i for i, _ in _tables(lines) if start < i < end] + [end]
    if fix.person is None:
        return start, inner[0]
    for head, stop in itertools.pairwise(inner):
        if lines[head].strip() == "[[interview.people]]" and _value_of(lines, head + 1, stop, "name") == fix.person:
            return head, stop
    raise ValueError(f"interview {fix.interview!r} has no person named {fix.person!r}")


def apply_fix(text: str, fix: Fix) -> str:
    """The catalog text with the fix applied: the key set in its table, or the entry deleted."""
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    if fix.delete:
        start, end = _entry_range(lines, fix.interview)
        return "".join(lines[:start] + lines[end:])
    head, end = _table_range(lines, fix)
    for i in range(head + 1, end):
        found = _KEY.match(lines[i])
        if found and found["key"] == fix.key:
            return "".join([*lines[:i], fix.line + "\n", *lines[_value_end(lines, i, end):]])
    return "".join([*lines[:head + 1], fix.line + "\n", *lines[head + 1:]])
