"""The checks every statistic of `helpers.comparing` applies to its arguments before computing:
each returns the argument as a number (or an array) or raises a ValueError that names it, for a
NaN, an infinite value, a negative count, a part larger than its whole, a text of no tokens, a
probability outside (0, 1), or a word list that holds something other than words."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pandas as pd


def number(name: str, value: float, minimum: float | None = None, strict: bool = False) -> float:
    """`value` as a float; a ValueError naming `name` if it is not a number, NaN, infinite, or
    below `minimum` (or at it, when `strict`)."""
    try:
        x = float(value)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a number, not {value!r}") from None
    if math.isnan(x):
        raise ValueError(f"{name} is NaN: it must be a number")
    if math.isinf(x):
        raise ValueError(f"{name} is infinite: it must be a finite number")
    if minimum is not None and (x < minimum or (strict and x == minimum)):
        raise ValueError(f"{name} must be {'above' if strict else 'at least'} {minimum:g}, not {value}")
    return x


def count(name: str, value: float, total: float | None = None, total_name: str = "") -> float:
    """A count: a number of at least 0 and, when `total` is given, at most that total."""
    x = number(name, value, minimum=0)
    if total is not None and x > total:
        raise ValueError(f"{name} = {value} is more than {total_name} = {total}: a part cannot exceed its whole")
    return x


def size(name: str, value: float) -> float:
    """The size of a text: a number above 0."""
    x = number(name, value)
    if x <= 0:
        raise ValueError(f"{name} must be above 0 (a text needs tokens), not {value}")
    return x


def probability(name: str, value: float) -> float:
    """A probability strictly between 0 and 1 (a significance level, a confidence level)."""
    x = number(name, value)
    if not 0 < x < 1:
        raise ValueError(f"{name} is a probability between 0 and 1 (exclusive), not {value}")
    return x


def whole(name: str, value: int, minimum: int = 0) -> int:
    """A whole number of at least `minimum` (a number of tests, a window, a number of resamples)."""
    x = number(name, value, minimum=minimum)
    if x != int(x):
        raise ValueError(f"{name} must be a whole number, not {value}")
    return int(x)


def counts(name: str, values: Sequence[float] | pd.Series) -> np.ndarray:
    """A sequence of counts as a float array: no NaN, none negative."""
    try:
        array = np.asarray(values, dtype=float)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must hold numbers") from None
    if np.isnan(array).any():
        raise ValueError(f"{name} holds NaN at position {int(np.flatnonzero(np.isnan(array))[0])}")
    if np.isinf(array).any():
        raise ValueError(f"{name} holds an infinite value at position {int(np.flatnonzero(np.isinf(array))[0])}")
    if (array < 0).any():
        k = int(np.flatnonzero(array < 0)[0])
        raise ValueError(f"{name} holds a negative count ({array[k]:g} at position {k})")
    return array


def pair(a: float, b: float, c: float, d: float) -> None:
    """A word's counts a and b in two texts of c and d tokens: both sizes above 0, a ≤ c, b ≤ d."""
    size("c", c)
    size("d", d)
    count("a", a, c, "c")
    count("b", b, d, "d")


def words(name: str, values: Sequence[str]) -> None:
    """A list of words: every item a string (a NaN or a None is refused)."""
    for w in values:
        if not isinstance(w, str):
            raise ValueError(f"{name} must hold words (strings), not {w!r}")


def window(value: int) -> int:
    """A MATTR window: a whole number of at least one word."""
    try:
        return whole("window", value, minimum=1)
    except ValueError as error:
        raise ValueError(f"the MATTR window must hold at least one word: {error}") from None

