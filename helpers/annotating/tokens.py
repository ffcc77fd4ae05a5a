"""The study's tokens: one documented normalisation, sentences by Punkt, and a token table
that points every token back into its seed.

Normalisation (used by every notebook from 02 on):

- Only speech is tokenised: questions, answers and list items. Titles, intros, editor's notes,
  captions, pull quotes (which repeat an answer), signatures and boilerplate are left out.
- Whose speech a table holds is chosen when it is loaded (`helpers.speech`): by default the
  interviewees' answers, without the editor's bracketed insertions, which `inserted` marks.
- Footnote markers ("[^1]", "^2^") are page markup, not words: they are not tokens.
- Sentences come from Punkt (`punkt_tab/english`, Kiss & Strunk 2006), within each passage.
- Words come from NLTK's Treebank tokenizer (`NLTKWordTokenizer`), run on the sentence with the
  seeds' curly quotes and apostrophes made straight, so that "we’re" splits as "we" + "'re" like
  "we're". Contractions split the Treebank way ("don't" → "do" + "n't").
- Hyphenated words stay one token ("anti-fascist", "far-right", "self-determination"). A dash
  (— or –) between words is its own token, as is "--".
- Numbers stay whole ("2014", "70th", "1,000"); a date is several tokens ("May", "26", ","), and
  `is_number` marks tokens made of digits.
- Case: `token` is the text as printed (curly quotes kept); `norm` is its lower-case form with
  straight quotes, the form every count uses.
- Punctuation: tokens without a letter or digit have `is_word` False and are left out of word
  counts and rates.

Why this module is long: the normalisation above is one rule applied in one pass (sentences,
words, their tagger forms and flags, their offsets into the seed), and the token store's key
covers this module whole; split, a change to one part could leave the others' stored tables stale.
"""

from __future__ import annotations

import json
import re
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from ..plumbing.nltk_data import use_nltk_data
from ..reading.catalog import Interview, load_catalog
from ..reading.markup import INSERTION, reading_text
from ..reading.passages import SPEECH_KINDS
from ..reading.seedtext import read_seed
from ..reading.segment import Segment, split_seed
from .speech import select_speech
from .tokencache import cached_tokens

if TYPE_CHECKING:
    import pyarrow as pa

    from .fasttag import BatchTagger

STRAIGHT = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "‚": "'"})
DASHES = re.compile(r"[—–]")
HAS_WORD = re.compile(r"[^\W_]")
NUMBER = re.compile(r"\d[\d,.\-–]*(?:st|nd|rd|th|s)?", re.IGNORECASE)
TOKEN_COLUMNS = [
    "interview", "passage_id", "turn_id", "kind", "speaker", "role", "sentence_id", "position",
    "start", "end", "token", "norm", "pos", "upos", "stop", "is_word", "is_number", "inserted",
]


def normalise(token: str) -> str:
    """The form every count uses: lower case, curly quotes and apostrophes made straight."""
    return token.translate(STRAIGHT).lower()


@cache
def _tools() -> tuple:
    """Punkt, the Treebank tokenizer, the stopword set, the tagger and the tag mapper, loaded once
    from the project's NLTK data."""
    root = use_nltk_data()
    from nltk.tag import map_tag
    from nltk.tokenize import NLTKWordTokenizer, PunktTokenizer

    tagger = _perceptron_tagger(root / "taggers" / "averaged_perceptron_tagger_eng")
    words = _with_stdlib_patterns(NLTKWordTokenizer())
    return PunktTokenizer("english"), words, english_stopwords(), tagger, map_tag


@cache
def english_stopwords() -> frozenset[str]:
    """NLTK's English stopwords, as the token table's `stop` column reads them."""
    use_nltk_data()
    from nltk.corpus import stopwords

    return frozenset(stopwords.words("english"))


WORD_PATTERNS = ("STARTING_QUOTES", "ENDING_QUOTES", "PUNCTUATION", "PARENS_BRACKETS", "CONVERT_PARENTHESES",
                 "DOUBLE_DASHES", "CONTRACTIONS2", "CONTRACTIONS3")
"""The Treebank tokenizer's pattern tables, applied to every sentence in turn."""


