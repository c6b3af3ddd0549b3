project = "A Series"
extensions = ["myst_parser", "series"]
series_group = "A Group"
series_publisher = "The Institute"
# Every identifier a series and its publications can have, each in the form an author
# might paste it (the model keeps one form): an ROR address, an ISSN without its hyphen.
series_publisher_ror = "03yrm5c26"
series_issn = {"report": "2049-3630"}
series_license = "CC-BY-4.0"
html_baseurl = "https://example.org/series/"
myst_enable_extensions = ["attrs_block"]
bibtex_bibfiles = []  # the "Cite this" text is formatted by the citation processor; nothing is cited
html_theme = "furo"  # the site's theme, whose footer the series' license joins
series_crossref_depositor = "The Institute's Publications Office"
series_crossref_email = "publications@example.org"
