"""The speed-ups around sphinxcontrib-bibtex, behind one switch: ``citations_speedups`` (on by default).

Each gives the library's own result sooner; with the switch off the library runs
as it comes, and the tests build the same projects both ways and compare the
pages (tests/ext/test_speedups.py). Written against sphinxcontrib-bibtex 2.7.0:

- ``bibcache.parse_bibdata`` in place of ``sphinxcontrib.bibtex.bibfile.parse_bibdata``
  (a module function its ``process_bibdata`` looks up when it runs): the files
  parsed quickly, and kept for the other builder and the next build. The
  library has no hook for its parser (its docs name the function as the one
  that parses); test_speedups checks that process_bibdata still calls it.
- ``domain.IndexedBibtexDomain`` and ``domain.IndexedBibliographyTransform``
  in place of the library's domain and bibliography transform, through
  Sphinx's own ``add_domain(override=True)`` and its list of post-transforms:
  lookups from indexes instead of scans of every citation of the project.
- A document's own bibliography (``:filter: docname in docnames``) makes
  citation nodes only for the works the document cites (``extension.py``).
"""

from __future__ import annotations

from pathlib import Path

import sphinxcontrib.bibtex.bibfile

from . import bibcache
from .domain import IndexedBibtexDomain, use_indexed_transform

LIBRARY_PARSE = sphinxcontrib.bibtex.bibfile.parse_bibdata


def install(app, config) -> None:
    """At config-inited: the speed-ups, or the library as it comes."""
    on = config.citations_speedups
    sphinxcontrib.bibtex.bibfile.parse_bibdata = bibcache.parse_bibdata if on else LIBRARY_PARSE
    bibcache.FOLDER = Path(app.doctreedir).parent / "bibtex" if on else None
    if on:
        app.add_domain(IndexedBibtexDomain, override=True)
        use_indexed_transform(app)


def on(domain) -> bool:
    """Whether this build's ``cite`` domain is the indexed one."""
    return isinstance(domain, IndexedBibtexDomain)