def _with_stdlib_patterns(tokenizer: Any) -> Any:
    """The tokenizer with each of its fixed patterns compiled by Python's `re` (same pattern, same
    flags) instead of NLTK's ReDoS guard (`nltk.redos`: the `regex` engine under a timeout).

    The guard is for patterns a caller supplies; these are NLTK's own constant patterns, with no
    nested quantifier, so only the text varies and their cost stays linear in it. Its per-call
    timeout made up about half of the tokenizer's time, the largest cost of the token store's
    build after tagging (bench/scale.py). The tokens are NLTK's own: tests/test_tokens.py checks
    that they equal the unmodified tokenizer's on the seeds, the fixtures and generated text."""

    def plain(item: Any) -> Any:
        if isinstance(item, tuple):
            return (plain(item[0]), *item[1:])
        if isinstance(item, list):
            return [plain(entry) for entry in item]
        if hasattr(item, "pattern") and not isinstance(item, re.Pattern):
            return re.compile(item.pattern, item.flags & (re.IGNORECASE | re.MULTILINE | re.DOTALL | re.UNICODE))
        return item

    for name in WORD_PATTERNS:
        setattr(tokenizer, name, plain(getattr(tokenizer, name)))
    return tokenizer


def _perceptron_tagger(folder: Path):
    """NLTK's English averaged perceptron, the tagger `nltk.pos_tag` uses, read from `folder`.

    NLTK's own loader walks every number of the model to refuse non-finite ones, which took
    0.3 s in every kernel (bench/run.py). The project's copy is already checked against its
    SHA256SUMS by `use_nltk_data`, so plain `json` reads the same weights."""
    from nltk.tag.perceptron import PerceptronTagger

    tagger = PerceptronTagger(load=False)
    params = (json.loads((folder / name).read_text(encoding="utf-8")) for name in tagger.param_files("eng"))
    tagger.decode_json_params(params)
    return tagger


def _split_dashes(sentence: str, start: int, end: int) -> list[tuple[int, int]]:
    """Cut a token span around the dashes inside it: "help—financially" → help, —, financially."""
    spans: list[tuple[int, int]] = []
    cursor = start
    for match in DASHES.finditer(sentence, start, end):
        if match.start() > cursor:
            spans.append((cursor, match.start()))
        spans.append((match.start(), match.end()))
        cursor = match.end()
    if cursor < end:
        spans.append((cursor, end))
    return spans


def _tagger_form(token: str, sentence: str, start: int) -> str:
    """The form the Penn Treebank tagger was trained on: straight double quotes become `` or ''."""
    if token != '"':
        return token
    opening = start == 0 or sentence[start - 1] in " ([{"
    return "``" if opening else "''"


def word_spans(sentence: str) -> list[tuple[int, int]]:
    """Token spans of one sentence (character offsets into it), normalisation as documented above."""
    _, words, _, _, _ = _tools()
    straight = sentence.translate(STRAIGHT)
    spans: list[tuple[int, int]] = []
    for start, end in words.span_tokenize(straight):
        spans.extend(_split_dashes(straight, start, end))
    return spans


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentence spans of a passage's reading text, by Punkt."""
    punkt, _, _, _, _ = _tools()
    return list(punkt.span_tokenize(text))


def tag(tokens: list[str]) -> list[tuple[str, str]]:
    """Penn Treebank and universal tags of one sentence's tokens (NLTK's averaged perceptron)."""
    _, _, _, tagger, map_tag = _tools()
    return [(penn, map_tag("en-ptb", "universal", penn)) for _, penn in tagger.tag(tokens)]


def _inserted(clean: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in INSERTION.finditer(clean)]


FOOTNOTE_MARK = re.compile(r"\[\^[^\]\s]+\]|\^[\w-]{1,5}\^")


COLUMN_TYPES = {"position": "int64", "start": "int64", "end": "int64", "stop": "bool_", "is_word": "bool_",
                "is_number": "bool_", "inserted": "bool_"}
"""The Arrow type of each column that is not a string, as the token store writes them."""


@cache
def token_schema() -> pa.Schema:
    """The Arrow schema of a token table: TOKEN_COLUMNS, strings but for COLUMN_TYPES."""
    import pyarrow as pa

    return pa.schema([(name, getattr(pa, COLUMN_TYPES.get(name, "string"))()) for name in TOKEN_COLUMNS])


@cache
def _batch_tagger() -> BatchTagger:
    """NLTK's perceptron, run on all the sentences of a text at once (`helpers.annotating.fasttag`)."""
    from .fasttag import BatchTagger

    return BatchTagger(_tools()[3])


@cache
def _universal(penn: str) -> str:
    return _tools()[4]("en-ptb", "universal", penn)


@lru_cache(maxsize=200_000)
def _features(token: str) -> tuple[str, bool, bool]:
    """A token's norm, is_word and is_number: computed once per distinct token (an archive repeats
    most of its words many times)."""
    return normalise(token), bool(HAS_WORD.search(token)), bool(NUMBER.fullmatch(token))


