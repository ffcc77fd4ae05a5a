"""Lexical diversity: MATTR (Covington & McFall 2010) and MTLD (McCarthy & Jarvis 2010), of one
text (`mattr`, `mtld`, written to be read) or of many texts at once (`mattr_many`, `mtld_many`, for
the bootstrap's resampled texts, and checked against the first two). They are written out here
rather than taken from `lexicalrichness`, whose definitions they follow: the study's tokens are
already normalised, and that package would tokenise the text again (and bring textblob);
`tests/test_libraries.py` checks both against it."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from . import checks


def mattr(words: Sequence[str], window: int = 50) -> float:
    """Moving-average type/token ratio: the mean TTR of every window of `window` tokens; the
    plain TTR when the text is shorter than one window. NaN for no tokens."""
    window = checks.window(window)
    checks.words("words", words)
    n = len(words)
    if n == 0:
        return float("nan")
    if n <= window:
        return len(set(words)) / n
    counts: dict[str, int] = {}
    for w in words[:window]:
        counts[w] = counts.get(w, 0) + 1
    types_total = len(counts)
    for k in range(window, n):
        leaving, entering = words[k - window], words[k]
        counts[leaving] -= 1
        if counts[leaving] == 0:
            del counts[leaving]
        counts[entering] = counts.get(entering, 0) + 1
        types_total += len(counts)
    return types_total / window / (n - window + 1)


def _mtld_pass(words: Sequence[str], threshold: float) -> float:
    factors, types, count = 0.0, set(), 0
    for w in words:
        types.add(w)
        count += 1
        if len(types) / count <= threshold:
            factors += 1
            types, count = set(), 0
    if count:
        factors += (1 - len(types) / count) / (1 - threshold)
    return len(words) / factors if factors else float("nan")


def mtld(words: Sequence[str], threshold: float = 0.72) -> float:
    """Measure of textual lexical diversity: the mean length of stretches whose TTR stays above
    `threshold`, averaged over a forward and a backward pass, with the last partial stretch counted
    as a fraction. NaN when no stretch ever falls to the threshold (too short a text)."""
    threshold = checks.probability("threshold", threshold)
    checks.words("words", words)
    return (_mtld_pass(words, threshold) + _mtld_pass(list(reversed(words)), threshold)) / 2


def _padded(sequences: Sequence[np.ndarray]) -> tuple[np.ndarray, np.ndarray, np.ndarray, int]:
    """Sequences of word ids as one matrix, a column each, longest first and padded with 0 past
    each one's length; with their lengths, each column's place in `sequences`, and the number of
    ids."""
    if not sequences:
        raise ValueError("sequences: at least one sequence of word ids")
    lengths = np.array([len(s) for s in sequences])
    order = np.argsort(-lengths, kind="stable")
    # position-major (a row per position, a column per text), so that one step reads one row
    ids = np.zeros((max(int(lengths.max()), 1), len(sequences)), dtype=np.int64)
    for column, place in enumerate(order):
        values = np.asarray(sequences[place])
        if values.size and (values.dtype.kind not in "iu" or values.min() < 0):
            raise ValueError(f"sequences: sequence {place} must hold word ids (whole numbers of at least 0)")
        ids[:len(values), column] = values
    return ids, lengths[order], order, int(ids.max()) + 1


def _in_place(values: np.ndarray, order: np.ndarray) -> np.ndarray:
    """Values computed on the columns of `_padded`, put back in the order of the sequences."""
    result = np.empty_like(values)
    result[order] = values
    return result


def mattr_many(sequences: Sequence[np.ndarray], window: int = 50) -> np.ndarray:
    """`mattr` of many texts at once, each a sequence of word ids (whole numbers, for example from
    `pandas.factorize`): the texts are read in step, one position at a time for all of them, so
    that the bootstrap's two thousand resampled texts cost about as much as a few plain ones.
    Equal to `mattr` of each text (`tests/test_stats.py` checks it)."""
    window = checks.window(window)
    ids, lengths, order, vocabulary = _padded(sequences)
    texts = len(lengths)
    # each text's count of each word inside the window, flat: text t, word w at t * vocabulary + w
    inside = np.zeros(texts * vocabulary, dtype=np.int64)
    offsets = np.arange(texts) * vocabulary
    distinct, total = np.zeros(texts), np.zeros(texts)
    live = texts
    for k in range(ids.shape[0]):
        while live and lengths[live - 1] <= k:  # texts are longest first: the ones still read are a prefix
            live -= 1
        entering = offsets[:live] + ids[k, :live]
        inside[entering] += 1
        distinct[:live] += inside[entering] == 1
        if k >= window:
            leaving = offsets[:live] + ids[k - window, :live]
            inside[leaving] -= 1
            distinct[:live] -= inside[leaving] == 0
        if k >= window - 1:
            total[:live] += distinct[:live]
    with np.errstate(divide="ignore", invalid="ignore"):
        values = np.where(lengths > window, total / window / (lengths - window + 1),
                          np.where(lengths > 0, distinct / lengths, np.nan))
    return _in_place(values, order)


def mtld_many(sequences: Sequence[np.ndarray], threshold: float = 0.72) -> np.ndarray:
    """`mtld` of many texts at once, each a sequence of word ids, read in step as in `mattr_many`.
    Equal to `mtld` of each text (`tests/test_stats.py` checks it)."""
    threshold = checks.probability("threshold", threshold)
    ids, lengths, order, vocabulary = _padded(sequences)
    backward = np.zeros_like(ids)
    for column, n in enumerate(lengths):
        backward[:n, column] = ids[:n, column][::-1]
    passes = _mtld_passes(ids, lengths, vocabulary, threshold) + _mtld_passes(backward, lengths, vocabulary, threshold)
    return _in_place(passes / 2, order)


def _mtld_passes(ids: np.ndarray, lengths: np.ndarray, vocabulary: int, threshold: float) -> np.ndarray:
    texts = len(lengths)
    seen = np.zeros(texts * vocabulary, dtype=bool)
    offsets = np.arange(texts) * vocabulary
    types, count, factors = np.zeros(texts), np.zeros(texts), np.zeros(texts)
    live = texts
    for k in range(ids.shape[0]):
        while live and lengths[live - 1] <= k:
            live -= 1
        word = offsets[:live] + ids[k, :live]
        types[:live] += ~seen[word]
        seen[word] = True
        count[:live] += 1
        ended = np.flatnonzero(types[:live] <= threshold * count[:live] + 1e-9)
        ended = ended[types[ended] / count[ended] <= threshold]  # the exact test of `_mtld_pass`
        if ended.size:
            factors[ended] += 1
            seen.reshape(texts, vocabulary)[ended] = False
            types[ended], count[ended] = 0, 0
    partial = count > 0
    factors[partial] += (1 - types[partial] / count[partial]) / (1 - threshold)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(factors > 0, lengths / factors, np.nan)
