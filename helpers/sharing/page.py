"""One notebook as one self-contained HTML page, with nothing loaded from another host:
`make export NB=04` (`python -m helpers.sharing.page 04`), and the workbench's page.

The study is shared as a book (`helpers.sharing.book`); a page is for sending one notebook, the
committed one or a reader's changed working copy, to someone who has neither the project nor a
network. So the page carries everything it points to:

- figures embedded (nbconvert writes them into the page), no script or style from a CDN (the
  `study` template drops require.js, MathJax and mermaid, which the notebooks do not use);
- citations and methods links: with no book address, METHODS.md is appended to the page and
  `../METHODS.md#dunning1993` becomes `#dunning1993`, so a citation lands on its reference in
  the same file; with `--book-url` (the published book's address), every link to a project
  document becomes a link to its page in the book;
- a link to any other project file (another notebook, an annotation file) goes to its book page
  when the book's address is given, and is otherwise written out as text with the file's path,
  since the file is not there for the page's reader;
- try-it controls, which need a live kernel, are left out; the result they showed stays.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ..plumbing.paths import NOTEBOOKS_DIR, PROJECT_ROOT, shown

if TYPE_CHECKING:  # nbformat costs seconds to import; only the exporters below need it, when called
    import nbformat

TEMPLATES = Path(__file__).resolve().parent / "page_template"
EXPORT_DIR = PROJECT_ROOT / "build" / "export"
METHODS = PROJECT_ROOT / "METHODS.md"
LINK = re.compile(r"(?<!!)\[(?P<text>[^\]]+)\]\((?P<target>[^)\s]+)\)")
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def export_page(notebook: nbformat.NotebookNode) -> str:
    """A notebook as one HTML page from its outputs, figures embedded, nothing from a CDN (the
    `study` template drops nbconvert's require.js, MathJax and mermaid loaders)."""
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(template_name="study", extra_template_basedirs=[str(TEMPLATES)])
    page, _ = exporter.from_notebook_node(notebook)
    return page


def page_link(target: str, book_url: str | None) -> str | None:
    """Where a link of an exported page goes: the same place for a web address or an anchor;
    for METHODS.md, its anchor in the page (or its page in the book); for another project file,
    its page in the book, or None when there is no book to point to."""
    from .book import page_link as book_page

    if re.match(r"(?i)(https?:|mailto:|#)", target):
        return target
    page = book_page(target)
    if book_url:
        return f"{book_url.rstrip('/')}/{page}" if page != target else None
    if page.startswith("methods.html"):
        return "#" + (page.partition("#")[2] or "methods")
    return None


def relink(markdown: str, book_url: str | None) -> str:
    """The links of a Markdown text as `page_link` says; a link with nowhere to go becomes its
    text followed by the file's path."""
    def one(match: re.Match) -> str:
        target = page_link(match.group("target"), book_url)
        if target is None:
            return f"{match.group('text')} (`{match.group('target').lstrip('./')}`)"
        return f"[{match.group('text')}]({target})"
    return LINK.sub(one, markdown)


def shareable(notebook: nbformat.NotebookNode, book_url: str | None = None) -> nbformat.NotebookNode:
    """A copy of `notebook` made to travel alone: links rewritten (`relink`), widget views left
    out, and METHODS.md appended when there is no book to link to."""
    import copy

    from nbformat.v4 import new_markdown_cell

    notebook = copy.deepcopy(notebook)
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            cell.source = relink(cell.source, book_url)
        for output in cell.get("outputs", []):
            output.get("data", {}).pop(WIDGET_VIEW, None)
    if book_url is None:
        methods = relink(METHODS.read_text(encoding="utf-8"), None)
        methods = re.sub(r"^(#+) ", r"#\1 ", methods, flags=re.MULTILINE)  # one level below the notebook's title
        notebook.cells.append(new_markdown_cell(
            '<a id="methods"></a>\n\n---\n\n*The study\'s methods (METHODS.md), appended so that every citation '
            "and methods link of this page works without a network.*\n\n" + methods))
    return notebook


def find_notebook(name: str) -> Path:
    """The notebook `make export NB=...` names: a path to a notebook, or the start of a
    committed notebook's name ("04", "04-words", "workbench"). Raises SystemExit with the choices."""
    path = Path(name)
    if path.suffix == ".ipynb":
        if not path.is_file():
            raise SystemExit(f"make export: no notebook {name}")
        return path
    found = sorted(NOTEBOOKS_DIR.glob(f"{name}*.ipynb"))
    if len(found) != 1:
        names = ", ".join(p.stem for p in sorted(NOTEBOOKS_DIR.glob("*.ipynb")))
        raise SystemExit(f"make export: NB={name!r} names {len(found)} notebooks; choose one of {names}, "
                         "or give a path such as explore/04-words.ipynb")
    return found[0]


def export(path: Path, book_url: str | None = None, out: Path = EXPORT_DIR) -> Path:
    """Write the notebook at `path` as one page in `out`; return the page."""
    import nbformat

    notebook = nbformat.read(path, as_version=4)
    out.mkdir(parents=True, exist_ok=True)
    page = out / f"{path.stem}.html"
    page.write_text(export_page(shareable(notebook, book_url)), encoding="utf-8")
    return page


def main(argv: list[str]) -> int:
    """`python -m helpers.sharing.page NB [--book-url URL]`: export and say where the page is."""
    if len(argv) < 2:
        raise SystemExit("usage: python -m helpers.sharing.page NB [--book-url URL]")
    book_url = argv[argv.index("--book-url") + 1] if "--book-url" in argv else None
    page = export(find_notebook(argv[1]), book_url)
    links = f"its links go to {book_url}" if book_url else "the methods appended, every citation inside the page"
    print(f"wrote {shown(page)} ({page.stat().st_size / 1e6:.1f} MB): one page, figures embedded, opens offline; "
          f"{links}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
