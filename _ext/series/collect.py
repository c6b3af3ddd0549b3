"""Front matter -> publication model, per document, kept in the build environment.

The series data sits under one front-matter key, ``publication``; MyST hands
it over JSON-encoded and this is the one place that decodes it. A missing or
malformed field is a typed warning (``series.front_matter``) located at the
document, so ``-W`` stops the build; two publications with the same number
are another (``series.duplicate_number``).
"""

from __future__ import annotations

import dataclasses
import json

from docutils import nodes
from sphinx import addnodes
from sphinx.errors import ConfigError
from sphinx.util import logging

from .editions import edition_language
from .model import KINDS, ModelError, Publication, Series, read_issn, read_license, read_ror

logger = logging.getLogger(__name__)

FRONT_MATTER_KEY = "publication"


def publications(env) -> dict[str, Publication]:
    """The model of every publication read so far, keyed by docname."""
    if not hasattr(env, "series_publications"):
        env.series_publications = {}
    return env.series_publications


def section_numbers(env) -> dict[str, dict[str, int]]:
    """Per publication, the number of each numbered section, keyed by the section's ids."""
    if not hasattr(env, "series_section_numbers"):
        env.series_section_numbers = {}
    return env.series_section_numbers


def references(env) -> dict[str, list[tuple[str, str, str]]]:
    """Per document, the references it makes that may name a publication: (domain, type, target)."""
    if not hasattr(env, "series_references"):
        env.series_references = {}
    return env.series_references


def note_references(app, doctree: nodes.document) -> None:
    found = {
        (node["refdomain"], node["reftype"], node["reftarget"])
        for node in doctree.findall(addnodes.pending_xref)
        if node.get("refdomain") in ("std", "series") and node.get("reftype") in ("ref", "term", "doc")
    }
    references(app.env)[app.env.docname] = sorted(found)


def read_publication(app, doctree: nodes.document) -> Publication | None:
    """Decode and validate the document's front matter; ``None`` if it is no publication."""
    env = app.env
    raw = env.metadata[env.docname].get(FRONT_MATTER_KEY)
    if raw is None:
        return None
    title = doctree.next_node(nodes.title)
    try:
        data = json.loads(raw) if isinstance(raw, str) else raw
        publication = Publication.from_front_matter(
            data,
            title=title.astext() if title else "",
            docname=env.docname,
            group=app.config.series_group,
            license=app.config.series_license,
        )
    except (ModelError, json.JSONDecodeError) as error:
        logger.warning(
            "%s (in the front matter)",
            error,
            location=(env.docname, 1),
            type="series",
            subtype="front_matter",
        )
        return None
    if language := edition_language(env, env.docname):
        # A translated edition is in its own language; the DOI names the original (which the edition
        # links to), so the edition claims none: an indexer would take the two for one work.
        publication = dataclasses.replace(publication, language=language, doi="")
    publications(env)[env.docname] = publication
    return publication


def read_series_settings(app, config) -> None:
    """The series' identifiers in conf.py, read as the model reads a publication's: checked, and
    kept in their one form (an ISSN with its hyphen, a ROR identifier as its address)."""
    try:
        if config.series_license:
            config.series_license = read_license(config.series_license, "series_license")
        if config.series_publisher_ror:
            config.series_publisher_ror = read_ror(config.series_publisher_ror, "series_publisher_ror")
        for kind in config.series_issn:
            if kind not in KINDS:
                raise ModelError(f"series_issn[{kind!r}]", f"expected a kind, one of {', '.join(KINDS)}")
        config.series_issn = {
            kind: read_issn(issn, f"series_issn[{kind!r}]") for kind, issn in config.series_issn.items()
        }
    except ModelError as error:
        raise ConfigError(f"conf.py: {error.field}: {error.reason}") from None


def purge(app, env, docname: str) -> None:
    publications(env).pop(docname, None)
    section_numbers(env).pop(docname, None)
    references(env).pop(docname, None)


def merge(app, env, docnames, other) -> None:
    for store in (publications, section_numbers, references):
        store(env).update({d: value for d, value in store(other).items() if d in docnames})


def check_duplicates(app, env) -> None:
    series = Series(publications(env))
    for first, publication in series.duplicates():
        logger.warning(
            "%s is also the number of %s; give each publication its own number",
            publication.label,
            first.docname,
            location=(publication.docname, 1),
            type="series",
            subtype="duplicate_number",
        )
    for first, publication in series.duplicate_slugs():
        logger.warning(
            "%s.pdf would overwrite the PDF of %s; rename one of the two files",
            publication.slug,
            first.docname,
            location=(publication.docname, 1),
            type="series",
            subtype="duplicate_slug",
        )
