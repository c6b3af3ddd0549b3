extensions = ["myst_parser", "series"]
myst_enable_extensions = ["attrs_block"]
series_disclaimers = {"report": "The views are the authors’ own."}
