"""The token store built on a Dask cluster: the same jobs, the same worker function, the same files.

`build_on_dask(jobs, builder, scheduler)` sends each interview to a Dask worker as
`tokencache.run_job`, as the local build sends it to a process, and writes the Parquet bytes the
worker returns, so the store's files are byte for byte those of a build on this machine
(`tests/test_cluster.py`) and the workers need no shared disk. `scheduler` is a scheduler's address
(`"tcp://10.0.0.5:8786"`, a cluster whose workers have the project installed at the same version: a
worker running other code refuses the job), a `distributed.Client`, or a cluster object such as
`distributed.LocalCluster`. Jobs are sent a few per worker at a time, so the texts of a large archive
are never all in flight.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .tokencache import Builder, Job, Progress, longest_first, run_job, store_results, text_of

IN_FLIGHT = 4
"""Jobs sent per worker thread before the first results come back."""


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


def _results(client: Any, jobs: list[Job], builder: Builder) -> Iterator[tuple[str, int, bytes]]:
    from distributed import as_completed

    threads = max(1, sum(client.nthreads().values()))
    todo = iter(longest_first(jobs))
    running = as_completed()
    for job in itertools.islice(todo, IN_FLIGHT * threads):
        running.add(client.submit(run_job, builder, job, text_of(job), pure=False))
    for future in running:
        yield future.result()
        future.release()
        following = next(todo, None)
        if following is not None:
            running.add(client.submit(run_job, builder, following, text_of(following), pure=False))
