"""Editions in other languages, from Sphinx's gettext catalogs kept beside the sources.

The sources are written in ``series_source_language`` (conf.py: English). A translator keeps one
catalog per document, ``<source>/<series_locale_dir>/<lang>/LC_MESSAGES/<docname>.po``
(``gettext_compact = False``; ``make update-po``). A build with ``-D language=<lang>`` is that
language's edition of the site, which the Makefile publishes under ``<lang>/``:

- Sphinx compiles each ``.po`` into a ``.mo`` beside it; the build never writes into the sources,
  so ``locale_dirs`` points Sphinx at a copy of the build language's catalogs in the build's own
  folder (``redirect_catalogs``);
- a publication whose catalog in a language translates at least one message has an edition in it:
  the original and its editions name one another in the page's head (``hreflang``) and in the
  title block, and the edition's model carries its language (the page's ``lang``, the metadata,
  the PDF's ``/Lang`` and Japanese typesetting);
- a page of a translated build that is no edition shows the original's text: it says it is in the
  source language and names the original page as canonical;
- a translated build reports each edition that lags behind its source: its messages shown
  untranslated, fuzzy (the source changed since it was translated) or untranslated.
"""

from __future__ import annotations

import posixpath
from pathlib import Path

from babel import Locale
from babel.messages.pofile import read_po
from docutils import nodes
from sphinx.util import logging
from sphinx.util.console import bold
from sphinx.util.nodes import extract_messages

logger = logging.getLogger(__name__)


def is_translation(config) -> bool:
    return config.language != config.series_source_language


def site_root(config) -> str:
    """The original's address: a translated build serves its pages under ``<lang>/`` of it."""
    base = config.html_baseurl
    return base.removesuffix(f"{config.language}/") if is_translation(config) else base


def redirect_catalogs(app, config) -> None:
    """config-inited: the build language's catalogs copied into the build's folder, which Sphinx
    reads and compiles instead. A copy is rewritten only when its text changed, so Sphinx compiles
    (and reads again) only the documents whose catalog changed."""
    source = Path(app.srcdir, config.series_locale_dir, config.language, "LC_MESSAGES")
    copy = Path(app.doctreedir, "locale")
    target = copy / config.language / "LC_MESSAGES"
    wanted = {path.relative_to(source) for path in source.rglob("*.po")} if source.is_dir() else set()
    for relative in wanted:
        data = (source / relative).read_bytes()
        path = target / relative
        if not path.is_file() or path.read_bytes() != data:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
    if target.is_dir():
        for path in target.rglob("*.po"):
            if path.relative_to(target) not in wanted:  # a catalog taken away: its compiled one too
                path.unlink()
                path.with_suffix(".mo").unlink(missing_ok=True)
    config.locale_dirs = [str(copy)]
    if is_translation(config):
        config.html_baseurl = posixpath.join(config.html_baseurl, config.language, "")
    # Sphinx's copy of the config, by which it decides what to read again, is taken after this event.


def find_editions(app) -> None:
    """builder-inited: each document's catalogs that translate something, by language, read once a build."""
    root = Path(app.srcdir, app.config.series_locale_dir)
    found: dict[str, dict[str, Path]] = {}
    for po in sorted(root.glob("*/LC_MESSAGES/**/*.po")) if root.is_dir() else ():
        language = po.relative_to(root).parts[0]
        docname = po.relative_to(root / language / "LC_MESSAGES").with_suffix("").as_posix()
        found.setdefault(docname, {})[language] = po
    app.env.series_catalogs = found
    app.env.series_editions = {
        docname: [language for language, po in catalogs.items() if translates_something(po)]
        for docname, catalogs in found.items()
    }


def translates_something(po: Path) -> bool:
    with po.open("rb") as file:
        return any(message.id and message.string and not message.fuzzy for message in read_po(file))


def languages(env, docname: str) -> list[str]:
    """The document's languages, the original's first, when it has an edition; else none."""
    source = env.config.series_source_language
    translated = [language for language in env.series_editions.get(docname, []) if language != source]
    return [source, *translated] if translated else []


def is_edition(env, docname: str) -> bool:
    """Whether this translated build shows the document in its language."""
    return is_translation(env.config) and env.config.language in env.series_editions.get(docname, [])


def edition_language(env, docname: str) -> str | None:
    return env.config.language if is_edition(env, docname) else None


def site_path(config, language: str, uri: str) -> str:
    """A page's path from the original's root, in a language's edition."""
    return uri if language == config.series_source_language else posixpath.join(language, uri)


