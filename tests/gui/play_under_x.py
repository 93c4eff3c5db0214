"""Play a clip in the real app window for SECONDS, looping, and print what was painted.

Run by test_play_under_x.py in a child process on an X server (Xvfb), with Qt's real xcb
platform plugin: a crash in painting (like PySide6 6.12.0's none_dealloc abort after a few
thousand Qt calls) kills this process, not the test run.

    python play_under_x.py WORKDIR SECONDS
"""

import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).parents[1]))

from gui_fakes import NullPose, fake_pose_factory  # noqa: E402
from PySide6.QtCore import Qt, QTimer  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402
from squat_pose import squat_sequence, write_squat_video  # noqa: E402

from ces_vision.gui.main_window import MainWindow, StartOptions  # noqa: E402


def main(workdir: Path, seconds: float) -> None:
    app = QApplication(["ces-vision"])
    sequence = squat_sequence(knees_in=0.03)
    video = write_squat_video(workdir / "client_front.mp4", sequence)
    window = MainWindow(
        StartOptions(
            analysis_backend_factory=fake_pose_factory(sequence),
            live_backend_factory=NullPose,
            recordings_dir=workdir / "recordings",
            database_path=workdir / "clients.sqlite3",
            countdown_s=0,
        )
    )
    window.resize(1366, 768)
    window.show()
    painted = {"plot_paints": 0, "frames_shown": 0, "loops": 0}
    review = window.review

    def count_paints(plot):
        paint = plot.paintEvent

        def counted(event):
            painted["plot_paints"] += 1
            paint(event)

        plot.paintEvent = counted

    def on_analysed(*_):
        for plot in review.plots.plots:
            count_paints(plot)
        QTest.mouseClick(review.play_button, Qt.MouseButton.LeftButton)  # the coach presses Play
        QTimer.singleShot(int(seconds * 1000), app.quit)

    def loop_when_done(playing: bool):
        if not playing and review.player.n_frames:
            painted["loops"] += 1
            review.player.play()

    window.analyses.finished.connect(on_analysed)
    review.player.position_changed.connect(lambda _: painted.__setitem__("frames_shown", painted["frames_shown"] + 1))
    review.player.playing_changed.connect(loop_when_done)
    QTimer.singleShot(0, lambda: window.open_videos([video], view="front"))
    QTimer.singleShot(int((seconds + 60) * 1000), app.quit)  # never hang the test
    started = time.monotonic()
    app.exec()
    painted["seconds"] = round(time.monotonic() - started, 1)
    painted["platform"] = app.platformName()
    print(json.dumps(painted))


if __name__ == "__main__":
    main(Path(sys.argv[1]), float(sys.argv[2]))
