"""Whole `analyze` pipeline vs the bare single-process MediaPipe loop, same 720p video.

    .venv/bin/python benchmarks/bench_pipeline.py [VIDEO] [--model full]

All are measured in this one run, alternately, best of --repeat; the claims are the
ratios of frames per second (the machine is shared and noisy).
Targets: the single-process pipeline within 10% of the bare loop; the pipeline with
one worker per core at least 1.4x the bare loop on 2 cores.
"""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path

import cv2
import mediapipe as mp
from common import DEFAULT_SAMPLE, resized_clip, timer
from mediapipe.tasks.python import BaseOptions, vision

from ces_vision.config import Settings, overlay
from ces_vision.pose.models import model_path
from ces_vision.pose.native_log import quiet_native_stderr
from ces_vision.session import analyze_file
from ces_vision.session.parallel import default_workers


def bare_loop(video: Path, model: str) -> int:
    """The simplest correct MediaPipe loop: read, convert, detect. Returns frames."""
    options = vision.PoseLandmarkerOptions(
        base_options=BaseOptions(model_asset_path=str(model_path(model))), running_mode=vision.RunningMode.VIDEO
    )
    with quiet_native_stderr():
        landmarker = vision.PoseLandmarker.create_from_options(options)
    capture = cv2.VideoCapture(str(video))
    n = 0
    while True:
        ok, bgr = capture.read()
        if not ok:
            break
        ms = int(capture.get(cv2.CAP_PROP_POS_MSEC))
        image = mp.Image(image_format=mp.ImageFormat.SRGB, data=cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB))
        landmarker.detect_for_video(image, max(ms, n))
        n += 1
    with quiet_native_stderr():
        landmarker.close()
    return n


def pipeline(video: Path, model: str, workers: int) -> int:
    settings = overlay(Settings(), {"pose": {"model": model}})
    return analyze_file(video, "front", settings, workers=workers).pose.n_frames


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("video", nargs="?", type=Path, default=DEFAULT_SAMPLE)
    parser.add_argument("--model", default="full")
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--loops", type=int, default=4, help="repeat the clip: worker start-up is a fixed cost")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        clip = resized_clip(args.video, Path(tmp) / "clip_720p.mp4", 1280, 720, args.loops)
        workers = default_workers()
        runs = {
            "bare loop": bare_loop,
            "pipeline, 1 process": lambda v, m: pipeline(v, m, 1),
            f"pipeline, {workers} processes": lambda v, m: pipeline(v, m, workers),
        }
        best = dict.fromkeys(runs, 0.0)
        for _ in range(args.repeat):
            for name, run in runs.items():
                with timer() as t:
                    frames = run(clip, args.model)
                best[name] = max(best[name], frames / t["seconds"])
    print(
        f"video: {args.video.name} x{args.loops} re-encoded at 1280x720, {frames} frames, model {args.model}, {os.cpu_count()} cores"
    )
    bare = best["bare loop"]
    for name, fps in best.items():
        print(f"  {name:24s} {fps:6.1f} frames/s   x{fps / bare:.2f} of the bare loop")


if __name__ == "__main__":
    main()
