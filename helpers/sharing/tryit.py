"""Try it yourself: controls in a notebook's last cell to explore what it shows (a term, a speaker,
an interview, a theme, a question) without editing code.

Each explorer here displays two things:

1. the controls (ipywidgets: text boxes and drop-down lists), which work in JupyterLab, offline
   (the widgets' JupyterLab extension is installed with the pinned `ipywidgets`); where there is no
   live kernel (the book, nbval, an exported page) they show one line of text saying what they are;
2. the result for the values the cell was called with, as an ordinary output (an HTML table or a
   block of text, with a plain-text twin), so the book and nbval show the committed default. When a
   control changes, the same output is replaced (IPython's display handle), never appended.

A search that finds nothing says so: "0 lines", with what was searched and where. A term is split
the way the study's tokens are (`helpers.annotating.tokens`): "Ukraine's" is searched as "ukraine 's"
and finds "Ukraine ’s"; "don't" as "do n't"; a word ending in `*` is a stem ("nation*"). Bad input (an
empty term, an unknown speaker, a question id that does not exist) is one line of text naming the
problem and what to type instead, never a traceback: a try-it cell is where readers experiment.

No assert depends on these cells: each explorer reads the tables the notebook has built and
changes none of them.

A contributor may add an explorer here: a function that builds its controls with `_choice` and
`_text` and passes `Explorer` a function from the controls' values to a result.

Why this module is long: each explorer is three short parts (the result as a plain function the
tests call, its controls, and the call that shows them), and keeping the six together with the
one `Explorer` they share lets a contributor see how to add a seventh.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pandas as pd

from ..annotating.speech import counted
from ..annotating.tokens import DASHES, STRAIGHT, normalise
from ..comparing import concordance as kwic
from ..comparing import framing
from ..comparing import keyness as keyness_module
from ..reading.exchange import read_exchange

ALL = "all"
"""The value of a drop-down list that does not narrow the table."""
EMPTY = "Type a word, a phrase (“the left”) or a stem ending in * (“nation*”)."


class TryItError(ValueError):
    """Input a try-it control cannot use; shown as one line, not raised in the reader's face."""


@dataclass(frozen=True, eq=False)
class Shown:
    """What an explorer shows: a heading line, and a table or a block of text (or neither)."""

    line: str
    table: pd.DataFrame | None = None
    text: str | None = None

    def __repr__(self) -> str:
        """The plain-text form: what nbval compares and a terminal prints."""
        parts = [self.line]
        if self.table is not None:
            parts.append(self.table.to_string())
        if self.text:
            parts.append(self.text)
        return "\n".join(parts)

    def _repr_html_(self) -> str:
        """The HTML form: the line, then the table (escaped by pandas) or the text as preformatted text."""
        parts = [f"<p><b>{html.escape(self.line)}</b></p>"]
        if self.table is not None:
            parts.append(self.table.to_html(escape=True))
        if self.text:
            parts.append(f'<pre style="white-space:pre-wrap">{html.escape(self.text)}</pre>')
        return "\n".join(parts)


def message(problem: str) -> Shown:
    """A one-line message for input that cannot be used."""
    return Shown(f"try it: {problem}")


# --- searching as the tokens were made ------------------------------------------------------------

def search_words(term: str) -> list[str]:
    """The words of a search term, split as the study's tokens are and normalised as `norm` is:
    "Ukraine's" → ["ukraine", "'s"], "don't" → ["do", "n't"], "help—financially" → ["help", "—",
    "financially"]; a piece ending in `*` keeps it on its last word ("nation*" → ["nation*"]).

    Raises TryItError for a term with no word in it."""
    from nltk.tokenize import NLTKWordTokenizer  # the Treebank tokenizer: no data to load

    tokenizer = NLTKWordTokenizer()
    words: list[str] = []
    for piece in term.translate(STRAIGHT).split():
        stem = piece.endswith("*")
        body = piece.rstrip("*")
        if not body:
            raise TryItError("a * must end a word (“nation*”), it cannot stand alone")
        parts: list[str] = []
        for chunk in re.split(f"({DASHES.pattern})", body):
            if chunk:
                parts.extend(tokenizer.tokenize(chunk) if not DASHES.fullmatch(chunk) else [chunk])
        if stem:
            parts[-1] += "*"
        words.extend(normalise(p) for p in parts)
    if not words:
        raise TryItError(EMPTY)
    return words


