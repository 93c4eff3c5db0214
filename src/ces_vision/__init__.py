"""ces-vision: movement screening from video for corrective exercise specialists."""

__version__ = "0.1.0"
