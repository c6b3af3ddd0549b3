project = "A Series"
extensions = ["myst_parser", "sphinxcontrib.bibtex", "citations", "series"]
myst_enable_extensions = ["attrs_block"]
myst_footnote_transition = False
bibtex_bibfiles = ["refs.bib"]
bibtex_default_style = "csl"
bibtex_reference_style = "csl"
series_publisher = "The Institute"
# Served below the host's root, so every absolute URL must keep the path.
html_baseurl = "https://example.org/series/"
# Each document's bibliography lists the works it cites, as the series' conf.py has it.
citations_bibliography_filter = "docname in docnames"
