"""Video sources: files, webcams and a fake for tests, behind one small interface.

Every source hands out upright RGB `Frame`s one at a time (memory never grows with the
length of the video) and describes itself with a `VideoInfo`.
"""

from .errors import CameraUnavailable, VideoUnreadable
from .fake import FakeSource
from .file_source import VIDEO_SUFFIXES, FileSource
from .frame_times import frame_times
from .lost_frames import LostSpan, lost_spans
from .paced_file import PacedFileSource
from .source import VideoSource
from .webcam import WebcamSource

__all__ = [
    "CameraUnavailable",
    "FakeSource",
    "FileSource",
    "LostSpan",
    "PacedFileSource",
    "VIDEO_SUFFIXES",
    "VideoSource",
    "VideoUnreadable",
    "WebcamSource",
    "frame_times",
    "lost_spans",
]
