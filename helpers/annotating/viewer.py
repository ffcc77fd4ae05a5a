"""A passage viewer: one paragraph as HTML with its coded spans highlighted.

The seed text is data, never markup: every character of it goes through `html.escape`, so a
`<script>` in a seed is shown as text. Each highlighted span carries its code's name in small
letters after it, so the colour is never the only cue.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

import pandas as pd

from ..reading.standoff import spoken_text

if TYPE_CHECKING:
    from IPython.display import HTML

CODE_COLORS = (
    "#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00",
    "#CC79A7", "#999999", "#88CCEE", "#DDCC77", "#AA4499", "#44AA99",
)
"""Okabe-Ito's eight colours and four of Tol's muted ones, shown at 35% opacity."""


def code_colors(codes: list[str]) -> dict[str, str]:
    """A colour for each code, in codebook order."""
    return {code: CODE_COLORS[k % len(CODE_COLORS)] for k, code in enumerate(codes)}


def highlight_html(text: str, offsets: list[int], spans: list[tuple[int, int, str]], colors: dict[str, str]) -> str:
    """HTML of a reading text with the seed spans (start, end, code) marked; everything escaped.

    `offsets[k]` is the seed offset of character k of `text`. Overlapping spans are shown by
    nesting the later one's mark after the earlier one's text.
    """
    pieces: list[str] = []
    k = 0
    while k < len(text):
        here = [code for start, end, code in spans if start <= offsets[k] < end]
        j = k + 1
        while j < len(text) and [c for s, e, c in spans if s <= offsets[j] < e] == here:
            j += 1
        chunk = html.escape(text[k:j])
        if here:
            codes = " + ".join(here)
            color = colors.get(here[0], "#999999")
            chunk = (f'<mark style="background:{color}59;padding:0 2px" title="{html.escape(codes)}">{chunk}'
                     f'<sub style="font-size:70%;color:#333"> {html.escape(codes)}</sub></mark>')
        pieces.append(chunk)
        k = j
    return "".join(pieces)


def passage_html(passage: pd.Series, coding: pd.DataFrame, colors: dict[str, str]) -> str:
    """A paragraph with the coded spans of `coding` that fall in it, under its id and speaker."""
    read, offsets = spoken_text(passage["interview"], passage["start"], passage["end"], passage["clean"])
    mine = coding[coding["passage_id"] == passage["passage_id"]]
    spans = [(r.start, r.end, r.code) for r in mine.itertuples()]
    body = highlight_html(read, offsets, spans, colors)
    head = html.escape(f"{passage['passage_id']} · {passage['speaker']}")
    return (f'<div style="max-width:52em;line-height:1.6"><p style="margin:0;color:#555"><b>{head}</b></p>'
            f"<p>{body}</p></div>")


def show_passage(passage_id: str, passages: pd.DataFrame, coding: pd.DataFrame, colors: dict[str, str]) -> HTML:
    """Display a paragraph with its coded spans highlighted (an IPython HTML object)."""
    from IPython.display import HTML

    rows = passages[passages["passage_id"] == passage_id]
    if rows.empty:
        raise KeyError(f"no passage {passage_id!r}: ids look like '004:q3.a1' or '000:q7.a1.li2'")
    return HTML(passage_html(rows.iloc[0], coding, colors))
