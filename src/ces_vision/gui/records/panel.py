"""The Clients tab: the client list beside the selected client's page."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QScrollArea, QSplitter, QWidget

from ...config import Settings
from ...session.screen_state import ScreenState
from .client_list import ClientList
from .client_page import ClientPage
from .controller import RecordsController
from .referral import ReferralBanner


class RecordsPanel(QWidget):
    """Widgets of the Clients tab; `controller` does the work. `program_banner` goes above
    the program panel (the main window places it)."""

    def __init__(
        self,
        state: ScreenState,
        settings_factory,
        database_path: Path | None = None,
        parent=None,
        analysis_settings: Settings | None = None,
    ):
        super().__init__(parent)
        self.clients = ClientList()
        self.page = ClientPage()
        self.program_banner = ReferralBanner()
        self.controller = RecordsController(
            state,
            self.clients,
            self.page,
            self.program_banner,
            settings_factory,
            database_path,
            self,
            analysis_settings,
        )
        self.state_changed = self.controller.state_changed
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.clients)
        scroll = QScrollArea()  # a narrow window scrolls the page rather than growing past the screen
        scroll.setWidget(self.page)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        splitter.addWidget(scroll)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([150, 900])
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.controller.ensure_open()  # the database is opened when the records are first needed

    def save_screen(self) -> None:
        self.controller.save_screen()

    def choose_database(self) -> None:
        self.controller.choose_database()

    def edit_coach(self) -> None:
        self.controller.edit_coach()

    def close_database(self) -> None:
        self.controller.close()
