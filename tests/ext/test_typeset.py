"""series.typeset's XeLaTeX runs: a character no font has, and a run that never ends, stop the build
with the publication's name and what to do (never a PDF with empty boxes, never a hang)."""

from __future__ import annotations

import pytest
from series import typeset, volume

from ..images import png

DOCUMENT = r"""\documentclass{article}
\usepackage{fontspec}
\usepackage{graphicx}
\setmainfont{FreeSerif}[Extension=.otf, UprightFont=*, ItalicFont=*Italic, BoldFont=*Bold]
\begin{document}
%s
\end{document}
"""


def latex_dir(tmp_path, body: str):
    (tmp_path / "report.tex").write_text(DOCUMENT % body, encoding="utf-8")
    return tmp_path


def test_a_character_no_font_has_is_named(tmp_path):
    folder = latex_dir(tmp_path, "A face \N{GRINNING FACE} and a glyph \N{EGYPTIAN HIEROGLYPH A001} here.")
    with pytest.raises(typeset.TypesetError) as stop:
        typeset.typeset(folder, "report")
    assert str(stop.value).startswith("report: no font of the PDF has \N{GRINNING FACE} (U+1F600), ")
    assert "(U+13000)" in str(stop.value)
    assert not (folder / "report.pdf").exists()


def test_a_run_that_does_not_end_is_stopped(tmp_path, monkeypatch):
    monkeypatch.setattr(volume, "XELATEX_TIME_LIMIT", 2)
    folder = latex_dir(tmp_path, r"\loop\iftrue\repeat")
    with pytest.raises(typeset.TypesetError, match="XeLaTeX did not finish report.tex in 2 s"):
        typeset.typeset(folder, "report")


def test_what_the_fonts_have_typesets(tmp_path):
    folder = latex_dir(tmp_path, "Лавров, “quoted” – text.")
    assert typeset.typeset(folder, "report") == 1
    assert (folder / "report.pdf").is_file()


def test_an_image_the_driver_cannot_read_is_named(tmp_path):
    """XeTeX takes the image; the PDF driver, after it, can't read it and says so on the terminal only."""
    (tmp_path / "broken.png").write_bytes(png()[:-12])  # without its closing chunk
    folder = latex_dir(tmp_path, r"\includegraphics{broken.png}")
    with pytest.raises(
        typeset.TypesetError, match=r"XeLaTeX failed on report.tex \(see .*\): .*libpng error"
    ):
        typeset.typeset(folder, "report")
