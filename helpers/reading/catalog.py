"""The seed catalog: which interviews the study reads, and who speaks in each.

The catalog is one TOML file, `seeds/catalog.toml`, with an `[[interview]]` table per seed
and an `[[interview.people]]` table per person. Every problem is reported as a `SeedError`
naming the catalog file and the line of the entry at fault.

Why this module is long: each field is checked where it is read, so that its error can name the
catalog's line; splitting the checks from the reading would only move the line numbers about.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from ..plumbing.errors import SeedError
from ..plumbing.fixes import Fix, set_line
from ..plumbing.paths import CATALOG_NAME, SEEDS_DIR, shown
from ..plumbing.safefiles import outside_link
from .labels import normal_label

FORMATS = ("plain", "markdown")
ROLES = ("interviewer", "interviewee", "author")
QUESTION_MARKUP = ("auto", "labels", "headings", "bold", "italic")
"""How an interview marks its questions (the optional `questions` field): "auto" (speaker labels,
and in Markdown headings that end with "?" or open with an interviewer's label), "labels" (labels
only), "headings" (every heading in the body is a question), "bold" or "italic" (a paragraph that
is all bold, or all italic, is a question)."""

INTERVIEW_FIELDS = {
    "id": str,
    "file": str,
    "sha256": str,
    "format": str,
    "title": str,
    "outlet": str,
    "source_url": str,
    "date": str,
    "date_inferred": bool,
    "date_evidence": str,
    "language": str,
    "context_not_in_text": str,
    "people": list,
}
OPTIONAL_FIELDS = {"questions": str, "not_turns": list}
"""Optional fields of an interview: `questions` (one of `QUESTION_MARKUP`, default "auto") and
`not_turns` (the openings of lines that look like speaker labels but are not turns, such as a
glossary entry "**ABC:**": each such paragraph is read as a note, never as speech)."""
PERSON_FIELDS = {
    "name": str,
    "role": str,
    "affiliation": str,
    "labels": list,
    "names": list,
    "affiliation_names": list,
}
OPTIONAL_PERSON_FIELDS = {"role_doubt": str}
"""Optional field of a person: `role_doubt`, written by the drafter when the evidence for the role is
weak ("interviewee: speaks first (line 1)": the role it chose, then the evidence); the check says so
while the role is still the one chosen. Delete the line once the role is checked."""


@dataclass(frozen=True)
class Person:
    """Someone who speaks in, or signs, an interview."""

    name: str
    role: str
    affiliation: str
    labels: tuple[str, ...]
    names: tuple[str, ...]
    affiliation_names: tuple[str, ...]
    role_doubt: str = ""


@dataclass(frozen=True)
class Interview:
    """One catalog entry: a seed file and what is known about it."""

    id: str
    file: str
    path: Path
    sha256: str
    format: str
    title: str
    outlet: str
    source_url: str
    date: str
    date_inferred: bool
    date_evidence: str
    language: str
    context_not_in_text: str
    people: tuple[Person, ...]
    catalog: Path
    catalog_line: int
    questions: str = "auto"
    not_turns: tuple[str, ...] = ()

    def by_role(self, role: str) -> list[Person]:
        """The people with this role, in catalog order."""
        return [p for p in self.people if p.role == role]

    def speaker_for_label(self) -> dict[str, Person]:
        """Map each speaker label the text uses to the person it names."""
        return {label: p for p in self.people for label in p.labels}


def catalog_path(seeds: str | Path | None = None) -> Path:
    """The catalog file for a seeds folder (or a catalog file given directly)."""
    path = Path(seeds) if seeds is not None else SEEDS_DIR
    return path / CATALOG_NAME if path.is_dir() else path


@lru_cache(maxsize=2)
def _lines(text: str) -> tuple[str, ...]:
    """The catalog's lines, split once per catalog text: an archive's catalog has thousands of
    entries, and splitting it again for each would cost time growing with the square of their number."""
    return tuple(text.splitlines())


def _entry_lines(text: str) -> list[int]:
    """Line numbers (1-based) of every `[[interview]]` header in the catalog text."""
    return [i for i, line in enumerate(_lines(text), 1) if line.strip() == "[[interview]]"]


def _people_lines(text: str, entry_line: int) -> list[int]:
    """Line numbers of the `[[interview.people]]` headers of the entry starting at `entry_line`."""
    found = []
    lines = _lines(text)
    for i in range(entry_line + 1, len(lines) + 1):  # by index: each entry's lines, not all those before it
        line = lines[i - 1]
        if line.strip() == "[[interview]]":
            break
        if line.strip() == "[[interview.people]]":
            found.append(i)
    return found


def _key_line(text: str, after: int, key: str) -> int:
    """The line of `key = ...` at or after line `after`, or `after` itself if absent."""
    pattern = re.compile(rf"^\s*{re.escape(key)}\s*=")
    lines = _lines(text)
    for i in range(after, len(lines) + 1):
        line = lines[i - 1]
        if pattern.match(line):
            return i
    return after


def _read_toml(path: Path) -> tuple[str, dict]:
    if not path.is_file():
        raise SeedError(shown(path), None, "catalog file not found")
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise SeedError(shown(path), line, f"catalog is not UTF-8 ({exc.reason})") from None
    try:
        return text, tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"line (\d+)", str(exc))
        line = int(found.group(1)) if found else None
        raise SeedError(shown(path), line, f"catalog is not valid TOML: {exc}") from None


def _check_fields(
    table: dict, fields: dict[str, type], where: str, file: str, line: int, text: str,
    optional: dict[str, type] | None = None, fix: Fix | None = None,
) -> None:
    optional = optional or {}
    for key, kind in {**fields, **optional}.items():
        if key not in table:
            if key in optional:
                continue
            empty = {str: '""', bool: "false"}.get(kind)
            fixes = (Fix(fix.catalog, fix.interview, f"{key} = {empty}", fix.person),) if fix and empty else ()
            raise SeedError(file, line, f"{where} has no `{key}` field", fixes)
        if not isinstance(table[key], kind):
            raise SeedError(
                file,
                _key_line(text, line, key),
                f"{where}: `{key}` should be a {kind.__name__}, not {type(table[key]).__name__}",
            )
    unknown = sorted(set(table) - set(fields) - set(optional))
    if unknown:
        raise SeedError(file, line, f"{where} has unknown field(s): {', '.join(unknown)}")


def _person(table: dict, where: str, file: str, line: int, text: str, fix: Fix | None) -> Person:
    _check_fields(table, PERSON_FIELDS, where, file, line, text, OPTIONAL_PERSON_FIELDS, fix=fix)
    if table["role"] not in ROLES:
        raise SeedError(
            file, _key_line(text, line, "role"),
            f"{where}: role {table['role']!r} is not one of {', '.join(ROLES)}",
        )
    for key in ("labels", "names", "affiliation_names"):
        if not all(isinstance(v, str) and v.strip() for v in table[key]):
            raise SeedError(file, _key_line(text, line, key), f"{where}: `{key}` must hold non-empty strings")
    return Person(
        name=table["name"],
        role=table["role"],
        affiliation=table["affiliation"],
        labels=tuple(table["labels"]),
        names=tuple(table["names"]),
        affiliation_names=tuple(table["affiliation_names"]),
        role_doubt=table.get("role_doubt", ""),
    )


def _interview(table: dict, path: Path, line: int, text: str) -> Interview:
    file = shown(path)
    name = table.get("id", f"entry at line {line}")
    where = f"interview {name!r}"
    fix = Fix(file, name, "") if isinstance(name, str) and "id" in table else None
    _check_fields(table, INTERVIEW_FIELDS, where, file, line, text, OPTIONAL_FIELDS, fix)
    questions = table.get("questions", "auto")
    if questions not in QUESTION_MARKUP:
        raise SeedError(file, _key_line(text, line, "questions"),
                        f"{where}: questions {questions!r} is not one of {', '.join(QUESTION_MARKUP)}")
    not_turns = table.get("not_turns", [])
    if not all(isinstance(v, str) and v.strip() for v in not_turns):
        raise SeedError(file, _key_line(text, line, "not_turns"), f"{where}: `not_turns` must hold non-empty strings")
    if not re.fullmatch(r"[A-Za-z0-9_-]+", table["id"]):
        raise SeedError(file, _key_line(text, line, "id"), f"{where}: id may hold only letters, digits, _ and -")
    if table["format"] not in FORMATS:
        raise SeedError(
            file, _key_line(text, line, "format"),
            f"{where}: format {table['format']!r} is not one of {', '.join(FORMATS)}",
        )
    if not re.fullmatch(r"[0-9a-f]{64}", table["sha256"]):
        raise SeedError(file, _key_line(text, line, "sha256"), f"{where}: sha256 must be 64 lower-case hex digits")
    try:
        if table["date"]:  # empty: the date is not known
            dt.date.fromisoformat(table["date"])
    except ValueError:
        raise SeedError(file, _key_line(text, line, "date"), f"{where}: date must be YYYY-MM-DD, or empty if "
                                                            "it is not known") from None
    seed = path.parent / table["file"]
    if Path(table["file"]).name != table["file"] or table["file"] in ("", ".", ".."):
        raise SeedError(file, _key_line(text, line, "file"), f"{where}: file must be a name inside the seeds folder")
    if seed.is_symlink() and outside_link(path.parent, seed):
        raise SeedError(file, _key_line(text, line, "file"),
                        f"{where}: seed file {table['file']!r} is a symbolic link to a file outside the folder, which "
                        "is refused (it would be read and published): copy the file into the folder instead")
    if not seed.is_file():
        raise SeedError(file, _key_line(text, line, "file"), f"{where}: seed file {table['file']!r} not found")
    people_lines = _people_lines(text, line)
    people = []
    for k, person in enumerate(table["people"]):
        pline = people_lines[k] if k < len(people_lines) else line
        if not isinstance(person, dict):
            raise SeedError(file, pline, f"{where}: people must be [[interview.people]] tables")
        person_fix = Fix(file, name, "", person.get("name")) if fix and isinstance(person.get("name"), str) else None
        people.append(_person(person, f"{where}, person {k + 1}", file, pline, text, person_fix))
    for role in ("interviewer", "interviewee"):
        if not any(p.role == role for p in people):
            raise SeedError(file, line, f"{where} names no {role}")
    seen: dict[str, str] = {}
    for p in people:
        for label in p.labels:
            # compared as the splitter reads them: labels differing only by spaces or invisible marks are one
            key = normal_label(label)
            if key in seen and seen[key] != p.name:
                kept = [x for x in p.labels if normal_label(x) != key]
                raise SeedError(file, line, f"{where}: label {label!r} names both {seen[key]} and {p.name} "
                                            "(labels are compared with their spaces and invisible marks normalised)",
                                (Fix(file, name, set_line("labels", kept), p.name),))
            seen[key] = p.name
    return Interview(
        id=table["id"], file=table["file"], path=seed, sha256=table["sha256"],
        format=table["format"], title=table["title"], outlet=table["outlet"],
        source_url=table["source_url"], date=table["date"], date_inferred=table["date_inferred"],
        date_evidence=table["date_evidence"], language=table["language"],
        context_not_in_text=table["context_not_in_text"], people=tuple(people),
        catalog=path, catalog_line=line, questions=questions, not_turns=tuple(not_turns),
    )


def interview_from_toml(text: str, catalog: Path) -> Interview:
    """The one `[[interview]]` entry of a TOML text, checked as if it stood in `catalog` (the
    drafter tries its drafts with it before writing them)."""
    tables = tomllib.loads(text).get("interview") or [{}]
    return _interview(tables[0], catalog, 1, text)


def read_catalog(seeds: str | Path | None = None) -> tuple[list[Interview], list[SeedError]]:
    """Read and check the catalog of a seeds folder (default: the project's `seeds/`), entry by entry:
    the entries that are right, and a `SeedError` for each that is not (a missing or mistyped field,
    a duplicate id, a file catalogued twice, an unknown format or role, a file that is not there or
    is a link out of the folder), naming the catalog and the line, with the fix where one applies."""
    path = catalog_path(seeds)
    text, data = _read_toml(path)
    tables = data.get("interview")
    if not isinstance(tables, list) or not tables:
        raise SeedError(shown(path), None, "catalog holds no [[interview]] entries")
    lines = _entry_lines(text)
    interviews: list[Interview] = []
    problems: list[SeedError] = []
    by_id: dict[str, Interview] = {}
    by_file: dict[Path, Interview] = {}  # each file resolved once: an archive's catalog has thousands of entries
    for k, table in enumerate(tables):
        line = lines[k] if k < len(lines) else 1
        try:
            entry = _interview(table, path, line, text)
        except SeedError as problem:
            problems.append(problem)
            continue
        earlier = by_id.get(entry.id)
        if earlier is not None:
            problems.append(SeedError(shown(path), line, f"duplicate interview id {entry.id!r} (first used at line "
                                                          f"{earlier.catalog_line})"))
            continue
        resolved = entry.path.resolve()
        twice = by_file.get(resolved)
        if twice is not None:
            problems.append(SeedError(
                shown(path), line, f"interview {entry.id!r}: file {entry.file!r} is already catalogued as interview "
                f"{twice.id!r} (line {twice.catalog_line}): each of its turns would be counted twice; delete "
                "one of the two entries", (Fix(shown(path), entry.id, delete=True),)))
            continue
        by_id[entry.id], by_file[resolved] = entry, entry
        interviews.append(entry)
    return interviews, problems


def load_catalog(seeds: str | Path | None = None) -> list[Interview]:
    """Read and check the catalog of a seeds folder (default: the project's `seeds/`).

    Raises `SeedError` naming the catalog file and line for the first problem `read_catalog` finds.
    """
    interviews, problems = read_catalog(seeds)
    if problems:
        raise problems[0]
    return interviews


def catalog_subset(seeds: str | Path, ids: list[str]) -> str:
    """The text of a folder's catalog with only the `[[interview]]` entries whose id is in `ids`
    (each entry's lines as written, comments and all; the lines before the first entry kept)."""
    text = catalog_path(seeds).read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    starts = _entry_lines(text)
    kept = lines[: starts[0] - 1] if starts else lines
    for k, start in enumerate(starts):
        chunk = lines[start - 1 : starts[k + 1] - 1] if k + 1 < len(starts) else lines[start - 1 :]
        try:
            entry = tomllib.loads("".join(chunk)).get("interview", [{}])[0]
        except tomllib.TOMLDecodeError:
            continue
        if entry.get("id") in ids:
            kept += chunk
    return "".join(kept)


def catalog_table(seeds: str | Path | None = None) -> pd.DataFrame:
    """The catalog as a table, one row per interview, for display in a notebook."""
    rows = []
    for i in load_catalog(seeds):
        rows.append({
            "interview": i.id,
            "title": i.title,
            "outlet": i.outlet or "(unknown)",
            "date": (i.date or "(unknown)") + (" (inferred)" if i.date_inferred and i.date else ""),
            "format": i.format,
            "interviewers": "; ".join(p.name for p in i.by_role("interviewer")),
            "interviewees": "; ".join(p.name + (f" ({p.affiliation})" if p.affiliation else "")
                                      for p in i.by_role("interviewee")),
            "source_url": i.source_url or "(not given in the text)",
        })
    return pd.DataFrame(rows)


def people_table(seeds: str | Path | None = None) -> pd.DataFrame:
    """Everyone in the catalog, with every label and name the text uses for them."""
    rows = [
        {
            "interview": i.id,
            "name": p.name,
            "role": p.role,
            "affiliation": p.affiliation,
            "labels": ", ".join(p.labels),
            "names in the text": ", ".join(p.names),
            "affiliation in the text": ", ".join(p.affiliation_names),
        }
        for i in load_catalog(seeds)
        for p in i.people
    ]
    return pd.DataFrame(rows)
