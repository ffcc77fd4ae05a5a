"""One look for every notebook: a colour-blind-safe palette (Okabe & Ito 2008) in which each
interview and each speaker keeps its colour, table display settings, and seeded randomness."""

from __future__ import annotations

from pathlib import Path

from ..reading.catalog import load_catalog

INTERVIEWEE_COLORS = ("#D55E00", "#0072B2", "#CC79A7", "#009E73", "#E69F00", "#56B4E9")
INTERVIEWER_COLORS = ("#7F7F7F", "#4D4D4D", "#B3B3B3")
INTERVIEW_COLORS = ("#E69F00", "#56B4E9", "#009E73", "#CC79A7")
EDITOR_COLOR = "#000000"
RANDOM_SEED = 0


def speaker_palette(seeds: str | Path | None = None) -> dict[str, str]:
    """A colour for every speaker in the catalog, assigned in catalog order."""
    palette: dict[str, str] = {}
    interviewees = interviewers = 0
    for interview in load_catalog(seeds):
        for person in interview.people:
            if person.name in palette or person.role == "author":
                continue
            if person.role == "interviewee":
                palette[person.name] = INTERVIEWEE_COLORS[interviewees % len(INTERVIEWEE_COLORS)]
                interviewees += 1
            else:
                palette[person.name] = INTERVIEWER_COLORS[interviewers % len(INTERVIEWER_COLORS)]
                interviewers += 1
    palette["Editor"] = EDITOR_COLOR
    return palette


def interview_palette(seeds: str | Path | None = None) -> dict[str, str]:
    """A colour for every interview in the catalog, by catalog id."""
    ids = [i.id for i in load_catalog(seeds)]
    return {iid: INTERVIEW_COLORS[k % len(INTERVIEW_COLORS)] for k, iid in enumerate(ids)}


def use_house_style(seed: int = RANDOM_SEED) -> None:
    """Set seaborn's theme and pandas' display options for a notebook, and seed the random
    generators seaborn draws from (the jitter of a strip plot comes from numpy's global one), so
    a notebook run top to bottom draws the same figures every time. Call it once, at the top.

    It also keeps pandas' strings as Python strings (`mode.string_storage = "python"`): with pyarrow
    installed (the token store needs it) pandas 3 would hold them in Arrow arrays, whose grouped
    `value_counts` orders tied counts otherwise, and the study's tables would change their order."""
    import random

    import numpy as np
    import pandas as pd
    import seaborn as sns

    random.seed(seed)
    np.random.seed(seed)  # seaborn draws its jitter from the global generator; it takes no seed

    sns.set_theme(style="whitegrid", context="notebook", font_scale=1.0)
    pd.set_option("mode.string_storage", "python")
    pd.set_option("display.max_rows", 30)
    pd.set_option("display.max_colwidth", 90)
    pd.set_option("display.width", 120)
