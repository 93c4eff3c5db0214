"""Fixtures for the report tests: a short real video and report inputs built on it."""

from __future__ import annotations

from datetime import date

import pytest
from report_inputs import HEIGHT, N_FRAMES, WIDTH, synthetic_analysis, synthetic_kinematics, synthetic_pixels
from videos import marked_frames, write_video

from ces_vision.reports import ClipInput, FrameData, ReportInput


@pytest.fixture(scope="session")
def test_video(tmp_path_factory):
    return write_video(tmp_path_factory.mktemp("video") / "clip.mp4", marked_frames(N_FRAMES, WIDTH, HEIGHT))


@pytest.fixture
def analysis_json(test_video) -> dict:
    return synthetic_analysis(str(test_video))


@pytest.fixture
def frame_data() -> FrameData:
    return FrameData(pixels=synthetic_pixels(), kinematics=synthetic_kinematics())


@pytest.fixture
def make_report(analysis_json, frame_data, test_video):
    def make(**changes) -> ReportInput:
        values = dict(
            client_name="Ana Souza",
            screened_on=date(2026, 3, 12),
            clips=(ClipInput(analysis_json, test_video, frame_data),),
            score=80.0,
        )
        values.update(changes)
        return ReportInput(**values)

    return make
