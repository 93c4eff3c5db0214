"""Ground-truth files written beside each video: NAME.truth.json and NAME.truth.npz.

The npz holds the exact image projection of the true body points in BlazePose's
33-landmark layout (odd = subject's LEFT), so the pose backend and the kinematics can be
scored against it. `true_metrics` runs the product's own kinematics on those exact
points, giving per-frame true values of every metric.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

from .motion import RepFrames
from .scenario import Scenario

SCHEMA_VERSION = 1
_SRC = Path(__file__).resolve().parents[2] / "src"


def truth_json(scenario: Scenario, fps: int, frame_count: int, reps: list[RepFrames], body_facts: dict) -> dict:
    injected = [
        {"compensation": c.id, "side": c.side, "size": c.size, "unit": c.unit}
        for c in scenario.compensations
        if c.size != 0
    ]
    return {
        "schema_version": SCHEMA_VERSION,
        "scenario": scenario.to_dict(),
        "view": scenario.camera.view,
        "side_shown": scenario.camera.side_shown if scenario.camera.view == "side" else None,
        "fps": fps,
        "width": scenario.camera.width,
        "height": scenario.camera.height,
        "frame_count": frame_count,
        "injected": injected,
        "expected_findings": scenario.expected_findings(),
        "movement": scenario.motion.movement,
        "reps": [{"start": r.start, "bottom": r.bottom, "end": r.end} for r in reps],
        "body": body_facts,
        "conventions": {
            "keypoints_px": "continuous pixels, (0,0) = top-left image corner, x right, y down",
            "keypoints_world": "metres; +X subject's left, -Y subject's front, +Z up; floor z = 0",
            "landmarks": "BlazePose 33; joint centres for shoulders/elbows/wrists/hand knuckles/hips/knees/ankles; "
            "surface points for nose, eyes, ears, mouth, heels, foot index (toe tip); eye corners and mouth "
            "corners are approximate surface vertices",
            "compensation_size": "full size at the bottom of each rep, scaled by squat depth (0 standing); "
            "push / pull: full size at the turn of each rep (arms out / hands in), 0 at the start position",
        },
    }


def true_metrics(
    keypoints_px: np.ndarray, timestamps_s: np.ndarray, view: str, movement: str = "squat"
) -> dict[str, np.ndarray]:
    """Per-frame metrics of the product's kinematics (default settings) on the exact points.

    Returns {} when `ces_vision.kinematics.compute` is not there yet. Keys are
    `metric__<name>__left|right|value`.
    """
    if str(_SRC) not in sys.path:
        sys.path.insert(0, str(_SRC))
    try:
        from ces_vision.config import RepSettings, SmoothingSettings
        from ces_vision.kinematics.compute import compute_kinematics
    except ImportError:
        return {}
    kin = compute_kinematics(keypoints_px, timestamps_s, view, SmoothingSettings(), RepSettings(), movement=movement)
    arrays = {}
    for name, series in kin.series.items():
        for part in ("left", "right", "value"):
            arrays[f"metric__{name}__{part}"] = np.asarray(getattr(series, part), dtype=float)
    return arrays


def write_truth(stem: Path, info: dict, arrays: dict[str, np.ndarray]) -> None:
    Path(f"{stem}.truth.json").write_text(json.dumps(info, indent=2) + "\n")
    np.savez_compressed(Path(f"{stem}.truth.npz"), **arrays)


def markdown_table(folder: Path) -> str:
    """A table of every clip in `folder`: file, size, view, body, reps, injected, expected."""
    rows = [
        "| file | MB | view | body | reps | frames | injected compensations | expected findings |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for path in sorted(Path(folder).glob("*.truth.json")):
        info = json.loads(path.read_text())
        video = path.with_name(path.name.replace(".truth.json", ".mp4"))
        view = info["view"] + (f" ({info['side_shown']} side)" if info.get("side_shown") else "")
        if info.get("movement", "squat") != "squat":
            view = f"{info['movement']}, {view}"
        body = info["scenario"]["body"]["name"]
        injected = (
            ", ".join(
                f"{c['compensation']} {c['size']:g} {c['unit'].split('_')[0]}"
                + (f" ({c['side']})" if c["side"] else "")
                for c in info["injected"]
            )
            or "none (clean)"
        )
        expected = ", ".join(info["expected_findings"]) or "none"
        size_mb = video.stat().st_size / 1e6 if video.exists() else float("nan")
        rows.append(
            f"| {video.name} | {size_mb:.2f} | {view} | {body} ({info['body']['height_m']:.2f} m) | "
            f"{len(info['reps'])} | {info['frame_count']} | {injected} | {expected} |"
        )
    return "\n".join(rows)
