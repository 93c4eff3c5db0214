"""Errors a video source raises, worded for the coach."""


class VideoUnreadable(Exception):
    """The file is missing, not a video, or cannot be decoded."""


class CameraUnavailable(Exception):
    """No camera at that index, or it cannot deliver frames."""
