"""Silence the C++ logging MediaPipe/LiteRT write straight to file descriptor 2.

Their INFO/WARNING lines (model loading, delegate creation) are noise to a coach and
ignore GLOG/TF environment variables, so the descriptor itself is redirected for the
few calls that print them.
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading

_lock = threading.Lock()


@contextlib.contextmanager
def quiet_native_stderr():
    if os.environ.get("CES_VISION_NATIVE_LOGS"):
        yield
        return
    with _lock:
        sys.stderr.flush()
        saved = os.dup(2)
        devnull = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(devnull, 2)
            yield
        finally:
            os.dup2(saved, 2)
            os.close(devnull)
            os.close(saved)
