"""The annotated H.264 video: skeleton, live angle readouts, rep counter, flagged reps.

Frames are decoded, drawn on and encoded one at a time, so memory does not grow with the
length of the clip. The output has exactly the frames of the source and is written to a
temporary file renamed into place when complete.
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction
from pathlib import Path

import av
import numpy as np

from ..capture import FileSource
from ..landmarks import Landmark
from ..screening import compensation_name
from . import overlay
from .files import atomic_path
from .frames import FrameData, flagged_reps
from .wording import READOUTS

# Joints ringed in red during a flagged rep, by compensation.
HIGHLIGHT = {
    "feet_turn_out": (Landmark.LEFT_FOOT_INDEX, Landmark.RIGHT_FOOT_INDEX),
    "knees_move_in": (Landmark.LEFT_KNEE, Landmark.RIGHT_KNEE),
    "knees_move_out": (Landmark.LEFT_KNEE, Landmark.RIGHT_KNEE),
    "excessive_forward_lean": (Landmark.LEFT_SHOULDER, Landmark.RIGHT_SHOULDER),
    "low_back_arches": (Landmark.LEFT_HIP, Landmark.RIGHT_HIP),
    "low_back_rounds": (Landmark.LEFT_HIP, Landmark.RIGHT_HIP),
    "arms_fall_forward": (Landmark.LEFT_ELBOW, Landmark.RIGHT_ELBOW),
    "feet_flatten": (Landmark.LEFT_ANKLE, Landmark.RIGHT_ANKLE),
    "heels_rise": (Landmark.LEFT_HEEL, Landmark.RIGHT_HEEL),
    "asymmetric_weight_shift": (Landmark.LEFT_HIP, Landmark.RIGHT_HIP),
}


def highlight_joints(compensation: str, side: str | None) -> tuple[int, ...]:
    joints = HIGHLIGHT.get(compensation, ())
    if side == "left":
        return joints[:1]
    if side == "right":
        return joints[1:]
    return joints


def rep_flags(analysis: dict) -> dict[int, list[dict]]:
    """0-based rep index -> the findings flagged in that rep."""
    flags: dict[int, list[dict]] = {}
    for finding in analysis.get("findings", []):
        for rep in flagged_reps(analysis, finding):
            flags.setdefault(rep, []).append(finding)
    return flags


def annotate_frame(image: np.ndarray, index: int, analysis: dict, frame_data: FrameData | None, flags) -> None:
    """Draw everything for frame `index` onto `image` (RGB, in place)."""
    view = analysis.get("view", "front")
    reps = analysis.get("reps", [])
    current = next((i for i, r in enumerate(reps) if r["start"] <= index <= r["end"]), None)
    flagged = flags.get(current, []) if current is not None else []
    lines: list[tuple[str, tuple[int, int, int]]] = []
    if frame_data is not None and index < frame_data.n_frames:
        points = frame_data.pixels[index]
        highlight = tuple(j for f in flagged for j in highlight_joints(f["compensation"], f.get("side")))
        overlay.draw_skeleton(image, points, highlight)
        readings = frame_data.readings(index, view)
        overlay.draw_angle_labels(image, points, {k: v for k, v in list(readings.items())[:2]})
        for metric, label in READOUTS.get(view, ()):
            if metric in readings:
                unit, left, right, value = readings[metric]
                lines.append((f"{label}: {_reading(unit, left, right, value)}", overlay.TEXT_COLOUR))
    done = sum(1 for r in reps if r["end"] < index)
    rep_text = f"Rep {current + 1} of {len(reps)}" if current is not None else f"Reps done: {done} of {len(reps)}"
    lines.insert(0, (rep_text, overlay.FLAG_COLOUR if flagged else overlay.TEXT_COLOUR))
    overlay.draw_panel(image, lines)
    overlay.draw_legend(image)
    if flagged:
        names = ", ".join(dict.fromkeys(compensation_name(f["compensation"]) for f in flagged))
        overlay.draw_flag_border(image, f"Flagged: {names}")


def _reading(unit: str, left: float, right: float, value: float) -> str:
    def one(v: float) -> str:
        if not np.isfinite(v):
            return "--"
        return f"{v:.0f} deg" if unit == "deg" else f"{v:.2f}"

    if np.isfinite(left) or np.isfinite(right):
        return f"L {one(left)}  R {one(right)}"
    return one(value)


def write_annotated_video(
    video: str | Path,
    analysis: dict,
    frame_data: FrameData | None,
    out: str | Path,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Write `video` with the overlays as H.264 mp4 at `out`; return the number of frames written."""
    out = Path(out)
    with FileSource(video) as source, atomic_path(out) as tmp:
        info = source.info
        rate = Fraction(info.fps).limit_denominator(1001) if info.fps > 0 else Fraction(30)
        flags = rep_flags(analysis)
        written = 0
        with av.open(str(tmp), "w", format="mp4") as container:
            stream = container.add_stream("h264", rate=rate)
            stream.width, stream.height = info.width - info.width % 2, info.height - info.height % 2
            stream.pix_fmt = "yuv420p"
            stream.options = {"crf": "20", "preset": "veryfast"}
            for frame in source.frames():
                image = np.ascontiguousarray(frame.image[: stream.height, : stream.width])
                annotate_frame(image, frame.index, analysis, frame_data, flags)
                encoded = av.VideoFrame.from_ndarray(image, format="rgb24")
                encoded.pts = written
                encoded.time_base = 1 / rate
                for packet in stream.encode(encoded):
                    container.mux(packet)
                written += 1
                if progress is not None:
                    progress(written, info.frame_count)
            for packet in stream.encode():
                container.mux(packet)
    return written
