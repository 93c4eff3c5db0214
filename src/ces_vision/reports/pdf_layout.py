"""The look every ces-vision PDF shares: colours, page size and margins, fonts and
paragraph styles, the page header and footer, tables, images and the referral box.

The client report (`pdf`), the clinician summary and the home-exercise sheet all build
on it, so a change of look is made once.
"""

from __future__ import annotations

import io
from pathlib import Path
from xml.sax.saxutils import escape

import matplotlib
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Image, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from ..prescription import REFERRAL_TEXT
from .wording import REFERRAL_TITLE, SCOPE_NOTE_SHORT

INK = colors.HexColor("#1f2933")
MUTED = colors.HexColor("#616e7c")
RULE = colors.HexColor("#d9e2ec")
ACCENT = colors.HexColor("#1f5fbf")
SOFT = colors.HexColor("#f0f4f8")
ALERT = colors.HexColor("#b42318")
ALERT_SOFT = colors.HexColor("#fef3f2")

PAGE = LETTER
MARGIN = 0.75 * inch
FRAME_PADDING = 6  # SimpleDocTemplate's frame padding on each side
CONTENT_WIDTH = PAGE[0] - 2 * MARGIN - 2 * FRAME_PADDING


def register_fonts() -> tuple[str, str]:
    """DejaVu Sans (shipped with matplotlib, wide Unicode coverage) as the body font."""
    if "CesSans" not in pdfmetrics.getRegisteredFontNames():
        folder = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
        pdfmetrics.registerFont(TTFont("CesSans", str(folder / "DejaVuSans.ttf")))
        pdfmetrics.registerFont(TTFont("CesSans-Bold", str(folder / "DejaVuSans-Bold.ttf")))
        pdfmetrics.registerFontFamily("CesSans", normal="CesSans", bold="CesSans-Bold")
    return "CesSans", "CesSans-Bold"


def paragraph_styles() -> dict[str, ParagraphStyle]:
    body, bold = register_fonts()
    base = ParagraphStyle("body", fontName=body, fontSize=9.5, leading=13.5, textColor=INK, alignment=TA_LEFT)
    return {
        "body": base,
        "small": ParagraphStyle("small", base, fontSize=8, leading=10.5, textColor=MUTED),
        "cell": ParagraphStyle("cell", base, fontSize=8.5, leading=11),
        "cell_bold": ParagraphStyle("cell_bold", base, fontName=bold, fontSize=8.5, leading=11),
        "title": ParagraphStyle("title", base, fontName=bold, fontSize=20, leading=24),
        "subtitle": ParagraphStyle("subtitle", base, fontSize=10.5, leading=14, textColor=MUTED),
        "h1": ParagraphStyle("h1", base, fontName=bold, fontSize=13, leading=17, spaceBefore=14, spaceAfter=6),
        "chart_title": ParagraphStyle("chart_title", base, fontName=bold, fontSize=8.5, leading=11, spaceAfter=1),
        "h2": ParagraphStyle("h2", base, fontName=bold, fontSize=10.5, leading=14, spaceBefore=6, spaceAfter=2),
        "group": ParagraphStyle(
            "group", base, fontName=bold, fontSize=11.5, leading=15, spaceBefore=10, spaceAfter=2, textColor=ACCENT
        ),
        "alert_title": ParagraphStyle("alert_title", base, fontName=bold, fontSize=11, leading=14, textColor=ALERT),
        "score": ParagraphStyle("score", base, fontName=bold, fontSize=26, leading=30, textColor=ACCENT),
    }


def document(buffer: io.BytesIO, title: str, author: str = "ces-vision", subject: str = "") -> SimpleDocTemplate:
    """A page of our size and margins (room under the top margin for the page header)."""
    return SimpleDocTemplate(
        buffer,
        pagesize=PAGE,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN + 0.15 * inch,
        bottomMargin=MARGIN,
        title=title,
        author=author,
        subject=subject,
        creator="ces-vision",
    )


def page_decorator(title: str, header: str):
    """What every page of a ces-vision PDF carries: brand, `title`, `header` (right), the
    scope-of-practice line and the page number; for `SimpleDocTemplate.build`."""

    def decorate(canvas, document) -> None:
        canvas.saveState()
        body, bold = register_fonts()
        top = PAGE[1] - MARGIN + 0.2 * inch
        canvas.setFont(bold, 8)
        canvas.setFillColor(ACCENT)
        canvas.drawString(MARGIN, top, "ces-vision")
        brand_width = pdfmetrics.stringWidth("ces-vision", bold, 8)
        canvas.setFont(body, 8)
        canvas.setFillColor(MUTED)
        canvas.drawString(MARGIN + brand_width + 6, top, f"|   {title}")
        canvas.drawRightString(PAGE[0] - MARGIN, top, header)
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.6)
        canvas.line(MARGIN, top - 6, PAGE[0] - MARGIN, top - 6)
        canvas.line(MARGIN, MARGIN - 0.2 * inch, PAGE[0] - MARGIN, MARGIN - 0.2 * inch)
        canvas.drawString(MARGIN, MARGIN - 0.38 * inch, SCOPE_NOTE_SHORT)
        canvas.drawRightString(PAGE[0] - MARGIN, MARGIN - 0.38 * inch, f"Page {document.page}")
        canvas.restoreState()

    return decorate


def referral_box(st) -> list:
    box = Table(
        [[Paragraph(REFERRAL_TITLE, st["alert_title"])], [Paragraph(escape(REFERRAL_TEXT), st["body"])]],
        colWidths=[CONTENT_WIDTH],
    )
    box.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), ALERT_SOFT),
                ("LINEBEFORE", (0, 0), (0, -1), 4, ALERT),
                ("BOX", (0, 0), (-1, -1), 0.6, ALERT),
                ("LEFTPADDING", (0, 0), (-1, -1), 12),
                ("RIGHTPADDING", (0, 0), (-1, -1), 12),
                ("TOPPADDING", (0, 0), (-1, 0), 9),
                ("BOTTOMPADDING", (0, -1), (-1, -1), 9),
            ]
        )
    )
    return [Spacer(1, 4), box, Spacer(1, 6)]


def grid(data: list, widths: list[float]) -> Table:
    table = Table(data, colWidths=widths, repeatRows=1, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BACKGROUND", (0, 0), (-1, 0), SOFT),
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, ACCENT),
                ("LINEBELOW", (0, 1), (-1, -1), 0.4, RULE),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                ("LEFTPADDING", (0, 0), (-1, -1), 5),
                ("RIGHTPADDING", (0, 0), (-1, -1), 5),
            ]
        )
    )
    return table


def fitted_image(data: bytes, width: float, max_height: float | None = None) -> Image:
    reader = Image(io.BytesIO(data))
    ratio = reader.imageHeight / reader.imageWidth
    height = width * ratio
    if max_height is not None and height > max_height:
        height, width = max_height, max_height / ratio
    return Image(io.BytesIO(data), width=width, height=height)
