"""ces-vision: movement screening from video for corrective exercise specialists."""

import os

__version__ = "0.1.0"

# OpenCV and its FFmpeg print decoder chatter ("moov atom not found", WARN lines) to
# stderr, which buries the one plain line a coach should read. Set before cv2 loads;
# export either variable to see them when debugging.
os.environ.setdefault("OPENCV_FFMPEG_LOGLEVEL", "-8")
os.environ.setdefault("OPENCV_LOG_LEVEL", "SILENT")
