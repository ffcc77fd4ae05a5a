"""The generic analyses over a whole archive, as DuckDB queries over the token store, never one DataFrame.

`Archive(folder)` makes sure the token store holds every interview of the folder's catalog (building
the missing ones on every core, or on a Dask cluster with `scheduler=`, with a progress bar), then
keeps a DuckDB index of those tables: the store's Parquet files copied once into DuckDB's own
columnar storage, arranged for the queries below, as a corpus workbench keeps an index beside its
texts. The index lives beside the store (`<store>/index/`), one per catalog folder; an interview
whose key changed is taken out of it and its new table put in, the rest is left alone. Deleting the
index only costs the time to copy the store in again.

Every query streams through DuckDB within a memory limit (`MEMORY`, spilling to disk beyond it):

- `word_counts`, `frequency_list`: word lists of a text, a speaker or the whole archive;
- `against_rest`: key words of one interview (or speaker) against all the rest;
- `key_words_each`: the key words of every interview (or speaker) against the rest, at once;
- `concordance`: KWIC with passage ids; the term's passages come from a postings table sorted by
  word (found from DuckDB's zone maps), and only those passages are read;
- `turn_dispersion`, `collocations`, `talk_share`, `summary`, `interviews`.

Each returns the table the pandas function of the same name returns (`vocabulary`, `keyness`,
`concordance`, `stats`, `conversation`, `helpers.sharing.workbench`), with the same columns, order and
figures: `tests/test_archive.py` compares them on the seeds and the fixtures. Where a query only
narrows the rows (a concordance, a dispersion, one interview's collocations), it fetches those rows
and calls the pandas function itself, so the figures are the same by construction. Where it counts
in SQL (key words of every interview at once, collocations of the whole archive) it computes the
same formulas; there the last bits of a G² may differ from numpy's, and the test allows 1e-9.

Why this module is long: one class holds the index and every query the workbench makes of it, each
a short method; splitting them would spread one SQL schema over several files.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ..annotating import tokencache
from ..annotating.speech import SPEECH
from ..annotating.tokens import TOKEN_COLUMNS, token_schema, token_table
from ..plumbing.progress import ProgressBar
from ..reading.catalog import load_catalog
from . import concordance as kwic
from . import keyness, stats
from .vocabulary import CLITIC

MEMORY = "1GB"
"""DuckDB's memory limit for the index and its queries; beyond it, DuckDB spills to disk."""
WAIT = 120.0
"""Seconds to wait for another process that holds the index before giving up."""
BATCH = 400
"""Interviews copied into the index per statement."""
FIRST_CHUNK = 256
"""Passages a concordance reads first; each further chunk doubles, up to 8,192."""
KWIC_COLUMNS = ["interview", "passage_id", "speaker", "start", "token", "norm"]
"""The columns a concordance reads."""
BY = ("interview", "speaker", "role", "kind", "turn_id", "passage_id")
"""The columns a query may group or select by."""
SELECTION = {"answers": "NOT inserted AND role = 'interviewee'", "questions": "NOT inserted AND role = 'interviewer'",
             "speech": "NOT inserted", "all": "TRUE"}
"""Each selection of `helpers.annotating.speech` as a condition on the index's tokens."""
CLITIC_SQL = CLITIC.pattern.removeprefix("^").removesuffix("$").replace("'", "''")
CONTENT = f"NOT stop AND NOT regexp_full_match(norm, '{CLITIC_SQL}')"
"""Content words: not a stopword, not a Treebank clitic (as `vocabulary.words_of(stopwords=False)`)."""
SCHEMA = """
CREATE TABLE IF NOT EXISTS interviews (iid INTEGER, key VARCHAR, interview VARCHAR, position INTEGER, tokens BIGINT);
CREATE TABLE IF NOT EXISTS tokens (iid INTEGER, "row" INTEGER, pid BIGINT, interview VARCHAR, passage_id VARCHAR,
    turn_id VARCHAR, kind VARCHAR, speaker VARCHAR, role VARCHAR, sentence_id VARCHAR, position BIGINT, start BIGINT,
    "end" BIGINT, token VARCHAR, norm VARCHAR, pos VARCHAR, upos VARCHAR, stop BOOLEAN, is_word BOOLEAN,
    is_number BOOLEAN, inserted BOOLEAN);
CREATE TABLE IF NOT EXISTS postings (norm VARCHAR, pid BIGINT, iid INTEGER, role VARCHAR, n INTEGER, n_clean INTEGER);
"""


