"""What the book's staging step (`helpers.sharing.book.stage`) changes in a committed notebook
before Sphinx renders it, rule by rule. The notebooks themselves are never edited: the rules act
on the copy in `build/book/`, so nbval keeps checking the outputs as committed.

1. **Check cells collapsed.** A code cell that holds an `assert` and shows no table or figure
   (its outputs are printed text only, or none) is a check: it gets MyST-NB's `hide-input` tag,
   so the book shows its printed verdict and a "Show code cell source" toggle, not forty lines of
   asserts. No marker is needed in the notebook.
2. **Figures carry alt text**, made from the cell's own calls: the title (`title=`, `set_title`,
   `suptitle`, `plt.title`) and the axis labels (`xlabel=`, `ylabel=`, `set_xlabel`, `set_ylabel`,
   `set_axis_labels`): "Figure: TITLE. Horizontal axis: X. Vertical axis: Y." An f-string's
   computed parts read "…". A figure cell with none of these gets "Figure: " and the first line of
   the Markdown cell before it. The text goes into the cell's `mystnb.image.alt` metadata, which
   MyST-NB writes into the image's `alt`.
3. **Tables readable**: in a pandas table (`<table class="dataframe">`), the column names the
   helpers use for statistics are given their names (`g2` → G², `log_ratio` → Log Ratio,
   `per_1000` → per 1,000 words, `mattr_50` → MATTR (50), ...: `COLUMN_LABELS`); a number with
   more than three decimals is shown with two (three below 1; three significant digits below
   .001); a whole number from 1,000 up gets thousands separators, except in a column of ids,
   offsets, lines or dates.
4. **Try-it controls** need a live kernel, which a page has not: their widget view is dropped and
   the one line of text that says what they are is kept, above the result they showed.

A contributor may add a rule here, with its test in `tests/test_book.py`, and a label to
`COLUMN_LABELS`.
"""

from __future__ import annotations

import ast
import html
import re
from typing import Any

COLUMN_LABELS = {
    "g2": "G²", "log_ratio": "Log Ratio", "more_in": "more in", "dp": "DP", "dp_norm": "DPnorm",
    "one_passage": "in one passage only", "mattr_50": "MATTR (50)", "mtld": "MTLD", "ttr": "TTR",
    "words_per_turn": "words per turn", "per_1000": "per 1,000 words", "per_1000_1": "per 1,000 (a)",
    "per_1000_2": "per 1,000 (b)", "per_1000_rest": "per 1,000 (rest)", "likelihood_ratio": "likelihood ratio",
    "expected_by_chance": "expected by chance", "count_1": "count (first)", "count_2": "count (second)",
    "interviewer_share": "interviewer share", "answer_words": "answer words", "question_words": "question words",
    "passage_id": "passage id", "question_id": "question id", "answer_id": "answer id", "is_word": "is a word",
    "is_number": "is a number", "source_url": "source URL", "read_as_kind": "read as kind", "freq": "frequency",
}
"""Column names of the helpers' tables, and what the book's tables call them."""
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
TITLE_CALLS = {"set_title", "suptitle", "title"}
X_CALLS, Y_CALLS = {"set_xlabel", "xlabel"}, {"set_ylabel", "ylabel"}
NOT_GROUPED = re.compile(r"(?i)\b(id|ids|start|end|line|offset|position|date|year)\b")
FLOAT = re.compile(r"-?\d+\.\d{4,}")
WHOLE = re.compile(r"-?\d{4,}")


def _source(cell: dict[str, Any]) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else source


# --- rule 1: check cells ---------------------------------------------------------------------------

def is_check(cell: dict[str, Any]) -> bool:
    """A code cell that asserts and shows only printed text (rule 1)."""
    if cell.get("cell_type") != "code":
        return False
    try:
        tree = ast.parse(_source(cell))
    except SyntaxError:
        return False
    asserts = any(isinstance(node, ast.Assert) for node in ast.walk(tree))
    shows = any(o.get("output_type") in ("display_data", "execute_result") for o in cell.get("outputs", []))
    return asserts and not shows


# --- rule 2: alt text ------------------------------------------------------------------------------

def _text(node: ast.AST) -> str | None:
    """A string argument as written: a constant, or an f-string with its computed parts as "…"."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value if isinstance(v, ast.Constant) else "…" for v in node.values)
    return None


def figure_words(source: str) -> dict[str, str]:
    """The title and axis labels a cell's code gives its figure (rule 2)."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return {}
    found: dict[str, str] = {}
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
        args = [_text(a) for a in node.args]
        for keyword in node.keywords:
            if keyword.arg in ("title", "xlabel", "ylabel") and _text(keyword.value):
                found.setdefault(keyword.arg, _text(keyword.value))
        if args and args[0]:
            if name in TITLE_CALLS:
                found.setdefault("title", args[0])
            elif name in X_CALLS:
                found.setdefault("xlabel", args[0])
            elif name in Y_CALLS:
                found.setdefault("ylabel", args[0])
        if name == "set_axis_labels":
            for key, text in zip(("xlabel", "ylabel"), args, strict=False):
                if text:
                    found.setdefault(key, text)
    return found


