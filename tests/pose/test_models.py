import shutil

import pytest

from ces_vision.pose import ModelError, model_path
from ces_vision.pose.models import models_dir


@pytest.mark.parametrize("name", ["lite", "full", "heavy"])
def test_bundled_models_are_found_and_verified(name):
    path = model_path(name)
    assert path.name == f"pose_landmarker_{name}.task" and path.stat().st_size > 1_000_000


def test_unknown_model_name():
    with pytest.raises(ModelError, match="unknown pose model 'huge'"):
        model_path("huge")


def test_missing_bundle_names_the_file(tmp_path, monkeypatch):
    shutil.copy(models_dir() / "checksums.json", tmp_path)
    monkeypatch.setenv("CES_VISION_MODELS", str(tmp_path))
    with pytest.raises(ModelError, match="pose_landmarker_lite.task"):
        model_path("lite")


def test_damaged_bundle_is_refused(tmp_path, monkeypatch):
    shutil.copy(models_dir() / "checksums.json", tmp_path)
    data = bytearray((models_dir() / "pose_landmarker_lite.task").read_bytes())
    data[5000] ^= 0xFF
    (tmp_path / "pose_landmarker_lite.task").write_bytes(bytes(data))
    monkeypatch.setenv("CES_VISION_MODELS", str(tmp_path))
    with pytest.raises(ModelError, match="damaged"):
        model_path("lite")
