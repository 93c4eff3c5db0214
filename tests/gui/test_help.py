"""Help > How to screen a client: opens from the menu, and names only what the app shows."""

import re

from PySide6.QtWidgets import QAbstractButton, QDockWidget, QLabel

from ces_vision.gui.checklist_panel import DECISIONS
from ces_vision.gui.help_dialog import HOW_TO, HowToDialog


def _plain(text: str) -> str:
    return text.replace("&", "").strip()


def test_help_menu_opens_the_how_to(make_window, qtbot):
    window = make_window()
    help_menu = next(a.menu() for a in window.menuBar().actions() if _plain(a.text()) == "Help")
    action = next(a for a in help_menu.actions() if _plain(a.text()) == "How to screen a client")
    action.trigger()
    dialog = window.findChild(HowToDialog)
    assert dialog is not None and dialog.isVisible()
    text = dialog.text.toPlainText()
    assert "front" in text and "side" in text and "back" in text and "does not diagnose" in text


def test_every_control_the_how_to_names_exists(make_window):
    """The how-to quotes menus, buttons, panels and choices: each must be in the app as written."""
    window = make_window()
    menus = {_plain(a.text()): {_plain(b.text()) for b in a.menu().actions()} for a in window.menuBar().actions()}
    shown = {_plain(w.text()) for w in window.findChildren(QAbstractButton) + window.findChildren(QLabel)}
    shown |= {_plain(d.windowTitle()) for d in window.findChildren(QDockWidget)}
    shown |= {window.tabs.tabText(i) for i in range(window.tabs.count())}
    shown |= {label for label, _, _ in DECISIONS}
    names = [re.sub(r"&gt;", ">", n) for n in re.findall(r"<i>(.*?)</i>", HOW_TO)]
    assert len(names) > 10
    for name in names:
        if " > " in name:
            menu, item = name.split(" > ")
            assert item in menus.get(menu, ()), name
        else:
            assert name in shown or f"{name}:" in shown, name


def test_about_and_help_state_the_scope_of_practice_in_the_one_wording():
    from ces_vision.gui.dialogs import about_text
    from ces_vision.prescription import REFERRAL_TEXT, SCOPE_STATEMENT

    assert SCOPE_STATEMENT in about_text() and SCOPE_STATEMENT in HOW_TO
    assert "physical therapist or another licensed clinician" in REFERRAL_TEXT  # the same referral
    assert "physical therapist or another licensed clinician" in SCOPE_STATEMENT
    assert "medical professional" not in about_text() + HOW_TO
