"""The log file: an unexpected error is one plain line for the user and a traceback in the log."""

from logging.handlers import RotatingFileHandler

from ces_vision import cli, logs
from ces_vision.cli import analyze

NAME, COMPLAINT = "Dana Reyes", "knee pain"


def _boom(args):
    raise RuntimeError(f"client {NAME} said {COMPLAINT}")  # what a bug's message might quote


def test_an_unexpected_error_is_one_line_and_a_traceback_in_the_log(monkeypatch, capsys, user_data_folder):
    monkeypatch.setattr(analyze, "run", _boom)
    status = cli.main(["analyze", "whatever.mp4"])
    err = capsys.readouterr().err
    assert status == 1
    assert err.count("\n") == 1 and "Traceback" not in err and "RuntimeError" in err
    log_file = user_data_folder / logs.LOG_FILE_NAME
    assert str(log_file) in err  # the user is told where the details are
    text = log_file.read_text()
    assert "Traceback (most recent call last)" in text and "_boom" in text
    assert "Dana" not in text and "pain" not in text  # the message may quote client data: never logged


def test_a_user_error_is_not_logged_as_a_bug(capsys, user_data_folder, tmp_path):
    bad = tmp_path / "notes.mp4"
    bad.write_text("not a video")
    log_file = user_data_folder / logs.LOG_FILE_NAME
    before = log_file.stat().st_size if log_file.exists() else 0
    assert cli.main(["analyze", str(bad)]) == 2
    assert "exited 2" in log_file.read_text()[before:] and "Traceback" not in log_file.read_text()[before:]
    assert "Traceback" not in capsys.readouterr().err


def test_the_log_rotates_and_is_set_up_once(tmp_path):
    path = tmp_path / "data" / "ces-vision.log"
    try:
        assert logs.start_logging(path) == path
        assert logs.start_logging(path) == path
        handlers = [h for h in logs.log.handlers if isinstance(h, RotatingFileHandler)]
        assert len(handlers) == 1 and handlers[0].maxBytes == logs.MAX_BYTES and handlers[0].backupCount == 3
        for _ in range(3 * logs.MAX_BYTES // 1000):
            logs.log.info("x" * 1000)
        assert (path.parent / "ces-vision.log.1").is_file() and path.stat().st_size <= logs.MAX_BYTES
    finally:
        logs.start_logging()  # back to the session's folder for the other tests


def test_an_unwritable_folder_does_not_stop_the_tool(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    try:
        assert logs.start_logging(blocker / "sub" / "ces-vision.log") is None
    finally:
        logs.start_logging()
