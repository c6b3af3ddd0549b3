extensions = ["myst_parser", "chicago"]
bibtex_bibfiles = ["refs.bib"]
bibtex_default_style = "chicago"
