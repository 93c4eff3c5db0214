"""Review of one analyzed clip: video with skeleton (the joint of a flagged compensation
ringed during the reps that showed it), controls, rep timeline, angle plots, and one
button per flagged compensation that jumps to its key frame."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from ...capture.frame_reader import FrameReader
from ..frame_view import FrameView
from .flagged_joints import FlaggedJoint, flagged_joints, joints_at
from .key_frames import KeyFrame
from .player import SPEEDS, Player
from .plots import PlotStack
from .timeline import Timeline

SPLIT_UNIT = 100  # px; the video above the plots in a 3:2 ratio


class ReviewPanel(QWidget):
    """Shows one clip. `show_clip(path, analysis, key_frames)`; frames decoded on demand."""

    first_frame_shown = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.player = Player(self)
        self.video = FrameView()
        self.timeline = Timeline()
        self.plots = PlotStack()
        self.notice = QLabel()
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet("background: #fff3cd; color: #5c4400; padding: 4px;")
        self.notice.setVisible(False)
        self._fps = 30.0
        self._reader: FrameReader | None = None
        self._points: np.ndarray | None = None
        self._flagged: list[FlaggedJoint] = []
        self._build()
        self.player.position_changed.connect(self._show_frame)
        self.player.playing_changed.connect(self._on_playing)
        self.timeline.seek_requested.connect(self.player.seek)
        self.plots.seek_requested.connect(self.player.seek)

    def _build(self) -> None:
        style = self.style()
        self.play_button = QPushButton(style.standardIcon(QStyle.StandardPixmap.SP_MediaPlay), "")
        self.play_button.setToolTip("Play / pause (Space)")
        self.play_button.clicked.connect(self.player.toggle)
        back = QPushButton(style.standardIcon(QStyle.StandardPixmap.SP_MediaSeekBackward), "")
        back.setToolTip("Previous frame (Left)")
        back.clicked.connect(lambda: self.player.step(-1))
        forward = QPushButton(style.standardIcon(QStyle.StandardPixmap.SP_MediaSeekForward), "")
        forward.setToolTip("Next frame (Right)")
        forward.clicked.connect(lambda: self.player.step(1))
        self.speed = QComboBox()
        for speed in SPEEDS:
            self.speed.addItem(f"{speed:g}x", speed)
        self.speed.setCurrentIndex(len(SPEEDS) - 1)
        self.speed.setToolTip("Playback speed (slow motion)")
        self.speed.currentIndexChanged.connect(lambda i: self.player.set_speed(self.speed.itemData(i)))
        self.position_label = QLabel("")
        self.position_label.setMinimumWidth(170)
        controls = QHBoxLayout()
        for widget in (back, self.play_button, forward, self.speed, self.position_label):
            controls.addWidget(widget)
        controls.addStretch(1)
        key_frames = QWidget()
        self.key_frames_row = QHBoxLayout(key_frames)
        self.key_frames_row.setContentsMargins(0, 0, 0, 0)
        self.key_frames_row.addWidget(QLabel("Flagged:"))
        self.key_frames_row.addStretch(1)
        # many flagged findings scroll sideways instead of widening the window
        key_frames_scroll = QScrollArea()
        key_frames_scroll.setWidget(key_frames)
        key_frames_scroll.setWidgetResizable(True)
        key_frames_scroll.setFrameShape(QFrame.Shape.NoFrame)
        key_frames_scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        key_frames_scroll.setFixedHeight(
            QPushButton("Flagged").sizeHint().height() + style.pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent) + 2
        )

        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.notice)
        top_layout.addWidget(self.video, 1)
        top_layout.addLayout(controls)
        top_layout.addWidget(self.timeline)
        top_layout.addWidget(key_frames_scroll)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(top)
        plots_scroll = QScrollArea()  # a short window scrolls the plots rather than growing past the screen
        plots_scroll.setWidget(self.plots)
        plots_scroll.setWidgetResizable(True)
        plots_scroll.setFrameShape(QFrame.Shape.NoFrame)
        plots_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        splitter.addWidget(plots_scroll)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([3 * SPLIT_UNIT, 2 * SPLIT_UNIT])  # 3:2 from the start, not from the size hints
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(splitter)
        self.player.position_changed.connect(self.timeline.set_position)
        self.player.position_changed.connect(self.plots.set_position)

    def show_clip(self, path, analysis=None, key_frames: Sequence[KeyFrame] = (), notice: str = "") -> None:
        """Load the clip at `path`; with its analysis (pose, kinematics) once there is one.

        Without an analysis the plain video shows at once, while the analysis runs.
        """
        self.clear()
        self._reader = FrameReader(path)
        self.notice.setText(notice)
        self.notice.setVisible(bool(notice))
        if analysis is None:
            n, fps = self._reader.frame_count, self._reader.fps
        else:
            self._points = analysis.pose.pixels()
            self._flagged = flagged_joints(analysis)
            n, fps = analysis.pose.n_frames, analysis.source.fps
            self.timeline.set_clip(n, analysis.kinematics.reps, [k.frame for k in key_frames])
            self.plots.set_kinematics(analysis.kinematics, analysis.view, analysis.screen)
            self._set_key_frames(list(key_frames))
        self._fps = fps
        self.player.load(n, fps)
        self.first_frame_shown.emit()

    def clear(self) -> None:
        self.player.load(0, 30.0)
        if self._reader is not None:
            self._reader.close()
        self._reader, self._points, self._flagged = None, None, []
        self.video.set_frame(None)
        self.timeline.set_clip(0, (), ())
        self.plots.set_kinematics(None, "")
        self._set_key_frames([])
        self.position_label.setText("")
        self.notice.setVisible(False)

    def _set_key_frames(self, key_frames: Sequence[KeyFrame]) -> None:
        while self.key_frames_row.count() > 2:
            item = self.key_frames_row.takeAt(1)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.key_frame_buttons = []
        for key in key_frames:
            button = QPushButton(key.label)
            button.setToolTip(f"Show frame {key.frame + 1}")
            button.clicked.connect(lambda _=False, f=key.frame: (self.player.pause(), self.player.seek(f)))
            self.key_frames_row.insertWidget(self.key_frames_row.count() - 1, button)
            self.key_frame_buttons.append(button)
        if not key_frames:
            label = QLabel("none")
            self.key_frames_row.insertWidget(1, label)

    def _show_frame(self, index: int) -> None:
        if self._reader is None:
            return
        image = self._reader.frame(index)
        points = self._points[index] if self._points is not None and index < len(self._points) else None
        self.video.set_frame(image, points, joints_at(index, self._flagged) if points is not None else ())
        seconds = index / (self._fps or 30.0)
        self.position_label.setText(f"frame {index + 1}/{self.player.n_frames}  {seconds:5.2f} s")

    def _on_playing(self, playing: bool) -> None:
        icon = QStyle.StandardPixmap.SP_MediaPause if playing else QStyle.StandardPixmap.SP_MediaPlay
        self.play_button.setIcon(self.style().standardIcon(icon))
