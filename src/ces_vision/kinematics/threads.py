"""Run independent pieces of numpy/scipy work on every core with threads.

Large array operations release the GIL (numpy copies, scipy's filters), so threads give
real parallelism for them without the cost of processes. Small inputs run inline:
starting threads would take longer than the work.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

T = TypeVar("T")

MIN_PARALLEL_SAMPLES = 200_000  # below this many array elements, threads do not pay


def run_split(work: Callable[[Sequence[T]], None], items: Sequence[T], n_samples: int) -> None:
    """Call `work` on interleaved shares of `items`, one share per core, in threads when
    the work spans at least MIN_PARALLEL_SAMPLES array elements (else inline)."""
    workers = 1 if n_samples < MIN_PARALLEL_SAMPLES else max(1, min(os.cpu_count() or 1, len(items)))
    if workers <= 1:
        work(items)
        return
    with ThreadPoolExecutor(workers, thread_name_prefix="kinematics") as pool:
        list(pool.map(work, [items[i::workers] for i in range(workers)]))
