# A series in English with a Japanese edition of one publication (locale/ja/LC_MESSAGES/reports/rivers.po,
# translated by hand from the English here), as the project's conf.py sets up translation.
extensions = ["myst_parser", "series"]
myst_enable_extensions = ["attrs_block"]
myst_footnote_transition = False
language = "en"
gettext_compact = False
# Served below the host's root: every absolute URL, the editions' too, keeps the path.
html_baseurl = "https://example.org/series/"
bibtex_bibfiles = []
