"""Review mode: open -> analyze (fake pose backend) -> checklist -> overrides -> program."""

import threading
import time
from pathlib import Path

from gui_fakes import fake_pose_factory
from PySide6.QtCore import QPoint, Qt
from squat_pose import squat_sequence, write_squat_video

from ces_vision.pose import FakePoseBackend
from ces_vision.prescription import SwapExercise


def _analyzed(window, qtbot, path, view="front"):
    with qtbot.waitSignal(window.analyses.finished, timeout=20000):
        window.open_videos([path], view=view)


def test_checklist_filled_and_override_changes_program(make_window, qtbot, knees_in):
    path, sequence = knees_in
    window = make_window(analysis_backend_factory=fake_pose_factory(sequence))
    _analyzed(window, qtbot, path)
    assert window.state.slots["front"].status == "done"
    checklist = window.checklist
    statuses = {(r.line.compensation, r.line.view): r.computed_status for r in checklist.rows}
    assert statuses[("knees_move_in", "front")] == "seen"
    assert statuses[("feet_turn_out", "front")] == "not_seen"
    assert statuses[("excessive_forward_lean", "side")] == "not_filmed"  # no side clip yet
    row = checklist.row_of("knees_move_in", "front")
    evidence = checklist.table.item(row, 5).text()
    assert "Knee inside the ankle (share of stance width):" in evidence and "5 of 5 reps" in evidence
    assert "Side" in window.slots.missing.text() and "Front" not in window.slots.missing.text()

    before = window.program.exercise_ids()
    assert before, "a knees-in finding must give a program"
    assert any("knees_move_in" in i.for_compensations for i in window.program.program.effective())

    # The coach overrides: knees did not move in -> nothing left to correct.
    checklist.set_decision(row, "Override: not seen")
    line = next(r.line for r in checklist.rows if r.line.compensation == "knees_move_in")
    assert line.status == "seen", "the computed result is never changed"
    assert window.program.exercise_ids() == []
    assert "(coach)" in checklist.table.item(row, 4).text()

    # ... and feet do turn out: the program follows the override.
    checklist.set_decision(checklist.row_of("feet_turn_out", "front"), "Override: seen")
    after = window.program.exercise_ids()
    assert after and after != before
    assert window.state.effective_compensations() == ["feet_turn_out"]


