"""The token store: each interview's token table written once as Parquet, under a key of all it depends on.

Tagging is the costliest step of the study, and every notebook and query needs the same table. So
each interview's table is kept in `.cache/tokens/` (git-ignored; `STUDY_TOKEN_CACHE` moves it) as
`<key>.parquet`, the key made from everything the table depends on: the seed's text, the
interview's catalog entry, the source of the `helpers` modules that build and write the table
(`token_modules`: not the others, so that a change to a query or a notebook helper rebuilds
nothing), the checked NLTK data and the library versions. A change to any of them makes a new key,
so a stored table is never stale, and only the interviews whose key changed are built again.

A file is trusted only if Parquet reads it, its schema is the token table's and the key written
inside it is the key it is filed under; anything else is rebuilt. Parquet holds data, not code:
unlike the pickles this store replaces, reading a file from elsewhere runs nothing.

The same table always gives the same bytes (`table_bytes`: fixed writer options, no timestamps),
so a build on every core of this machine (`build`) and one on a Dask cluster
(`helpers.annotating.cluster`) write identical files. Workers return the bytes and the process that
asked writes them, so a cluster needs no shared disk.

Why this module is long: the key, the file's check, the writer and the build on every core belong
together, since a file is trusted only if all four agree; split, each part would need the others'
private rules.
"""

from __future__ import annotations

import hashlib
import io
import itertools
import json
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from ..plumbing.paths import NLTK_DATA_DIR, PROJECT_ROOT
from ..reading.catalog import Interview
from ..reading.seedtext import read_seed

if TYPE_CHECKING:
    import pyarrow as pa

CACHE_DIR = PROJECT_ROOT / ".cache" / "tokens"
CACHE_VARIABLE = "STUDY_TOKEN_CACHE"
"""An environment variable that moves the store (the benchmark uses it to measure a cold start)."""
PARALLEL_FROM = 4
"""Build in worker processes when at least this many interviews are missing (a worker costs a second)."""
KEY_FIELD = b"study:key"
"""The schema metadata field that holds, inside each file, the key it was built under."""
WRITER = {"compression": "zstd", "compression_level": 3, "use_dictionary": True, "write_statistics": True,
          "row_group_size": 1 << 20}
"""pyarrow's Parquet writer options for every file of the store: fixed, so equal tables give equal bytes."""

Builder = Callable[[Interview, str], "pa.Table"]
"""Makes the Arrow token table of one (interview, text): `helpers.annotating.tokens.token_table`."""


BUILT_BY = ("annotating/tokens.py", "annotating/fasttag.py", "annotating/tokencache.py")
"""The modules that make a token table and write its file (paths inside `helpers`). The key covers
them and every `helpers` module they import, directly or not: no other module's change rebuilds
the store."""
PACKAGE = Path(__file__).resolve().parents[1]


