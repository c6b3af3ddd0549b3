"""sphinxcontrib-bibtex's ``cite`` domain, with lookups that grow with the series, not with its square.

sphinxcontrib-bibtex 2.7 formats every bibliography of the project on every
build. For each bibliography it tests every entry of the BibTeX files against
every citation of the project (``get_filtered_entries``), and orders each
bibliography by walking every citation of the project, its documents looked up
in a list (``get_all_cited_keys``, ``get_sorted_entries``):
at 200 publications of 20 notes against 5,000 entries, that is billions of
steps. The same answers, from indexes built once per build:

- the documents that cite each key, and the keys each document cites;
- the position of each document, of each key in the files, of each key's
  first citation;
- a publication's bibliography (``docname in docnames``, the series'
  default) is the keys its document cites, in the files' order, without
  testing the other entries one by one.

Written against sphinxcontrib-bibtex 2.7.0, whose domain offers no hook for
its lookups: the overrides keep its methods' names and results, set its
``data`` lists for the span of a call, and test a :filter: with its own
``_FilterVisitor`` (private) so that a filter means what it means there.
If upstream changes, these fail: tests/ext/test_speedups.py (the same pages
with and without), tests/ext/test_csl_notes.py (the library's own order), and
``make test-bibtex-suite`` (its own tests, with these loaded).
"""

from __future__ import annotations

import ast
import contextlib

from sphinx.util import logging
from sphinxcontrib.bibtex.citation_target import parse_citation_targets
from sphinxcontrib.bibtex.domain import BibtexDomain, _FilterVisitor
from sphinxcontrib.bibtex.nodes import bibliography as bibliography_node
from sphinxcontrib.bibtex.transforms import BibliographyTransform

logger = logging.getLogger(__name__)

LOCAL_FILTER = ast.dump(ast.parse("docname in docnames"))


