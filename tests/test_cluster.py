"""The same build on a Dask cluster (two in-process workers here; a scheduler address on a real
cluster) writes the store's files byte for byte as the build on this machine's cores does."""

from __future__ import annotations

import dataclasses
import logging

from conftest import FIXTURE_CORPUS

import helpers
from helpers.annotating import cluster, tokencache
from helpers.annotating.tokens import token_table


def test_a_dask_build_writes_the_files_of_a_local_build(tmp_path):
    from distributed import Client, LocalCluster

    jobs = tokencache.archive_jobs(helpers.load_catalog(FIXTURE_CORPUS))
    local = tokencache.build(jobs, token_table, tmp_path / "local")
    told = []
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None,
                      silence_logs=logging.ERROR) as dask, Client(dask) as client:
        built = cluster.build_on_dask(jobs, token_table, client, tmp_path / "dask",
                                      progress=lambda *a: told.append(a))
    assert built == local > 400 and told == [(1, 2, told[0][2]), (2, 2, built)]
    names = sorted(p.name for p in (tmp_path / "local").iterdir())
    assert names == sorted(p.name for p in (tmp_path / "dask").iterdir()) == sorted(f"{j.key}.parquet" for j in jobs)
    assert all((tmp_path / "local" / n).read_bytes() == (tmp_path / "dask" / n).read_bytes() for n in names)


def test_short_interviews_go_to_a_worker_together_longest_first():
    catalog = helpers.load_catalog(FIXTURE_CORPUS)
    job = tokencache.jobs_for([(catalog[0], "")])[0]
    jobs = [dataclasses.replace(job, text="x" * n) for n in (20, 50, 10, 30)]

    def sizes(size):
        return [[len(j.text) for j in group] for group in cluster.tasks(jobs, size)]

    assert sizes(60) == [[50, 30], [20, 10]]
    assert sizes(50) == [[50], [30, 20], [10]]
    assert sizes(0) == [[50], [30], [20], [10]]
    assert sizes(1000) == [[50, 30, 20, 10]]
