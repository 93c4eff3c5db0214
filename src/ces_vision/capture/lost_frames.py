"""Frames a damaged video file lost, grouped into stretches the coach can find in the clip."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class LostSpan:
    """Consecutive frames whose data was damaged: frame indices and times, both inclusive."""

    first: int
    last: int
    start_s: float
    end_s: float

    @property
    def n_frames(self) -> int:
        return self.last - self.first + 1

    def to_dict(self) -> dict:
        return {
            "first_frame": self.first,
            "last_frame": self.last,
            "start_s": round(self.start_s, 3),
            "end_s": round(self.end_s, 3),
        }

    def text(self) -> str:
        if self.first == self.last:
            return f"{self.start_s:.2f} s"
        return f"{self.start_s:.2f}-{self.end_s:.2f} s"


def lost_spans(lost: Iterable[tuple[int, float]]) -> tuple[LostSpan, ...]:
    """(index, time) of lost frames -> stretches of consecutive indices, in order."""
    spans: list[LostSpan] = []
    for index, time in sorted(lost):
        if spans and index == spans[-1].last + 1:
            spans[-1] = LostSpan(spans[-1].first, index, spans[-1].start_s, time)
        else:
            spans.append(LostSpan(index, index, time, time))
    return tuple(spans)
