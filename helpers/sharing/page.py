"""One notebook as one self-contained HTML page, with nothing loaded from another host.

The study is shared as a book (`helpers.sharing.book`, Sphinx and MyST-NB). This module keeps the one thing
the book cannot do: a single page for a notebook that is not part of it, such as the workbench run
on a user's own folder (`make workbench`), which must not need a book build or a network.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # nbformat costs seconds to import; only the exporters below need it, when called
    import nbformat

TEMPLATES = Path(__file__).resolve().parent / "page_template"


def export_page(notebook: nbformat.NotebookNode) -> str:
    """A notebook as one HTML page from its outputs, figures embedded, nothing from a CDN (the
    `study` template drops nbconvert's require.js, MathJax and mermaid loaders)."""
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(template_name="study", extra_template_basedirs=[str(TEMPLATES)])
    page, _ = exporter.from_notebook_node(notebook)
    return page
