"""The series' fields in a PDF's XMP metadata, beside what Typst writes there.

Typst writes the title, the authors, the date, the language, the keywords,
the description and the PDF/A and PDF/UA identification; the authors as one
name ("Ada Author, Bo Writer"), where ``dc:creator`` is a list of people, so
they are written again one by one. A reference manager
or an archive also reads the publisher (``dc:publisher``), the series
(``dc:relation``, simple Dublin Core's "is part of") and the number or the
volume (PRISM's ``prism:number`` and ``prism:volume``). PDF/A admits a
namespace outside the XMP specification only with a description of its
schema in the XMP itself (ISO 19005-2, 6.6.2.3.2), so PRISM's is declared.
A publication with a DOI has it as ``dc:identifier`` (its address) and
``prism:doi``; a stated license is ``dc:rights`` (its name) with
``xmpRights:WebStatement`` (its address) and ``xmpRights:Marked``, as
Creative Commons advises for XMP; the series' ISSN is ``prism:issn``.
No Sphinx import.
"""

from __future__ import annotations

import datetime

import pikepdf
from lxml import etree

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
DC = "http://purl.org/dc/elements/1.1/"
PRISM = "http://prismstandard.org/namespaces/basic/2.2/"
PDFA_EXTENSION = "http://www.aiim.org/pdfa/ns/extension/"
PDFA_SCHEMA = "http://www.aiim.org/pdfa/ns/schema#"
PDFA_PROPERTY = "http://www.aiim.org/pdfa/ns/property#"
XMP_RIGHTS = "http://ns.adobe.com/xap/1.0/rights/"
XMP = "http://ns.adobe.com/xap/1.0/"
NAMESPACES = {
    "rdf": RDF,
    "dc": DC,
    "prism": PRISM,
    "xmpRights": XMP_RIGHTS,
    "pdfaExtension": PDFA_EXTENSION,
    "pdfaSchema": PDFA_SCHEMA,
    "pdfaProperty": PDFA_PROPERTY,
}
# What each PRISM property is, as the schema description says it.
PRISM_PROPERTIES = {
    "number": "Issue number",
    "volume": "Volume",
    "doi": "Digital Object Identifier",
    "issn": "ISSN of the series",
}


def _element(parent, namespace: str, name: str, text: str | None = None, **attributes):
    element = etree.SubElement(
        parent, f"{{{namespace}}}{name}", {f"{{{RDF}}}{k}": v for k, v in attributes.items()}
    )
    if text is not None:
        element.text = text
    return element


def _bag(parent, namespace: str, name: str, values: list[str], kind: str = "Bag") -> None:
    container = _element(_element(parent, namespace, name), RDF, kind)
    for value in values:
        _element(container, RDF, "li", value)


def _prism_schema(rdf, description) -> None:
    """PRISM's schema, among those Typst describes (one pdfaExtension:schemas per document)."""
    schemas = rdf.find(f"./{{{RDF}}}Description/{{{PDFA_EXTENSION}}}schemas/{{{RDF}}}Bag")
    if schemas is None:
        schemas = _element(_element(description, PDFA_EXTENSION, "schemas"), RDF, "Bag")
    schema = _element(schemas, RDF, "li", parseType="Resource")
    _element(schema, PDFA_SCHEMA, "schema", "PRISM Basic Metadata")
    _element(schema, PDFA_SCHEMA, "namespaceURI", PRISM)
    _element(schema, PDFA_SCHEMA, "prefix", "prism")
    properties = _element(_element(schema, PDFA_SCHEMA, "property"), RDF, "Seq")
    for name, description_text in PRISM_PROPERTIES.items():
        item = _element(properties, RDF, "li", parseType="Resource")
        _element(item, PDFA_PROPERTY, "name", name)
        _element(item, PDFA_PROPERTY, "valueType", "Text")
        _element(item, PDFA_PROPERTY, "category", "external")
        _element(item, PDFA_PROPERTY, "description", description_text)


def add_series_fields(
    pdf: pikepdf.Pdf,
    *,
    creators: list[str],
    date: str,
    publisher: str,
    relation: str,
    prism: dict[str, str],
    identifier: str = "",
    rights: tuple[str, str] | None = None,
    modified: str = "",
) -> None:
    """Write the creators one by one, the date (Dublin Core's, which Typst leaves out), the publisher,
    the series and the PRISM fields into the open PDF's XMP; and, when the publication has them, its
    identifier (the DOI's address) and its license, as a name and the address of its text. A
    publication corrected since (``modified``, an ISO date) is modified on that day, in the XMP and
    in the document information dictionary alike, as PDF/A requires them to agree."""
    root = etree.fromstring(pdf.Root.Metadata.read_bytes())
    rdf = root.find(f".//{{{RDF}}}RDF")
    for creator in rdf.findall(f"./{{{RDF}}}Description/{{{DC}}}creator"):
        creator.getparent().remove(creator)
    description = etree.SubElement(rdf, f"{{{RDF}}}Description", {f"{{{RDF}}}about": ""}, nsmap=NAMESPACES)
    _bag(description, DC, "creator", creators, kind="Seq")
    _bag(description, DC, "date", [date], kind="Seq")
    _bag(description, DC, "publisher", [publisher])
    _bag(description, DC, "relation", [relation])
    if identifier:
        _element(description, DC, "identifier", identifier)
    if rights is not None:
        name, url = rights
        alternatives = _element(_element(description, DC, "rights"), RDF, "Alt")
        etree.SubElement(
            alternatives, f"{{{RDF}}}li", {"{http://www.w3.org/XML/1998/namespace}lang": "x-default"}
        ).text = name
        _element(description, XMP_RIGHTS, "Marked", "True")
        _element(description, XMP_RIGHTS, "WebStatement", url)
    for name, value in prism.items():
        _element(description, PRISM, name, value)
    if modified:
        day = datetime.date.fromisoformat(modified)
        for modify_date in rdf.iter(f"{{{XMP}}}ModifyDate"):
            modify_date.text = f"{day.isoformat()}T00:00:00Z"
        pdf.docinfo[pikepdf.Name.ModDate] = f"D:{day:%Y%m%d}000000Z"
    _prism_schema(rdf, description)
    # The whole packet: the xpacket instructions around the root stay.
    pdf.Root.Metadata = pdf.make_stream(etree.tostring(root.getroottree(), encoding="utf-8"))
    pdf.Root.Metadata.Type = pikepdf.Name.Metadata
    pdf.Root.Metadata.Subtype = pikepdf.Name.XML