def _narrow(tokens: pd.DataFrame, interview: str, speaker: str) -> tuple[pd.DataFrame, str]:
    """The tokens of one interview and one speaker (or all), and the words that say which."""
    interviews, speakers = set(tokens["interview"]), set(tokens["speaker"])
    if interview != ALL and interview not in interviews:
        raise TryItError(f"no interview {interview!r} in this table; choose one of {', '.join(sorted(interviews))}")
    if speaker != ALL and speaker not in speakers:
        raise TryItError(f"no speaker {speaker!r} in this table; choose one of {', '.join(sorted(speakers))}")
    chosen = tokens
    if interview != ALL:
        chosen = chosen[chosen["interview"] == interview]
    if speaker != ALL:
        chosen = chosen[chosen["speaker"] == speaker]
    chosen.attrs = dict(tokens.attrs)
    if chosen.empty:
        elsewhere = sorted(set(tokens.loc[tokens["speaker"] == speaker, "interview"]))
        raise TryItError(f"{speaker} does not speak in interview {interview} (only in {', '.join(elsewhere)})")
    where = [f"interview {interview}" if interview != ALL else "both interviews" if len(interviews) == 2
             else "every interview", f"{speaker} only" if speaker != ALL else "every speaker"]
    return chosen, ", ".join(where)


def _quoted(term: str) -> str:
    return f"“{term.strip()}”"


# --- the results, as plain functions (the tests call these) ---------------------------------------

def concordance_result(tokens: pd.DataFrame, term: str, interview: str = ALL, speaker: str = ALL,
                       sort: str = "text", width: int = 6, lines: int = 15) -> Shown:
    """The concordance lines of `term` in the chosen interview and speaker's tokens, as aligned
    text under a line that says how many were found, of what, searched as what, and where."""
    try:
        words = search_words(term)
        chosen, where = _narrow(tokens, interview, speaker)
        found = kwic.concordance(chosen, " ".join(words), width=width, sort=sort)
    except ValueError as problem:  # TryItError, or a helper's own check (an unknown sort)
        return message(str(problem))
    searched = f"{_quoted(term)} (searched as: {' '.join(words)})"
    scope = f"in {counted(tokens)}; {where}"
    if found.empty:
        return Shown(f"0 lines: {searched} does not occur {scope}.")
    by = found.groupby("speaker").size().to_dict()
    shown = f", the first {lines} shown" if len(found) > lines else ""
    head = (f"{len(found)} line{'s' if len(found) != 1 else ''} of {searched} {scope}{shown}; "
            f"by speaker: {', '.join(f'{k} {v}' for k, v in by.items())}")
    return Shown(head, text=kwic.kwic_text(found.head(lines)))


def counts_result(tokens: pd.DataFrame, terms: str, by: str = "interview") -> Shown:
    """How often each of a comma-separated list of terms occurs in each interview (or for each
    speaker), with the rate per 1,000 words; a term found nowhere has its row of zeros."""
    if by not in ("interview", "speaker"):
        return message(f"count by 'interview' or 'speaker', not {by!r}")
    pieces = list(dict.fromkeys(t.strip() for t in terms.split(",") if t.strip()))
    if not pieces:
        return message("type one or more terms separated by commas (“war, people, nation*”)")
    groups = sorted(tokens[by].unique())
    words = tokens[tokens["is_word"]].groupby(by).size()
    rows = []
    try:
        for piece in pieces:
            found = kwic.concordance(tokens, " ".join(search_words(piece)), width=0).groupby(by).size()
            for group in groups:
                count = int(found.get(group, 0))
                rows.append({"term": piece, by: group, "count": count,
                             "per 1,000 words": round(1000 * count / int(words[group]), 1)})
    except ValueError as problem:
        return message(str(problem))
    table = pd.DataFrame(rows).pivot(index="term", columns=by, values=["count", "per 1,000 words"])
    table = table.loc[pieces].astype({column: int for column in table.columns if column[0] == "count"})
    none = [p for p in pieces if table.loc[p, "count"].sum() == 0]
    line = f"{len(pieces)} term{'s' if len(pieces) != 1 else ''} counted in {counted(tokens)}, by {by}"
    if none:
        line += f"; 0 lines for {', '.join(_quoted(p) for p in none)}"
    return Shown(line, table=table)


def exchange_result(passages: pd.DataFrame, question: str) -> Shown:
    """A question with all its answers, as `helpers.read_exchange` prints it."""
    ids = passages.loc[passages["kind"] == "question", "turn_id"]
    if question not in set(ids):
        return message(f"no question {question!r}; question ids look like {ids.iloc[0]!r} (from "
                       f"{ids.iloc[0]} to {ids.iloc[-1]})")
    return Shown(f"question {question} and its answers", text=read_exchange(question, passages))


