"""What the site tells the programs that read it: search engines, library indexers, reference managers.

Every page's ``<head>`` gets a description: the publication's abstract, or the
opening of the page's first paragraph (pages Sphinx makes itself borrow the
landing page's). The canonical link is Sphinx's own, from ``html_baseurl``.

A publication's page also gets, from its model and the works it cites
(``html-page-context``):

- Highwire Press ``citation_*`` tags, as Google Scholar and Zotero read them,
  with one ``citation_reference`` per cited work;
- Dublin Core ``DC.*`` tags;
- JSON-LD of schema.org type ``Report``, for reports and bulletins alike: both
  are numbered issues of the institute's series, which ``reportNumber`` carries,
  and a compiled chronology or glossary is no ``ScholarlyArticle``;
- OpenGraph tags, for link previews.

The "Cite this" box ends the title block (``doctree-resolved``): the Chicago
citation and links to the BibTeX, RIS and CSL-JSON files (``cite_this.py``),
which ``build-finished`` writes into the site's ``cite/``, with ``sitemap.xml``
and ``robots.txt``.

All of it is for the site itself (the ``html`` builder) and needs the site's
address, ``html_baseurl``; that builder warns when it is missing.
"""

from __future__ import annotations

import html
import json
import posixpath
import xml.etree.ElementTree as ET
from pathlib import Path

from citations.inlines import to_html
from citations.style import Csl
from docutils import nodes
from pybtex.richtext import Text
from sphinx.util import logging

from . import cite_this
from .collect import publications
from .licenses import LICENSES
from .model import Publication
from .titlepage import cite_this_box, pdf_path

logger = logging.getLogger(__name__)

# The files of the "Cite this" box: extension -> (link text, format).
CITE_FILES = {
    "bib": ("BibTeX", cite_this.bibtex),
    "ris": ("RIS", cite_this.ris),
    "json": ("CSL-JSON", cite_this.csl_json),
}

# Search engines show about this much of a description.
DESCRIPTION_LENGTH = 200

# Where a cited work appeared (biblatex's fields, then BibTeX's), and as Highwire names it;
# a website counts as its publisher.
CONTAINERS = ("journaltitle", "journal", "booktitle", "maintitle", "organization")
REFERENCE_CONTAINERS = {"article": "citation_journal_title", "incollection": "citation_inbook_title"}
REFERENCE_CONTAINERS["inbook"] = REFERENCE_CONTAINERS["inproceedings"] = "citation_inbook_title"

SITEMAP_NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"

# The series' page template: the theme's, with the series' license under its footer.
TEMPLATES = Path(__file__).parent / "templates"


def is_site(app) -> bool:
    """The site's own build (not epub or singlehtml), with an address to make URLs absolute."""
    return app.builder.name == "html" and bool(app.config.html_baseurl)


def check_baseurl(app) -> None:
    if app.builder.name == "html" and not app.config.html_baseurl:
        logger.warning(
            "html_baseurl is not set: the citation tags, the Cite this box and the sitemap"
            " need the site's address",
            type="series",
            subtype="baseurl",
        )


def absolute(app, path: str) -> str:
    return posixpath.join(app.config.html_baseurl, path)


def cite_path(publication: Publication, extension: str) -> str:
    return f"cite/{publication.slug}.{extension}"


def citable(app, publication: Publication) -> cite_this.Citable:
    return cite_this.Citable(
        publication,
        app.config.series_publisher,
        url=absolute(app, app.builder.get_target_uri(publication.docname)),
        pdf_url=absolute(app, pdf_path(publication)),
        publisher_ror=app.config.series_publisher_ror,
        issn=app.config.series_issn.get(publication.kind, ""),
    )


# -- What the page cites ------------------------------------------------------


def cited_entries(app, docname: str) -> list:
    """The bibliography entries the page cites, in the order it first cites them."""
    if "sphinxcontrib.bibtex" not in app.extensions:
        return []
    domain = app.env.get_domain("cite")
    entries = domain.bibdata.data.entries
    # An unknown key has had its warning.
    return [entries[key] for key in keys_cited_by(domain).get(docname, ()) if key in entries]


def keys_cited_by(domain) -> dict[str, dict[str, None]]:
    """Each document's cited keys in order, gathered once per build rather than once per page."""
    refs = domain.citation_refs
    cached = _CITED.get("cited")
    if cached is None or cached[0] is not refs or cached[1] != len(refs):
        cited: dict[str, dict[str, None]] = {}
        for ref in refs:
            cited.setdefault(ref.docname, {}).update(dict.fromkeys(target.key for target in ref.targets))
        cached = _CITED["cited"] = (refs, len(refs), cited)
    return cached[2]


