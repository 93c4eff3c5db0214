"""Peak memory of `analyze` against video length: it must stay flat (streaming).

    .venv/bin/python benchmarks/bench_memory.py [VIDEO] [--loops 1 2 4] [--size 1920x1080]

Builds 1080p clips by looping a sample, analyzes each in a fresh process (so peaks
do not mix), prints peak RSS per length, the slope in MB per minute of video and
the extrapolation to a 10-minute clip.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
from common import DEFAULT_SAMPLE, resized_clip

_CHILD = """
import json, resource, sys
from ces_vision.config import Settings, overlay
from ces_vision.session import analyze_file
a = analyze_file(sys.argv[1], "side", overlay(Settings(), {"pose": {"model": sys.argv[2]}}))
print(json.dumps({"frames": a.pose.n_frames, "seconds": float(a.pose.timestamps_s[-1]),
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("video", nargs="?", type=Path, default=DEFAULT_SAMPLE)
    parser.add_argument("--loops", type=int, nargs="+", default=[1, 2, 4])
    parser.add_argument("--size", default="1920x1080")
    parser.add_argument("--model", default="lite")
    args = parser.parse_args()
    width, height = map(int, args.size.split("x"))
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for loops in args.loops:
            clip = resized_clip(args.video, Path(tmp) / f"loop{loops}.mp4", width, height, loops)
            out = subprocess.run([sys.executable, "-c", _CHILD, str(clip), args.model], capture_output=True, text=True)
            if out.returncode:
                sys.exit(out.stderr)
            rows.append(json.loads(out.stdout.strip().splitlines()[-1]))
    print(f"{args.video.name} looped, {width}x{height}, model {args.model}, one fresh process per clip")
    for loops, row in zip(args.loops, rows):
        print(
            f"  {loops}x: {row['frames']:6d} frames ({row['seconds']:6.1f} s of video)  peak RSS {row['peak_mb']:7.1f} MB"
        )
    minutes = np.array([r["seconds"] / 60 for r in rows])
    peaks = np.array([r["peak_mb"] for r in rows])
    slope, intercept = np.polyfit(minutes, peaks, 1)
    print(f"  slope: {slope:.1f} MB per minute of video; extrapolated 10-minute clip: {intercept + 10 * slope:.0f} MB")


if __name__ == "__main__":
    main()
