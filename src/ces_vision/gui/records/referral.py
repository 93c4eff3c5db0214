"""The referral prompt shown while the selected client has pain recorded (scope of practice)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ...prescription import REFERRAL_TEXT

REFERRAL_PROMPT = REFERRAL_TEXT  # the one referral text, as the reports say it


class ReferralBanner(QLabel):
    """A non-blocking amber banner; hidden unless the client has pain recorded."""

    def __init__(self, parent=None):
        super().__init__(REFERRAL_PROMPT, parent)
        self.setWordWrap(True)
        self.setAccessibleName("referral prompt")
        self.setStyleSheet(
            "QLabel { background: #fff4ce; color: #5c3c00; border: 1px solid #e0b400;"
            " border-radius: 4px; padding: 6px; font-weight: bold; }"
        )
        self.setVisible(False)

    def set_pain(self, pain: bool) -> None:
        self.setVisible(bool(pain))


def with_banner(banner: ReferralBanner, widget: QWidget) -> QWidget:
    """`widget` with `banner` above it, in one container (for a dock)."""
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(4, 4, 4, 0)
    layout.setSpacing(2)
    layout.addWidget(banner)
    layout.addWidget(widget, 1)
    return box
