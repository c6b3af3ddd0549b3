"""furo's navigation sidebar, worked out once for the publications that share a folder and a toctree.

furo puts the whole site's table of contents in every page's sidebar: for
each page, Sphinx resolves the global toctree (copying every document's
table of contents), renders it, and furo parses the result again with
BeautifulSoup. Every page's sidebar lists every publication, so a build does
that work once per page on a list as long as the series: at 400 publications
it was half of an HTML build, and it grows with the square of the series.

Two publications listed in the same toctree and written to the same folder
have sidebars that differ only in which entry is the current page: the same
links (relative to the same folder), the same captions and expanders. So the
sidebar is worked out, Sphinx's and furo's way, for the first such page, and
for each of the others the first page's entry is made an ordinary entry
again and the page's own entry the current one: exactly the markup Sphinx and
furo give a current leaf entry (``current current-page``, a link to ``#``).
A page for which any of this does not hold (not a leaf of a toctree of the
landing page, its entry not found once) gets its sidebar the usual way.
``series_navigation_cache = False`` turns this off; a test compares the two.
"""

from __future__ import annotations

import posixpath
import re

from furo.navigation import get_navigation_tree
from sphinx import addnodes

# The arguments furo's _compute_navigation_tree calls the toctree function with (furo 2025.12.19).
FURO_TOCTREE = {"collapse": False, "titles_only": True, "maxdepth": -1, "includehidden": True}
SAFE_URI = re.compile(r"^[A-Za-z0-9._/-]+$")


def current_entry(uri: str) -> tuple[str, str]:
    """A leaf entry of the first level, as an ordinary entry and as the current page's."""
    plain = f'<li class="toctree-l1"><a class="reference internal" href="{uri}">'
    current = '<li class="toctree-l1 current current-page"><a class="current reference internal" href="#">'
    return plain, current


def toctree_of(app, pagename: str) -> int | None:
    """Which toctree of the landing page lists pagename as a leaf (None if none, or several)."""
    cache = navigation_cache(app)
    if cache["leaves"] is None:
        env, found = app.env, {}
        for index, node in enumerate(env.get_doctree(app.config.root_doc).findall(addnodes.toctree)):
            for _, ref in node["entries"]:
                found[ref] = index if ref not in found else None
        cache["leaves"] = {
            ref: i for ref, i in found.items() if i is not None and not env.toctree_includes.get(ref)
        }
    return cache["leaves"].get(pagename)


def navigation_cache(app) -> dict:
    """Per builder (and so per build, and per parallel worker)."""
    return app.builder.__dict__.setdefault("_series_navigation", {"leaves": None, "first": {}})


def applies(app, pagename: str, context: dict, doctree) -> bool:
    return bool(app.config.series_navigation_cache) and doctree is not None and "toctree" in context


def before_furo(app, pagename: str, templatename: str, context: dict, doctree) -> None:
    """The first page of a folder and toctree: keep its toctree. The others: give furo that one."""
    if not applies(app, pagename, context, doctree) or (index := toctree_of(app, pagename)) is None:
        return
    firsts = navigation_cache(app)["first"]
    key = (posixpath.dirname(pagename), index)
    original = context["toctree"]
    first = firsts.get(key)
    if first is None:
        first = firsts[key] = {"page": pagename, "html": None}

        def keeping(**kwargs):
            html = original(**kwargs)
            if kwargs == FURO_TOCTREE:
                first["html"] = html
            return html

        context["toctree"] = keeping
        return
    if first["html"] is None:
        return

    def borrowing(**kwargs):
        return first["html"] if kwargs == FURO_TOCTREE else original(**kwargs)

    context["toctree"] = borrowing
    context["_series_navigation"] = (first["page"], original)


def after_furo(app, pagename: str, templatename: str, context: dict, doctree) -> None:
    """furo's sidebar of the first page, with this page's entry current instead of the first's."""
    borrowed = context.pop("_series_navigation", None)
    if borrowed is None or "furo_navigation_tree" not in context:
        return
    first_page, original = borrowed
    navigation = moved(app, context["furo_navigation_tree"], first_page, pagename)
    if navigation is None:  # the entries are not as expected: the usual way after all
        navigation = get_navigation_tree(original(**FURO_TOCTREE))
    context["furo_navigation_tree"] = navigation


def moved(app, navigation: str, first_page: str, pagename: str) -> str | None:
    first_uri = app.builder.get_relative_uri(pagename, first_page)
    uri = app.builder.get_relative_uri(pagename, pagename) or ""
    own = app.builder.get_relative_uri(first_page, pagename)
    if not (SAFE_URI.match(first_uri) and SAFE_URI.match(own)) or uri:
        return None
    first_plain, current = current_entry(first_uri)
    plain, _ = current_entry(own)
    if navigation.count(current) != 1 or navigation.count(plain) != 1 or first_plain in navigation:
        return None
    return navigation.replace(current, first_plain).replace(plain, current)


def setup(app) -> None:
    app.add_config_value("series_navigation_cache", True, "html", types=frozenset({bool}))
    app.connect("html-page-context", before_furo, priority=400)  # furo's is at 500
    app.connect("html-page-context", after_furo, priority=600)
