extensions = ["myst_parser", "citations"]
bibtex_bibfiles = ["refs.bib"]
bibtex_default_style = "csl"
bibtex_reference_style = "csl"
myst_footnote_transition = False
# As the project's conf.py: citations.key names an unknown key with the nearest known ones.
suppress_warnings = ["bibtex.key_not_found"]
# Each document's bibliography lists the works it cites, as the series' conf.py has it.
citations_bibliography_filter = "docname in docnames"
