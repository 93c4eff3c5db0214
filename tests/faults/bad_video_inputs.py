"""The bad (and awkward) video inputs of the fault matrix, made at test time from the
bundled sample clips with PyAV, so nothing large is committed.

`make(kind, folder)` returns the path to give the tool; each kind is one row of the
matrix in test_bad_video_input.py.
"""

from __future__ import annotations

import shutil
import sys
from fractions import Fraction
from functools import lru_cache
from pathlib import Path

import av
import cv2
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/videos.py
from videos import set_rotation  # noqa: E402

SAMPLES = Path(__file__).resolve().parents[2] / "sample_videos"
FRONT = SAMPLES / "front_knees_in_left.mp4"  # 640x480, 30 fps, 252 frames, 5 reps


@lru_cache(maxsize=4)
def _frames(path: Path = FRONT) -> tuple[np.ndarray, ...]:
    with av.open(str(path)) as container:
        return tuple(frame.to_ndarray(format="rgb24") for frame in container.decode(video=0))


def write_video(path: Path, frames, fps: int = 30) -> Path:
    """RGB frames as H.264 (ultrafast: a 4K second encodes in seconds, not a minute)."""
    height, width = frames[0].shape[:2]
    with av.open(str(path), "w") as container:
        stream = container.add_stream("h264", rate=fps)
        stream.width, stream.height, stream.pix_fmt = width, height, "yuv420p"
        stream.options = {"preset": "ultrafast"}
        for image in frames:
            for packet in stream.encode(av.VideoFrame.from_ndarray(np.ascontiguousarray(image), format="rgb24")):
                container.mux(packet)
        for packet in stream.encode():
            container.mux(packet)
    return path


def _centre(image: np.ndarray, width: int) -> np.ndarray:
    x0 = (image.shape[1] - width) // 2
    return np.ascontiguousarray(image[:, x0 : x0 + width])


def _truncated(fraction: float):
    def make(folder: Path) -> Path:
        data = FRONT.read_bytes()
        path = folder / f"cut_{round(fraction * 100)}.mp4"
        path.write_bytes(data[: int(len(data) * fraction)])
        return path

    return make


def _text(folder: Path) -> Path:
    path = folder / "notes.mp4"
    path.write_text("Client notes, not a video.\n" * 50)
    return path


def _zero(folder: Path) -> Path:
    path = folder / "empty.mp4"
    path.write_bytes(b"")
    return path


def _directory(folder: Path) -> Path:
    path = folder / "folder.mp4"
    path.mkdir()
    return path


def _missing(folder: Path) -> Path:
    return folder / "absent.mp4"


def _unicode_spaces(folder: Path) -> Path:
    path = folder / "Cliente José Ñuñez" / "agachamento frente 1 — ü.mp4"
    path.parent.mkdir()
    shutil.copyfile(FRONT, path)
    return path


def _portrait_rotated(folder: Path) -> Path:
    """A phone clip: stored landscape, tagged to be turned 90 degrees to stand upright."""
    upright = [_centre(image, 360) for image in _frames()]  # 360x480 portrait
    stored = [np.ascontiguousarray(np.rot90(image, k=1)) for image in upright]  # 480x360, turned left
    path = write_video(folder / "phone_portrait.mp4", stored)
    return set_rotation(path, 90)


def _tiny(folder: Path) -> Path:
    frames = [cv2.resize(_centre(image, 270), (108, 192), interpolation=cv2.INTER_AREA) for image in _frames()]
    return write_video(folder / "tiny_108x192.mp4", frames)


def _gif(folder: Path) -> Path:
    path = folder / "squat.gif"
    frames = [cv2.resize(image, (320, 240), interpolation=cv2.INTER_AREA) for image in _frames()[::3]]
    with av.open(str(path), "w", format="gif") as container:
        stream = container.add_stream("gif", rate=10)
        stream.width, stream.height, stream.pix_fmt = 320, 240, "rgb8"
        for image in frames:
            for packet in stream.encode(av.VideoFrame.from_ndarray(image, format="rgb24")):
                container.mux(packet)
        for packet in stream.encode():
            container.mux(packet)
    return path


def _four_k(folder: Path) -> Path:
    """1 s of 3840x2160: the whole sample squatted fast (every 8th frame)."""
    frames = [cv2.resize(image, (3840, 2160), interpolation=cv2.INTER_LINEAR) for image in _frames()[::8]]
    return write_video(folder / "uhd_4k.mp4", frames)


def _black(folder: Path) -> Path:
    return write_video(folder / "black.mp4", [np.zeros((480, 640, 3), np.uint8)] * 90)


def _two_people(folder: Path) -> Path:
    client, bystander = _frames(FRONT), _frames(SAMPLES / "back_clean.mp4")
    both = [np.concatenate([_centre(a, 320), _centre(b, 320)], axis=1) for a, b in zip(client, bystander)]
    return write_video(folder / "two_people.mp4", both)


def _partly_out_of_frame(folder: Path) -> Path:
    """The camera too close: knees and feet below the bottom edge."""
    frames = [np.ascontiguousarray(image[:300]) for image in _frames()]
    return write_video(folder / "too_close.mp4", frames)


def _variable_frame_rate(folder: Path) -> Path:
    """Frame gaps alternating 20 and 47 ms (a phone under load)."""
    path = folder / "vfr.mp4"
    with av.open(str(path), "w") as container:
        stream = container.add_stream("h264", rate=30)
        stream.width, stream.height, stream.pix_fmt = 640, 480, "yuv420p"
        stream.codec_context.time_base = Fraction(1, 1000)
        stream.options = {"preset": "ultrafast"}
        pts = 0
        for index, image in enumerate(_frames()):
            frame = av.VideoFrame.from_ndarray(image, format="rgb24")
            frame.pts, frame.time_base = pts, Fraction(1, 1000)
            pts += 20 if index % 2 else 47
            for packet in stream.encode(frame):
                container.mux(packet)
        for packet in stream.encode():
            container.mux(packet)
    return path


def _real(name: str):
    def make(folder: Path) -> Path:
        return Path(__file__).resolve().parents[1] / "data" / "real" / name  # SOURCES.md there

    return make


MAKERS = {
    "text file named .mp4": _text,
    "zero bytes": _zero,
    "truncated at 10%": _truncated(0.10),
    "truncated at 50%": _truncated(0.50),
    "truncated at 90%": _truncated(0.90),
    "a directory": _directory,
    "missing path": _missing,
    "unicode and spaces in the path": _unicode_spaces,
    "portrait phone clip, rotation metadata": _portrait_rotated,
    "108x192 clip": _tiny,
    "animated GIF": _gif,
    "4K, 1 s": _four_k,
    "black video": _black,
    "two people": _two_people,
    "person partly out of frame": _partly_out_of_frame,
    "variable frame rate": _variable_frame_rate,
    "real GIF 108x192 (side)": _real("dnly09_side_prisonersquat_1rep.gif"),
}


def make(kind: str, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return MAKERS[kind](folder)
