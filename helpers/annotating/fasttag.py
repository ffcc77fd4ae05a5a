"""NLTK's averaged perceptron tagger, run on many sentences at once: the same tags, several times faster.

Tagging is the cost of the token table (`helpers.annotating.tokens`). NLTK's `PerceptronTagger.tag`
scores each word in Python: it builds fourteen feature strings, looks each up in a dict of dicts
and adds the weights label by label. `BatchTagger` computes exactly the same sums, in the same order,
with numpy, and steps through all the sentences of a text together, one position at a time:

- The weights become one matrix, a row per feature and a column per tag; a feature the model does
  not know is the row of zeros. NLTK adds a feature's weights, feature after feature in the order
  `_get_features` makes them, to scores that start at 0.0; here the rows are added in that same
  order, one `+=` at a time, so each tag's score is the same sequence of floating-point additions
  (adding a zero changes no float), and the scores are bit for bit NLTK's.
- The best tag is NLTK's: the highest score, and of tied scores the alphabetically last tag
  (`max(classes, key=(score, tag))`); the columns are in reverse alphabetical order and
  `numpy.argmax` takes the first maximum.
- Words in NLTK's tag dictionary get their tag from it, as in NLTK; the other features are looked
  up once per distinct word and kept for the next text.
- Greedy decoding reads the two previous tags of the same sentence; sentences are independent, so
  step t tags the t-th word of every sentence at once.

`tests/test_fasttag.py` checks the tags against NLTK's on the seeds, the fixtures and random
sentences (hypothesis), and `bench/scale.py` checks them on every sentence it times NLTK's tagger on.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from nltk.tag.perceptron import PerceptronTagger

START, START2, END, END2 = "-START-", "-START2-", "-END-", "-END2-"


class BatchTagger:
    """The tags NLTK's `PerceptronTagger` (`tagger`) gives, for many sentences at a time."""

    def __init__(self, tagger: PerceptronTagger) -> None:
        weights = tagger.model.weights
        self.tags = sorted(tagger.classes, reverse=True)  # argmax takes the first of ties: the last tag
        column = {tag: k for k, tag in enumerate(self.tags)}
        self.row = {feature: k for k, feature in enumerate(weights, 1)}  # row 0: a feature the model lacks
        rows: list[int] = []
        columns: list[int] = []
        values: list[float] = []
        for feature, k in self.row.items():
            mine = weights[feature]
            rows += [k] * len(mine)
            columns += map(column.__getitem__, mine)
            values += mine.values()
        self.matrix = np.zeros((len(weights) + 1, len(self.tags)))
        self.matrix[np.array(rows), np.array(columns)] = np.array(values)
        self.tagdict = {word: column[tag] for word, tag in tagger.tagdict.items()}
        self.normalize = tagger.normalize
        # Previous tags as numbers: the model's tags, then the two sentence-start symbols.
        previous = [*self.tags, START, START2]
        self.start, self.start2 = len(self.tags), len(self.tags) + 1
        get = self.row.get
        self.prev1 = np.array([get(f"i-1 tag {p}", 0) for p in previous])
        self.prev2 = np.array([get(f"i-2 tag {p}", 0) for p in previous])
        self.prev12 = np.array([[get(f"i tag+i-2 tag {p} {q}", 0) for q in previous] for p in previous])
        self._previous = previous
        self._bias = get("bias", 0)
        self._words: dict[str, int] = {}  # a context word -> its row in `_word_rows`
        # Per context word: the rows of its seven word features, then of "i-1 tag+i word" for each
        # previous tag; grown by doubling, as the words of the texts arrive.
        self._word_rows = np.zeros((1024, 7 + len(previous)), dtype=np.int64)
        self._surface: dict[str, tuple[int, int, int]] = {}
        self._lock = threading.Lock()  # the word tables grow as texts arrive: one text at a time

    def _word(self, word: str) -> int:
        """The number of a context word, its feature rows made on first sight."""
        number = self._words.get(word)
        if number is None:
            get, suffix = self.row.get, word[-3:]
            number = self._words[word] = len(self._words)
            if number == len(self._word_rows):
                self._word_rows = np.concatenate([self._word_rows, np.zeros_like(self._word_rows)])
            self._word_rows[number] = (
                get(f"i word {word}", 0), get(f"i-1 word {word}", 0), get(f"i-1 suffix {suffix}", 0),
                get(f"i-2 word {word}", 0), get(f"i+1 word {word}", 0), get(f"i+1 suffix {suffix}", 0),
                get(f"i+2 word {word}", 0), *(get(f"i-1 tag+i word {p} {word}", 0) for p in self._previous))
        return number

    def _token(self, token: str) -> tuple[int, int, int]:
        """A token's own features (its suffix and first letter) and its tag from the dictionary, or -1."""
        found = self._surface.get(token)
        if found is None:
            get = self.row.get
            found = self._surface[token] = (get(f"i suffix {token[-3:]}", 0),
                                            get(f"i pref1 {token[0] if token else ''}", 0),
                                            self.tagdict.get(token, -1))
        return found

    def tag_sentences(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        """The Penn Treebank tag of every token of every sentence, as `PerceptronTagger.tag` gives."""
        with self._lock:
            return self._tag(sentences)

    def _tag(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        lengths = np.array([len(s) for s in sentences], dtype=np.int64)
        if lengths.sum() == 0:
            return [[] for _ in sentences]
        # Every sentence's context (two start words, its normalised words, two end words), end to end.
        context, own = [], []
        for sentence in sentences:
            context += [self._word(START), self._word(START2)]
            context += [self._word(self.normalize(w)) for w in sentence]
            context += [self._word(END), self._word(END2)]
            own += [self._token(w) for w in sentence]
        context = np.array(context, dtype=np.int64)
        context_rows = self._word_rows[context]
        own_rows = np.array(own, dtype=np.int64).reshape(-1, 3)
        # Token k of sentence s: its place in `own` and, two further on per sentence, in `context`.
        first = np.concatenate([[0], np.cumsum(lengths)[:-1]])
        order = np.argsort(-lengths, kind="stable")
        tags = np.empty(int(lengths.sum()), dtype=np.int64)
        for t in range(int(lengths.max())):
            active = order[lengths[order] > t]
            g = first[active] + t  # the tokens tagged at this step
            c = g + 4 * active + 2  # their place in the context
            if t == 0:
                p1 = np.full(len(g), self.start)
                p2 = np.full(len(g), self.start2)
            elif t == 1:
                p1, p2 = tags[g - 1], np.full(len(g), self.start)
            else:
                p1, p2 = tags[g - 1], tags[g - 2]
            w = self.matrix  # the rows added in `_get_features`' order, one at a time
            scores = w[self._bias] + w[own_rows[g, 0]]          # bias, i suffix
            scores += w[own_rows[g, 1]]                          # i pref1
            scores += w[self.prev1[p1]]                          # i-1 tag
            scores += w[self.prev2[p2]]                          # i-2 tag
            scores += w[self.prev12[p1, p2]]                     # i tag+i-2 tag
            scores += w[context_rows[c, 0]]                      # i word
            scores += w[context_rows[c, 7 + p1]]                 # i-1 tag+i word
            scores += w[context_rows[c - 1, 1]]                  # i-1 word
            scores += w[context_rows[c - 1, 2]]                  # i-1 suffix
            scores += w[context_rows[c - 2, 3]]                  # i-2 word
            scores += w[context_rows[c + 1, 4]]                  # i+1 word
            scores += w[context_rows[c + 1, 5]]                  # i+1 suffix
            scores += w[context_rows[c + 2, 6]]                  # i+2 word
            known = own_rows[g, 2]
            tags[g] = np.where(known >= 0, known, scores.argmax(axis=1))
        names = self.tags
        out, cursor = [], 0
        for n in lengths.tolist():
            out.append([names[k] for k in tags[cursor:cursor + n].tolist()])
            cursor += n
        return out
