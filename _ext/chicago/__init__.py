"""Chicago notes and bibliography for sphinxcontrib-bibtex, registered as its plugins.

- ``style.py``: the pybtex formatting style ``chicago`` (the bibliography form);
- ``notes.py``: the referencing style ``chicago`` and the role ``cite:note``
  (the note forms, inside a MyST footnote).
"""

import pybtex.plugin
import sphinxcontrib.bibtex.plugin

from .notes import FULL, ChicagoReferenceStyle, NoteRole, PunctuationInsideQuotes
from .style import ChicagoBibliographyStyle, ChicagoSortingStyle


def setup(app):
    app.setup_extension("sphinxcontrib.bibtex")
    pybtex.plugin.register_plugin("pybtex.style.sorting", "chicago", ChicagoSortingStyle)
    pybtex.plugin.register_plugin("pybtex.style.formatting", "chicago", ChicagoBibliographyStyle)
    sphinxcontrib.bibtex.plugin.register_plugin(
        "sphinxcontrib.bibtex.style.referencing", "chicago", ChicagoReferenceStyle
    )
    app.add_role_to_domain("cite", FULL, NoteRole())
    app.add_post_transform(PunctuationInsideQuotes)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
