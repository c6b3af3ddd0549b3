"""A PDF's text as pdftotext reads it, and text compared without its typesetting."""

from __future__ import annotations

import re
import subprocess
import unicodedata
from pathlib import Path


def text(path: Path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


def normalized(value: str) -> str:
    """Without line breaks, hyphens and spaces (where TeX breaks and hyphenates), ligatures as letters."""
    return re.sub(r"[\s\-\u00ad]+", "", unicodedata.normalize("NFKC", value))
