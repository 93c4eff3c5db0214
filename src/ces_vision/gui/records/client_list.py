"""The client list: live search by name, pain and inbox screens awaiting review marked, an Add button."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget


class ClientList(QWidget):
    """Emits `client_selected(id)` when the coach picks a client, `add_requested` for a new one."""

    client_selected = Signal(int)
    add_requested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self._clients = []
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search by name")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._fill)
        self.list = QListWidget()
        self.list.currentItemChanged.connect(self._on_current)
        self.add_button = QPushButton("Add client…")
        self.add_button.clicked.connect(self.add_requested)
        self.database_label = QLabel()
        self.database_label.setWordWrap(True)
        self.database_label.setStyleSheet("color: #777; font-size: 11px;")
        self.setMinimumWidth(140)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.search)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.add_button)
        layout.addWidget(self.database_label)

    def set_clients(self, clients, select: int | None = None) -> None:
        """Show `clients` (filtered by the search text); keep or set the selection."""
        self._clients = list(clients)
        self._fill(select=select if select is not None else self.selected_id())

    def visible_names(self) -> list[str]:
        names = {client.id: client.name for client in self._clients}
        return [names[self.list.item(i).data(Qt.ItemDataRole.UserRole)] for i in range(self.list.count())]

    def selected_id(self) -> int | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def select(self, client_id: int) -> None:
        for i in range(self.list.count()):
            if self.list.item(i).data(Qt.ItemDataRole.UserRole) == client_id:
                self.list.setCurrentRow(i)
                return

    def _fill(self, _text: str = "", select: int | None = None) -> None:
        needle = self.search.text().strip().casefold()
        keep = select if select is not None else self.selected_id()
        self.list.blockSignals(True)
        self.list.clear()
        for client in self._clients:
            if needle in client.name.casefold():
                item = QListWidgetItem(client.name + (" (pain)" if client.pain_reported else "") + _inbox_text(client))
                item.setData(Qt.ItemDataRole.UserRole, client.id)
                tips = ["Pain recorded: refer before corrective work"] if client.pain_reported else []
                if client.inbox_to_review:
                    tips.append("Screens filed from the inbox folder: open each one, check it and save it")
                item.setToolTip("\n".join(tips))
                self.list.addItem(item)
        self.list.blockSignals(False)
        if keep is not None:
            self.select(keep)

    def _on_current(self, current, _previous) -> None:
        client_id = current.data(Qt.ItemDataRole.UserRole) if current is not None else None
        if client_id is not None:
            self.client_selected.emit(client_id)


def _inbox_text(client) -> str:
    count = client.inbox_to_review
    return f" \u2014 {count} inbox screen{'s' if count != 1 else ''} to review" if count else ""
