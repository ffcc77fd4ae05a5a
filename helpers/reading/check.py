"""Checking a folder of interviews, all at once: every problem of every text, and of the catalog.

`check_folder(DIR)` reads the folder's catalog entry by entry, every `.txt`, `.md` and `.markdown` text in the
folder (catalogued or not, a README aside), reads and splits each catalogued text, and checks the
patterns of the folder's `rules.toml`. Nothing stops at the first problem: each is a `SeedError`
(file, line, problem, and the catalog lines that fix it, to paste) attached to the text it is
about. `python -m helpers check DIR` prints them, without a traceback, and exits with status 1
when there is any (0 when every text splits, 2 on a usage error); the workbench runs the same
check first and analyses the texts that split.
"""

from __future__ import annotations

import sys
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from ..plumbing.datafiles import line_of
from ..plumbing.errors import SeedError
from ..plumbing.fixes import Fix, set_line
from ..plumbing.paths import CATALOG_NAME, shown
from ..plumbing.patterns import pattern_problem, refusal
from ..plumbing.safefiles import outside_link
from .catalog import Interview, catalog_path, read_catalog
from .seedtext import read_seed
from .segment import split_checked

TEXT_SUFFIXES = (".txt", ".md", ".markdown")
NOT_TEXTS = ("readme", "license", "licence", "changelog")
"""Files of a folder that are about it, not interviews (by the name before the suffix)."""


@dataclass
class TextCheck:
    """What the check found for one text of the folder: its catalog id (None when it has no entry),
    its problems, its notes (what a reader should confirm, such as a role drafted on weak evidence,
    with the lines that settle it; they do not stop the text) and, when it splits, its questions,
    answers and split-report rows."""

    file: str
    interview: str | None
    problems: list[SeedError] = field(default_factory=list)
    notes: list[SeedError] = field(default_factory=list)
    questions: int = 0
    answers: int = 0
    decisions: int = 0

    @property
    def splits(self) -> bool:
        """Whether the text is catalogued and splits without a problem."""
        return self.interview is not None and not self.problems


@dataclass
class FolderCheck:
    """Every problem of a folder: of the catalog as a whole (`catalog`), of each text (`texts`, in
    file order) and of its keyword rules (`rules`)."""

    folder: Path
    catalog: list[SeedError] = field(default_factory=list)
    texts: list[TextCheck] = field(default_factory=list)
    rules: list[SeedError] = field(default_factory=list)

    @property
    def problems(self) -> list[SeedError]:
        """Every problem found, catalog first, then text by text, then the rules."""
        return [*self.catalog, *(p for t in self.texts for p in t.problems), *self.rules]

    def ready(self) -> list[str]:
        """The ids of the interviews that split, in file order."""
        return [t.interview for t in self.texts if t.splits]

    def skipped(self) -> list[dict]:
        """One row per problem that keeps a text out of an analysis: file, interview, line, problem, fix."""
        return [{"file": t.file, "interview": t.interview or "", "line": p.line, "problem": p.problem,
                 "fix": "; ".join(str(f) for f in p.fixes)} for t in self.texts for p in t.problems]


def folder_texts(folder: Path) -> list[Path]:
    """The interview texts of a folder: its `.txt`, `.md` and `.markdown` files, in name order (README and the like
    left out)."""
    return sorted(p for p in Path(folder).iterdir() if p.suffix.lower() in TEXT_SUFFIXES
                  and p.stem.lower() not in NOT_TEXTS and (p.is_file() or p.is_symlink()))


def _entry_files(catalog: Path) -> list[tuple[int, str]]:
    """(first line, file) of every catalog entry, to attach an entry's problem to its text."""
    text = catalog.read_text(encoding="utf-8")
    try:
        tables = tomllib.loads(text).get("interview", [])
    except tomllib.TOMLDecodeError:
        return []
    starts = [i for i, line in enumerate(text.splitlines(), 1) if line.strip() == "[[interview]]"]
    return [(line, t.get("file", "") if isinstance(t, dict) else "") for line, t in zip(starts, tables, strict=False)]


def _file_of(problem: SeedError, entries: list[tuple[int, str]]) -> str:
    """The text a catalog problem is about: the file of the entry its line falls in."""
    found = [file for line, file in entries if problem.line is not None and line <= problem.line]
    return found[-1] if found else ""


def check_text(interview: Interview) -> TextCheck:
    """Read and split one catalogued text; every problem it has."""
    result = TextCheck(interview.file, interview.id)
    result.notes.extend(role_doubts(interview))
    try:
        text = read_seed(interview)
    except SeedError as problem:
        result.problems.append(problem)
        return result
    segments, report, problems = split_checked(interview, text)
    result.problems.extend(problems)
    result.questions = len({s.turn_id for s in segments if s.role == "interviewer" and s.turn_id})
    result.answers = len({s.turn_id for s in segments if s.kind in ("answer", "list_item") and s.turn_id})
    result.decisions = len(report)
    return result


