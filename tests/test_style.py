"""The house style: seeded randomness, so figures with jitter are drawn the same on every run, and
pandas' strings kept as Python strings, so tied counts keep the order the study's tables were made in."""

from __future__ import annotations

import random

import numpy as np
import pandas as pd

import helpers


def test_house_style_seeds_the_generators_seaborn_draws_from():
    helpers.use_house_style()
    first = (np.random.uniform(), random.random())
    helpers.use_house_style()
    assert (np.random.uniform(), random.random()) == first


def test_house_style_seed_can_be_changed():
    helpers.use_house_style(seed=1)
    one = np.random.uniform()
    helpers.use_house_style(seed=2)
    assert np.random.uniform() != one
    helpers.use_house_style()



def tied_counts() -> list[str]:
    """The words of sixty draws in the order a grouped `value_counts` gives them, ties included."""
    draw = random.Random(0)
    words = [f"w{draw.randint(0, 20)}" for _ in range(60)]
    frame = pd.DataFrame({"interview": ["000"] * len(words), "word": words})
    return frame.groupby("interview")["word"].value_counts().index.get_level_values(1).tolist()


def test_house_style_keeps_strings_in_python_so_tied_counts_keep_their_order():
    with pd.option_context("mode.string_storage", "python"):
        before_pyarrow = tied_counts()
    with pd.option_context("mode.string_storage", "pyarrow"):
        assert tied_counts() != before_pyarrow  # why it matters: Arrow strings order these ties otherwise
        helpers.use_house_style()
        assert pd.Series(["x"]).dtype.storage == "python" and tied_counts() == before_pyarrow
