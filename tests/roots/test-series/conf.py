extensions = ["myst_parser", "series"]
myst_enable_extensions = ["attrs_block"]
# The series extension builds absolute URLs (citation tags, the Cite this box) on the site address.
html_baseurl = "https://example.org/"
# The series formats its "Cite this" with the citation processor; it cites no works.
bibtex_bibfiles = []
# Figures and tables are numbered, as the project's conf.py has it.
numfig = True
numfig_format = {"figure": "Figure %s", "table": "Table %s"}
