"""Live mode: camera preview with skeleton, framing guidance, countdown, recording."""
