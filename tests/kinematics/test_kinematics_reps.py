"""Rep segmentation on synthetic hip-height traces, and end to end on a squatting skeleton.

Expected boundaries come from the noise-free trace and the definition in `reps`:
start = last frame at or above -standing_leg before the bottom, end = first after it.
"""

from __future__ import annotations

import numpy as np
import pytest
from skeletons import Body, blend, build, far, near, standing_like

from ces_vision.config import RepSettings, SmoothingSettings
from ces_vision.kinematics import compute_kinematics, segment_reps
from ces_vision.types import Rep

FPS = 30.0
SETTINGS = RepSettings()  # min depth 0.10 leg, standing within 0.05, at least 0.6 s


class Trace:
    """A hip-height trace built piece by piece, remembering where each bottom is."""

    def __init__(self):
        self.parts: list[np.ndarray] = []
        self.bottoms: list[tuple[int, int]] = []  # first and last frame of each bottom

    @property
    def length(self) -> int:
        return sum(len(p) for p in self.parts)

    def stand(self, seconds: float, level: float = 0.0) -> Trace:
        self.parts.append(np.full(int(round(seconds * FPS)), level))
        return self

    def missing(self, seconds: float) -> Trace:
        self.parts.append(np.full(int(round(seconds * FPS)), np.nan))
        return self

    def _ramp(self, start: float, stop: float, seconds: float) -> np.ndarray:
        n = int(round(seconds * FPS))
        w = 0.5 * (1 - np.cos(np.pi * np.arange(1, n + 1) / n))
        return start + (stop - start) * w

    def squat(self, depth: float, down: float = 1.2, pause: float = 0.0, up: float = 1.2, top: float = 0.0) -> Trace:
        self.parts.append(self._ramp(top, -depth, down))
        first = self.length - 1
        if pause:
            self.stand(pause, -depth)
        self.bottoms.append((first, self.length - 1))
        self.parts.append(self._ramp(-depth, top, up))
        return self

    def build(self, noise: float = 0.0, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
        h = np.concatenate(self.parts)
        if noise:
            h = h + np.random.default_rng(seed).normal(0, noise, h.shape)
        return h, np.arange(h.size) / FPS


def boundaries(clean: np.ndarray, bottom: int) -> tuple[int, int]:
    """start/end by the definition, by a plain scan of the noise-free trace."""
    start = bottom
    while clean[start] < -SETTINGS.standing_leg:
        start -= 1
    end = bottom
    while clean[end] < -SETTINGS.standing_leg:
        end += 1
    return start, end


def assert_reps(reps: list[Rep], trace: Trace, clean: np.ndarray, tol: int, expected_bottoms=None):
    bottoms = trace.bottoms if expected_bottoms is None else expected_bottoms
    assert len(reps) == len(bottoms), reps
    for rep, (first, last) in zip(reps, bottoms):
        assert first - tol <= rep.bottom <= last + tol, (rep, first, last)
        start, end = boundaries(clean, (first + last) // 2)
        assert abs(rep.start - start) <= tol and abs(rep.end - end) <= tol, (rep, start, end)
        assert rep.start < rep.bottom < rep.end


def five_reps() -> Trace:
    trace = Trace().stand(1.0)
    for depth in (0.35, 0.40, 0.30, 0.45, 0.38):
        trace.squat(depth).stand(0.8)
    return trace


def test_clean_reps_are_found_with_exact_boundaries():
    trace = five_reps()
    h, t = trace.build()
    assert_reps(segment_reps(h, t, SETTINGS), trace, h, tol=1)


@pytest.mark.parametrize("seed", range(5))
def test_noisy_reps_are_found_within_a_few_frames(seed):
    trace = five_reps()
    clean, t = trace.build()
    noisy, _ = trace.build(noise=0.01, seed=seed)
    assert_reps(segment_reps(noisy, t, SETTINGS), trace, clean, tol=5)


@pytest.mark.parametrize("noise", [0.0, 0.01])
def test_a_pause_at_the_bottom_is_one_rep_with_its_bottom_in_the_pause(noise):
    trace = Trace().stand(1.0).squat(0.4, pause=2.0).stand(1.0).squat(0.4).stand(1.0)
    clean, t = trace.build()
    h, _ = trace.build(noise=noise, seed=7)
    reps = segment_reps(h, t, SETTINGS)
    assert_reps(reps, trace, clean, tol=3)
    first, last = trace.bottoms[0]
    if noise == 0.0:  # a flat bottom: the middle of the plateau
        assert abs(reps[0].bottom - (first + last) // 2) <= 1


def test_a_long_pause_at_the_top_separates_reps():
    trace = Trace().stand(3.0).squat(0.4).stand(5.0).squat(0.4).stand(3.0)
    h, t = trace.build(noise=0.01, seed=3)
    clean, _ = trace.build()
    assert_reps(segment_reps(h, t, SETTINGS), trace, clean, tol=5)


def test_a_partial_rep_is_not_a_rep():
    trace = Trace().stand(1.0).squat(0.4).stand(1.0)
    trace.squat(0.07).stand(1.0)  # does not reach the minimum depth
    trace.squat(0.4).stand(1.0)
    real = [trace.bottoms[0], trace.bottoms[2]]
    clean, t = trace.build()
    noisy, _ = trace.build(noise=0.01, seed=11)
    assert_reps(segment_reps(clean, t, SETTINGS), trace, clean, tol=1, expected_bottoms=real)
    assert_reps(segment_reps(noisy, t, SETTINGS), trace, clean, tol=5, expected_bottoms=real)


def test_a_bounce_at_the_bottom_without_standing_is_one_rep():
    trace = Trace().stand(1.0)
    trace.squat(0.45, up=0.8, top=-0.2)  # half way up only
    trace.squat(0.35, down=0.8, top=-0.2)
    trace.parts.append(np.linspace(-0.2, 0.0, 20))
    trace.stand(1.0)
    h, t = trace.build()
    reps = segment_reps(h, t, SETTINGS)
    assert len(reps) == 1
    assert trace.bottoms[0][0] - 1 <= reps[0].bottom <= trace.bottoms[0][1] + 1  # the deepest


def test_a_rep_quicker_than_the_minimum_duration_is_dropped():
    trace = Trace().stand(1.0).squat(0.4, down=0.15, up=0.15).stand(1.0).squat(0.4).stand(1.0)
    h, t = trace.build()
    reps = segment_reps(h, t, SETTINGS)
    assert len(reps) == 1 and reps[0].bottom > trace.bottoms[1][0] - 2


def test_walking_in_and_out_of_frame_and_gaps():
    trace = Trace().missing(1.0)
    trace.parts.append(np.linspace(-0.3, 0.0, 15))  # appears already half way up: no start
    trace.stand(1.0).squat(0.4).stand(1.0)  # a full rep
    trace.squat(0.4, up=0.4)  # loses the person on the way up: no end
    trace.parts[-1] = trace.parts[-1][:6]
    trace.missing(0.5).stand(1.0).squat(0.35).stand(1.0)  # back again, a full rep
    trace.parts.append(np.linspace(0.0, -0.4, 20))  # walks out while going down
    trace.missing(1.0)
    clean, t = trace.build()
    noisy, _ = trace.build(noise=0.01, seed=5)
    complete = [trace.bottoms[0], trace.bottoms[2]]
    for h, tol in ((clean, 1), (noisy, 5)):
        reps = segment_reps(h, t, SETTINGS)
        assert_reps(reps, trace, clean, tol=tol, expected_bottoms=complete)
        valid = np.isfinite(h)
        for rep in reps:
            assert valid[rep.start : rep.end + 1].all()  # a rep never spans a gap


def test_a_gap_inside_a_rep_voids_that_rep_only():
    trace = five_reps()
    h, t = trace.build()
    first, _ = trace.bottoms[2]
    h[first - 5 : first] = np.nan
    reps = segment_reps(h, t, SETTINGS)
    assert len(reps) == 4
    assert all(abs(r.bottom - first) > 20 for r in reps)


# ---- reps cut by the clip's edges (a phone clip started late or stopped early) -------


def one_rep_cut(
    start_drop: float | None, end_drop: float | None, lead: float = 0.0
) -> tuple[Trace, np.ndarray, np.ndarray]:
    """One 0.45-deep rep; the clip starts after `start_drop` of the descent (None: from
    standing, 0.5 s before it) and stops after `end_drop` of the ascent is left (None:
    standing 0.5 s after it). `lead`: seconds without a pose before the first frame."""
    trace = Trace().missing(lead).stand(0.5).squat(0.45).stand(0.5)
    clean, t = trace.build()
    keep = np.ones(clean.size, bool)
    if start_drop is not None:
        keep[int(round(lead * FPS)) :][clean[int(round(lead * FPS)) :] > -start_drop * 0.45] = False
        keep[trace.bottoms[0][0] :] = True
    if end_drop is not None:
        after = np.arange(clean.size) > trace.bottoms[0][1]
        keep[after & (clean > -end_drop * 0.45)] = False
    keep[: int(round(lead * FPS))] = True  # the frames without a pose stay in the clip
    return trace, clean[keep], t[: keep.sum()]


@pytest.mark.parametrize(
    "start_drop,end_drop,part",
    [
        (None, None, "standing to standing"),
        (0.5, None, "mid-descent to standing"),
        (None, 0.5, "standing to mid-ascent"),
    ],
)
def test_a_rep_cut_by_the_clip_edge_is_a_rep_and_says_which_part(start_drop, end_drop, part):
    _, h, t = one_rep_cut(start_drop, end_drop)
    reps = segment_reps(h, t, SETTINGS)
    assert len(reps) == 1 and reps[0].part == part
    rep = reps[0]
    assert h[rep.bottom] == h.min()
    assert rep.start == 0 if start_drop is not None else h[rep.start] >= -SETTINGS.standing_leg
    assert rep.end == h.size - 1 if end_drop is not None else h[rep.end] >= -SETTINGS.standing_leg


def test_frames_without_a_pose_before_a_late_start_are_the_clip_edge():
    # the first frames of a GIF are often blank: the rep starts at the first frame with a pose
    _, h, t = one_rep_cut(0.5, None, lead=0.1)
    reps = segment_reps(h, t, SETTINGS)
    assert len(reps) == 1 and not reps[0].starts_standing and reps[0].start == int(round(0.1 * FPS))


def test_no_descent_to_a_bottom_and_back_up_is_no_rep():
    # starts at the bottom: no descent
    _, h, t = one_rep_cut(1.01, None)
    assert segment_reps(h, t, SETTINGS) == []
    # cut on both sides: no standing frame for a baseline
    trace = Trace().squat(0.45, top=-0.3)
    h, t = trace.build()
    assert segment_reps(h, t, SETTINGS) == []
    # a cut side must still show min_depth_leg of movement above the bottom
    _, h, t = one_rep_cut(0.9, None)  # starts 0.045 leg above the bottom
    assert segment_reps(h, t, SETTINGS) == []


def test_a_gap_is_not_a_clip_edge():
    # the person is lost on the way up and comes back: that rep is void, as before
    trace = Trace().stand(0.5).squat(0.45).stand(0.5).squat(0.45)
    h, t = trace.build()
    h[trace.bottoms[1][1] + 10 : trace.bottoms[1][1] + 20] = np.nan
    h = np.concatenate([h, np.zeros(15)])
    t = np.arange(h.size) / FPS
    reps = segment_reps(h, t, SETTINGS)
    assert [r.part for r in reps] == ["standing to standing"]


def test_empty_and_all_missing_traces_have_no_reps():
    assert segment_reps(np.zeros(0), np.zeros(0), SETTINGS) == []
    assert segment_reps(np.full(100, np.nan), np.arange(100) / FPS, SETTINGS) == []
    assert segment_reps(np.zeros(100), np.arange(100) / FPS, SETTINGS) == []


# ---- end to end: hip_height from a squatting skeleton ------------------------------

SQUAT = Body(shin=35.0, thigh=70.0, trunk=40.0, knee_valgus=(6.0, 4.0), foot_turn_out=(8.0, 8.0))


def squatting_clip(n_reps=5, missing_s=1.0):
    """Stand, n slow reps (2 s each) with 1 s standing between, NaN when not in frame."""
    stand = standing_like(SQUAT)
    weights = [np.zeros(int(1.5 * FPS))]
    for _ in range(n_reps):
        weights += [0.5 * (1 - np.cos(np.linspace(0, 2 * np.pi, int(2 * FPS)))), np.zeros(int(FPS))]
    weight = np.concatenate(weights)
    world = np.stack([build(blend(stand, SQUAT, w)) for w in weight])
    gap = np.full((int(missing_s * FPS), 33, 3), np.nan)
    world = np.concatenate([gap, world, gap])
    bottoms = int(missing_s * FPS) + int(1.5 * FPS) + FPS + np.arange(n_reps) * 3 * FPS
    return world, np.arange(len(world)) / FPS, bottoms.astype(int)


@pytest.mark.parametrize("view, camera", [("front", far("front")), ("back", near("back")), ("side", near("side_left"))])
def test_reps_end_to_end_with_the_person_walking_in_and_out(view, camera):
    world, t, bottoms = squatting_clip()
    px = camera.project(world)
    px += np.random.default_rng(0).normal(0, 1.5, px.shape)  # pixel jitter
    kin = compute_kinematics(px, t, view, SmoothingSettings(), SETTINGS)
    assert [abs(r.bottom - b) <= 3 for r, b in zip(kin.reps, bottoms)] == [True] * 5
    assert len(kin.reps) == 5
    height = kin["hip_height"].value
    assert np.isnan(height[:30]).all() and np.isnan(height[-30:]).all()
    # the standing reference comes from the valid frames only: standing reads ~0
    assert np.nanmedian(height[kin.standing]) == pytest.approx(0.0, abs=0.02)
    assert not kin.standing[:30].any()
    assert height[bottoms].max() < -0.25


def test_hip_height_ignores_missing_frames():
    world, t, _ = squatting_clip(n_reps=2, missing_s=0.0)
    padded_world = np.concatenate([np.full((40, 33, 3), np.nan), world, np.full((40, 33, 3), np.nan)])
    padded_t = np.arange(len(padded_world)) / FPS
    plain = compute_kinematics(far("front").project(world), t, "front", SmoothingSettings(), SETTINGS)
    padded = compute_kinematics(far("front").project(padded_world), padded_t, "front", SmoothingSettings(), SETTINGS)
    np.testing.assert_allclose(padded["hip_height"].value[40:-40], plain["hip_height"].value, atol=1e-9)
    assert [(r.start + 40, r.bottom + 40, r.end + 40) for r in plain.reps] == [
        (r.start, r.bottom, r.end) for r in padded.reps
    ]
