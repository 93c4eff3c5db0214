"""The app and `report CLIENT_ID` build a stored screen's key-frame data one way
(`screen_record.stored_frames`), with the same settings: the user's settings file."""

from __future__ import annotations

from datetime import date

import numpy as np
from stored_screens import store_screen

from ces_vision.cli import build_parser
from ces_vision.cli import report as report_cli
from ces_vision.config import Settings
from ces_vision.reports import FrameData
from ces_vision.session import screen_record
from ces_vision.storage import Database
from ces_vision.storage.paths import default_settings_path


def test_the_app_and_report_client_id_give_the_same_frames_from_the_settings_file(make_window, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    settings_file = default_settings_path()
    settings_file.parent.mkdir(parents=True)
    settings_file.write_text("[smoothing]\ncutoff_hz = 2.0\n", encoding="utf-8")  # not the default 6 Hz
    path = tmp_path / "records" / "clients.sqlite3"
    with Database.open(path) as db:
        client = db.clients.add("Ana Souza")
        stored = store_screen(db, client.id, date(2026, 1, 5), tmp_path, knees_in=0.2, n_reps=2)
    calls = []
    real = screen_record.stored_frames
    spy = lambda *args, **kw: calls.append(args[2]) or real(*args, **kw)  # noqa: E731
    monkeypatch.setattr(report_cli, "stored_frames", spy)
    from ces_vision.gui.records import controller as controller_module

    monkeypatch.setattr(controller_module, "stored_frames", spy)

    args = build_parser().parse_args(["report", str(client.id), "--db", str(path), "--out", str(tmp_path / "r.pdf")])
    cli = report_cli._records(args)[3]
    window = make_window(database_path=path)
    window.tabs.setCurrentWidget(window.records)
    app = window.records.controller._frames(window.records.controller.db.screens.get(stored.id))

    assert len(calls) == 2 and calls[0] == calls[1] and calls[0].smoothing.cutoff_hz == 2.0
    assert sorted(app) == sorted(cli) == ["front"]
    (app_video, app_data), (cli_video, cli_data) = app["front"], cli["front"]
    assert app_video == cli_video
    np.testing.assert_array_equal(app_data.pixels, cli_data.pixels)
    assert app_data.kinematics.reps == cli_data.kinematics.reps
    for name, series in app_data.kinematics.series.items():
        np.testing.assert_array_equal(series.value, cli_data.kinematics.series[name].value)
    # and the settings matter: the default smoothing gives other angles
    with Database.open(path) as db:
        default = FrameData.from_stored_pose(db.screens.pose(stored.clips[0].id), "front", Settings())
    assert any(
        not np.allclose(series.value, default.kinematics.series[name].value, equal_nan=True)
        for name, series in app_data.kinematics.series.items()
    )