def _imported(package: Path, module: Path) -> list[Path]:
    """The `helpers` modules that `module` imports: relative and `helpers.` imports, those inside
    functions and TYPE_CHECKING blocks included."""
    import ast

    here = module.relative_to(package).parent.parts
    found = []
    for node in ast.walk(ast.parse(module.read_bytes(), str(module))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                parts = [*here[:len(here) - node.level + 1], *(node.module.split(".") if node.module else [])]
            elif node.module and node.module.split(".")[0] == package.name:
                parts = node.module.split(".")[1:]
            else:
                continue
            found += _files(package.joinpath(*parts), [alias.name for alias in node.names])
        elif isinstance(node, ast.Import):
            for alias in node.names:
                first, *parts = alias.name.split(".")
                if first == package.name:
                    found += _files(package.joinpath(*parts), [])
    return found


def _files(target: Path, names: list[str]) -> list[Path]:
    """The files `from target import names` runs: target/name.py for each name that is a module, and
    target itself (target.py, or target/__init__.py for a package) unless every name is a module."""
    modules = [target / f"{name}.py" for name in names if (target / f"{name}.py").is_file()]
    if names and len(modules) == len(names):
        return modules
    own = [path for path in (target.with_suffix(".py"), target / "__init__.py") if path.is_file()]
    return modules + own[:1]


def token_modules(package: Path = PACKAGE) -> list[Path]:
    """`BUILT_BY` and every `helpers` module they import, directly or not, sorted."""
    todo = [package / name for name in BUILT_BY]
    seen: set[Path] = set()
    while todo:
        module = todo.pop()
        if module not in seen:
            seen.add(module)
            todo += _imported(package, module)
    return sorted(seen)


@cache
def code_version(package: Path = PACKAGE) -> str:
    """A digest of what the token table is made by: the source of the modules that build and write it
    (`token_modules`), the NLTK data's checksums, and the versions of Python, NLTK, numpy, pandas and
    pyarrow."""
    import sys
    from importlib.metadata import version

    # the installed versions, read from the packages' metadata: importing NLTK only to read its
    # version would cost a notebook whose tokens are cached 0.7 s
    digest = hashlib.sha256()
    for path in token_modules(package):
        digest.update(str(path.relative_to(package)).encode() + b"\0" + path.read_bytes())
    digest.update((NLTK_DATA_DIR / "SHA256SUMS").read_bytes())
    digest.update(f"python {sys.version_info[:3]} nltk {version('nltk')} numpy {version('numpy')} "
                  f"pandas {version('pandas')} pyarrow {version('pyarrow')}".encode())
    return digest.hexdigest()


def cache_key(interview: Interview, text: str) -> str:
    """The key of one interview's token table: its text, its catalog entry (all but where the files
    lie) and `code_version`."""
    entry = {k: v for k, v in asdict(interview).items() if k not in ("path", "catalog", "catalog_line")}
    digest = hashlib.sha256(code_version().encode())
    digest.update(json.dumps(entry, sort_keys=True, default=str).encode())
    digest.update(text.encode("utf-8"))
    return digest.hexdigest()


def store_folder(folder: Path | None = None) -> Path:
    """The store's folder: `folder`, else `STUDY_TOKEN_CACHE`, else `.cache/tokens/` in the project."""
    return Path(folder) if folder is not None else Path(os.environ.get(CACHE_VARIABLE) or CACHE_DIR)


def table_bytes(table: pa.Table, key: str) -> bytes:
    """The Parquet file of an Arrow token table, with `key` in its schema metadata."""
    import pyarrow.parquet as pq

    sink = io.BytesIO()
    pq.write_table(table.replace_schema_metadata({KEY_FIELD: key.encode()}), sink, **WRITER)
    return sink.getvalue()


def read_table(path: Path, key: str, schema: pa.Schema) -> pa.Table | None:
    """The Arrow table stored at `path`, or None when the file is missing, unreadable, of another
    schema or filed under a key other than its own."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        table = pq.read_table(path)
    except (OSError, pa.ArrowException, ValueError):
        return None
    if (table.schema.metadata or {}).get(KEY_FIELD) != key.encode() or not table.schema.equals(schema):
        return None
    return table.replace_schema_metadata(None)


def is_stored(path: Path, key: str, schema: pa.Schema) -> bool:
    """Whether `path` holds a table filed under `key` with `schema`, read from its footer alone."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        found = pq.read_schema(path)
    except (OSError, pa.ArrowException, ValueError):
        return False
    return (found.metadata or {}).get(KEY_FIELD) == key.encode() and found.equals(schema)


def write_atomically(path: Path, data: bytes) -> None:
    """Write a file so that a reader never sees half of it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(f".{os.getpid()}.part")
    partial.write_bytes(data)
    partial.replace(path)


@dataclass(frozen=True)
class Job:
    """One interview to build: its catalog entry and key, the code version the key was made with (a
    worker running other code refuses the job rather than file wrong tables), and its text, or None
    to read it from the seed file when the job is sent (an archive's texts are not all held at once)."""

    interview: Interview
    key: str
    version: str
    text: str | None = None


def text_of(job: Job) -> str:
    """The job's text, read (and checked against the catalog's sha256) if it does not hold it."""
    return job.text if job.text is not None else read_seed(job.interview)


def run_job(builder: Builder, job: Job, text: str) -> tuple[str, int, bytes]:
    """Build one interview's table (a worker's task, so a plain module-level function). Returns its
    key, its number of tokens and its Parquet bytes."""
    if code_version() != job.version:
        raise RuntimeError(f"this worker runs other helpers code than the one that asked for {job.interview.id}: "
                           "install the same version of the project on every worker")
    table = builder(job.interview, text)
    return job.key, table.num_rows, table_bytes(table, job.key)


def jobs_for(seeds: Iterable[tuple[Interview, str]], keep_text: bool = True) -> list[Job]:
    """A job for each (interview, text), holding the text unless `keep_text` is False. `seeds` may
    be a generator, so that an archive's texts are read one at a time (`archive_jobs`)."""
    version = code_version()
    return [Job(interview, cache_key(interview, text), version, text if keep_text else None)
            for interview, text in seeds]


def archive_jobs(catalog: Iterable[Interview]) -> list[Job]:
    """A job for each interview of a catalog, holding no text: each text is read, keyed and let go
    before the next is read. Holding them all at once, as a list, took the process that asks for the
    50-million-word archive's build from 185 MB to 820 MB, memory the allocator kept after the texts
    were freed and every forked worker inherited."""
    return jobs_for(((interview, read_seed(interview)) for interview in catalog), keep_text=False)


def missing(jobs: list[Job], schema: pa.Schema, folder: Path | None = None) -> list[Job]:
    """The jobs whose table the store does not hold (checked from each file's footer)."""
    folder = store_folder(folder)
    return [job for job in jobs if not is_stored(folder / f"{job.key}.parquet", job.key, schema)]


def text_size(job: Job) -> int:
    """The length of the job's text: its characters if it holds it, else its file's bytes."""
    return len(job.text) if job.text is not None else job.interview.path.stat().st_size


def longest_first(jobs: list[Job]) -> list[Job]:
    """The jobs, longest text first, so that no worker is left alone with a long one at the end."""
    return sorted(jobs, key=lambda job: -text_size(job))


Progress = Callable[[int, int, int], None]
"""Told (interviews built, interviews to build, tokens built) after each interview."""


def store_results(results: Iterable[tuple[str, int, bytes]], total: int, folder: Path | None = None,
                  progress: Progress | None = None) -> int:
    """Write each (key, tokens, bytes) a build gives into the store; returns the tokens written."""
    folder = store_folder(folder)
    tokens = 0
    for done, (key, rows, data) in enumerate(results, 1):
        write_atomically(folder / f"{key}.parquet", data)
        tokens += rows
        if progress is not None:
            progress(done, total, tokens)
    return tokens


def build(jobs: list[Job], builder: Builder, folder: Path | None = None, workers: int | None = None,
          progress: Progress | None = None) -> int:
    """Build and store the tables of `jobs`: on `workers` processes (default: every core) when
    `PARALLEL_FROM` or more, else in this process. Returns the number of tokens built."""
    workers = workers or os.cpu_count() or 1
    return store_results(_results(jobs, builder, workers), len(jobs), folder, progress)


def _results(jobs: list[Job], builder: Builder, workers: int) -> Iterator[tuple[str, int, bytes]]:
    if len(jobs) < PARALLEL_FROM or workers < 2:
        yield from (run_job(builder, job, text_of(job)) for job in jobs)
        return
    todo = iter(longest_first(jobs))
    with ProcessPoolExecutor(max_workers=workers) as pool:
        pending: set = set()
        while True:
            # A few jobs per worker in flight: the workers never wait, and few texts are held at once.
            for job in itertools.islice(todo, max(0, 4 * workers - len(pending))):
                pending.add(pool.submit(run_job, builder, job, text_of(job)))
            if not pending:
                return
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                yield future.result()


def cached_tokens(seeds: list[tuple[Interview, str]], schema: pa.Schema, builder: Builder, folder: Path | None = None,
                  progress: Progress | None = None) -> list[pa.Table]:
    """The Arrow token table of each (interview, text), read from the store where it holds it,
    built by `builder` (and stored) where it does not."""
    folder = store_folder(folder)
    jobs = jobs_for(seeds)
    tables = [read_table(folder / f"{job.key}.parquet", job.key, schema) for job in jobs]
    todo = [job for job, table in zip(jobs, tables, strict=True) if table is None]
    build(todo, builder, folder, progress=progress)
    return [table if table is not None else read_table(folder / f"{job.key}.parquet", job.key, schema)
            for job, table in zip(jobs, tables, strict=True)]
