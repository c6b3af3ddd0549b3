extensions = ["myst_parser", "series"]
myst_enable_extensions = ["attrs_block"]
