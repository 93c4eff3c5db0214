"""`ces-vision-gui [VIDEO] [--view front|side|back] [--live] [--fake-camera VIDEO]`: the desktop app.

Without a display (Linux with neither DISPLAY nor WAYLAND_DISPLAY, and no
QT_QPA_PLATFORM chosen) it runs the headless analysis of VIDEO instead and says where
the results went.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from ..logs import log_unexpected, start_logging, unexpected_error_line

VIEW_CHOICES = ("front", "side", "back")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="ces-vision-gui", description="Movement screening desktop app.")
    parser.add_argument("video", nargs="?", type=Path, help="open and analyze this video")
    parser.add_argument("--view", choices=VIEW_CHOICES, default="front", help="camera view of VIDEO (default: front)")
    parser.add_argument("--model", choices=("lite", "full", "heavy"), default=None, help=argparse.SUPPRESS)
    parser.add_argument("--live", action="store_true", help="start in live mode")
    parser.add_argument(
        "--fake-camera",
        type=Path,
        metavar="VIDEO",
        help="use VIDEO, played in real time, as the live camera: try live mode without a webcam"
        " (with --live, it starts at once)",
    )
    return parser


def has_display(environ=os.environ, platform: str = sys.platform) -> bool:
    """True when Qt can show a window (always on Windows and macOS)."""
    if not platform.startswith("linux"):
        return True
    return bool(environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY") or environ.get("QT_QPA_PLATFORM"))


def run_headless(args: argparse.Namespace) -> int:
    """Analyze VIDEO with the CLI, results under ./out/."""
    from .. import cli

    if args.video is None:
        print("ces-vision-gui: no display found; give a VIDEO to analyze it without a window", file=sys.stderr)
        return 2
    out = Path("out")
    json_path, csv_path = out / f"{args.video.stem}.json", out / f"{args.video.stem}.csv"
    argv = ["analyze", str(args.video), "--view", args.view, "--json", str(json_path), "--csv", str(csv_path)]
    if args.model:
        argv += ["--model", args.model]
    print("ces-vision-gui: no display found; analyzing without a window.")
    status = cli.main(argv)
    if status == 0:
        print(f"Results written to {json_path} and {csv_path}")
    return status


def install_error_hook(parent_of_dialog) -> None:
    """An error nothing caught (a bug in a slot) goes to the log with its traceback; the
    coach sees one plain line in a dialog and the app keeps running."""
    from .dialogs import show_error

    def hook(kind, exc, tb) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, exc, tb)
            return
        log_unexpected(exc.with_traceback(tb), "ces-vision-gui")
        show_error(parent_of_dialog(), "Something went wrong", unexpected_error_line(exc, "ces-vision"))

    sys.excepthook = hook


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    start_logging()
    if not has_display():
        return run_headless(args)
    # cv2 points Qt at its own plugins; Qt must use PySide6's.
    os.environ.pop("QT_QPA_PLATFORM_PLUGIN_PATH", None)
    from PySide6.QtWidgets import QApplication

    from .main_window import MainWindow, StartOptions

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setOrganizationName("ces-vision")
    app.setApplicationName("ces-vision")
    window = MainWindow(StartOptions(model=args.model, fake_camera=args.fake_camera))
    install_error_hook(lambda: window)
    window.show()
    if args.video is not None:
        window.open_videos([args.video], view=args.view)
    if args.live:
        window.show_live()
        if args.fake_camera is not None:
            window.live.start_camera()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
