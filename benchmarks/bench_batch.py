"""Batch wall time on Dask: 1 worker vs one per core, and Dask vs a plain process pool.

    .venv/bin/python benchmarks/bench_batch.py [--clips 8] [--model full] [--workers N]

Runs, in this one process and one after the other, a batch of --clips sample clips
(fresh results folder each time, so nothing is skipped or cached):
  dask-1   `run_batch` on a LocalCluster of 1 worker
  dask-N   `run_batch` on a LocalCluster of N workers (default: one per core)
  pool-N   the same clip task on a ProcessPoolExecutor of N spawned processes, results
           written by this process as `run_batch` does (the pool `batch` used before Dask)
Times include starting the cluster or pool, as a user running `batch` waits for it.
CPU seconds (this process and its finished children: the workers) are printed too: on a
shared, loaded machine wall time mostly measures the neighbours, CPU time the work.
Targets: dask-N / dask-1 speed-up >= 1.7x on 2 cores; dask-N within 5% of pool-N.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import resource
import shutil
import tempfile
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path

from common import ROOT, timer

from ces_vision.config import Settings, overlay
from ces_vision.session.batch import analyze_clip, find_videos, run_batch, view_from_name, write_results
from ces_vision.session.cluster import dask_client
from ces_vision.session.parallel import default_workers


def dask_batch(folder: Path, out: Path, settings: Settings, workers: int) -> list:
    with dask_client(workers=workers) as client:
        return run_batch(folder, out, settings, client)


def pool_batch(folder: Path, out: Path, settings: Settings, workers: int) -> list:
    out.mkdir(parents=True)
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(workers, mp_context=context) as pool:
        futures = {pool.submit(analyze_clip, v, view_from_name(v, "front"), settings): v for v in find_videos(folder)}
        return [
            write_results(futures[f], view_from_name(futures[f], "front"), f.result(), out, settings)
            for f in as_completed(futures)
        ]


def cpu_seconds() -> float:
    """CPU time of this process and of its children that have ended (the workers, once closed)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clips", type=int, default=8)
    parser.add_argument("--model", default="full")
    parser.add_argument("--workers", type=int, default=default_workers())
    args = parser.parse_args()
    settings = overlay(Settings(), {"pose": {"model": args.model}})
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "clips"
        folder.mkdir()
        for video in sorted((ROOT / "sample_videos").glob("*.mp4"))[: args.clips]:
            shutil.copy(video, folder / video.name)
        n = len(find_videos(folder))
        runs = {}
        for name, run, workers in (
            ("dask-1", dask_batch, 1),
            (f"dask-{args.workers}", dask_batch, args.workers),
            (f"pool-{args.workers}", pool_batch, args.workers),
        ):
            cpu = cpu_seconds()
            with timer() as took:
                items = run(folder, Path(tmp) / f"out-{name}", settings, workers)
            cpu = cpu_seconds() - cpu
            assert sum(i.status == "done" for i in items) == n, [i.message for i in items if i.status != "done"]
            runs[name] = took["seconds"]
            print(
                f"{name:8s} {n} clips in {took['seconds']:6.1f} s wall, {cpu:6.1f} s CPU "
                f"({3600 * n / cpu:4.0f} clips per CPU-hour), load average {os.getloadavg()[0]:.1f}"
            )
    dask_n, pool_n = runs[f"dask-{args.workers}"], runs[f"pool-{args.workers}"]
    print(f"speed-up dask-{args.workers} vs dask-1: {runs['dask-1'] / dask_n:.2f}x (target >= 1.7x on 2 cores)")
    print(f"dask-{args.workers} vs pool-{args.workers}: {100 * (dask_n / pool_n - 1):+.1f}% (target <= +5%)")


if __name__ == "__main__":
    main()
