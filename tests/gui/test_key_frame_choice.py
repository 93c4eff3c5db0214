"""The app's key frames and the PDF's stills show the same rep of a finding."""

from __future__ import annotations

from types import SimpleNamespace

from screening.synthetic_kin import make_kin, ramp

from ces_vision.gui.review.key_frames import key_frames
from ces_vision.reports import key_rep
from ces_vision.screening import CheckpointResult, ClipScreen, RepEvidence


def _clip(evidence: list[tuple[int, bool, float]]) -> SimpleNamespace:
    """A front clip whose weight-shift line (a magnitude rule: signed values) has this evidence."""
    kin = make_kin("front", {"hip_shift": ramp(0.3)}, n_reps=len(evidence))
    line = CheckpointResult(
        "asymmetric_weight_shift",
        "ohsa",
        "front",
        "standard",
        "seen",
        side="right",
        value=0.3,
        threshold=0.2,
        metric="hip_shift",
        reps_flagged=sum(f for _, f, _ in evidence),
        reps_total=len(evidence),
        evidence=tuple(
            RepEvidence(rep, True, flagged, value, ("right",) if flagged else ()) for rep, flagged, value in evidence
        ),
    )
    screen = ClipScreen("front", "ohsa", None, None, len(kin.reps), (line,))
    return SimpleNamespace(screen=screen, kinematics=kin)


def _pdf_rep(clip) -> int:
    analysis = {**clip.screen.to_json(), "reps": [{"start": r.start} for r in clip.kinematics.reps]}
    return key_rep(analysis, clip.screen.checklist[0].to_dict())


def test_app_and_pdf_choose_the_same_rep_for_a_shift_to_the_right():
    # the shift to the right is signed negative: the largest in size is rep 1, not rep 2
    clip = _clip([(1, True, -0.35), (2, True, 0.25), (3, False, 0.05)])
    (frame,) = key_frames(clip)
    assert _pdf_rep(clip) == 0
    assert frame.label.endswith("rep 1")
    rep = clip.kinematics.reps[0]
    assert rep.start <= frame.frame <= rep.end


def test_app_and_pdf_agree_on_a_tie():
    clip = _clip([(1, True, 0.3), (2, False, 0.1), (3, True, 0.3)])
    (frame,) = key_frames(clip)
    assert frame.label.endswith(f"rep {_pdf_rep(clip) + 1}")