def other_editions(app, docname: str) -> list[tuple[str, str]]:
    """(language, its page relative to this one) for each of the publication's other languages."""
    config, uri = app.config, app.builder.get_target_uri(docname)
    shown_in = config.language if is_edition(app.env, docname) else config.series_source_language
    here = site_path(config, shown_in, uri)
    return [
        (language, posixpath.relpath(site_path(config, language, uri), posixpath.dirname(here) or "."))
        for language in languages(app.env, docname)
        if site_path(config, language, uri) != here
    ]


def autonym(language: str) -> str:
    """A language by its own name ("English", "日本語"), as a reader of it looks for it."""
    return Locale.parse(language, sep="-").get_display_name(language)


def note_catalogs(app, doctree: nodes.document) -> None:
    """doctree-read: a document depends on its catalogs in every language (a new edition adds a
    link to the original's page), and an edition's lag is counted against its source as read now."""
    env = app.env
    for po in env.series_catalogs.get(env.docname, {}).values():
        env.note_dependency(str(po))
    lag(env).pop(env.docname, None)
    if not is_edition(env, env.docname):
        return
    # The messages Sphinx's Locale transform marked, but the front matter's, which Sphinx takes out of
    # the doctree after this event, as it leaves it out of the message templates.
    front = {id(node) for info in doctree.findall(nodes.docinfo) for node in info.findall(nodes.Element)}
    marked = [n for n in doctree.findall(nodes.Element) if "translated" in n and id(n) not in front]
    messages = {id(node): message for node, message in extract_messages(doctree)}
    untranslated = [messages[id(node)] for node in marked if not node["translated"] and id(node) in messages]
    if untranslated:
        with env.series_catalogs[env.docname][env.config.language].open("rb") as file:
            fuzzy = {message.id for message in read_po(file) if message.fuzzy}
        behind = sum(message in fuzzy for message in untranslated)
        lag(env)[env.docname] = (behind, len(untranslated) - behind, len(marked))


def lag(env) -> dict[str, tuple[int, int, int]]:
    """Per edition that lags: its fuzzy and its untranslated messages, of all it has."""
    if not hasattr(env, "series_translation_lag"):
        env.series_translation_lag = {}
    return env.series_translation_lag


def report_lag(app, exception) -> None:
    """build-finished: each edition that lags, named with its counts. Not a warning, which -W would
    make an error: a translation trails its source after every edit of the English, and the
    English corrections must still be published; the edition shows the English for what lags."""
    if exception is not None or not lag(app.env):
        return
    logger.info(bold("translations behind their source (shown in %s):"), app.config.series_source_language)
    for docname, (fuzzy, untranslated, total) in sorted(lag(app.env).items()):
        logger.info(
            "  %s (%s): %d fuzzy, %d untranslated, of %d messages",
            docname,
            app.config.language,
            fuzzy,
            untranslated,
            total,
        )


def head_links(app, pagename: str, templatename: str, context: dict, doctree) -> None:
    """html-page-context: the publication's editions in its head; a page of a translated build that
    is no edition says it is the original's text, and that the original's page is the canonical one."""
    if app.builder.name != "html" or not app.config.html_baseurl:
        return
    config, root = app.config, site_root(app.config)
    uri = app.builder.get_target_uri(pagename)
    links = {
        language: posixpath.join(root, site_path(config, language, uri))
        for language in languages(app.env, pagename)
    }
    context["metatags"] = context.get("metatags", "") + "".join(
        f'<link rel="alternate" hreflang="{language}" href="{href}">\n' for language, href in links.items()
    )
    if is_translation(config) and not is_edition(app.env, pagename):
        context["language"] = config.series_source_language
        context["pageurl"] = posixpath.join(root, uri)


def purge(app, env, docname: str) -> None:
    lag(env).pop(docname, None)


def merge(app, env, docnames, other) -> None:
    lag(env).update({d: value for d, value in lag(other).items() if d in docnames})


def setup(app) -> None:
    app.add_config_value("series_source_language", "en", "env", types=frozenset({str}))
    app.add_config_value("series_locale_dir", "locale", "env", types=frozenset({str}))
    app.connect("config-inited", redirect_catalogs)
    app.connect("builder-inited", find_editions)
    # Before the series rearranges the doctree (the notes gathered into a section), as Sphinx left it.
    app.connect("doctree-read", note_catalogs, priority=100)
    app.connect("build-finished", report_lag)
    app.connect("html-page-context", head_links)
    app.connect("env-purge-doc", purge)
    app.connect("env-merge-info", merge)
