"""Runs a screen end to end; the CLI and the desktop app both drive it."""

from .analysis import Analysis, ScreenOptions, analyze_file, analyze_pose, analyze_source
from .errors import AnalysisError, Cancelled, NotEnoughPerson, ScreenRecordError, UnusableInput

__all__ = [
    "Analysis",
    "ScreenOptions",
    "AnalysisError",
    "Cancelled",
    "NotEnoughPerson",
    "UnusableInput",
    "ScreenRecordError",
    "analyze_file",
    "analyze_pose",
    "analyze_source",
]
