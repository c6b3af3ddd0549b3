project = "A Series"
extensions = ["myst_parser", "series"]
myst_enable_extensions = ["attrs_block"]
series_publisher = "The Institute"
# Served below the host's root, so every absolute URL must keep the path.
html_baseurl = "https://example.org/series/"
# The series formats its "Cite this" with the citation processor; it cites no works.
bibtex_bibfiles = []
# What the EPUB builder asks for, so that a build of the book warns of nothing.
epub_copyright = "2030, The Institute"
