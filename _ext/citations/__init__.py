"""Citations in a CSL style for sphinxcontrib-bibtex, registered as its plugins.

- ``style.py``: the pybtex formatting style ``chicago`` (the bibliography form);
- ``notes.py``: the referencing style ``chicago`` and the role ``cite:note``
  (the note forms, inside a MyST footnote);
- ``bibcheck.py``: mistakes in the BibTeX files that pybtex passes over, which
  stop the build here with their file and line;
- ``bibcache.py``: the files parsed once for every builder and build;
- ``domain.py``: sphinxcontrib-bibtex's ``cite`` domain, with indexed lookups.

Sphinx loads ``extension.py`` through ``setup`` below; importing the package
alone imports no Sphinx, so the modules that need none (the model, the tools
``make pdf`` runs, their tests) start in a fraction of the time.
"""


def setup(app):
    from .extension import setup

    return setup(app)
