"""Sphinx configuration for the Research Reports and Research Bulletins of the
research group "Russia in an Era of Great Power Competition".

Settings only; behaviour lives in the extensions under ``_ext/``.
"""

import os
import sys
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE / "_ext"))

# -- Project ------------------------------------------------------------------

institute = "The Japan Institute of International Affairs"
project = "Russia in an Era of Great Power Competition"
author = institute
copyright = f"2022, {institute}"
language = "en"

# -- Series -------------------------------------------------------------------
# The research group every publication belongs to unless its front matter says
# otherwise, the publisher citations and metadata name, and the boilerplate
# each series prints under a title block.

series_group = "Research Group on ‘Russia in an Era of Great Power Competition’"
series_publisher = institute

series_disclaimers = {
    "report": (
        "“Research Reports” are compiled by participants in research groups set up at the Japan "
        "Institute of International Affairs, and are designed to disseminate, in a timely fashion, the "
        "content of presentations made at research group meetings or analyses of current affairs. The "
        "“Research Reports” represent their authors’ views. In addition to these “Research Reports”, "
        "individual research groups will publish “Research Bulletins” covering the full range of the "
        "group’s research themes."
    ),
}

# -- General ------------------------------------------------------------------

extensions = ["myst_parser", "sphinxcontrib.bibtex", "chicago", "series"]
root_doc = "index"
exclude_patterns = []
nitpicky = True
suppress_warnings = [
    # Each publication prints its own bibliography, so a work cited by a report
    # and its bulletins has an entry in each; sphinxcontrib-bibtex 2.7 resolves
    # a citation to the entry in the citing document first, which is what we want.
    "bibtex.duplicate_citation",
    # MyST says only "Malformed YAML" on line 1; series.front_matter says where and why.
    "myst.topmatter",
]

# -- MyST ---------------------------------------------------------------------

myst_enable_extensions = ["attrs_block", "deflist", "colon_fence"]
myst_heading_anchors = 3
myst_footnote_transition = False  # the notes have their own heading in furo and sit on their pages in the PDF

# -- Bibliography -------------------------------------------------------------

# The series' one bibliography. SERIES_BIBFILE points a build at another file
# (a path relative to this folder, or absolute): the benchmark (benchmarks/)
# builds synthetic series against a synthetic bibliography of 5,000 works,
# and the site's own references.bib must stay as authors wrote it.
bibtex_bibfiles = [os.environ.get("SERIES_BIBFILE") or "references.bib"]
bibtex_default_style = "chicago"
bibtex_reference_style = "chicago"

# -- HTML ---------------------------------------------------------------------

html_theme = "furo"
html_theme_options = {"top_of_page_buttons": []}  # readers have no use for the Markdown source
html_title = project
html_favicon = str(HERE / "_static" / "favicon.svg")
html_copy_source = False
html_use_index = False  # no index entries yet: an empty "Index" page helps no one
html_show_sourcelink = False
templates_path = [str(HERE / "_templates")]
html_static_path = [str(HERE / "_static")]
html_css_files = ["series.css", "previews.css"]
html_js_files = [("previews.js", {"defer": "defer"})]
# The site's address: canonical links, citation and OpenGraph tags, the Cite
# this box, sitemap.xml and robots.txt are built on it. A deployment sets
# SITE_BASE_URL to the public address; the default is the local preview (`make live`).
html_baseurl = os.environ.get("SITE_BASE_URL", "http://127.0.0.1:8000/")

# -- LaTeX/PDF ----------------------------------------------------------------
# latex_documents is computed from the publications (series/pdf.py).

latex_engine = "xelatex"
latex_theme = "howto"
latex_use_xindy = False  # no index yet; saves installing xindy
latex_additional_files = [str(HERE / "_static" / "latex" / "series.sty")]
latex_elements = {
    # No PDF page labels: they need a second XeLaTeX pass, and series.volume numbers the pages.
    "passoptionstopackages": r"\PassOptionsToPackage{pdfpagelabels=false}{hyperref}",
    "papersize": "a4paper",
    "pointsize": "11pt",
    "preamble": r"\usepackage{series}",
    "maketitle": r"\seriesmaketitle",
    "tableofcontents": "",
    "printindex": "",
}

# -- Linkcheck ----------------------------------------------------------------

linkcheck_retries = 2
linkcheck_timeout = 15
