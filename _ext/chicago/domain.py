"""sphinxcontrib-bibtex's ``cite`` domain, with lookups that grow with the series, not with its square.

sphinxcontrib-bibtex 2.7 formats every bibliography of the project on every
build. For each bibliography it tests every entry of the BibTeX files against
every citation of the project (``get_filtered_entries``), and it orders the
citations by looking each one's document up in a list (``get_all_cited_keys``):
at 200 publications of 20 notes against 5,000 entries, that is billions of
steps. The same answers, from indexes built once per build:

- the documents that cite each key, and the keys each document cites;
- the position of each document, of each key in the files;
- a publication's bibliography (``docname in docnames``, this extension's
  default) is the keys its document cites, in the files' order, without
  testing the other entries one by one.
"""

from __future__ import annotations

import ast
import contextlib

from sphinx.util import logging
from sphinxcontrib.bibtex.domain import BibtexDomain, _FilterVisitor

logger = logging.getLogger(__name__)

LOCAL_FILTER = ast.dump(ast.parse("docname in docnames"))


class IndexedBibtexDomain(BibtexDomain):
    _index_key: tuple | None = None
    _limited_to: set[str] | None = None

    @contextlib.contextmanager
    def entries_limited_to(self, keys: set[str]):
        """``get_entries`` gives only these keys' entries (for PublicationBibliography)."""
        self._limited_to = keys
        try:
            yield
        finally:
            self._limited_to = None

    def get_entries(self, bibfiles):
        entries = super().get_entries(bibfiles)
        if self._limited_to is None:
            return entries
        return (entry for entry in entries if entry.key in self._limited_to)

    def keys_in(self, bibfiles) -> dict[str, int]:
        """The keys of these files, each with its position in them."""
        positions = self._indexes()[2]
        return {name: positions[name] for bibfile in bibfiles for name in self.bibdata.bibfiles[bibfile].keys}

    def _indexes(self):
        """(documents citing each key, keys each document cites in citation order); once per build."""
        refs = self.citation_refs
        key = (id(refs), len(refs), id(self.bibdata))
        if self._index_key != key:
            citing: dict[str, set[str]] = {}
            cited: dict[str, dict[str, None]] = {}
            for ref in refs:
                for target in ref.targets:
                    citing.setdefault(target.key, set()).add(ref.docname)
                    cited.setdefault(ref.docname, {})[target.key] = None
            positions: dict[str, int] = {}
            for bibfile in self.bibdata.bibfiles.values():
                for name in bibfile.keys:
                    positions.setdefault(name, len(positions))
            self._index = citing, cited, positions
            self._index_key = key
            self._cited_keys = None
        return self._index

    def get_all_cited_keys(self, docnames):
        self._indexes()
        if self._cited_keys is None or self._cited_keys[0] != docnames:
            order = {docname: index for index, docname in enumerate(docnames)}
            refs = sorted(self.citation_refs, key=lambda ref: order[ref.docname])
            self._cited_keys = (list(docnames), [t.key for ref in refs for t in ref.targets])
        yield from self._cited_keys[1]

    def get_filtered_entries(self, bibliography_key):
        bibliography = self.bibliographies[bibliography_key]
        citing, cited, positions = self._indexes()
        entries = self.bibdata.data.entries
        in_files = {name for bibfile in bibliography.bibfiles for name in self.bibdata.bibfiles[bibfile].keys}
        if ast.dump(bibliography.filter_) == LOCAL_FILTER and not bibliography.keyprefix:
            wanted = set(cited.get(bibliography_key.docname, ())) | set(bibliography.keys)
            for name in sorted((k for k in wanted if k in in_files), key=positions.__getitem__):
                yield name, entries[name]
            return
        for bibfile in bibliography.bibfiles:
            for name in self.bibdata.bibfiles[bibfile].keys:
                entry = entries[name]
                key = bibliography.keyprefix + entry.key
                cited_docnames = citing.get(key, set())
                visitor = _FilterVisitor(
                    entry=entry, docname=bibliography_key.docname, cited_docnames=cited_docnames
                )
                try:
                    success = visitor.visit(bibliography.filter_)
                except ValueError as err:
                    logger.warning(
                        f"syntax error in :filter: expression; {err}",
                        location=(bibliography_key.docname, bibliography.line),
                        type="bibtex",
                        subtype="filter_syntax_error",
                    )
                    success = bool(cited_docnames)  # as sphinxcontrib-bibtex recovers
                if success or entry.key in bibliography.keys:
                    yield key, entry
