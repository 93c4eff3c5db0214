"""The records work behind the Clients tab: database, client selection, save / open / export.

The database is opened when first needed (the Clients tab shown, or a screen saved), at
the path chosen in File > Database… (remembered in QSettings), else the storage default.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QWidget

from ...config import CoachSettings, Settings, load_settings, save_settings
from ...reports import ReportError
from ...reports.progress import build_progress
from ...session.errors import ScreenRecordError
from ...session.screen_record import (
    program_exercises,
    restore_screen,
    save_screen,
    stored_clip_analysis,
    stored_clip_frames,
    stored_frames,
    update_screen,
)
from ...session.screen_state import ScreenState
from ...session.stored_reports import load_comparison
from ...storage import Client, Database, Screen, StorageError, default_database_path, default_settings_path
from ..dialogs import show_error
from .client_dialog import ClientDialog
from .client_list import ClientList
from .client_page import ClientPage
from .coach_dialog import CoachDialog
from .compare_view import CompareDialog
from .exports import FILE_TYPES, ExportRequest, ExportRunner
from .referral import ReferralBanner
from .session_dialog import SessionDialog

DATABASE_KEY = "database_path"
RECORD_ERRORS = (StorageError, ReportError, ScreenRecordError, OSError)


@dataclass(frozen=True)
class _OpenScreen:
    """The stored screen the app's screen state came from (or was saved as)."""

    client_id: int
    screen_id: int
    program_id: int | None
    screened_on: date
    analyses: tuple  # the slot analyses at that moment, compared by identity


def _plain(message: str) -> str:
    return message[:1].upper() + message[1:]