def theme_result(codings: dict[str, pd.DataFrame], theme: str, coder: str, per_side: int = 3) -> Shown:
    """The first `per_side` quotes of a theme in each interview, side by side, from one coder."""
    if coder not in codings:
        return message(f"no coder {coder!r}; choose one of {', '.join(codings)}")
    coding = codings[coder]
    if theme not in set(coding["code"]):
        return message(f"{coder} coding has no theme {theme!r}; choose one of {', '.join(sorted(set(coding['code'])))}")
    table = framing.side_by_side(coding, theme, per_side=per_side)
    counts = coding[coding["code"] == theme].groupby("interview").size().reindex(table.columns, fill_value=0)
    line = (f"{theme}, {coder} coding: " + ", ".join(f"{counts[i]} quote{'s' if counts[i] != 1 else ''} in {i}"
                                                      for i in table.columns) + f"; the first {per_side} of each")
    return Shown(line, table=table)


def key_words_result(tokens: pd.DataFrame, by: str, first: str, second: str, top: int = 10) -> Shown:
    """The words most over-used by `first` against `second` and the reverse (G² with Bonferroni,
    Log Ratio), the `top` of each side by G²."""
    values = set(tokens[by]) if by in tokens else set()
    if by not in ("interview", "speaker"):
        return message(f"compare interviews or speakers, not {by!r}")
    for value in (first, second):
        if value not in values:
            return message(f"no {by} {value!r}; choose one of {', '.join(sorted(values))}")
    if first == second:
        return message(f"choose two different values of {by} to compare")
    table = keyness_module.keyness(tokens, by, first, second)
    shown = pd.concat([table[table["more_in"] == side].head(top) for side in (first, second)])
    shown = shown[["word", "a", "b", "g2", "log_ratio", "more_in", "key"]].round(2)
    shown.columns = ["word", first, second, "G²", "Log Ratio", "more in", "key (Bonferroni)"]
    line = (f"{first} against {second}: {int(table['key'].sum())} key words of {table.attrs['words_tested']:,} "
            f"tested (G² > {table.attrs['threshold']:.2f}); the {top} highest G² on each side, in {counted(tokens)}")
    return Shown(line, table=shown.reset_index(drop=True))


def rows_result(table: pd.DataFrame, filters: dict[str, str], limit: int = 20) -> Shown:
    """The rows of a table whose columns hold the chosen values (`ALL` keeps every value)."""
    chosen = table
    for column, value in filters.items():
        if column not in table:
            return message(f"no column {column!r}; the table has {', '.join(map(str, table.columns))}")
        if value != ALL:
            if value not in set(table[column].astype(str)):
                return message(f"no row with {column} {value!r}")
            chosen = chosen[chosen[column].astype(str) == value]
    said = ", ".join(f"{c} {v}" for c, v in filters.items() if v != ALL) or "every row"
    more = f", the first {limit} shown" if len(chosen) > limit else ""
    return Shown(f"{len(chosen)} row{'s' if len(chosen) != 1 else ''}: {said}{more}", table=chosen.head(limit))


# --- the controls ------------------------------------------------------------------------------------

class Controls:
    """The controls of an explorer, displayed as widgets where a kernel is live and as one line
    of text elsewhere (the widget's own plain-text form is a long repr)."""

    def __init__(self, box: Any, note: str) -> None:
        """Hold the widget box and the line of text that stands for it."""
        self.box, self.note = box, note

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict:
        bundle = self.box._repr_mimebundle_()
        bundle["text/plain"] = self.note
        return bundle


class Explorer:
    """Controls and the output they drive: `show()` displays both, and each change of a control
    recomputes the result and replaces the output."""

    def __init__(self, controls: dict[str, Any], result: Callable[..., Shown], what: str) -> None:
        """`controls`: name → widget; `result(**values)` gives what to show for the controls' values."""
        import ipywidgets

        self.controls, self._result, self.handle = controls, result, None
        names = ", ".join(controls)
        self.note = f"Controls ({names}): {what}. They work when the notebook runs in JupyterLab."
        self.box = ipywidgets.HBox(list(controls.values()), layout=ipywidgets.Layout(flex_flow="row wrap"))
        for widget in controls.values():
            widget.observe(self._changed, names="value")

    def values(self) -> dict[str, Any]:
        """The controls' current values."""
        return {name: widget.value for name, widget in self.controls.items()}

    def result(self) -> Shown:
        """What the controls' current values show; an unexpected error is one line too."""
        try:
            return self._result(**self.values())
        except (ValueError, KeyError) as problem:
            return message(str(problem).strip("'\""))

    def show(self) -> None:
        """Display the controls and the result for their current values."""
        from IPython.display import display

        display(Controls(self.box, self.note))
        self.handle = display(self.result(), display_id=True)

    def _changed(self, change: Any) -> None:
        if self.handle is not None:
            self.handle.update(self.result())


