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