class RecordsController(QObject):
    state_changed = Signal()  # client, pain, or the whole screen in ScreenState changed
    status = Signal(str)  # a short message for the status bar

    def __init__(
        self,
        state: ScreenState,
        clients: ClientList,
        page: ClientPage,
        program_banner: ReferralBanner,
        settings_factory,
        database_path: Path | None,
        parent: QWidget,
        analysis_settings: Settings | None = None,
    ):
        super().__init__(parent)
        self.state, self.clients, self.page, self.program_banner = state, clients, page, program_banner
        self._settings, self._fixed_path, self._window = settings_factory, database_path, parent
        # what the app analyses with (the user's settings file): stored clips re-open and
        # report with the same, as the command line does
        self.analysis_settings = analysis_settings or Settings()
        self.db: Database | None = None
        self.client: Client | None = None
        self.dialog: ClientDialog | SessionDialog | CoachDialog | None = None
        self._open: _OpenScreen | None = None
        self.settings_path = default_settings_path()  # the [coach] details (File > Coach details…)
        self.exports = ExportRunner(self)
        self.exports.finished.connect(self._on_exported)
        self.exports.failed.connect(self._on_export_failed)
        clients.client_selected.connect(self.select_client)
        clients.add_requested.connect(self.add_client)
        page.edit_requested.connect(self.edit_client)
        page.save_requested.connect(self.save_screen)
        page.open_requested.connect(self.open_screen)
        page.export_requested.connect(self.export)
        page.log_session_requested.connect(self.log_session)
        page.compare_requested.connect(self.compare_screens)
        self.compare_dialog: CompareDialog | None = None

    # ------------------------------------------------------------- database
    def database_path(self) -> Path:
        stored = self._settings().value(DATABASE_KEY)
        return Path(self._fixed_path or stored or default_database_path())

    def ensure_open(self) -> Database | None:
        """The open database, opening it if needed; None (after a message) if it cannot be."""
        if self.db is None:
            self.open_database(self.database_path(), remember=False)
        return self.db

    def open_database(self, path: Path, remember: bool = True) -> None:
        try:
            db = Database.open(path)
        except StorageError as exc:
            show_error(self._window, "The database could not be opened", str(exc))
            return
        if self.db is not None:
            self.db.close()
        self.db, self.client, self._open = db, None, None
        if remember:
            self._fixed_path = None
            self._settings().setValue(DATABASE_KEY, str(db.path))
        self.clients.database_label.setText(f"Database: {db.path}")
        self.page.clear()
        self._set_client_in_state(None)
        self.clients.set_clients(db.clients.list())

    def choose_database(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self._window,
            "Choose the client database (an existing one, or a new file)",
            str(self.database_path()),
            "ces-vision database (*.sqlite3);;All files (*)",
            options=QFileDialog.Option.DontConfirmOverwrite,
        )
        if path:
            self.open_database(Path(path))

    def close(self) -> None:
        self.exports.wait()
        if self.db is not None:
            self.db.close()
            self.db = None

    # -------------------------------------------------------------- clients
    def select_client(self, client_id: int, select_screen: int | None = None) -> None:
        db = self.ensure_open()
        if db is None:
            return
        try:
            self.client = client = db.clients.get(client_id)
            screens = db.screens.list_for_client(client_id)
            sessions = db.sessions.list_for_client(client_id)
        except StorageError as exc:
            show_error(self._window, "The client could not be read", str(exc))
            return
        self.page.show_client(client, screens, build_progress(client, screens, sessions), select_screen, sessions)
        self._set_client_in_state(client)

    def add_client(self) -> None:
        self._start_dialog(ClientDialog(self._window), self._on_added)

    def edit_client(self) -> None:
        if self.client is not None:
            self._start_dialog(ClientDialog(self._window, self.client), self._on_edited)

    # ---------------------------------------------------------------- coach
    def coach(self) -> CoachSettings:
        """The coach's name and contact from the settings file (`settings_path`)."""
        return load_settings(self.settings_path if self.settings_path.is_file() else None).coach

    def edit_coach(self) -> None:
        try:
            coach = self.coach()
        except RECORD_ERRORS as exc:
            show_error(self._window, "The settings file could not be read", _plain(str(exc)))
            coach = CoachSettings()
        self._start_dialog(CoachDialog(self._window, coach), self._on_coach_edited)

    def _on_coach_edited(self, values: dict) -> None:
        try:
            save_settings(self.settings_path, {"coach": values})
        except RECORD_ERRORS as exc:
            show_error(self._window, "The coach details could not be saved", _plain(str(exc)))
            return
        self.status.emit(f"Coach details saved in {self.settings_path}")

    def _start_dialog(self, dialog: ClientDialog | SessionDialog | CoachDialog, on_accept) -> None:
        """Open the dialog without blocking; `on_accept` stores its values."""
        self.dialog = dialog
        dialog.accepted.connect(lambda: on_accept(dialog.values()))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _on_added(self, values: dict) -> None:
        db = self.ensure_open()
        if db is None:
            return
        try:
            client = db.clients.add(values.pop("name"), **values)
        except RECORD_ERRORS as exc:
            show_error(self._window, "The client could not be saved", _plain(str(exc)))
            return
        self.clients.search.clear()
        self.clients.set_clients(db.clients.list(), select=client.id)
        self.select_client(client.id)
        self.status.emit(f"Added {client.name}")

    def _on_edited(self, values: dict) -> None:
        if (opened := self._open_client()) is None:
            return
        db, client = opened
        try:
            client = db.clients.update(client.id, **values)
        except RECORD_ERRORS as exc:
            show_error(self._window, "The client could not be saved", _plain(str(exc)))
            return
        self.clients.set_clients(db.clients.list(), select=client.id)
        self.select_client(client.id, self.page.selected_screen_id())

    # ------------------------------------------------------------- sessions
    def log_session(self) -> None:
        """Ask for a training session of the selected client, on their latest program."""
        client = self.client
        if client is None or (db := self.ensure_open()) is None:
            return
        try:
            programs = db.programs.list_for_client(client.id)
            screens = db.screens.list_for_client(client.id)
        except StorageError as exc:
            show_error(self._window, "The client's program could not be read", str(exc))
            return
        program = programs[-1] if programs else None
        screen = next((s for s in screens if program is not None and s.id == program.screen_id), None)
        program_id = program.id if program is not None else None
        self._start_dialog(
            SessionDialog(self._window, program_exercises(screen.results if screen else {})),
            lambda values: self._on_session_logged(values, program_id),
        )

    def _on_session_logged(self, values: dict, program_id: int | None) -> None:
        if (opened := self._open_client()) is None:
            return
        db, client = opened
        try:
            db.sessions.log(client.id, program_id=program_id, **values)
        except RECORD_ERRORS as exc:
            show_error(self._window, "The session could not be saved", _plain(str(exc)))
            return
        self.select_client(client.id, self.page.selected_screen_id())
        self.status.emit(
            f"Logged the session of {values['session_date'].isoformat()} for {client.name}"
            + (": pain recorded, refer the client before more corrective work" if values["pain"] else "")
        )

    def _open_client(self) -> tuple[Database, Client] | None:
        """The open database and the selected client; None without either (a dialog's
        answer arriving after the database was closed)."""
        if self.db is None or self.client is None:
            return None
        return self.db, self.client

    def _set_client_in_state(self, client: Client | None) -> None:
        self.state.client = client.name if client is not None else self.state.client
        self.state.client_pain = bool(client is not None and client.pain_reported)
        self.program_banner.set_pain(self.state.client_pain)
        self.state_changed.emit()

    # -------------------------------------------------------- save and open
    def save_screen(self, screened_on: date | None = None) -> int | None:
        """Store the screen being built for the selected client; return the screen id."""
        db = self.ensure_open()
        if db is None or (client := self._client_for_save(db)) is None:
            return None
        screened_on = screened_on or self.page.screen_date.date()
        if screened_on is None:
            show_error(self._window, "Check the screen's date", self.page.screen_date.error() + ".")
            return None
        analyses = tuple(slot.analysis for slot in self.state.slots.values())
        current = self._open
        try:
            if (
                current is not None
                and current.client_id == client.id
                and current.screened_on == screened_on
                and len(current.analyses) == len(analyses)
                and all(a is b for a, b in zip(current.analyses, analyses))
            ):
                screen = update_screen(db, current.screen_id, current.program_id, self.state)
                program_id = current.program_id
                message = f"Updated the screen of {screened_on.isoformat()} for {client.name}"
            else:
                screen, program = save_screen(db, client.id, self.state, screened_on)
                program_id = program.id
                message = f"Saved the screen of {screened_on.isoformat()} for {client.name}"
        except RECORD_ERRORS as exc:
            show_error(self._window, "The screen could not be saved", _plain(str(exc)))
            return None
        self._open = _OpenScreen(client.id, screen.id, program_id, screened_on, analyses)
        self.state.mark_saved()
        self.clients.set_clients(db.clients.list())  # an inbox screen saved is reviewed: its count drops
        self.select_client(client.id, screen.id)
        self.page.export_status.setText(message + ".")
        self.status.emit(message)
        return screen.id

    def _client_for_save(self, db: Database) -> Client | None:
        """The client named in the screen's "Client:" field, picked among the stored clients
        or added; the client selected in the Clients tab when the field is empty."""
        name = self.state.client.strip()
        if self.client is not None and (not name or self.client.name.casefold() == name.casefold()):
            return self.client
        if not name:
            show_error(
                self._window,
                "Choose a client first",
                "Type the client's name in the Client: field, or select them in the Clients tab, then save the screen.",
            )
            return None
        try:
            matches = [c for c in db.clients.list() if c.name.casefold() == name.casefold()]
            if len(matches) > 1:
                show_error(
                    self._window,
                    "Several clients have this name",
                    f"{len(matches)} clients are called {name}: select the right one in the Clients tab, "
                    "then save the screen.",
                )
                return None
            client = matches[0] if matches else db.clients.add(name)
        except RECORD_ERRORS as exc:
            show_error(self._window, "The client could not be saved", _plain(str(exc)))
            return None
        self.clients.set_clients(db.clients.list(), select=client.id)
        self.select_client(client.id)
        if not matches:
            self.status.emit(f"Added {client.name}")
        return self.client

    def open_screen(self, screen_id: int) -> None:
        """Show a stored screen in the checklist and program, replacing the screen being built."""
        db = self.ensure_open()
        client = self.client
        if db is None or client is None:
            return
        if any(slot.status == "analyzing" for slot in self.state.slots.values()):
            show_error(
                self._window,
                "An analysis is running",
                "Wait for the analysis to finish (or cancel it), then open the stored screen.",
            )
            return
        try:
            screen = db.screens.get(screen_id)
            programs = [p for p in db.programs.list_for_client(client.id) if p.screen_id == screen_id]
        except StorageError as exc:
            show_error(self._window, "The screen could not be read", str(exc))
            return
        program = programs[-1] if programs else None
        try:
            restore_screen(
                self.state,
                screen,
                program,
                client.name,
                client.pain_reported,
                poses=self._stored_poses(db, screen),
                settings=self.analysis_settings,
            )
        except ScreenRecordError as exc:
            show_error(
                self._window,
                "The screen could not be opened",
                f"{_plain(str(exc))}; the screen being built is unchanged.",
            )
            return
        analyses = tuple(slot.analysis for slot in self.state.slots.values())
        self._open = _OpenScreen(client.id, screen.id, program.id if program else None, screen.screened_on, analyses)
        self.page.screen_date.setDate(screen.screened_on)
        self.state.mark_saved()
        self.state_changed.emit()
        self.status.emit(f"Opened the screen of {screen.screened_on.isoformat()} for {client.name}")

    def _stored_poses(self, db: Database, screen: Screen) -> dict:
        """clip id -> stored pose; a clip whose pose cannot be read re-opens as plain video."""
        poses = {}
        for clip in screen.clips:
            try:
                pose = db.screens.pose(clip.id)
            except StorageError as exc:
                self.status.emit(f"The {clip.view} clip re-opens without its skeleton: {exc}")
                continue
            if pose is not None:
                poses[clip.id] = pose
        return poses

    def compare_screens(self, earlier_id: int, later_id: int) -> None:
        """Open the side-by-side comparison of two stored screens (from their stored poses)."""
        db = self.ensure_open()
        if db is None:
            return
        try:
            comparison = load_comparison(db, earlier_id, later_id, self.analysis_settings)
        except (StorageError, ReportError) as exc:
            show_error(self._window, "The screens could not be compared", _plain(str(exc)))
            return
        if self.compare_dialog is not None:
            self.compare_dialog.close()
            self.compare_dialog.deleteLater()
        self.compare_dialog = CompareDialog(comparison, self._window)
        self.compare_dialog.show()

    # --------------------------------------------------------------- export
    def export(self, kind: str) -> None:
        """Ask where to write the `kind` export of the selected screen, then write it."""
        if self.client is None:
            return
        title, suffix, file_filter = FILE_TYPES[kind]
        screen_id = self.page.selected_screen_id()
        screen = next((s for s in self.page.screens if s.id == screen_id), None)
        stem = self.client.name.replace(" ", "_") + (f"_{screen.screened_on.isoformat()}" if screen else "")
        if kind == "video" and screen is not None:
            clip = next((c for c in screen.clips if c.id == self.page.selected_clip_id()), None)
            stem += f"_{clip.view}_{clip.variant}" if clip else ""
        default = Path(self._settings().value("last_folder", str(Path.home()))) / f"{stem}{suffix}"
        path, _ = QFileDialog.getSaveFileName(self._window, title, str(default), file_filter)
        if path:
            self.start_export(kind, Path(path))

    def start_export(self, kind: str, path: Path) -> bool:
        """Write an export of the selected screen on the worker thread; False if nothing to export."""
        screen_id = self.page.selected_screen_id()
        screens = self.page.screens
        index = next((i for i, s in enumerate(screens) if s.id == screen_id), None)
        if kind != "client_json" and index is None:
            show_error(self._window, "No screen selected", "Select a stored screen in the list to export it.")
            return False
        try:
            request = self._request(kind, path, screens[: index + 1] if index is not None else [])
        except RECORD_ERRORS as exc:
            show_error(self._window, "The export could not be prepared", _plain(str(exc)))
            return False
        self.page.export_status.setText(f"Writing {path.name}…")
        self.exports.start(request)
        return True

    def _request(self, kind: str, path: Path, screens: list) -> ExportRequest:
        frames = self._frames(screens[-1]) if screens and kind not in ("home_sheet", "video") else {}
        history = tuple((s.screened_on, s.score) for s in screens if s.score is not None)
        coach = self.coach() if kind == "clinician" else None
        request = ExportRequest(kind, path, self.client, tuple(screens), history, frames, coach=coach)
        if kind == "client_json":
            if (opened := self._open_client()) is None:
                raise ReportError("select a client to export their records")
            db, client = opened
            return ExportRequest(kind, path, client, client_data=db.export_client(client.id))
        if kind == "video":
            clip = next((c for c in screens[-1].clips if c.id == self.page.selected_clip_id()), None)
            if clip is None:
                raise ReportError("this screen has no clip to annotate")
            analysis = stored_clip_analysis(screens[-1], clip)
            if analysis is None:
                raise ReportError(f"the screen holds no analysis of its {clip.view} clip")
            pose = self.db.screens.pose(clip.id) if self.db is not None else None
            video_frames = stored_clip_frames(clip, pose, self.analysis_settings)
            return ExportRequest(
                kind, path, self.client, video=clip.video_path, analysis=analysis, video_frames=video_frames
            )
        return request

    def _frames(self, screen: Screen) -> dict:
        """view -> (video, FrameData) of the standard clips, for the key-frame stills: from
        the stored poses with the app's analysis settings, as `report CLIENT_ID` builds them."""
        if self.db is None:  # the database closed meanwhile: no stored poses to draw from
            return {}
        return stored_frames(screen, self._stored_poses(self.db, screen).get, self.analysis_settings)

    def _on_exported(self, kind: str, path: str) -> None:
        self.page.export_status.setText(f"Wrote {path}")
        self.status.emit(f"Wrote {Path(path).name}")

    def _on_export_failed(self, kind: str, message: str) -> None:
        self.page.export_status.setText("The export failed.")
        show_error(self._window, "The export could not be written", _plain(message))
