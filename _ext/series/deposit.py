"""Crossref deposits: one XML file per publication that has a DOI (``make crossref``).

Each is a ``doi_batch`` in Crossref's deposit schema 5.5.0 with one
``report-paper``: the series (``series_metadata``, whose ISSN Crossref
requires; a series without one deposits ``report-paper_metadata``), the people
(persons with ORCID and their affiliation's ROR identifier, or a body as an
``organization``), the title, the online publication date, the publisher, the
institution (with its ROR identifier), the report number, the license
(Access Indicators' ``license_ref``) and the DOI with the page's address. The
elements are in the order the schema's sequences require. The institute sends
the files through Crossref's web deposit form or its HTTPS endpoint; the
build sends nothing.

``deposit`` is a pure function of the model and the series' settings;
``CrossrefBuilder`` writes its files.
"""

from __future__ import annotations

import datetime
import os
import posixpath

from lxml import etree
from lxml.builder import ElementMaker
from sphinx.builders import Builder
from sphinx.util import logging

from .cite_this import family_and_given, is_body
from .collect import publications
from .model import Publication

logger = logging.getLogger(__name__)

# 5.5.0, the first to admit a license (Access Indicators) for a report of a series.
SCHEMA_VERSION = "5.5.0"
CROSSREF = f"http://www.crossref.org/schema/{SCHEMA_VERSION}"
ACCESS_INDICATORS = "http://www.crossref.org/AccessIndicators.xsd"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_LOCATION = f"{CROSSREF} https://www.crossref.org/schemas/crossref{SCHEMA_VERSION}.xsd"

E = ElementMaker(namespace=CROSSREF, nsmap={None: CROSSREF, "ai": ACCESS_INDICATORS, "xsi": XSI})
AI = ElementMaker(namespace=ACCESS_INDICATORS)

# Crossref's contributor roles have no compiler: a compiler, like an editor, edits the work.
CONTRIBUTOR_ROLES = {"author": "author", "editor": "editor", "compiler": "editor"}


def _contributors(publication: Publication) -> etree._Element:
    people = []
    for index, person in enumerate(publication.authors):
        attributes = {
            "sequence": "first" if index == 0 else "additional",
            "contributor_role": CONTRIBUTOR_ROLES[person.role],
        }
        if is_body(person):
            people.append(E.organization(person.name, **attributes))
            continue
        family, given = family_and_given(person)
        parts = ([E.given_name(given)] if given else []) + [E.surname(family)]
        if person.affiliation or person.ror:
            institution = [E.institution_name(person.affiliation)] if person.affiliation else []
            institution += [E.institution_id(person.ror, type="ror")] if person.ror else []
            parts.append(E.affiliations(E.institution(*institution)))
        if person.orcid:
            parts.append(E.ORCID(f"https://orcid.org/{person.orcid}"))
        people.append(E.person_name(*parts, **attributes))
    return E.contributors(*people)


def deposit(
    publication: Publication,
    *,
    url: str,
    publisher: str,
    publisher_ror: str,
    issn: str,
    depositor: str,
    email: str,
    timestamp: datetime.datetime,
) -> bytes:
    """The deposit of one publication: ``url`` is its page, ``timestamp`` the deposit's time (Crossref
    keeps the metadata of the deposit with the larger timestamp)."""
    date = publication.date
    institution = [E.institution_name(publisher)] + (
        [E.institution_id(publisher_ror, type="ror")] if publisher_ror else []
    )
    metadata = [
        _contributors(publication),
        E.titles(E.title(publication.title)),
        E.publication_date(
            E.month(f"{date.month:02}"), E.day(f"{date.day:02}"), E.year(str(date.year)), media_type="online"
        ),
        E.publisher(E.publisher_name(publisher)),
        E.institution(*institution),
        E.publisher_item(E.identifier(publication.number, id_type="report-number")),
    ]
    if terms := publication.license_terms:
        metadata.append(AI.program(AI.license_ref(terms.url, applies_to="vor"), name="AccessIndicators"))
    metadata.append(E.doi_data(E.doi(publication.doi), E.resource(url)))
    # Crossref's language attribute takes a language, not a tag with its region or script.
    language = {"language": publication.language.split("-")[0]}
    if issn:
        series = E.series_metadata(
            E.titles(E.title(publication.series)), E.issn(issn, media_type="electronic")
        )
        paper = E("report-paper_series_metadata", series, *metadata, **language)
    else:
        paper = E("report-paper_metadata", *metadata, **language)
    stamp = timestamp.strftime("%Y%m%d%H%M%S")
    batch = E.doi_batch(
        E.head(
            E.doi_batch_id(f"{publication.slug}-{stamp}"),
            E.timestamp(stamp),
            E.depositor(E.depositor_name(depositor), E.email_address(email)),
            E.registrant(publisher),
        ),
        E.body(E("report-paper", paper)),
        version=SCHEMA_VERSION,
        **{f"{{{XSI}}}schemaLocation": SCHEMA_LOCATION},
    )
    return etree.tostring(batch, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def deposit_time() -> datetime.datetime:
    """Now, or SOURCE_DATE_EPOCH's moment, for a build that must give the same files twice."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return datetime.datetime.fromtimestamp(int(epoch), datetime.UTC)
    return datetime.datetime.now(datetime.UTC)


class CrossrefBuilder(Builder):
    """``sphinx-build -b crossref``: ``<slug>.xml`` for each publication with a DOI."""

    name = "crossref"
    format = "crossref"
    epilog = "The Crossref deposits are in %(outdir)s."

    def get_outdated_docs(self):
        return []  # the deposits are made from the model, at the end

    def get_target_uri(self, docname: str, typ: str | None = None) -> str:
        return ""

    def prepare_writing(self, docnames) -> None:
        pass

    def write_doc(self, docname, doctree) -> None:
        pass

    def finish(self) -> None:
        with_doi = [p for p in publications(self.env).values() if p.doi]
        if with_doi and not (self.config.series_crossref_depositor and self.config.series_crossref_email):
            logger.warning(
                "conf.py: set series_crossref_depositor and series_crossref_email (who sends the deposit,"
                " and where Crossref writes back): Crossref requires both in a deposit",
                type="series",
                subtype="crossref",
            )
            return
        timestamp = deposit_time()
        suffix = self.config.html_file_suffix or ".html"  # the html builder's default
        for publication in sorted(with_doi, key=lambda p: p.docname):
            page = posixpath.join(self.config.html_baseurl, publication.docname + suffix)
            data = deposit(
                publication,
                url=page,
                publisher=self.config.series_publisher,
                publisher_ror=self.config.series_publisher_ror,
                issn=self.config.series_issn.get(publication.kind, ""),
                depositor=self.config.series_crossref_depositor,
                email=self.config.series_crossref_email,
                timestamp=timestamp,
            )
            (self.outdir / f"{publication.slug}.xml").write_bytes(data)
        for stale in set(self.outdir.glob("*.xml")) - {self.outdir / f"{p.slug}.xml" for p in with_doi}:
            stale.unlink()  # a publication that lost its DOI, or is gone
        logger.info("%d Crossref deposit(s) of %d publications", len(with_doi), len(publications(self.env)))
