"""The token store built on a Dask cluster: the same jobs, the same worker function, the same files.

`build_on_dask(jobs, builder, scheduler)` sends each interview to a Dask worker through
`tokencache.run_job`, as the local build sends it to a process, and writes the Parquet bytes the
worker returns, so the store's files are byte for byte those of a build on this machine
(`tests/test_cluster.py`) and the workers need no shared disk. `scheduler` is a scheduler's address
(`"tcp://10.0.0.5:8786"`, a cluster whose workers have the project installed at the same version: a
worker running other code refuses the job), a `distributed.Client`, or a cluster object such as
`distributed.LocalCluster`. Short interviews go to a worker together, as one task (`tasks`: up
to `TASK_SIZE` characters), and tasks are sent a few per worker at a time, so the texts of a large
archive are never all in flight.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .tokencache import Builder, Job, Progress, longest_first, run_job, store_results, text_of, text_size

IN_FLIGHT = 4
"""Tasks sent per worker thread before the first results come back."""
TASK_SIZE = 160_000
"""Interviews go to a worker as one task until their texts reach this many characters together.
Each task costs the asking process and the scheduler some milliseconds: on the benchmark's million
words (155 interviews), the asking process used 1.6 to 2.7 s of CPU per build with one interview per
task and 0.6 to 1.4 s with tasks of 160,000 characters, out of a build of 11 to 16 s on two workers."""


def build_on_dask(jobs: list[Job], builder: Builder, scheduler: Any, folder: Path | None = None,
                  progress: Progress | None = None) -> int:
    """Build and store the tables of `jobs` on the Dask cluster `scheduler`. Returns the tokens built."""
    from distributed import Client

    own = not isinstance(scheduler, Client)
    client = Client(scheduler) if own else scheduler
    try:
        return store_results(_results(client, jobs, builder), len(jobs), folder, progress)
    finally:
        if own:
            client.close()


def run_jobs(builder: Builder, jobs: list[Job], texts: list[str]) -> list[tuple[str, int, bytes]]:
    """Build the tables of several jobs (one Dask task): `run_job` on each."""
    return [run_job(builder, job, text) for job, text in zip(jobs, texts, strict=True)]


def tasks(jobs: list[Job], size: int = TASK_SIZE) -> Iterator[list[Job]]:
    """The jobs, longest text first, in groups whose texts reach `size` together; a text that long
    or longer is a group of its own."""
    group, held = [], 0
    for job in longest_first(jobs):
        group.append(job)
        held += text_size(job)
        if held >= size:
            yield group
            group, held = [], 0
    if group:
        yield group


def _results(client: Any, jobs: list[Job], builder: Builder) -> Iterator[tuple[str, int, bytes]]:
    from distributed import as_completed

    threads = max(1, sum(client.nthreads().values()))
    todo = tasks(jobs)

    def submit(group: list[Job]) -> Any:
        return client.submit(run_jobs, builder, group, [text_of(job) for job in group], pure=False)

    running = as_completed([submit(group) for group in itertools.islice(todo, IN_FLIGHT * threads)])
    for future in running:
        yield from future.result()
        future.release()
        following = next(todo, None)
        if following is not None:
            running.add(submit(following))
