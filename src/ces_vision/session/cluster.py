"""The Dask cluster clips are analysed on: an existing scheduler, or a LocalCluster here.

Both give a `distributed.Client`; the batch runner and the inbox watcher submit one task
per clip to it, so a batch runs the same way on one laptop and on many machines.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

import dask.config

from .parallel import default_workers

# Per worker process. One analysis peaks near 0.5 GB (bench_memory.py: full model, even for
# long videos); the limit lets Dask restart a runaway worker (say a damaged or huge
# file) before it takes the machine's memory from the others.
DEFAULT_MEMORY_LIMIT = "2GiB"
CONNECT_TIMEOUT_S = 5
# Dask's worker environment without its MALLOC_TRIM_THRESHOLD_=65536: that makes glibc
# hand memory back after every decoded frame, measured at 3x the system CPU time of a
# clip (bench_batch.py). Its one-thread settings for numeric libraries stay.
WORKER_ENVIRON = {"OMP_NUM_THREADS": 1, "MKL_NUM_THREADS": 1, "OPENBLAS_NUM_THREADS": 1}


class ClusterError(Exception):
    """The Dask scheduler cannot be reached, or a local cluster cannot start."""

    exit_status = 2


@contextmanager
def dask_client(
    scheduler: str | None = None, workers: int | None = None, memory_limit: str = DEFAULT_MEMORY_LIMIT
) -> Iterator:
    """A Dask client on the scheduler at `scheduler` (tcp://HOST:8786), or on a LocalCluster
    of `workers` single-threaded processes (default: one per core), closed on exit."""
    from distributed import Client, LocalCluster

    if scheduler:
        try:
            client = Client(scheduler, timeout=CONNECT_TIMEOUT_S, set_as_default=False)
        except (OSError, TimeoutError, ValueError) as exc:
            raise ClusterError(
                f"cannot reach the Dask scheduler at {scheduler} within {CONNECT_TIMEOUT_S} s: "
                "check the address and that `dask scheduler` runs there"
            ) from exc
        with client:
            yield client
        return
    workers = workers or default_workers()
    if workers < 1:
        raise ClusterError(f"--workers must be at least 1, not {workers}")
    # Processes, not threads: MediaPipe holds the GIL for much of a frame. Spawned (Dask's
    # default), never forked from a process holding MediaPipe threads.
    try:
        with dask.config.set({"distributed.nanny.pre-spawn-environ": WORKER_ENVIRON}):
            cluster = LocalCluster(
                n_workers=workers,
                threads_per_worker=1,
                processes=True,
                memory_limit=memory_limit,
                dashboard_address=None,  # pyright: ignore[reportArgumentType]  # None = no dashboard (documented; stubs say str)
                silence_logs=logging.ERROR,
            )
    except (OSError, ValueError, TimeoutError) as exc:  # e.g. a memory limit such as "lots"
        raise ClusterError(f"could not start the local Dask cluster: {exc}") from exc
    with cluster, Client(cluster, set_as_default=False) as client:
        yield client
