extensions = ["myst_parser", "citations"]
bibtex_bibfiles = ["refs.bib"]
bibtex_default_style = "csl"
bibtex_reference_style = "csl"
# Another official style, of the author-date class: citations in the text, no notes.
citations_style = "chicago-author-date-17th-edition"
# Each document's bibliography lists the works it cites, as the series' conf.py has it.
citations_bibliography_filter = "docname in docnames"
