project = "A Series"
extensions = ["myst_parser", "sphinxcontrib.bibtex", "chicago", "series"]
myst_enable_extensions = ["attrs_block"]
myst_footnote_transition = False
bibtex_bibfiles = ["refs.bib"]
bibtex_default_style = "chicago"
bibtex_reference_style = "chicago"
series_publisher = "The Institute"
# Served below the host's root, so every absolute URL must keep the path.
html_baseurl = "https://example.org/series/"