_CITED: dict = {}


def field_text(entry, *names: str) -> str:
    """The first of these fields the entry has, as text (its LaTeX decoded, its braces gone)."""
    for name in names:
        if name in entry.fields:
            return str(Text.from_latex(entry.fields[name]))
    return ""


def person_name(person, inverted: bool) -> str:
    """ "Kumakura, Jun" or "Jun Kumakura"; an organisation (braced, no first name) as is."""
    first = " ".join(str(Text.from_latex(part)) for part in person.first_names + person.middle_names)
    last = " ".join(str(Text.from_latex(part)) for part in person.prelast_names + person.last_names)
    if not first:
        return last
    return f"{last}, {first}" if inverted else f"{first} {last}"


def reference(entry) -> str:
    """A cited work in Google Scholar's form: "citation_title=…; citation_author=…; …"."""
    pairs = [("citation_title", field_text(entry, "title"))]
    authors = entry.persons.get("author", [])
    pairs += [("citation_author", person_name(person, inverted=True)) for person in authors]
    if date := field_text(entry, "date", "year"):
        pairs.append(("citation_publication_date", date.replace("-", "/")))
    if container := field_text(entry, *CONTAINERS):
        pairs.append((REFERENCE_CONTAINERS.get(entry.type, "citation_publisher"), container))
    if publisher := field_text(entry, "publisher"):
        pairs.append(("citation_publisher", publisher))
    return "; ".join(f"{name}={value}" for name, value in pairs)


def cited_work(entry) -> dict:
    """A cited work as schema.org's CreativeWork."""
    container = field_text(entry, *CONTAINERS)
    work = {
        "@type": "CreativeWork",
        "name": field_text(entry, "title"),
        "author": [
            # An organisation as author has no first name (it is braced in references.bib).
            {
                "@type": "Person" if person.first_names else "Organization",
                "name": person_name(person, inverted=False),
            }
            for person in entry.persons.get("author", [])
        ],
        "datePublished": field_text(entry, "date", "year"),
        "isPartOf": {"@type": "CreativeWork", "name": container} if container else {},
        "url": entry.fields.get("url", ""),
    }
    return {key: value for key, value in work.items() if value}


# -- The head -----------------------------------------------------------------


def opening(doctree: nodes.document) -> str:
    """The page's first paragraph of running text (not the title block's, not a note's), cut at a word."""
    running = (p for p in doctree.findall(nodes.paragraph) if isinstance(p.parent, nodes.section))
    paragraph = next(running, None)
    if paragraph is None:
        return ""
    paragraph = paragraph.deepcopy()
    for marker in list(paragraph.findall(nodes.footnote_reference)):
        marker.parent.remove(marker)
    text = " ".join(paragraph.astext().split())
    if len(text) <= DESCRIPTION_LENGTH:
        return text
    return text[:DESCRIPTION_LENGTH].rsplit(" ", 1)[0].rstrip(",;:") + "\N{HORIZONTAL ELLIPSIS}"


def description(app, publication: Publication | None, doctree: nodes.document | None) -> str:
    if publication is not None and publication.abstract:
        return publication.abstract
    # The pages Sphinx makes itself (the general index, the search page) have no doctree.
    found = opening(doctree if doctree is not None else app.env.get_doctree(app.config.root_doc))
    return found or app.config.project


def meta(attribute: str, key: str, value: str) -> str:
    return f'<meta {attribute}="{key}" content="{html.escape(value)}">'


def script_json(data: dict) -> str:
    """JSON for a <script> element: "<" as \\u003c, so no value can close the element or open a comment."""
    return json.dumps(data, ensure_ascii=False, indent=1).replace("<", "\\u003c")


def highwire(citable: cite_this.Citable, entries: list) -> list[tuple[str, str]]:
    publication = citable.publication
    tags = [("citation_title", publication.title)]
    for person in publication.authors:
        tags.append(("citation_author", person.name))
        if person.affiliation:
            tags.append(("citation_author_institution", person.affiliation))
        if person.orcid:
            tags.append(("citation_author_orcid", f"https://orcid.org/{person.orcid}"))
    tags += [
        ("citation_publication_date", f"{publication.date:%Y/%m/%d}"),
        ("citation_publisher", citable.publisher),
        ("citation_technical_report_institution", citable.publisher),
        ("citation_technical_report_number", publication.number),
        ("citation_pdf_url", citable.pdf_url),
        *((("citation_doi", publication.doi),) if publication.doi else ()),
        *((("citation_issn", citable.issn),) if citable.issn else ()),
        ("citation_language", publication.language),
        *(("citation_keywords", keyword) for keyword in publication.keywords),
        ("citation_abstract_html_url", citable.url),
        *(("citation_reference", reference(entry)) for entry in entries),
    ]
    return tags