def _check(speech: str, by: str | None = None) -> str:
    if speech not in SPEECH:
        raise ValueError(f"speech must be one of {', '.join(SPEECH)}, not {speech!r}")
    if by is not None and by not in BY:
        raise ValueError(f"by must be one of {', '.join(BY)}, not {by!r}")
    return SELECTION[speech]


class Archive:
    """The token tables of a catalog folder's interviews, in the store and in a DuckDB index over it."""

    def __init__(self, seeds: str | Path | None = None, store: Path | None = None, workers: int | None = None,
                 scheduler: Any = None, progress: bool = True, threads: int | None = None) -> None:

        self.catalog = load_catalog(seeds)
        self.store = tokencache.store_folder(store)
        jobs = tokencache.archive_jobs(self.catalog)
        todo = tokencache.missing(jobs, token_schema(), self.store)
        bar = ProgressBar() if progress else None
        if todo and scheduler is not None:
            from ..annotating.cluster import build_on_dask

            self.built = build_on_dask(todo, token_table, scheduler, self.store, bar)
        else:
            self.built = tokencache.build(todo, token_table, self.store, workers, bar)
        self.rebuilt = [job.interview.id for job in todo]
        folder = Path(self.catalog[0].path).parent.resolve() if self.catalog else Path(".")
        self.index = self.store / "index" / f"{hashlib.sha256(str(folder).encode()).hexdigest()[:16]}.duckdb"
        self.index.parent.mkdir(parents=True, exist_ok=True)
        self.threads = threads or os.cpu_count() or 1
        self._reader: Any = None  # the connection `reading` holds, if any
        self.added, self.removed = self._sync(jobs) if self._changed(jobs) else (0, 0)

    def _config(self) -> dict:
        return {"threads": self.threads, "memory_limit": MEMORY, "temp_directory": str(self.index.parent / "spill")}

    def _changed(self, jobs: list[tokencache.Job]) -> bool:
        """Whether the index lacks the catalog's interviews, holds others, or is not there yet."""
        if not self.index.exists():
            return True
        try:
            held = self.query("SELECT key, interview, position FROM interviews ORDER BY position")
        except Exception:  # an index of an older schema, or half written: made again by _sync
            return True
        return (held["key"].tolist(), held["interview"].tolist(), held["position"].tolist()) != (
            [j.key for j in jobs], [j.interview.id for j in jobs], list(range(len(jobs))))

    def _connect(self, read_only: bool) -> Any:
        """A connection to the index, waiting (up to `WAIT` seconds) while another process holds a lock
        that excludes it: a writer excludes everyone, a reader excludes writers. Every connection lives
        for one query or one sync, so the wait is that long, and two processes never wait on each other."""
        import duckdb

        began, pause = time.monotonic(), 0.02
        while True:
            try:
                connection = duckdb.connect(str(self.index), read_only=read_only, config=self._config())
                # DuckDB draws a progress bar on stdout for a query that runs past two seconds: in a
                # notebook that is noise in the outputs, in a script it mixes with what the script prints
                connection.execute("SET enable_progress_bar = false")
                return connection
            except duckdb.IOException as error:
                if "lock" not in str(error).lower():
                    raise
                if time.monotonic() - began >= WAIT:
                    raise TimeoutError(f"the archive's index {self.index} was locked by another process for "
                                       f"{WAIT:.0f} s: {error}") from error
                time.sleep(pause)
                pause = min(2 * pause, 0.25)

    def _sync(self, jobs: list[tokencache.Job]) -> tuple[int, int]:
        """Bring the index to the catalog: take out the interviews whose key is gone, copy in the
        new ones, record the catalog's order. Returns (interviews added, interviews removed).

        Each step is one transaction (the removal, each batch copied in, the order), so an interrupted
        sync leaves an index without half an interview in it, and the next one goes on from there. An
        index file DuckDB cannot read is deleted and made again from the store."""

        import duckdb

        try:
            connection = self._connect(read_only=False)
        except duckdb.Error:  # not a file this DuckDB reads (a lock would have been waited for): made anew
            for path in (self.index, self.index.with_name(self.index.name + ".wal")):
                path.unlink(missing_ok=True)
            connection = self._connect(read_only=False)
        with connection as db:
            db.execute(SCHEMA)
            wanted = pd.DataFrame({"key": [j.key for j in jobs], "interview": [j.interview.id for j in jobs],
                                   "position": range(len(jobs))})
            db.register("wanted", wanted)
            db.begin()
            gone = [r[0] for r in db.execute(
                "SELECT iid FROM interviews WHERE (key, interview) NOT IN "
                "(SELECT (key, interview) FROM wanted)").fetchall()]
            if gone:
                for table in ("tokens", "postings", "interviews"):
                    db.execute(f"DELETE FROM {table} WHERE iid IN (SELECT unnest(?::INTEGER[]))", [gone])
            db.commit()
            held = {r[0] for r in db.execute("SELECT key || interview FROM interviews").fetchall()}
            new = [j for j in jobs if j.key + j.interview.id not in held]
            start = (db.execute("SELECT max(iid) FROM interviews").fetchall()[0][0] or 0) + 1
            for first in range(0, len(new), BATCH):
                db.begin()
                self._copy_in(db, new[first:first + BATCH], start + first)
                db.commit()
            db.execute("UPDATE interviews SET position = w.position FROM wanted w "
                       "WHERE interviews.key = w.key AND interviews.interview = w.interview")
            db.execute("CHECKPOINT")
        return len(new), len(gone)

    def _copy_in(self, db: Any, jobs: list[tokencache.Job], first_iid: int) -> None:
        """Copy the stored tables of `jobs` into the index, as interviews first_iid, first_iid + 1, ..."""
        files = pd.DataFrame({"path": [str(self.store / f"{j.key}.parquet") for j in jobs],
                              "iid": range(first_iid, first_iid + len(jobs)),
                              "key": [j.key for j in jobs], "interview": [j.interview.id for j in jobs]})
        db.register("batch_files", files)
        columns = ", ".join(f'"{c}"' for c in TOKEN_COLUMNS)
        prefixed = ", ".join(f'p."{c}"' for c in TOKEN_COLUMNS)
        db.execute(f"""CREATE OR REPLACE TEMP TABLE staged AS
            SELECT f.iid, CAST(p.file_row_number AS INTEGER) AS "row", {prefixed}
            FROM read_parquet(?, filename = true, file_row_number = true) p
            JOIN batch_files f ON p.filename = f.path""",
                   [files["path"].tolist()])
        # A passage's number: its interview's, then its first token's row, so that numbers follow the text.
        db.execute(f"""INSERT INTO tokens SELECT iid, "row",
            (CAST(iid AS BIGINT) << 32) | min("row") OVER (PARTITION BY iid, passage_id), {columns}
            FROM staged ORDER BY iid, "row" """)
        db.execute("""INSERT INTO postings SELECT norm, pid, any_value(iid), any_value(role), count(*),
            count(*) FILTER (WHERE NOT inserted) FROM tokens WHERE iid BETWEEN ? AND ? GROUP BY norm, pid
            ORDER BY norm, pid""", [first_iid, first_iid + len(jobs) - 1])
        db.execute("""INSERT INTO interviews SELECT f.iid, f.key, f.interview, 0, count(s.iid) FROM batch_files f
            LEFT JOIN staged s ON s.iid = f.iid GROUP BY ALL""")
        db.execute("DROP TABLE staged")
        db.unregister("batch_files")

    def close(self) -> None:
        """Nothing to close outside a `reading` block: each query opens the index read-only and closes
        it, so several notebooks may read it at once and one may bring it up to date between their queries."""
        return None

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    @contextmanager
    def reading(self) -> Iterator[Archive]:
        """Hold one read-only connection for every query inside the block, instead of one per query
        (opening one costs about 15 ms): for many small queries in a row. Another process that must
        update the index waits until the block ends, so keep it short."""
        if self._reader is not None:
            yield self
            return
        self._reader = self._connect(read_only=True)
        try:
            yield self
        finally:
            self._reader.close()
            self._reader = None

    def query(self, sql: str, parameters: list | None = None) -> pd.DataFrame:
        """Any SQL over the index's tables (interviews, tokens, postings), as a DataFrame."""
        if self._reader is not None:
            return self._reader.execute(sql, parameters or []).df()
        with self._connect(read_only=True) as db:
            return db.execute(sql, parameters or []).df()

    # Word lists -----------------------------------------------------------------------------------

    def _where(self, speech: str, by: str | None, value, stopwords: bool) -> tuple[str, list]:
        where, parameters = f"is_word AND {_check(speech, by)}", []
        if by is not None and value is not None:
            where += f" AND {by} = ?"
            parameters.append(value)
        if not stopwords:
            where += f" AND {CONTENT}"
        return where, parameters

    def word_counts(self, speech: str = "answers", by: str | None = None, value: str | None = None,
                    stopwords: bool = True) -> pd.Series:
        """`vocabulary.word_counts`: how often each word occurs, most frequent first, ties alphabetical."""
        where, parameters = self._where(speech, by, value, stopwords)
        found = self.query(f"SELECT norm, count(*) AS n FROM tokens WHERE {where} GROUP BY norm "
                           "ORDER BY n DESC, norm", parameters)
        return pd.Series(found["n"].to_numpy(dtype="int64"), index=pd.Index(found["norm"].tolist(), dtype="str",
                                                                              name="word"), name="count")

    def frequency_list(self, speech: str = "answers", by: str = "interview", stopwords: bool = True, top: int = 15,
                       values: list[str] | None = None) -> pd.DataFrame:
        """`vocabulary.frequency_list`: the `top` words of each value of `by` (or of `values`), side by side."""
        where, parameters = self._where(speech, by, None, stopwords)
        if values is not None:
            where += f" AND {by} IN (SELECT unnest(?::VARCHAR[]))"
            parameters.append(list(values))
        found = self.query(f"""SELECT {by} AS k, norm, count(*) AS n FROM tokens WHERE {where} GROUP BY {by}, norm
            QUALIFY row_number() OVER (PARTITION BY k ORDER BY n DESC, norm) <= ? ORDER BY k, n DESC, norm""",
                           [*parameters, top])
        columns = {}
        for key, mine in found.groupby("k", sort=True):
            columns[(key, "word")] = pd.Series(mine["norm"].tolist(), dtype=object)
            columns[(key, "count")] = pd.Series(mine["n"].to_numpy(dtype="int64"))
        table = pd.DataFrame(columns)
        table.index = pd.RangeIndex(1, len(table) + 1, name="rank")
        table.attrs["speech"] = speech
        return table

    # Key words ------------------------------------------------------------------------------------

    def against_rest(self, value: str, by: str = "interview", speech: str = "answers",
                     correction: str = "bonferroni", alpha: float = 0.05) -> pd.DataFrame:
        """`keyness.against_rest`: every word of `by` == `value` and of all the rest, with G², Log Ratio
        and `key`, from one pass over the index (the counts), the statistics in Python."""
        where, parameters = self._where(speech, by, None, True)
        counts = self.query(f"""SELECT norm, count(*) FILTER (WHERE {by} = ?) AS a,
            count(*) FILTER (WHERE {by} IS DISTINCT FROM ?) AS b FROM tokens WHERE {where}
            GROUP BY norm ORDER BY norm""",
                            [value, value, *parameters])
        first, second = value, keyness.REST
        a_all, b_all = counts["a"].to_numpy(dtype="int64"), counts["b"].to_numpy(dtype="int64")
        c, d = int(a_all.sum()), int(b_all.sum())
        if c == 0 or d == 0:
            raise ValueError(f"no words where {by} is {first if c == 0 else second!r}")
        limit, divisor = keyness.correction_of(
            [int(a + b) for a, b in zip(a_all.tolist(), b_all.tolist(), strict=True)], (c, d), correction, alpha)
        rows = []
        for word, a, b in zip(counts["norm"].tolist(), a_all.tolist(), b_all.tolist(), strict=True):
            g2, lr = stats.log_likelihood(a, b, c, d), stats.log_ratio(a, b, c, d)
            rows.append({"word": word, "a": a, "b": b, "per_1000_1": round(1000 * a / c, 2),
                         "per_1000_2": round(1000 * b / d, 2), "g2": g2, "log_ratio": lr,
                         "more_in": first if a / c > b / d else second if a / c < b / d else "equal",
                         "key": g2 > limit})
        table = pd.DataFrame(rows, columns=keyness.KEYNESS_COLUMNS).sort_values(["g2", "word"], ascending=[False, True])
        table.attrs.update({"threshold": limit, "correction": correction, "words_tested": len(counts),
                            "correction_words": divisor, "alpha": alpha, "sizes": {first: c, second: d},
                            "speech": speech, "against": keyness.REST})
        return table.reset_index(drop=True)

    def key_words_each(self, by: str = "interview", speech: str = "answers", top: int = 10,
                       alpha: float = 0.05) -> pd.DataFrame:
        """`helpers.sharing.workbench.key_words_each`: the `top` key words of every value of `by`
        against all the others pooled, computed for all of them in one query."""
        where, parameters = self._where(speech, by, None, True)
        tested = int(self.query(f"SELECT count(DISTINCT norm) AS n FROM tokens WHERE {where}", parameters)["n"][0])
        columns = [by, "word", "a", "b", "per_1000", "per_1000_rest", "g2", "log_ratio", "key"]
        if not tested:
            return pd.DataFrame(columns=columns)
        threshold = stats.bonferroni_g2(tested, alpha)
        found = self.query(f"""WITH w AS (SELECT {by} AS k, norm, count(*)::DOUBLE AS a FROM tokens WHERE {where}
                GROUP BY {by}, norm),
            c AS (SELECT k, sum(a) AS c FROM w GROUP BY k), t AS (SELECT norm, sum(a) AS t FROM w GROUP BY norm),
            s AS (SELECT w.k, w.norm, w.a, t.t - w.a AS b, c.c, (SELECT sum(a) FROM w) - c.c AS d
                  FROM w JOIN c USING (k) JOIN t USING (norm)),
            g AS (SELECT *, 2 * (a * ln(a / (c * (a + b) / (c + d)))
                        + CASE WHEN b > 0 THEN b * ln(b / (d * (a + b) / (c + d))) ELSE 0 END) AS g2,
                    log2((a / c) / (CASE WHEN b > 0 THEN b ELSE 0.5 END / d)) AS log_ratio
                  FROM s WHERE a / c > b / CASE WHEN d > 0 THEN d ELSE 1 END)
            SELECT k, norm, a, b, c, d, g2, log_ratio, g2 > ? AS key FROM g
            QUALIFY row_number() OVER (PARTITION BY k ORDER BY key DESC, g2 DESC, norm) <= ?
            ORDER BY k, key DESC, g2 DESC, norm""", [*parameters, threshold, top])
        table = pd.DataFrame({
            by: found["k"].tolist(), "word": found["norm"].tolist(), "a": found["a"].astype(int).tolist(),
            "b": found["b"].astype(int).tolist(),
            "per_1000": [round(1000 * a / c, 2) for a, c in zip(found["a"], found["c"], strict=True)],
            "per_1000_rest": [round(1000 * b / d, 2) for b, d in zip(found["b"], found["d"], strict=True)],
            "g2": found["g2"].astype(float).tolist(), "log_ratio": found["log_ratio"].astype(float).tolist(),
            "key": found["key"].astype(bool).tolist()}, columns=columns)
        table.attrs.update({"threshold": threshold, "words_tested": tested, "speech": speech})
        return table

    # Rows of a few passages or one text, handed to the pandas functions ---------------------------

    def rows(self, where: str, parameters: list, speech: str, columns: list[str] | None = None) -> pd.DataFrame:
        """The token rows of the selection `speech` that meet `where`, in text order, as a token table
        (`attrs["speech"]` set; only `columns`, if given), for the pandas functions."""
        columns = ", ".join(f't."{c}"' for c in columns or TOKEN_COLUMNS)
        table = self.query(f"""SELECT {columns} FROM tokens t JOIN interviews i USING (iid)
            WHERE {_check(speech)} AND {where} ORDER BY i.position, t.pid, t."row" """, parameters)
        table.attrs["speech"] = speech
        return table

    def concordance(self, term: str, speech: str = "answers", width: int = 6, sort: str = "text",
                    limit: int | None = None, interviews: list[str] | None = None) -> pd.DataFrame:
        """`concordance.concordance`: every occurrence of `term` with its context and passage id (the
        first `limit` in text order when `limit` is given and `sort` is "text"). `attrs["hits"]`
        holds the number of occurrences in the whole archive (or in `interviews`)."""
        words = term.lower().split()
        if not words:
            raise ValueError("the search term is empty")
        role = {"answers": " AND role = 'interviewee'", "questions": " AND role = 'interviewer'"}.get(speech, "")
        _check(speech)
        only, scope = "", []
        if interviews is not None:
            only = " AND iid IN (SELECT iid FROM interviews WHERE interview IN (SELECT unnest(?::VARCHAR[])))"
            scope = [list(interviews)]
        conditions: list[tuple[str, list]] = []  # per word: its condition on the postings, and its parameters
        for word in words:
            if word.endswith("*") and len(word) > 1:
                conditions.append((f"norm >= ? AND starts_with(norm, ?){role}{only}", [word[:-1], word[:-1], *scope]))
            else:
                conditions.append((f"norm = ?{role}{only}", [word, *scope]))
        found = " INTERSECT ".join(f"SELECT pid FROM postings WHERE {c}" for c, _ in conditions)
        with self.reading():
            pids = self.query(f"""SELECT c.pid FROM ({found}) c
                JOIN interviews i ON i.iid = CAST(c.pid >> 32 AS INTEGER) ORDER BY i.position, c.pid""",
                              [p for _, ps in conditions for p in ps])["pid"].to_numpy()
            hits = None
            if len(words) == 1:
                counted = "n" if speech == "all" else "n_clean"
                condition, parameters = conditions[0]
                hits = int(self.query(f"SELECT coalesce(sum({counted}), 0) AS n FROM postings WHERE {condition}",
                                      parameters)["n"][0])
            # The passages in chunks that double, so that the first lines of a frequent term come quickly.
            lines, first, chunk = [], 0, FIRST_CHUNK
            while first < len(pids):
                some = pids[first:first + chunk]
                rows = self.rows("t.pid BETWEEN ? AND ? AND t.pid IN (SELECT unnest(?::BIGINT[]))",
                                 [int(some.min()), int(some.max()), some.tolist()], speech, KWIC_COLUMNS)
                lines.append(kwic.concordance(rows, term, width=width, sort="text"))
                if limit is not None and sort == "text" and sum(map(len, lines)) >= limit:
                    break
                first, chunk = first + chunk, min(chunk * 2, 8192)
        table = pd.concat(lines, ignore_index=True) if lines else pd.DataFrame(columns=kwic.CONCORDANCE_COLUMNS)
        if sort != "text":
            table = self._sorted(table, sort, width)
        if limit is not None:
            table = table.head(limit).reset_index(drop=True)
        table.attrs.update({"speech": speech, "hits": hits if hits is not None else (
            len(table) if limit is None or sort != "text" or len(table) < limit else None)})
        return table

    def _sorted(self, lines: pd.DataFrame, sort: str, width: int) -> pd.DataFrame:
        """Lines sorted as `concordance` sorts them: by the words left (nearest first) or right of the node."""
        if sort not in kwic.SORTS:
            raise ValueError(f"sort must be one of {kwic.SORTS}, not {sort!r}")
        from ..annotating.tokens import normalise

        side = lines[sort].tolist()
        keys = [tuple(normalise(w) for w in (reversed(s.split()) if sort == "left" else s.split())) for s in side]
        order = sorted(range(len(lines)), key=keys.__getitem__)
        return lines.iloc[order].reset_index(drop=True)

    def turn_dispersion(self, value: str, words: list[str], by: str = "interview",
                        speech: str = "answers") -> pd.DataFrame:
        """`keyness.turn_dispersion`: DP and DPnorm of `words` over the turns of `by` == `value`."""
        _check(speech, by)
        return keyness.turn_dispersion(self.rows(f"t.{by} = ? AND t.is_word", [value], speech), by, value, words)

    def collocations(self, speech: str = "answers", by: str | None = None, value: str | None = None,
                     min_freq: int = 3, top: int | None = None) -> pd.DataFrame:
        """`stats.collocations` of adjacent words, pairs with a stopword or a clitic left out after
        counting: of one text (`by` == `value`), or of the whole archive, pairs counted within each
        interview (never across two), scored by NLTK's likelihood ratio."""
        _check(speech, by)
        if by is not None:
            words = self.rows(f"t.{by} = ? AND t.is_word", [value], speech)
            function = set(words.loc[words["stop"] | words["norm"].str.match(CLITIC), "norm"])
            table = stats.collocations(words["norm"].tolist(), min_freq=min_freq, ignore=function)
            return table if top is None else table.head(top)
        where = f"is_word AND {SELECTION[speech]}"
        found = self.query(f"""WITH w AS (SELECT iid, "row", norm, NOT ({CONTENT}) AS function FROM tokens
                  WHERE {where}),
            p AS (SELECT norm AS w1, function AS f1, lead(norm) OVER win AS w2, lead(function) OVER win AS f2 FROM w
                  WINDOW win AS (PARTITION BY iid ORDER BY "row")),
            b AS (SELECT w1, w2, count(*) AS n FROM p WHERE w2 IS NOT NULL AND NOT f1 AND NOT f2 GROUP BY ALL
                  HAVING count(*) >= ?),
            u AS (SELECT norm, count(*) AS n FROM w GROUP BY norm)
            SELECT b.w1, b.w2, b.n, u1.n AS n1, u2.n AS n2, (SELECT count(*) FROM w) AS total
            FROM b JOIN u u1 ON u1.norm = b.w1 JOIN u u2 ON u2.norm = b.w2""", [min_freq])
        score = _likelihood_ratio(found["n"].to_numpy(float), found["n1"].to_numpy(float),
                                  found["n2"].to_numpy(float), found["total"].to_numpy(float))
        table = pd.DataFrame({"bigram": (found["w1"] + " " + found["w2"]).tolist(), "freq": found["n"].astype(int),
                              "likelihood_ratio": score, "_pair": list(zip(found["w1"], found["w2"], strict=True))})
        table = table.sort_values(["likelihood_ratio", "_pair"], ascending=[False, True]).drop(columns="_pair")
        table = table.reset_index(drop=True)
        return table if top is None else table.head(top)

    # Who speaks how much ----------------------------------------------------------------------------

    def talk_share(self, by: str = "speaker") -> pd.DataFrame:
        """`conversation.talk_share`: per interview and `by`, turns, words and share of the interview's words."""
        _check("speech", by)
        found = self.query(f"""SELECT interview, {by} AS k, count(DISTINCT turn_id) AS turns, count(*) AS words
            FROM tokens WHERE is_word AND {SELECTION['speech']} GROUP BY ALL ORDER BY interview, k""")
        table = pd.DataFrame({"turns": found["turns"].to_numpy("int64"), "words": found["words"].to_numpy("int64")},
                             index=pd.MultiIndex.from_arrays([pd.Index(found["interview"].tolist(), dtype="str"),
                                                              pd.Index(found["k"].tolist(), dtype="str")],
                                                             names=["interview", by]))
        table["share"] = (100 * table["words"] / table.groupby(level="interview")["words"].transform("sum")).round(1)
        return table

    def summary(self) -> pd.DataFrame:
        """`helpers.sharing.workbench.summary`: per interview, questions, answer turns, interviewees,
        the words of the questions and of the answers, and the interviewers' share of the words."""
        found = self.query(f"""SELECT interview,
              count(DISTINCT turn_id) FILTER (WHERE role = 'interviewer') AS questions,
              count(DISTINCT turn_id) FILTER (WHERE role = 'interviewee') AS answers,
              count(DISTINCT speaker) FILTER (WHERE role = 'interviewee') AS interviewees,
              count(*) FILTER (WHERE is_word AND {SELECTION['questions']}) AS question_words,
              count(*) FILTER (WHERE is_word AND {SELECTION['answers']}) AS answer_words
            FROM tokens GROUP BY interview ORDER BY interview""")
        table = found.set_index(pd.Index(found["interview"].tolist(), dtype="str", name="interview"))
        table = table.drop(columns="interview").astype("int64")
        total = table["question_words"] + table["answer_words"]
        table["interviewer_share"] = (100 * table["question_words"] / total.where(total > 0)).round(1)
        return table

    def interviews(self) -> pd.DataFrame:
        """Per interview, in catalog order: tokens, words of the answers and of the questions, speakers."""
        return self.query(f"""SELECT i.interview, i.tokens, count(*) FILTER (WHERE is_word AND {SELECTION['answers']})
              AS answer_words, count(*) FILTER (WHERE is_word AND {SELECTION['questions']}) AS question_words,
              count(DISTINCT speaker) AS speakers
            FROM interviews i JOIN tokens t USING (iid) GROUP BY i.interview, i.tokens, i.position
            ORDER BY i.position""").set_index("interview")


def _likelihood_ratio(n_ii: np.ndarray, n_ix: np.ndarray, n_xi: np.ndarray, n_xx: np.ndarray) -> np.ndarray:
    """NLTK's `BigramAssocMeasures.likelihood_ratio`, for many bigrams at once: the same contingency
    table (n_ii, n_oi, n_io, n_oo), expected values (row total times column total over the total,
    exact in floats for counts below 2**26) and sum, in the same order."""
    small = 1e-20
    n_oi, n_io = n_xi - n_ii, n_ix - n_ii
    n_oo = n_xx - n_ii - n_oi - n_io
    total = n_ii + n_oi + n_io + n_oo
    cells = [(n_ii, n_ii + n_io, n_ii + n_oi), (n_oi, n_oi + n_oo, n_ii + n_oi),
             (n_io, n_ii + n_io, n_io + n_oo), (n_oo, n_oi + n_oo, n_io + n_oo)]
    score = np.zeros_like(n_ii)
    for obs, first, second in cells:
        score = score + obs * np.log(obs / (first * second / total + small) + small)
    return 2 * score
