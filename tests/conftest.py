import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "sample_videos"
sys.path.insert(0, str(Path(__file__).parent))  # test helper modules


@pytest.fixture(scope="session")
def samples_dir() -> Path:
    return SAMPLES