def alt_text(source: str, before: str = "") -> str:
    """The alt text of a cell's figure: its title and axis labels, or the prose before it."""
    words = figure_words(source)
    parts = [f"Figure: {words.get('title') or _first_line(before) or 'a figure'}."]
    if words.get("xlabel"):
        parts.append(f"Horizontal axis: {words['xlabel']}.")
    if words.get("ylabel"):
        parts.append(f"Vertical axis: {words['ylabel']}.")
    return " ".join(p.replace("..", ".") for p in parts)


def _first_line(markdown: str) -> str:
    plain = re.sub(r"[*_`#>]|\[([^\]]*)\]\([^)]*\)", r"\1", markdown).strip()
    return plain.split("\n")[0].rstrip(":. ")


# --- rule 3: tables --------------------------------------------------------------------------------

def _cells(row: str) -> list[tuple[str, str, str, str]]:
    """(whole cell, tag, attributes, content) of each cell of a table row."""
    return [(m.group(0), m.group(1), m.group(2), m.group(3))
            for m in re.finditer(r"<(th|td)([^>]*)>(.*?)</\1>", row, flags=re.DOTALL)]


def _number(text: str, grouped: bool) -> str:
    value = text.strip()
    if FLOAT.fullmatch(value):
        number = float(value)
        if abs(number) >= 1:
            return f"{number:.2f}"
        return f"{number:.3f}" if abs(number) >= 0.001 else f"{number:.3g}"
    if grouped and WHOLE.fullmatch(value):
        return f"{int(value):,}"
    return text


def readable_table(page: str) -> str:
    """A pandas table's HTML with readable column names and formatted numbers (rule 3); any other
    HTML as it is."""
    if 'class="dataframe"' not in page:
        return page
    head, sep, rest = page.partition("<tbody>")
    if not sep:
        return page
    body, end, tail = rest.partition("</tbody>")
    rows = re.findall(r"<tr[^>]*>.*?</tr>", body, flags=re.DOTALL)
    index_levels = sum(1 for c in _cells(rows[0]) if c[1] == "th") if rows else 0
    labels: list[str] = []
    for row in re.findall(r"<tr[^>]*>.*?</tr>", head, flags=re.DOTALL):
        spread: list[str] = []
        for _, _, attrs, content in _cells(row)[index_levels:]:
            span = re.search(r'colspan="(\d+)"', attrs)
            spread += [html.unescape(content).strip()] * (int(span.group(1)) if span else 1)
        labels = [" ".join(p for p in pair if p) for pair in zip(labels, spread, strict=False)] if labels else spread
    grouped = [not NOT_GROUPED.search(label) for label in labels]

    def relabel(match: re.Match) -> str:
        content = match.group(2)
        name = html.unescape(content).strip()
        if name not in COLUMN_LABELS:
            return match.group(0)
        return f"<th{match.group(1)}>{html.escape(COLUMN_LABELS[name])}</th>"

    def reformat(row: str) -> str:
        column = -1
        out = row
        for whole, tag, attrs, content in _cells(row):
            if tag == "td":
                column += 1
                keep = grouped[column] if column < len(grouped) else True
                out = out.replace(whole, f"<td{attrs}>{_number(content, keep)}</td>", 1)
        return out

    head = re.sub(r"<th([^>]*)>(.*?)</th>", relabel, head, flags=re.DOTALL)
    body = "".join(reformat(row) for row in rows)
    return head + sep + body + end + tail


# --- all the rules, on one notebook ------------------------------------------------------------------

def stage_cells(cells: list[dict[str, Any]]) -> None:
    """Apply the rules to a notebook's cells, in place."""
    before = ""
    for cell in cells:
        if cell.get("cell_type") == "markdown":
            before = _source(cell)
            continue
        if is_check(cell):
            tags = cell.setdefault("metadata", {}).setdefault("tags", [])
            if "hide-input" not in tags and "remove-input" not in tags:
                tags.append("hide-input")
        outputs = cell.get("outputs", [])
        if any("image/png" in o.get("data", {}) for o in outputs):
            image = cell.setdefault("metadata", {}).setdefault("mystnb", {}).setdefault("image", {})
            image.setdefault("alt", alt_text(_source(cell), before))
        for output in outputs:
            data = output.get("data", {})
            data.pop(WIDGET_VIEW, None)
            if "text/html" in data:
                data["text/html"] = readable_table("".join(data["text/html"]))
