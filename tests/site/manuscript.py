"""The manuscript of the first report, read for the fidelity tests.

The manuscript is the source of truth for the report's text and notes: the
author's text, as delivered, kept unchanged in tests/data, so a fresh clone
tests with nothing beside it.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

PATH = Path(__file__).resolve().parents[1] / "data" / "manuscript-fy2021-6.txt"
SUPERSCRIPTS = "¹²³⁴⁵⁶⁷⁸⁹"
HEADINGS = {
    "Introduction",
    "1. Afghanistan issue and Russia-China relations",
    "2. The Kazakhstan problem and Russia-China relations",
    "Conclusion",
}


def text() -> str:
    assert PATH.exists(), f"the manuscript is missing: {PATH}"
    return PATH.read_text(encoding="utf-8")


def body_paragraphs() -> list[str]:
    """The paragraphs of the report's body: from "Introduction" to the first note."""
    paragraphs = [p.strip() for p in text().split("\n\n") if p.strip()]
    start = paragraphs.index("Introduction")
    end = next(i for i, p in enumerate(paragraphs) if p[0] in SUPERSCRIPTS)
    return [p for p in paragraphs[start:end] if p not in HEADINGS]


def note_anchors() -> list[str]:
    """For each note, in order, the words just before its marker in the body."""
    anchors = {}
    for paragraph in body_paragraphs():
        for match in re.finditer(f"[{SUPERSCRIPTS}]", paragraph):
            anchors[SUPERSCRIPTS.index(match.group()) + 1] = paragraph[: match.start()][-60:]
    return [anchors[n] for n in sorted(anchors)]


def normalize(value: str) -> str:
    """Compare text, not typography: quotes, dashes, hyphens, spaces and note markers."""
    value = unicodedata.normalize("NFC", value)
    value = re.sub(f"[{SUPERSCRIPTS}]", "", value)
    value = value.translate(str.maketrans("“”‘’", "\"\"''"))
    return re.sub(r"[\s\-–]+", "", value)
