"""The house style: seeded randomness, so figures with jitter are drawn the same on every run."""

from __future__ import annotations

import random

import numpy as np

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