class IndexedBibtexDomain(BibtexDomain):
    _index_key: tuple | None = None
    _limited_to: set[str] | None = None
    _keys_in: tuple | None = None
    _by_key: tuple | None = None
    _by_document: tuple | None = None

    def resolve_xref(self, env, fromdocname, builder, typ, target, node, contnode):
        """sphinxcontrib-bibtex's, looking only at the cited keys' citations, not at the project's.

        It scans every formatted citation of the project, twice, for each reference it
        resolves; here it sees those of the keys the reference cites, in the same order.
        """
        keys = {t.key for t in parse_citation_targets(target)}
        index = self._citations_by_key()
        every = self.data["citations"]
        self.data["citations"] = [c for _, c in sorted(p for key in keys for p in index.get(key, ()))]
        try:
            return super().resolve_xref(env, fromdocname, builder, typ, target, node, contnode)
        finally:
            self.data["citations"] = every

    def by_document(self) -> tuple[dict, dict]:
        """The citations of each document's bibliographies, and each document's citation
        references, each with its position in the project's list; once per build."""
        citations, refs = self.data["citations"], self.data["citation_refs"]
        key = (id(citations), len(citations), id(refs), len(refs))
        if self._by_document is None or self._by_document[0] != key:
            by_doc: tuple[dict, dict] = ({}, {})
            for position, citation in enumerate(citations):
                by_doc[0].setdefault(citation.bibliography_key.docname, []).append((position, citation))
            for position, ref in enumerate(refs):
                by_doc[1].setdefault(ref.docname, []).append((position, ref))
            self._by_document = (key, by_doc, citations, refs)  # the lists kept: their ids stay theirs
        return self._by_document[1]

    def _citations_by_key(self) -> dict[str, list[tuple[int, object]]]:
        citations = self.data["citations"]
        if self._by_key is None or self._by_key[0] is not citations or self._by_key[1] != len(citations):
            by_key: dict[str, list] = {}
            for position, citation in enumerate(citations):
                by_key.setdefault(citation.key, []).append((position, citation))
            self._by_key = (citations, len(citations), by_key)
        return self._by_key[2]

    @contextlib.contextmanager
    def entries_limited_to(self, keys: set[str]):
        """``get_entries`` gives only these keys' entries (for PublicationBibliography)."""
        self._limited_to = keys
        try:
            yield
        finally:
            self._limited_to = None

    def get_entries(self, bibfiles):
        if self._limited_to is None:
            return super().get_entries(bibfiles)
        # The entries of these keys, in the files' order, as the full list filtered would give them.
        in_files = self.keys_in(bibfiles)
        entries = self.bibdata.data.entries
        return (entries[key] for key in sorted(self._limited_to & in_files.keys(), key=in_files.__getitem__))

    def keys_in(self, bibfiles) -> dict[str, int]:
        """The keys of these files, each with its position in them; worked out once per parse."""
        cache_key = (id(self.bibdata), tuple(bibfiles))
        if self._keys_in is None or self._keys_in[0] != cache_key:
            positions = {}
            for bibfile in bibfiles:
                for name in self.bibdata.bibfiles[bibfile].keys:
                    positions.setdefault(name, len(positions))
            self._keys_in = (cache_key, self.bibdata, positions)  # the parse kept: its id stays its own
        return self._keys_in[2]

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
            positions = self.keys_in(list(self.bibdata.bibfiles))
            self._index = citing, cited, positions
            self._index_key = key
            self._first_cited = None
        return self._index

    def _first_citations(self, docnames) -> dict[str, int]:
        """Each cited key with the position of its first citation, documents in this order; once per build."""
        self._indexes()
        if self._first_cited is None or self._first_cited[0] != docnames:
            order = {docname: index for index, docname in enumerate(docnames)}
            refs = sorted(self.citation_refs, key=lambda ref: order[ref.docname])
            first: dict[str, int] = {}
            for target in (t for ref in refs for t in ref.targets):
                first.setdefault(target.key, len(first))
            self._first_cited = (list(docnames), first)
        return self._first_cited[1]

    def get_sorted_entries(self, bibliography_key, docnames):
        """sphinxcontrib-bibtex's order, cited keys first as first cited, then the files' order.

        It walks every citation of the project for each bibliography: here, the
        bibliography's own entries are looked up in an index of first citations.
        """
        entries = dict(self.get_filtered_entries(bibliography_key))
        first = self._first_citations(docnames)
        for key in sorted((key for key in entries if key in first), key=first.__getitem__):
            yield key, entries[key]
        yield from ((key, entry) for key, entry in entries.items() if key not in first)

    def get_filtered_entries(self, bibliography_key):
        bibliography = self.bibliographies[bibliography_key]
        citing, cited, positions = self._indexes()
        entries = self.bibdata.data.entries
        in_files = self.keys_in(bibliography.bibfiles)
        if ast.dump(bibliography.filter_) == LOCAL_FILTER and not bibliography.keyprefix:
            wanted = set(cited.get(bibliography_key.docname, ())) | set(bibliography.keys)
            for name in sorted((k for k in wanted if k in in_files), key=in_files.__getitem__):
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


class IndexedBibliographyTransform(BibliographyTransform):
    """sphinxcontrib-bibtex's transform of a bibliography into its entries, looking only at the
    citations and references of the documents it fills.

    For each bibliography it scans every formatted citation of the project, and for each entry
    every citation reference of the project (for back-references): here, those of the
    bibliographies' own documents, in the same order.
    """

    def run(self, **kwargs) -> None:
        domain = self.env.get_domain("cite")
        docnames = {node["docname"] for node in self.document.findall(bibliography_node)}
        if not docnames:
            return
        data = domain.data
        every = data["citations"], data["citation_refs"]
        citations, refs = domain.by_document()
        data["citations"] = sorted(p for d in docnames for p in citations.get(d, ()))
        data["citation_refs"] = sorted(p for d in docnames for p in refs.get(d, ()))
        data["citations"] = [c for _, c in data["citations"]]
        data["citation_refs"] = [r for _, r in data["citation_refs"]]
        try:
            super().run(**kwargs)
        finally:
            data["citations"], data["citation_refs"] = every


def use_indexed_transform(app) -> None:
    """In place of sphinxcontrib-bibtex's own BibliographyTransform, in Sphinx's list of them."""
    transforms = app.registry.post_transforms
    transforms[transforms.index(BibliographyTransform)] = IndexedBibliographyTransform