def dublin_core(citable: cite_this.Citable) -> list[tuple[str, str]]:
    publication = citable.publication
    tags = [("DC.title", publication.title)]
    tags += [("DC.creator", person.name) for person in publication.authors]
    tags += [
        ("DC.date", publication.date.isoformat()),
        ("DC.publisher", citable.publisher),
        ("DC.language", publication.language),
        ("DC.identifier", citable.url),
        ("DC.type", "Text"),  # the DCMI Type Vocabulary's term for a report
    ]
    if publication.doi:
        tags.append(("DC.identifier", publication.doi_url))
    if publication.abstract:
        tags.append(("DC.description", publication.abstract))
    if terms := publication.license_terms:
        tags.append(("DC.rights", f"{terms.name} ({terms.url})"))
    if publication.modified:
        tags.append(("DCTERMS.modified", publication.modified.isoformat()))
    return tags


def agent(person) -> dict:
    if cite_this.is_body(person):
        return {"@type": "Organization", "name": person.name}
    data = {"@type": "Person", "name": person.name}
    if person.affiliation:
        data["affiliation"] = organization(person.affiliation, person.ror)
    if person.orcid:
        data["sameAs"] = f"https://orcid.org/{person.orcid}"
    return data


def organization(name: str, ror: str) -> dict:
    """An institution, identified by its ROR address when it has one (ROR's own advice for schema.org)."""
    return {"@type": "Organization", "name": name, **({"@id": ror, "sameAs": ror} if ror else {})}


def json_ld(citable: cite_this.Citable, entries: list) -> dict:
    publication = citable.publication
    # schema.org has no compiler: a compiler, like an editor, is the work's editor.
    credited = "author" if publication.authors[0].role == "author" else "editor"
    data = {
        "@context": "https://schema.org",
        "@type": "Report",
        "name": publication.title,
        credited: [agent(person) for person in publication.authors],
        "datePublished": publication.date.isoformat(),
        "publisher": organization(citable.publisher, citable.publisher_ror),
        "inLanguage": publication.language,
        "reportNumber": publication.number,
        "isPartOf": {
            "@type": "CreativeWorkSeries",
            "name": publication.series,
            **({"issn": citable.issn} if citable.issn else {}),
        },
        "url": citable.url,
        "encoding": {
            "@type": "MediaObject",
            "contentUrl": citable.pdf_url,
            "encodingFormat": "application/pdf",
        },
        "citation": [cited_work(entry) for entry in entries],
    }
    if publication.abstract:
        data["abstract"] = publication.abstract
    if publication.keywords:
        data["keywords"] = list(publication.keywords)
    if publication.doi:
        data["identifier"] = {"@type": "PropertyValue", "propertyID": "DOI", "value": publication.doi}
        data["sameAs"] = publication.doi_url
    if terms := publication.license_terms:
        data["license"] = terms.url
    if publication.modified:
        data["dateModified"] = publication.modified.isoformat()
    return data


def opengraph(app, citable: cite_this.Citable, summary: str) -> list[tuple[str, str]]:
    publication = citable.publication
    return [
        ("og:title", publication.title),
        ("og:type", "article"),
        ("og:url", citable.url),
        ("og:description", summary),
        ("og:site_name", app.config.project),
        ("article:published_time", publication.date.isoformat()),
        *((("article:modified_time", publication.modified.isoformat()),) if publication.modified else ()),
        *(("article:author", person.name) for person in publication.authors),
    ]


def add_templates(app, config) -> None:
    """config-inited: the series' templates after the project's own, so every project of the series
    has the footer's license (``templates/page.html``, its terms from ``add_head_metadata``)."""
    config.templates_path = [*config.templates_path, str(TEMPLATES)]


