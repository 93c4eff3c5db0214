"""Help > How to screen a client: the workflow on one page, in the app's own words."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from ..prescription import SCOPE_STATEMENT

HOW_TO = f"""
<h3>How to screen a client</h3>
<ol>
<li><b>Film the overhead squat.</b> Client barefoot, feet shoulder-width, toes straight ahead,
arms fully overhead; about 5 slow squats to chair height. Film from the <b>front</b>, the
<b>side</b> and the <b>back</b>, the whole body in frame from hands to feet, camera still
and at about hip height.</li>
<li><b>Bring the clips in.</b> <i>File &gt; Open videos…</i> (or drag them onto the window), or
<i>File…</i> on a line of the <i>Screen</i> panel. To film here, press <i>Live…</i> on that line,
then <i>Start camera</i>, <i>Record</i> (after a short countdown) and <i>Stop</i>; the recording
is analysed like a file. Each clip is analysed on its own.</li>
<li><b>Review each clip.</b> Play it, step frame by frame (Left / Right keys), and press a
<i>Flagged</i> button to jump to the frame that shows a compensation best; the joint in question
is ringed. The client's left is blue, their right orange.</li>
<li><b>Decide the checklist.</b> Each line says what was measured and over how many reps.
<i>Confirm</i> it or override it (<i>Override: seen</i> / <i>Override: not seen</i>); your word wins and is kept
apart from what was measured. Lines the video cannot show are judged by eye.</li>
<li><b>Check the program.</b> It is built from the checklist (inhibit, lengthen, activate,
integrate, within about 20 minutes). Swap, edit or remove exercises to suit the client.</li>
<li><b>Save and follow up.</b> Type the client's name in <i>Client:</i> and use
<i>File &gt; Save screen to client</i> (Ctrl+S). The <i>Clients</i> tab holds every screen,
the re-screen comparison, the session log and the PDF report.</li>
</ol>
<p>{SCOPE_STATEMENT}</p>
"""


class HowToDialog(QDialog):
    """A short, scrollable how-to; non-modal so the coach can follow it while working."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("How to screen a client")
        self.text = QTextBrowser()
        self.text.setHtml(HOW_TO)
        self.text.setOpenExternalLinks(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        self.resize(560, 480)
