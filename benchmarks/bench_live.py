"""Live mode with a fake 30 fps camera: display fps, inference fps, drops, recording.

    .venv/bin/python benchmarks/bench_live.py [VIDEO] [--seconds 15] [--model lite]

A sample clip is played as a camera at its own frame rate (capture.PacedFileSource)
through the real LiveSession: capture thread -> recorder (every frame) and one-slot
inference queue -> MediaPipe. A 60 Hz loop stands in for the GUI timer and counts how
many distinct frames it could show. The recording is decoded afterwards to check that
no frame was lost. Numbers are ratios to the camera rate, measured in this one run.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import cv2
from common import DEFAULT_SAMPLE

from ces_vision.capture import PacedFileSource
from ces_vision.config import Settings, overlay
from ces_vision.pose import video_backend
from ces_vision.session.live import LiveSession


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("video", nargs="?", type=Path, default=DEFAULT_SAMPLE)
    parser.add_argument("--seconds", type=float, default=15.0)
    parser.add_argument("--model", default="lite")
    args = parser.parse_args()
    settings = overlay(Settings(), {"pose": {"model": args.model}})
    session = LiveSession(PacedFileSource(args.video), video_backend(settings.pose), settings.reps)
    shown, last_index = 0, -1
    with tempfile.TemporaryDirectory() as tmp:
        recording = Path(tmp) / "live.mp4"
        session.start()
        while session.snapshot().frame is None:
            time.sleep(0.01)
        session.start_recording(recording)
        start = time.monotonic()
        first = session.snapshot()
        while time.monotonic() - start < args.seconds:
            snap = session.snapshot()
            if snap.frame is not None and snap.frame.index != last_index:
                shown, last_index = shown + 1, snap.frame.index
            time.sleep(1 / 60)
        last = session.snapshot()
        result = session.close()
        elapsed = time.monotonic() - start
        capture = cv2.VideoCapture(str(result.path))
        decoded = 0
        while capture.read()[0]:
            decoded += 1
    captured = last.captured - first.captured
    inferred = last.inferred - first.inferred
    dropped = last.dropped - first.dropped
    camera = captured / elapsed
    print(f"fake camera {args.video.name} at {session.info.fps:.0f} fps, {elapsed:.1f} s, model {args.model}")
    print(f"  camera  {camera:5.1f} frames/s")
    print(f"  display {shown / elapsed:5.1f} frames/s   x{shown / max(captured, 1):.2f} of the camera")
    print(
        f"  pose    {inferred / elapsed:5.1f} frames/s   x{inferred / max(captured, 1):.2f} of the camera; "
        f"{dropped} stale frames dropped for pose ({dropped / max(captured, 1):.0%})"
    )
    print(
        f"  recording: {result.frames} frames written, {decoded} decoded "
        f"({'every frame kept' if decoded == result.frames else 'FRAMES LOST'})"
    )


if __name__ == "__main__":
    main()
