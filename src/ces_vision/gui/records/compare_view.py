"""Two stored screens of a client side by side: the checklist change per compensation and,
for each view filmed in both, the key-frame stills (earlier | now) and one metric of both
screens overlaid over 0-100 % of the rep. The data comes from `reports.comparison`."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QTableWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...kinematics.catalog import metric_label
from ...reports.comparison import (
    ScreenComparison,
    ViewComparison,
    compensation_label,
    key_stills,
    overlay_chart_png,
    view_names,
)
from ..dialogs import show_error
from .client_page import STATUS_COLOURS, _item, cell_text

CHART_WIDTH = 680
STILL_HEIGHT = 260  # with the chart below, the window fits a 1366x768 screen
CHANGE_COLOURS = {"no longer seen": "#d6ecd2", "newly seen": "#f4c7c3", "still seen": "#f9e2b8"}
STATUS_KEYS = {"seen": "seen", "not seen": "not_seen", "not assessable": "not_assessable"}


def _status_colour(word: str | None) -> str | None:
    """The colour of a status as the comparison words it ("not seen"), None for a blank cell."""
    key = STATUS_KEYS.get(word) if word is not None else None
    return STATUS_COLOURS.get(key) if key is not None else None


def _pixmap(rgb: np.ndarray) -> QPixmap:
    """A QPixmap of an RGB array (copied, so the array may go)."""
    rgb = np.ascontiguousarray(rgb)
    height, width = rgb.shape[:2]
    image = QImage(rgb.data, width, height, 3 * width, QImage.Format.Format_RGB888)
    return QPixmap.fromImage(image.copy())


def _date(day) -> str:
    return f"{day:%d %b %Y}"


class ViewPanel(QWidget):
    """One view: the two stills and the overlaid chart with a choice of metric."""

    def __init__(self, comparison: ViewComparison, parent=None):
        super().__init__(parent)
        self.comparison = comparison
        self.stills = [QLabel(), QLabel()]
        self.captions = [QLabel(), QLabel()]
        for still, caption, clip, when in zip(
            self.stills, self.captions, (comparison.earlier, comparison.later), ("Earlier", "Now")
        ):
            still.setAlignment(Qt.AlignmentFlag.AlignCenter)
            still.setMinimumSize(160, STILL_HEIGHT)
            still.setText("Reading the key frame…")
            rep = (
                f", bottom of squat {clip.rep + 1} of {len(clip.analysis.get('reps', []))}"
                if clip.rep is not None
                else ""
            )
            caption.setText(f"<b>{when}</b>: {_date(clip.screened_on)}{rep}")
            caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.shows = QLabel(f"Shows: {compensation_label(comparison)}. Blue: the client's left; orange: their right.")
        self.shows.setWordWrap(True)
        self.metric_box = QComboBox()  # not `metric`: that is QWidget's own method
        for metric in comparison.metrics():
            self.metric_box.addItem(metric_label(metric), metric)
        self.metric_box.currentIndexChanged.connect(self._draw_chart)
        self.chart = QLabel()
        self.chart.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._layout()
        self._draw_chart()

    def set_stills(self, images: tuple) -> None:
        """Show the (earlier, later) RGB stills; None where the video or stored pose is missing
        or unreadable, a message where drawing failed."""
        for still, image in zip(self.stills, images):
            if image is None or isinstance(image, str):
                still.setText(image or "No still: the video is missing or unreadable, or was stored without its pose")
                still.setWordWrap(True)
                still.setStyleSheet("color: #777; border: 1px solid #ddd;")
            else:
                still.setPixmap(_pixmap(image).scaledToHeight(STILL_HEIGHT, Qt.TransformationMode.SmoothTransformation))

    def _layout(self) -> None:
        grid = QGridLayout()
        for column in range(2):
            grid.addWidget(self.stills[column], 0, column)
            grid.addWidget(self.captions[column], 1, column)
        choose = QHBoxLayout()
        choose.addWidget(QLabel("Plot:"))
        choose.addWidget(self.metric_box, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.shows)
        layout.addLayout(grid)
        layout.addLayout(choose)
        layout.addWidget(self.chart, 1)

    def metric_name(self) -> str | None:
        return self.metric_box.currentData()

    def _draw_chart(self) -> None:
        metric = self.metric_name()
        if metric is None:
            self.chart.setText("No metric can be plotted for both screens (a clip was stored without its pose).")
            return
        pixmap = QPixmap()
        pixmap.loadFromData(overlay_chart_png(self.comparison, metric, width_in=6.4, height_in=2.2))
        self.chart.setPixmap(pixmap.scaledToWidth(CHART_WIDTH, Qt.TransformationMode.SmoothTransformation))


class _StillsSignals(QObject):
    ready = Signal(int, object)  # panel index, (earlier, later) stills


class _StillsJob(QRunnable):
    """Decode and draw the stills of every view off the GUI thread (a long video is read
    up to its key frame)."""

    def __init__(self, views: list[ViewComparison], signals: _StillsSignals):
        super().__init__()
        self.views, self.signals = views, signals

    def run(self) -> None:
        for index, view in enumerate(self.views):
            try:
                stills = key_stills(view)
            except Exception as exc:  # a bug must not pass silently, nor leave the other stills undrawn
                stills = (f"The still could not be drawn ({type(exc).__name__}: {exc})",) * 2
            self.signals.ready.emit(index, stills)


class CompareDialog(QDialog):
    """The comparison of two screens, in a window of its own (not modal: the coach may keep it open)."""

    def __init__(self, comparison: ScreenComparison, parent=None):
        super().__init__(parent)
        self.comparison = comparison
        self.stills_pending = len(comparison.views)
        self.setWindowTitle(
            f"{comparison.client_name}: {_date(comparison.earlier_date)} vs {_date(comparison.later_date)}"
        )
        heading = QLabel(
            f"<b>{comparison.client_name}</b>: re-screen of {_date(comparison.later_date)} "
            f"compared with the screen of {_date(comparison.earlier_date)}"
        )
        heading.setWordWrap(True)
        self.checklist = self._checklist_table()
        self.views = QTabWidget()
        self.panels = [ViewPanel(view) for view in comparison.views]
        for panel in self.panels:
            self.views.addTab(panel, panel.comparison.title)
        notes = []
        if comparison.only_earlier:
            notes.append(f"Filmed in the earlier screen only: {view_names(comparison.only_earlier)}.")
        if comparison.only_later:
            notes.append(f"Filmed in the re-screen only: {view_names(comparison.only_later)}.")
        if not comparison.views:
            notes.append("No view was filmed in both screens, so there are no stills or plots to compare.")
        self.notes = QLabel(" ".join(notes))
        self.notes.setWordWrap(True)
        self.notes.setVisible(bool(notes))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.save_button = buttons.addButton("Save as PNG…", QDialogButtonBox.ButtonRole.ActionRole)
        self.save_button.clicked.connect(self._ask_save)
        buttons.rejected.connect(self.close)
        layout = QHBoxLayout()
        layout.addWidget(self.checklist)
        layout.addWidget(self.views, 1)
        outer = QVBoxLayout(self)
        outer.addWidget(heading)
        outer.addWidget(self.notes)
        outer.addLayout(layout, 1)
        outer.addWidget(buttons)
        self.resize(1300, 700)
        self._pool = QThreadPool(self)
        self._signals = _StillsSignals(self)
        self._signals.ready.connect(self._on_stills)
        self._pool.start(_StillsJob([panel.comparison for panel in self.panels], self._signals))

    def _on_stills(self, index: int, stills: tuple) -> None:
        self.panels[index].set_stills(stills)
        self.stills_pending -= 1

    def closeEvent(self, event) -> None:
        self._pool.waitForDone()
        super().closeEvent(event)

    def _checklist_table(self) -> QTableWidget:
        rows = self.comparison.checklist_rows()
        table = QTableWidget(len(rows), 4)
        table.setHorizontalHeaderLabels(
            ["Compensation", _date(self.comparison.earlier_date), _date(self.comparison.later_date), "Change"]
        )
        table.verticalHeader().setVisible(False)
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for r, (title, before, after, change) in enumerate(rows):
            table.setItem(r, 0, _item(title))
            table.setItem(r, 1, _item(before, _status_colour(before)))
            table.setItem(r, 2, _item(after, _status_colour(after)))
            table.setItem(r, 3, _item(change, CHANGE_COLOURS.get(change)))
        table.resizeColumnsToContents()
        width = sum(table.columnWidth(c) for c in range(table.columnCount())) + 2 * table.frameWidth()
        table.horizontalHeader().setStretchLastSection(True)
        table.setMinimumWidth(width)  # no column cut off, and no empty width either
        table.setMaximumWidth(width + table.verticalScrollBar().sizeHint().width())
        return table

    def checklist_rows(self) -> list[tuple[str, ...]]:
        return [tuple(cell_text(self.checklist, r, c) for c in range(4)) for r in range(self.checklist.rowCount())]

    def save_png(self, path: Path) -> None:
        """Write the window as it is shown (checklist and the current view) to a PNG."""
        if not self.grab().save(str(path), "PNG"):
            raise OSError(f"could not write {path}")

    def _ask_save(self) -> None:
        name = f"{self.comparison.client_name.replace(' ', '_')}_{self.comparison.later_date.isoformat()}_compare.png"
        path, _ = QFileDialog.getSaveFileName(
            self, "Save the comparison as PNG", str(Path.home() / name), "PNG (*.png)"
        )
        if not path:
            return
        try:
            self.save_png(Path(path))
        except OSError as exc:
            show_error(self, "The picture could not be saved", str(exc))
