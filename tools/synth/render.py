"""Render one scenario: pose the body over the depth curve, render every frame, encode
the video and write the ground truth beside it."""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np

from .body import PosedBody, describe
from .motion import depth_curve
from .pose import PoseSolver, to_local
from .scenario import Scenario
from .scene import SceneRenderer, make_camera
from .truth import true_metrics, truth_json, write_truth
from .video import H264Writer, PhoneCamera

_BODIES: dict[tuple, PosedBody] = {}


def _body(scenario: Scenario) -> PosedBody:
    key = tuple(sorted(scenario.body.phenotype().items()))
    if key not in _BODIES:
        _BODIES[key] = PosedBody(scenario.body)
    body = _BODIES[key]
    body.body = scenario.body
    return body


def render_scenario(
    scenario: Scenario,
    out_dir: Path,
    crf: int = 28,
    preview_frames: tuple[int, ...] = (),
    video: bool = True,
    log=print,
) -> Path:
    """Write OUT/NAME.mp4, NAME.truth.json, NAME.truth.npz; return the video path.

    video=False rewrites only the truth files (the motion is deterministic, so they match
    a video rendered earlier from the same scenario).
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    started = time.time()
    body = _body(scenario)
    depth, reps = depth_curve(scenario.motion)
    solver = PoseSolver(body.skeleton, scenario)
    local, root_t = [], []
    for s in depth:
        G, t = solver.solve(float(s))
        local.append(to_local(G, body.parents))
        root_t.append(t - [0.0, 0.0, body.skeleton.floor_z])  # floor at z = 0
    vertices, keypoints_world = body.pose(local, np.array(root_t))

    feet = keypoints_world[0, [27, 28, 29, 30]]
    subject_xy = np.array([0.0, float(np.mean(feet[:, 1])) + 0.05])
    camera = make_camera(scenario.camera, subject_xy)
    keypoints_px = camera.project(keypoints_world)

    fps = scenario.motion.fps
    stem = out_dir / scenario.name
    if video:
        _render_video(scenario, camera, body, vertices, stem, crf, preview_frames, subject_xy)

    timestamps = np.arange(len(depth)) / fps
    arrays = {
        "keypoints_px": keypoints_px.astype(np.float64),
        "keypoints_world": keypoints_world.astype(np.float64),
        "timestamps_s": timestamps,
        "depth": depth,
        "camera_K": camera.K,
        "camera_R": camera.R,
        "camera_t": camera.t,
    }
    arrays.update(true_metrics(keypoints_px, timestamps, scenario.camera.view, scenario.motion.movement))
    write_truth(stem, truth_json(scenario, fps, len(depth), reps, describe(body)), arrays)
    log(f"{scenario.name}: {len(depth)} frames in {time.time() - started:.0f} s -> {stem}.mp4")
    return Path(f"{stem}.mp4")


def _render_video(scenario, camera, body, vertices, stem, crf, preview_frames, subject_xy) -> None:
    renderer = SceneRenderer(
        camera, scenario.camera, scenario.lighting, body.faces, body.vertex_colours(scenario.lighting.seed), subject_xy
    )
    degrade = PhoneCamera(scenario.video, scenario.lighting.seed)
    writer = H264Writer(f"{stem}.mp4", camera.width, camera.height, scenario.motion.fps, scenario.video.crf or crf)
    try:
        for i, v in enumerate(vertices):
            rgb = degrade(renderer.render(v))
            writer.write(rgb)
            if i in preview_frames:
                from PIL import Image

                Image.fromarray(rgb).save(f"{stem}.frame{i:04d}.png")
    finally:
        writer.close()
        renderer.close()