def _segment_sentences(interview: Interview, text: str, seg: Segment, columns: dict[str, list],
                       forms: list[list[str]]) -> None:
    """Append one segment's tokens to `columns` (all but the tags) and its sentences' tagger forms
    to `forms`."""
    clean, offsets = reading_text(text, seg.body_start, seg.body_stop, interview.format == "markdown")
    _, _, stop, _, _ = _tools()
    insertions = _inserted(clean)
    # Footnote markers become spaces of the same length: no token, and every offset still holds.
    masked = FOOTNOTE_MARK.sub(lambda m: " " * len(m.group()), clean)
    for number, (s_start, s_end) in enumerate(sentence_spans(masked), 1):
        sentence = clean[s_start:s_end]
        straight = sentence.translate(STRAIGHT)
        spans = word_spans(masked[s_start:s_end])
        forms.append([_tagger_form(straight[a:b], straight, a) for a, b in spans])
        n = len(spans)
        for name, value in (("interview", interview.id), ("passage_id", seg.passage_id), ("turn_id", seg.turn_id),
                            ("kind", seg.kind), ("speaker", seg.speaker), ("role", seg.role),
                            ("sentence_id", f"{seg.passage_id}.s{number}")):
            columns[name].extend([value] * n)
        columns["position"].extend(range(1, n + 1))
        for a, b in spans:
            token = sentence[a:b]
            norm, is_word, is_number = _features(token)
            here = s_start + a
            columns["start"].append(offsets[here])
            columns["end"].append(offsets[s_start + b - 1] + 1)
            columns["token"].append(token)
            columns["norm"].append(norm)
            columns["stop"].append(norm in stop)
            columns["is_word"].append(is_word)
            columns["is_number"].append(is_number)
            columns["inserted"].append(bool(insertions) and any(i <= here < j for i, j in insertions))


def token_table(interview: Interview, text: str) -> pa.Table:
    """The token table of one seed's text as an Arrow table (`token_schema`), every sentence of the
    text tagged in one batch: the table the token store keeps (see `load_tokens` for the columns)."""
    import pyarrow as pa

    columns: dict[str, list] = {name: [] for name in TOKEN_COLUMNS}
    forms: list[list[str]] = []
    for seg in split_seed(interview, text):
        if seg.kind in SPEECH_KINDS:
            _segment_sentences(interview, text, seg, columns, forms)
    columns["pos"] = [penn for sentence in _batch_tagger().tag_sentences(forms) for penn in sentence]
    columns["upos"] = [_universal(penn) for penn in columns["pos"]]
    return pa.table(columns, schema=token_schema())


def tokens_of(interview: Interview, text: str) -> pd.DataFrame:
    """The token table of one seed's text (see `load_tokens`)."""
    return token_table(interview, text).to_pandas()


def load_tokens(seeds: str | Path | None = None, speech: str = "answers") -> pd.DataFrame:
    """One row per token of the speech of every seed, in source order, holding the `speech`
    selection of `helpers.speech` (default: the interviewees' answers without editorial
    insertions; "speech" adds the questions, "all" also the insertions). The selection is in
    `attrs["speech"]`, and every counting helper reads it there.

    Columns: interview, passage_id, turn_id, kind, speaker, role (as in `load_passages`);
    sentence_id (`<passage id>.s<n>`, Punkt's sentences within the passage) and position (the
    token's place in it, from 1); start, end (character offsets into the seed file: the seed's
    text from start to end is the token as printed, markup such as a backslash escape
    included); token; norm; pos (Penn Treebank) and upos (universal) tags; stop (in NLTK's
    English stopword list); is_word; is_number; inserted (inside an editor's [insertion]).

    Each interview's table is built once per change of its seed or of the code, and kept as
    Parquet in `.cache/tokens/` (`helpers.annotating.tokencache`).
    """
    import pyarrow as pa

    seeds_read = [(interview, read_seed(interview)) for interview in load_catalog(seeds)]
    tables = cached_tokens(seeds_read, token_schema(), token_table)
    return select_speech(pa.concat_tables(tables).to_pandas(), speech)


def in_context(tokens: pd.DataFrame, row: Any, width: int = 3) -> str:
    """A token with up to `width` tokens either side in its sentence, the token shown as [token/TAG]."""
    sentence = tokens[tokens["sentence_id"] == row.sentence_id]
    near = sentence[(sentence["position"] - row.position).abs() <= width]
    return " ".join(f"[{t.token}/{t.pos}]" if t.position == row.position else t.token for t in near.itertuples())
