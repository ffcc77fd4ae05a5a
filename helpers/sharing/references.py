"""The study's bibliography (`references.bib`): its entries checked, their author-year labels, and
the reference list at the end of `METHODS.md`, generated from the file so the two cannot drift.

Run `python -m helpers.sharing.references` after editing `references.bib` to rewrite that list; a test
fails while they differ. BibTeX is read with pybtex (the parser Sphinx's bibliography extension
uses), not by hand.
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from ..plumbing.errors import SeedError
from ..plumbing.paths import PROJECT_ROOT, shown

if TYPE_CHECKING:
    from pybtex.database import BibliographyData

REFERENCES_BIB = PROJECT_ROOT / "references.bib"
METHODS = PROJECT_ROOT / "METHODS.md"
BEGIN = "<!-- references: generated from references.bib by `python -m helpers.sharing.references`; do not edit -->"
END = "<!-- end of references -->"
VENUE = {"article": "journal", "inproceedings": "booktitle", "incollection": "booktitle",
         "book": "publisher", "misc": "howpublished"}
"""The field that says where each kind of entry appeared."""


@cache
def bibliography(path: Path = REFERENCES_BIB) -> BibliographyData:
    """The parsed bibliography (a pybtex `BibliographyData`); a syntax error names the file."""
    from pybtex.database import parse_file
    from pybtex.scanner import PybtexSyntaxError

    try:
        return parse_file(str(path), bib_format="bibtex")
    except PybtexSyntaxError as exc:
        raise SeedError(shown(path), getattr(exc, "lineno", None), f"invalid BibTeX: {exc}") from None


def surnames(key: str, path: Path = REFERENCES_BIB) -> list[str]:
    """The authors' surnames of an entry, as printed (von parts included: "van Dijk")."""
    people = bibliography(path).entries[key].persons.get("author", [])
    return [" ".join(person.prelast_names + person.last_names).replace("{", "").replace("}", "") for person in people]


def label(key: str, path: Path = REFERENCES_BIB) -> str:
    """How the notebooks cite an entry: "Dunning 1993", "Bull & Mayer 1993", "Monroe, Colaresi &
    Quinn 2008", and "Chang et al. 2020" beyond three authors."""
    names = surnames(key, path)
    year = bibliography(path).entries[key].fields["year"]
    if len(names) > 3:
        return f"{names[0]} et al. {year}"
    if len(names) > 1:
        return f"{', '.join(names[:-1])} & {names[-1]} {year}"
    return f"{names[0]} {year}"


def incomplete(path: Path = REFERENCES_BIB) -> dict[str, list[str]]:
    """Per entry, the fields a complete reference lacks: author, year, title, where it appeared,
    and a way to find it (doi, url or isbn; a book or a chapter in one may give its publisher's
    address instead)."""
    problems: dict[str, list[str]] = {}
    for key, entry in bibliography(path).entries.items():
        fields = entry.fields
        missing = [] if entry.persons.get("author") else ["author"]
        missing += [f for f in ("year", "title") if not fields.get(f)]
        venue = VENUE.get(entry.type)
        if venue is None:
            missing.append(f"a known entry type (not {entry.type})")
        elif not fields.get(venue):
            missing.append(venue)
        printed = entry.type in ("book", "incollection") and fields.get("publisher") and fields.get("address")
        if not any(fields.get(f) for f in ("doi", "url", "isbn")) and not printed:
            missing.append("doi, url or isbn")
        if missing:
            problems[key] = missing
    return problems


def reference_list(path: Path = REFERENCES_BIB) -> str:
    """The Markdown reference list: one paragraph per entry, sorted by key, each opening with an
    anchor (`METHODS.md#<key>`) and its author-year label."""
    from pybtex.plugin import find_plugin

    data = bibliography(path)
    style = find_plugin("pybtex.style.formatting", "unsrt")()
    backend = find_plugin("pybtex.backends", "markdown")()
    lines = []
    for entry in style.format_bibliography(data, sorted(data.entries)):
        text = " ".join(entry.text.render(backend).split())
        lines.append(f'<a id="{entry.key}"></a>**{label(entry.key, path)}.** {text}')
    return "\n\n".join(lines)


def methods_with_references(methods: str, path: Path = REFERENCES_BIB) -> str:
    """`methods` (the text of METHODS.md) with its generated reference list replaced by the
    current one from `path`."""
    if BEGIN not in methods or END not in methods:
        raise SeedError(shown(METHODS), None, f"the reference list must stand between {BEGIN!r} and {END!r}")
    head, rest = methods.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    return f"{head}{BEGIN}\n\n{reference_list(path)}\n\n{END}{tail}"


def main() -> int:
    """Rewrite the reference list of METHODS.md from references.bib."""
    METHODS.write_text(methods_with_references(METHODS.read_text(encoding="utf-8")), encoding="utf-8")
    print(f"{shown(METHODS)}: {len(bibliography().entries)} references written")
    return 0


if __name__ == "__main__":
    sys.exit(main())