def _text(value: str, description: str, placeholder: str = "") -> Any:
    import ipywidgets

    return ipywidgets.Text(value=value, description=description, placeholder=placeholder, continuous_update=False,
                           layout=ipywidgets.Layout(width="22em"))


def _choice(options: list[str], value: str, description: str) -> Any:
    import ipywidgets

    if value not in options:
        options = [*options, value]  # shown, so the result's message says why it is not found
    return ipywidgets.Dropdown(options=options, value=value, description=description,
                               layout=ipywidgets.Layout(width="18em"))


def _everyone(tokens: pd.DataFrame, column: str) -> list[str]:
    return [ALL, *sorted(map(str, tokens[column].unique()))]


# --- the explorers the notebooks call ----------------------------------------------------------------

def words_in_context(tokens: pd.DataFrame, term: str = "people", interview: str = ALL, speaker: str = ALL,
                     sort: str = "text", width: int = 6, lines: int = 15) -> None:
    """Controls for a concordance: a term (word, phrase or stem), the interview, the speaker and the
    sort; shows the lines. Like every explorer here it displays and returns nothing, so the cell
    shows no third output."""
    controls = {"term": _text(term, "term", "people, the left, nation*"),
                "interview": _choice(_everyone(tokens, "interview"), interview, "interview"),
                "speaker": _choice(_everyone(tokens, "speaker"), speaker, "speaker"),
                "sort": _choice(list(kwic.SORTS), sort, "sort")}
    explorer = Explorer(controls, lambda **v: concordance_result(tokens, width=width, lines=lines, **v),
                        "a term, an interview, a speaker, the sort of the lines")
    explorer.show()


def term_counts(tokens: pd.DataFrame, terms: str = "war, people", by: str = "interview") -> None:
    """Controls for counting terms: a comma-separated list of terms, and whether to count them by
    interview or by speaker; shows counts and rates per 1,000 words, zero rows included."""
    controls = {"terms": _text(terms, "terms", "war, people, nation*"),
                "by": _choice(["interview", "speaker"], by, "by")}
    explorer = Explorer(controls, lambda **v: counts_result(tokens, **v),
                        "terms separated by commas, counted by interview or by speaker")
    explorer.show()


def exchange(passages: pd.DataFrame, question: str) -> None:
    """A drop-down list of the questions; shows the chosen question with its answers."""
    ids = list(dict.fromkeys(passages.loc[passages["kind"] == "question", "turn_id"]))
    explorer = Explorer({"question": _choice(ids, question, "question")},
                        lambda **v: exchange_result(passages, **v), "a question of either interview")
    explorer.show()


def theme_quotes(codings: dict[str, pd.DataFrame], theme: str, coder: str | None = None,
                 per_side: int = 3) -> None:
    """Drop-down lists of the themes and the coders (`codings`: coder's name → coding); shows the
    theme's first quotes in each interview side by side."""
    coder = coder or next(iter(codings))
    themes = sorted(set().union(*(set(c["code"]) for c in codings.values())))
    controls = {"theme": _choice(themes, theme, "theme"), "coder": _choice(list(codings), coder, "coder")}
    explorer = Explorer(controls, lambda **v: theme_result(codings, per_side=per_side, **v),
                        "a theme of the codebook and whose coding to quote")
    explorer.show()


def key_words(tokens: pd.DataFrame, by: str = "speaker", first: str = "Vasylyna", second: str = "Mia",
              top: int = 10) -> None:
    """Drop-down lists of two interviews or two speakers; shows the words each over-uses against
    the other (G², Log Ratio) and whether they pass Bonferroni's threshold."""
    every = sorted(set(map(str, tokens["interview"])) | set(map(str, tokens["speaker"])))
    controls = {"by": _choice(["interview", "speaker"], by, "compare"),
                "first": _choice(every, first, "first"), "second": _choice(every, second, "second")}
    explorer = Explorer(controls, lambda **v: key_words_result(tokens, top=top, **v),
                        "two interviews or two speakers to compare")
    explorer.show()


def rows(table: pd.DataFrame, limit: int = 20, **filters: str) -> None:
    """A drop-down list for each column named in `filters` (column=value, or "all"); shows the rows
    that hold the chosen values."""
    controls = {column: _choice(_everyone(table, column) if column in table else [ALL], value, column)
                for column, value in filters.items()}
    explorer = Explorer(controls, lambda **v: rows_result(table, v, limit=limit),
                        "the value of each column to keep")
    explorer.show()