def test_review_shows_video_plots_and_key_frames(make_window, qtbot, knees_in):
    path, sequence = knees_in
    window = make_window(analysis_backend_factory=fake_pose_factory(sequence))
    _analyzed(window, qtbot, path)
    review = window.review
    assert review.player.n_frames == sequence.n_frames
    assert len(review.plots.plots) >= 2
    assert review.key_frame_buttons and "Knees move inward" in review.key_frame_buttons[0].text()
    review.key_frame_buttons[0].click()
    key = review.player.position
    rep = next(r for r in window.state.slots["front"].analysis.kinematics.reps if r.start <= key <= r.end)
    assert rep.start < key <= rep.end

    # clicking a plot seeks the video; the playhead follows the player
    plot = review.plots.plots[0]
    qtbot.mouseClick(plot, Qt.MouseButton.LeftButton, pos=QPoint(plot.width() - 9, plot.height() // 2))
    assert review.player.position == sequence.n_frames - 1
    assert plot._position == review.player.position

    # keyboard: arrows step, space plays and pauses
    window.activateWindow()
    review.player.seek(10)
    qtbot.keyClick(window, Qt.Key.Key_Right)
    assert review.player.position == 11
    qtbot.keyClick(window, Qt.Key.Key_Left)
    qtbot.keyClick(window, Qt.Key.Key_Left)
    assert review.player.position == 9
    review.speed.setCurrentIndex(0)  # 0.25x
    qtbot.keyClick(window, Qt.Key.Key_Space)
    assert review.player.playing
    qtbot.waitUntil(lambda: review.player.position > 9, timeout=3000)
    qtbot.keyClick(window, Qt.Key.Key_Space)
    assert not review.player.playing


class SlowFake(FakePoseBackend):
    def __init__(self, sequence, gate: threading.Event | None = None):
        super().__init__(sequence)
        self.gate = gate

    def process(self, frame):
        if self.gate is not None:
            self.gate.wait(5)
        time.sleep(0.005)
        return super().process(frame)


def test_stale_result_is_discarded(make_window, qtbot, knees_in, tmp_path):
    path, sequence = knees_in
    clean = squat_sequence(knees_in=0.0)
    second = write_squat_video(tmp_path / "second.mp4", clean)
    gate = threading.Event()
    backends = {path: SlowFake(sequence, gate), second: FakePoseBackend(clean)}
    window = make_window(analysis_backend_factory=lambda p, slot: backends[Path(p)])
    finished = []
    window.analyses.finished.connect(lambda slot, analysis: finished.append(analysis))
    window.open_videos([path], view="front")
    window.open_videos([second], view="front")  # the coach changed their mind
    gate.set()
    qtbot.waitUntil(lambda: len(finished) == 1, timeout=20000)
    window.analyses.wait()
    qtbot.wait(50)
    assert len(finished) == 1 and Path(finished[0].source.path) == second
    assert window.state.slots["front"].path == second


def test_cancel_analysis(make_window, qtbot, knees_in):
    path, sequence = knees_in
    gate = threading.Event()
    window = make_window(analysis_backend_factory=lambda p, slot: SlowFake(sequence, gate))
    window.open_videos([path], view="front")
    assert window.state.slots["front"].status == "analyzing"
    with qtbot.waitSignal(window.analyses.cancelled, timeout=5000):
        window.slots._cancel["front"].click()
    gate.set()
    window.analyses.wait()
    assert window.state.slots["front"].status == "empty"


def test_unreadable_video_is_a_plain_message(make_window, qtbot, tmp_path, message_boxes):
    bad = tmp_path / "broken.mp4"
    bad.write_text("not a video")
    window = make_window()
    message_boxes.expect(1)
    with qtbot.waitSignal(window.analyses.failed, timeout=10000):
        window.open_videos([bad], view="side")
    title, text = message_boxes.shown[0]
    assert "Traceback" not in text and "broken.mp4" in text
    assert window.state.slots["side"].status == "failed"


def test_program_swap_from_library_filtered_by_muscle(make_window, qtbot, knees_in):
    path, sequence = knees_in
    window = make_window(analysis_backend_factory=fake_pose_factory(sequence))
    _analyzed(window, qtbot, path)
    from ces_vision.gui.program_dialogs import SwapDialog

    panel = window.program
    inhibit = panel.exercise_ids("inhibit")
    assert inhibit
    item = panel._items[inhibit[0]]
    dialog = SwapDialog(panel, panel._kb, item)
    muscle = dialog.muscle.itemData(1)  # the first target of the exercise (0 is any target)
    assert all(muscle in e.targets and e.step == "inhibit" for e in dialog.candidates(muscle))
    replacement = dialog.candidates(None)[0].id
    dialog.deleteLater()
    panel.apply_edit(SwapExercise(inhibit[0], replacement))
    assert replacement in panel.exercise_ids("inhibit") and inhibit[0] not in panel.exercise_ids("inhibit")
    assert window.state.program().computed.items[0].exercise.id in inhibit  # computed kept apart
    panel.select(replacement)
    panel.remove_selected()
    assert replacement not in panel.exercise_ids()


def test_about_box_names_versions_and_model_licence():
    from ces_vision.gui.dialogs import about_text

    text = about_text()
    assert "Apache" in text and "mediapipe" in text and "PySide6" in text


def test_app_and_reports_draw_each_side_of_the_subject_in_the_same_colour():
    import numpy as np
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QImage, QPainter

    from ces_vision.gui.skeleton import draw_skeleton as draw_in_app
    from ces_vision.landmarks import LEFT_SIDE_RGB, RIGHT_SIDE_RGB
    from ces_vision.reports.overlay import draw_skeleton as draw_in_report

    points = np.full((33, 2), np.nan)
    points[25], points[27] = (20, 10), (20, 190)  # the subject's left shin
    points[26], points[28] = (80, 10), (80, 190)  # the right shin
    report = np.zeros((200, 100, 3), np.uint8)
    draw_in_report(report, points)
    app = QImage(100, 200, QImage.Format.Format_RGB888)
    app.fill(0)
    painter = QPainter(app)
    draw_in_app(painter, points, 1.0, QPointF(0, 0))
    painter.end()
    for x, rgb in ((20, LEFT_SIDE_RGB), (80, RIGHT_SIDE_RGB)):
        assert tuple(report[100, x]) == rgb
        assert app.pixelColor(x, 100).getRgb()[:3] == rgb
