import numpy as np

from ces_vision.pose.tracking import PersonTracker


def person(cx: float, scale: float) -> np.ndarray:
    rng = np.random.default_rng(0)
    pts = rng.uniform(-0.5, 0.5, size=(33, 3)) * scale
    pts[:, 0] += cx
    pts[:, 1] += 0.5
    return pts


def test_follows_the_largest_person_first_then_the_nearest():
    tracker = PersonTracker()
    client, bystander = person(0.3, 0.6), person(0.8, 0.3)
    assert tracker.choose([bystander, client]) == 1
    # the bystander grows (walks closer) but the client is still followed by position
    assert tracker.choose([person(0.32, 0.6), person(0.8, 0.9)]) == 0
    assert tracker.frames_with_several == 2


def test_nobody_resets_the_choice():
    tracker = PersonTracker()
    assert tracker.choose([]) is None
    tracker.choose([person(0.2, 0.5)])
    tracker.lost()
    assert tracker.choose([person(0.2, 0.2), person(0.8, 0.7)]) == 1
