"""What people read, for tests: the text of a PDF, and RAW_ID, what must never be in it
or in the app: a raw id (`knee_fppa`) or an id merely spaced out (`knee fppa`,
`trunk shin diff`, `knees move in`)."""

import re

import pypdfium2 as pdfium

from ces_vision.kinematics.catalog import METRICS
from ces_vision.screening import COMPENSATION_NAMES

SNAKE_CASE = r"\b[a-z]+(?:_[a-z]+)+\b"
_PLAIN = {**{m.name: m.label for m in METRICS}, **COMPENSATION_NAMES}
# a spaced id that is part of its own plain name ("feet turn out", "heel lift") is fine
_SPACED = [rf"\b{re.escape(i.replace('_', ' '))}\b" for i in _PLAIN]
SPACED_IDS = [
    pattern for pattern, plain in zip(_SPACED, _PLAIN.values()) if not re.search(pattern, plain, re.IGNORECASE)
]
RAW_ID = re.compile("|".join([SNAKE_CASE, *SPACED_IDS]), re.IGNORECASE)


def pdf_text(data: bytes) -> str:
    """Every page's text (pdfium), whitespace collapsed."""
    document = pdfium.PdfDocument(data)
    text = "\n".join(document[i].get_textpage().get_text_range() for i in range(len(document)))
    return re.sub(r"\s+", " ", text)