def role_doubts(interview: Interview) -> list[SeedError]:
    """A note for the people whose `role_doubt` still names their role: the drafter chose it on weak
    evidence. Its fixes are the role lines that change it (both, when two people would swap)."""
    doubtful = [p for p in interview.people if p.role_doubt and p.role_doubt.split(":", 1)[0] == p.role]
    if not doubtful:
        return []
    other = {"interviewer": "interviewee", "interviewee": "interviewer"}
    flips = {p.name: other[p.role] for p in doubtful if p.role in other}
    after = [flips.get(p.name, p.role) for p in interview.people]
    if "interviewer" not in after or "interviewee" not in after:  # one flip alone empties a role: swap
        partners = [p for p in interview.people if p.role in other and p.name not in flips]
        if len(partners) == 1:
            flips[partners[0].name] = other[partners[0].role]
    fixes = [Fix(shown(interview.catalog), interview.id, set_line("role", role), name) for name, role in flips.items()]
    why = "; ".join(f"{p.name}: {p.role_doubt.split(':', 1)[1].strip()}" for p in doubtful)
    return [SeedError(shown(interview.catalog), interview.catalog_line,
                      f"the roles are a guess from weak evidence ({why}): if they are wrong, paste "
                      f"{'these lines together' if len(fixes) > 1 else 'this line'}; if they are right, delete the "
                      f"role_doubt line{'s' * (len(doubtful) > 1)} of {', '.join(p.name for p in doubtful)}", fixes)]


def rules_problems(folder: Path) -> list[SeedError]:
    """Problems of a folder's `rules.toml`, if it has one: a pattern that is invalid or could
    backtrack without bound (`helpers.plumbing.patterns`), or a table of the wrong shape."""
    path = Path(folder) / "rules.toml"
    if not path.is_file():
        return []
    name = shown(path)
    try:
        table = tomllib.loads(path.read_text(encoding="utf-8")).get("rules")
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        return [SeedError(name, getattr(exc, "lineno", None), f"invalid TOML: {exc}")]
    if not isinstance(table, dict):
        return [SeedError(name, None, "no [rules] table")]
    found = []
    for code, patterns in table.items():
        if not isinstance(patterns, list) or not all(isinstance(p, str) and p for p in patterns):
            found.append(SeedError(name, line_of(path, code), f"rules for {code!r} must be a list of patterns"))
            continue
        for pattern in patterns:
            problem = pattern_problem(pattern)
            if problem is not None:
                found.append(SeedError(name, line_of(path, pattern), refusal(pattern, f"of {code!r}", problem)))
    return found


def check_folder(folder: str | Path) -> FolderCheck:
    """Check a folder of interviews: its catalog, every text in it and its keyword rules, and
    collect every problem (see the module's docstring)."""
    folder = Path(folder)
    result = FolderCheck(folder)
    if not folder.is_dir():
        result.catalog.append(SeedError(shown(folder), None, "not a folder"))
        return result
    texts = folder_texts(folder)
    catalog = catalog_path(folder)
    interviews: list[Interview] = []
    by_file: dict[str, list[SeedError]] = {}
    if not catalog.is_file():
        result.catalog.append(SeedError(shown(catalog), None, f"no {CATALOG_NAME} in this folder: draft one with "
                                                              f"`make catalog SEEDS={shown(folder)}`"))
    else:
        try:
            interviews, problems = read_catalog(folder)
        except SeedError as problem:
            result.catalog.append(problem)
            problems = []
        entries = _entry_files(catalog)
        for problem in problems:
            file = _file_of(problem, entries)
            if file and (folder / file).exists() and Path(file).name == file:
                by_file.setdefault(file, []).append(problem)
            else:
                result.catalog.append(problem)
    catalogued = {i.file: i for i in interviews}
    for path in texts:
        name = path.name
        if outside_link(folder, path):
            result.texts.append(TextCheck(name, None, [SeedError(shown(path), None, "a symbolic link to a file outside "
                                                                 "the folder: refused (it would be read and "
                                                                 "published); copy the file in instead")]))
        elif name in catalogued:
            result.texts.append(check_text(catalogued[name]))
        elif name in by_file:
            result.texts.append(TextCheck(name, None, by_file[name]))
        elif catalog.is_file():
            result.texts.append(TextCheck(name, None, [SeedError(shown(path), None, "not in the catalog: draft its "
                                                                 f"entry with `make catalog SEEDS={shown(folder)}`")]))
    listed = {t.file for t in result.texts}
    for interview in interviews:  # a catalogued text the listing left out (another suffix)
        if interview.file not in listed:
            result.texts.append(check_text(interview))
    result.rules = rules_problems(folder)
    return result


def format_check(check: FolderCheck) -> str:
    """The check as a reader reads it: one line per text, and under it each problem with its fixes."""
    lines = [f"checking {shown(check.folder)}: {len(check.texts)} texts, "
             f"{sum(t.interview is not None for t in check.texts)} catalogued"]
    lines += [f"  {p}" for p in check.catalog]
    for t in check.texts:
        who = f" (interview {t.interview})" if t.interview else ""
        if t.splits:
            lines.append(f"{t.file}{who}: {t.questions} questions, {t.answers} answers, {t.decisions} decisions "
                         "in the split report")
            lines += [f"  note: {n}".replace("\n", "\n  ") for n in t.notes]
        else:
            lines.append(f"{t.file}{who}: {len(t.problems)} problem{'s' * (len(t.problems) != 1)}")
            lines += [f"  {p}".replace("\n", "\n  ") for p in t.problems]
            lines += [f"  note: {n}".replace("\n", "\n  ") for n in t.notes]
    lines += [f"  {p}" for p in check.rules]
    ready, problems = len(check.ready()), len(check.problems)
    lines.append(f"{ready} of {len(check.texts)} texts split; {problems} problem{'s' * (problems != 1)}")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    """`python -m helpers check DIR`: print the check of a folder; 1 if it found a problem, 2 on a
    usage error, else 0."""
    if len(argv) != 1:
        print("usage: python -m helpers check DIR", file=sys.stderr)
        return 2
    check = check_folder(argv[0])
    print(format_check(check))
    return 1 if check.problems else 0