def add_head_metadata(app, pagename: str, templatename: str, context: dict, doctree) -> None:
    context["series_license"] = LICENSES.get(app.config.series_license)  # the footer's (templates/page.html)
    if not is_site(app):
        return
    publication = publications(app.env).get(pagename)
    summary = description(app, publication, doctree)
    head = [meta("name", "description", summary)]
    if publication is not None:
        about = citable(app, publication)
        entries = cited_entries(app, pagename)
        head += [meta("name", name, value) for name, value in highwire(about, entries)]
        head.append('<link rel="schema.DC" href="http://purl.org/dc/elements/1.1/">')
        head.append('<link rel="schema.DCTERMS" href="http://purl.org/dc/terms/">')
        head += [meta("name", name, value) for name, value in dublin_core(about)]
        head += [meta("property", name, value) for name, value in opengraph(app, about, summary)]
        if terms := publication.license_terms:
            head.append(f'<link rel="license" href="{html.escape(terms.url)}">')
        head.append(f'<script type="application/ld+json">{script_json(json_ld(about, entries))}</script>')
    context["metatags"] = context.get("metatags", "") + "\n".join(head) + "\n"


# -- The "Cite this" box ------------------------------------------------------


def cite_uri(publication: Publication, extension: str, fromdocname: str) -> str:
    """A citation file, relative to the page ``fromdocname``."""
    return posixpath.relpath(cite_path(publication, extension), posixpath.dirname(fromdocname) or ".")


def box_html(app, publication: Publication, fromdocname: str) -> str:
    links = " ".join(
        f'<a href="{html.escape(cite_uri(publication, extension, fromdocname))}" download>{label}</a>'
        for extension, (label, _) in CITE_FILES.items()
    )
    text = to_html(cite_this.formatted(citable(app, publication), Csl.engine))
    return (
        '<details class="cite-this">\n'
        "<summary>Cite this</summary>\n"
        f'<p class="cite-this-style">{html.escape(Csl.engine.title)}</p>\n'
        f'<p class="cite-this-text">{text}</p>\n'
        f'<p class="cite-this-files">Download the citation: {links}</p>\n'
        "</details>"
    )


def format_cite_this_early(app, doctree: nodes.document) -> None:
    """A speed-up (``citations_speedups``): the "Cite this" text formatted as its document is read,
    by the parallel readers, into the processor's cache; the box then takes it from there, where
    the builder resolves the pages one after another (0.2 s of pandoc a publication)."""
    publication = publications(app.env).get(app.env.docname)
    if publication is not None and app.config.citations_speedups and is_site(app):
        cite_this.formatted(citable(app, publication), Csl.engine)


def fill_cite_this_box(app, doctree: nodes.document, docname: str) -> None:
    for node in list(doctree.findall(cite_this_box)):
        if is_site(app):
            box = box_html(app, publications(app.env)[node["docname"]], docname)
            node.replace_self(nodes.raw("", box, format="html"))
        else:
            node.replace_self([])


# -- Files beside the pages ---------------------------------------------------


def sitemap(app) -> bytes:
    """Every page but the search page (which asks not to be indexed); a publication's date, or its newest
    correction's, as its lastmod."""
    series = publications(app.env)
    pages = sorted(app.env.found_docs) + (["genindex"] if app.config.html_use_index else [])
    urlset = ET.Element("urlset", xmlns=SITEMAP_NAMESPACE)
    for page in pages:
        url = ET.SubElement(urlset, "url")
        ET.SubElement(url, "loc").text = absolute(app, app.builder.get_target_uri(page))
        if page in series:
            publication = series[page]
            ET.SubElement(url, "lastmod").text = (publication.modified or publication.date).isoformat()
    return ET.tostring(urlset, encoding="utf-8", xml_declaration=True)


def write_site_files(app, exception) -> None:
    if exception is not None or not is_site(app):
        return
    outdir = Path(app.outdir)
    for publication in publications(app.env).values():
        about = citable(app, publication)
        for extension, (_, render) in CITE_FILES.items():
            path = outdir / cite_path(publication, extension)
            path.parent.mkdir(exist_ok=True)
            write_if_changed(path, render(about).encode())  # as rendered: RIS keeps its CR LF
    write_if_changed(outdir / "sitemap.xml", sitemap(app))
    # Crawlers read robots.txt only at the root of a host: it counts where the site is served at the root.
    robots = f"User-agent: *\nAllow: /\n\nSitemap: {absolute(app, 'sitemap.xml')}\n"
    write_if_changed(outdir / "robots.txt", robots.encode())


def write_if_changed(path: Path, data: bytes) -> None:
    """Every build makes these files for every publication; a file already so is left as it was."""
    try:
        if path.read_bytes() == data:
            return
    except OSError:
        pass
    path.write_bytes(data)
