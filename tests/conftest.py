import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "sample_videos"
sys.path.insert(0, str(Path(__file__).parent))  # test helper modules
# benchmarks/evaluation.py and scores.py compare an analysis with a rendered clip's ground
# truth: measuring tools shared with benchmarks/accuracy.py, not part of the product package.
sys.path.insert(0, str(ROOT / "benchmarks"))


@pytest.fixture(scope="session")
def samples_dir() -> Path:
    return SAMPLES


@pytest.fixture(scope="session", autouse=True)
def user_data_folder(tmp_path_factory) -> Path:
    """The user's data folder (database, settings, log file) of every test is a temporary
    one: a test never writes to, or reads, the real one of whoever runs the suite."""
    folder = tmp_path_factory.mktemp("xdg_data")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_DATA_HOME", str(folder))
        yield folder / "ces-vision"
