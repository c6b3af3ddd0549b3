extensions = ["myst_parser", "citations", "series"]
myst_enable_extensions = ["attrs_block"]
myst_disable_syntax = ["html_block", "html_inline"]  # as the project's conf.py
bibtex_bibfiles = ["refs.bib"]
bibtex_default_style = "csl"
bibtex_reference_style = "csl"
html_baseurl = "http://127.0.0.1:8000/"
# Each document's bibliography lists the works it cites, as the series' conf.py has it.
citations_bibliography_filter = "docname in docnames"
