"""The shipped sample videos: each decodes with OpenCV to the frame count its truth
states, and its truth files hold what the schema promises."""

import json
from pathlib import Path

import numpy as np
import pytest

from tools.synth.scenario import COMPENSATIONS

SAMPLES = Path(__file__).resolve().parents[2] / "sample_videos"
TRUTHS = sorted(SAMPLES.glob("*.truth.json"))


def _video(truth: Path) -> Path:
    return truth.with_name(truth.name.replace(".truth.json", ".mp4"))


def test_every_video_has_its_truth():
    videos = sorted(SAMPLES.glob("*.mp4"))
    assert videos, "no sample videos"
    assert {v.stem for v in videos} == {t.name.replace(".truth.json", "") for t in TRUTHS}


@pytest.mark.parametrize("truth", TRUTHS, ids=lambda p: p.name.split(".")[0])
def test_truth_matches_video(truth):
    cv2 = pytest.importorskip("cv2")
    info = json.loads(truth.read_text())
    arrays = np.load(truth.with_name(truth.name.replace(".json", ".npz")))
    assert info["schema_version"] == 1
    assert info["view"] in ("front", "side", "back")
    for item in info["injected"]:
        assert item["compensation"] in COMPENSATIONS
        assert item["side"] in ("left", "right", "both", None)
    assert set(info["expected_findings"]) <= set(COMPENSATIONS)
    t = info["frame_count"]
    assert arrays["keypoints_px"].shape == (t, 33, 2)
    assert arrays["keypoints_world"].shape == (t, 33, 3)
    for rep in info["reps"]:
        assert 0 <= rep["start"] < rep["bottom"] < rep["end"] < t

    capture = cv2.VideoCapture(str(_video(truth)))
    frames = 0
    while capture.grab():
        frames += 1
    assert capture.get(cv2.CAP_PROP_FRAME_WIDTH) == info["width"]
    assert capture.get(cv2.CAP_PROP_FRAME_HEIGHT) == info["height"]
    assert frames == t
    px = arrays["keypoints_px"]
    inside = (px[..., 0] >= 0) & (px[..., 0] < info["width"]) & (px[..., 1] >= 0) & (px[..., 1] < info["height"])
    assert inside[:, 11:].all()  # the whole body from the shoulders down is in the frame
