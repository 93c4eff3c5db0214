"""Fixtures for the report tests: a short real video and report inputs built on it."""

from __future__ import annotations

from datetime import date

import pytest
from report_inputs import HEIGHT, N_FRAMES, WIDTH, synthetic_analysis, synthetic_kinematics, synthetic_pixels
from report_text import pdf_text
from videos import marked_frames, write_video

from ces_vision.reports import ClipInput, FrameData, ReportInput, render_pdf


@pytest.fixture(scope="session")
def test_video(tmp_path_factory):
    return write_video(tmp_path_factory.mktemp("video") / "clip.mp4", marked_frames(N_FRAMES, WIDTH, HEIGHT))


@pytest.fixture
def analysis_json(test_video) -> dict:
    return synthetic_analysis(str(test_video))


@pytest.fixture
def frame_data() -> FrameData:
    return FrameData(pixels=synthetic_pixels(), kinematics=synthetic_kinematics())


def report_input(analysis: dict, frame_data: FrameData, video, **changes) -> ReportInput:
    """Ana's report of one front clip; keyword arguments replace its fields."""
    values = dict(
        client_name="Ana Souza",
        screened_on=date(2026, 3, 12),
        clips=(ClipInput(analysis, video, frame_data),),
        score=80.0,
    )
    values.update(changes)
    return ReportInput(**values)


@pytest.fixture
def make_report(analysis_json, frame_data, test_video):
    def make(**changes) -> ReportInput:
        return report_input(analysis_json, frame_data, test_video, **changes)

    return make


@pytest.fixture(scope="module")
def default_report_text(test_video) -> dict[bool, str]:
    """The text of the unchanged report, client copy (False) and coach copy (True), rendered once
    from inputs of its own for the tests that only read it: a render is 0.3 s of CPU."""
    report = report_input(
        synthetic_analysis(str(test_video)), FrameData(synthetic_pixels(), synthetic_kinematics()), test_video
    )
    return {coach: pdf_text(render_pdf(report, coach=coach)) for coach in (False, True)}
