"""One tagged, archival PDF per publication through Typst: the ``typst`` builder.

    sphinx -b typst SOURCE OUT

writes ``OUT/<slug>.typ`` for each publication (its doctree in Typst markup,
``typst_writer.py``, after a preamble from the model), the template
``series.typ`` and the images beside them, and compiles each with the
``typst`` package into ``OUT/<slug>.pdf``: PDF/UA-1 and PDF/A-2a in one file,
which Typst checks as it writes (it refuses a heading without text, an image
without ``alt``, a character no font has). A ``.typ`` whose text is the same
as the last build's keeps its PDF.

Typst reads only the output folder (its root) and the fonts named here, and
fetches nothing: the template is the project's, not a Typst package.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import re
import shutil
import subprocess
from pathlib import Path

from docutils import nodes
from sphinx.builders import Builder
from sphinx.errors import SphinxError
from sphinx.util import logging

from . import editions, volume, xmp
from .collect import publications
from .model import Publication
from .titlepage import day_text
from .typst_writer import TypstTranslator, image_file, string_literal

logger = logging.getLogger(__name__)

TEMPLATE = Path(__file__).with_name("series.typ")
# FreeSerif and FreeSans (Debian fonts-freefont-otf) for Latin, Greek and Cyrillic; Noto CJK (fonts-noto-cjk)
# for Japanese, Chinese and Korean. No other font: the PDF is the same on every machine that has these.
FONTS = {
    "/usr/share/fonts/opentype/freefont": "fonts-freefont-otf",
    "/usr/share/fonts/opentype/noto": "fonts-noto-cjk",
}
FONT_FOLDERS = list(FONTS)
PDF_STANDARDS = ["a-2a", "ua-1"]
# What Typst writes for a link to another publication's PDF (series.typ's publication-link).
PUBLICATION_PDF = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*\.pdf")
PDFTOCAIRO_TIME_LIMIT = 60  # seconds to convert a PDF image; a figure takes a fraction of one
COMPILED_JSON = "compiled.json"  # each PDF's digest of what it was compiled from
WRITTEN_JSON = "written.json"  # the settings the Typst sources were written with
PUBLICATIONS_JSON = "publications.json"  # the model, for the tests and tools that read the PDFs


def typst_date(day: datetime.date) -> str:
    return f"datetime(year: {day.year}, month: {day.month}, day: {day.day})"


def typst_array(values) -> str:
    return typst_tuple([string_literal(v) for v in values])


def typst_dictionary(**values: str) -> str:
    """``(key: "value", ...)``, every value a string literal."""
    return "(" + ", ".join(f"{key}: {string_literal(value)}" for key, value in values.items()) + ")"


def typst_tuple(items: list[str]) -> str:
    """A Typst array of items already written as Typst."""
    return "(" + ", ".join(items) + ("," if len(items) == 1 else "") + ")"


def title_block(publication: Publication, disclaimer: str, issn: str) -> str:
    """The call of the template's title block, every value a string literal."""
    people = [typst_dictionary(name=p.credited, affiliation=p.affiliation) for p in publication.authors]
    terms = publication.license_terms
    license = typst_dictionary(name=terms.name, short=terms.short, url=terms.url) if terms else "none"
    corrections = [
        typst_dictionary(date=day_text(correction.date), note=correction.note)
        for correction in publication.corrections
    ]
    return (
        "#title-block("
        f"series: {string_literal(publication.series)}, "
        f"issn: {string_literal(issn)}, "
        f"group: {string_literal(publication.group)}, "
        f"number: {string_literal(publication.number)}, "
        f"date: {string_literal(day_text(publication.date))}, "
        f"title: {string_literal(publication.title)}, "
        f"people: {typst_tuple(people)}, "
        f"doi: {string_literal(publication.doi_url)}, "
        f"license: {license}, "
        f"corrections: {typst_tuple(corrections)}, "
        f"disclaimer: {string_literal(disclaimer)})"
    )


def body_source(publication: Publication, body: str) -> str:
    """``<slug>.body.typ``: the publication's pages, as its own PDF and a volume include them."""
    slug = string_literal(publication.slug)
    return (
        '#import "series.typ": title-block, bibliography-entry, publication-link, publication-start,'
        " publication-end, admonition\n"
        f"#publication-start({slug})\n"
        f"{body}"
        f"#publication-end({slug})\n"
    )


def document_source(publication: Publication) -> str:
    """``<slug>.typ``: the publication's own PDF, its metadata from the model."""
    return (
        '#import "series.typ": publication\n'
        "#show: publication.with(\n"
        f"  title: {string_literal(publication.title)},\n"
        f"  authors: {typst_array(p.name for p in publication.authors)},\n"
        f"  date: {typst_date(publication.date)},\n"
        f"  language: {string_literal(publication.language)},\n"
        f"  keywords: {typst_array(publication.keywords)},\n"
        f"  description: {string_literal(publication.abstract) if publication.abstract else 'none'},\n"
        ")\n"
        f'#include "{publication.slug}.body.typ"\n'
    )


def _plain(value) -> object:
    """A setting's value as JSON can hold it, the same from run to run (a set in order)."""
    return sorted(map(str, value)) if isinstance(value, (set, frozenset)) else str(value)


def finish_pdf(path: Path, **fields) -> None:
    """What Typst leaves to do, in place: the series' XMP fields (xmp.py), and each link to another
    publication's PDF as a GoToR action. Typst writes it as a URI, which a reader hands to a web
    browser; a GoToR opens the PDF beside this one in the reader itself, from a disk as from the site.
    The document ID is computed from the content, so a rebuild is byte for byte the same."""
    import pikepdf  # only when PDFs are made

    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        xmp.add_series_fields(pdf, **fields)
        for page in pdf.pages:
            for annotation in page.get("/Annots", []):
                action = annotation.get("/A")
                if (
                    action is not None
                    and action.get("/S") == "/URI"
                    and PUBLICATION_PDF.fullmatch(str(action.URI))
                ):
                    file = pikepdf.String(str(action.URI))
                    annotation.A = pikepdf.Dictionary(
                        S=pikepdf.Name.GoToR,
                        F=pikepdf.Dictionary(Type=pikepdf.Name.Filespec, F=file, UF=file),
                        D=pikepdf.Array([0, pikepdf.Name.Fit]),
                    )
        pdf.save(path, deterministic_id=True)


def write_if_changed(path: Path, text: str) -> None:
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


class TypstBuilder(Builder):
    name = "typst"
    format = "typst"
    epilog = "The PDFs are in %(outdir)s."
    # What Typst's image() reads into a PDF/A, and PDF, which it does not ("embedding PDFs is currently
    # not supported in this export mode"): a PDF image goes in as an SVG of its first page (image_file).
    # Vector formats first: of figures/chart.* with a .pdf and a .png, the PDF takes the PDF.
    supported_image_types = [
        "image/svg+xml",
        "application/pdf",
        "image/png",
        "image/jpeg",
        "image/gif",
        "image/webp",
    ]
    default_translator_class = TypstTranslator

    def init(self) -> None:
        self.docnames: set[str] = set()  # the publication being written
        self.fonts = None  # typst.Fonts, once a PDF is compiled
        missing = [package for folder, package in FONTS.items() if not Path(folder).is_dir()]
        if missing:
            raise SphinxError(
                f"the PDFs' fonts are not installed: `make install`, or apt-get install {' '.join(missing)}"
            )

    def settings_digest(self) -> str:
        """The settings that reach a publication's Typst source."""
        values = {c.name: c.value for c in self.config.filter(frozenset({"", "env"}))}
        values.pop("locale_dirs")  # the build's own copy of the catalogs (editions.py), not a setting
        text = json.dumps([values, sorted(self.tags)], sort_keys=True, default=_plain)
        return hashlib.sha256(text.encode()).hexdigest()

    def get_outdated_docs(self):
        """Every publication when a setting changed, else those whose Typst source is missing: the
        documents read again (edited, or depending on what changed) and those that ``env-updated``
        names (listing.py: their companions changed) are written besides, by Sphinx."""
        try:
            written = json.loads((self.outdir / WRITTEN_JSON).read_text("utf-8"))
        except (OSError, ValueError):
            written = {}
        if written.get("settings") != self.settings_digest():
            return "all documents"
        return [p.docname for p in self.own_publications() if not self.body_path(p).is_file()]

    def own_publications(self) -> list[Publication]:
        """The publications this build makes PDFs of: all; in a translated build (editions.py), their
        editions in its language (the others are the original's text, whose build makes their PDFs)."""
        found = publications(self.env).values()
        if editions.is_translation(self.config):
            found = [p for p in found if editions.is_edition(self.env, p.docname)]
        return sorted(found, key=lambda p: p.docname)

    def body_path(self, publication: Publication) -> Path:
        return self.outdir / f"{publication.slug}.body.typ"

    def get_target_uri(self, docname: str, typ: str | None = None) -> str:
        if docname in self.docnames:
            return ""
        publication = publications(self.env).get(docname)
        return f"{publication.slug}.pdf" if publication else ""

    def prepare_writing(self, docnames) -> None:
        pass

    def write_documents(self, docnames) -> None:
        every = self.own_publications()
        chosen = [p for p in every if p.docname in docnames or not self.body_path(p).is_file()]
        logger.info("writing %d of %d publications' Typst", len(chosen), len(every))
        for publication in chosen:
            self.docnames = {publication.docname}
            doctree = self.env.get_doctree(publication.docname)
            self.env.resolve_references(doctree, publication.docname, self)
            self.post_process_images(doctree)
            visitor = self.create_translator(doctree, self)
            visitor.slug = publication.slug
            disclaimer = self.config.series_disclaimers.get(publication.kind, "")
            visitor.title_block = title_block(
                publication, disclaimer, self.config.series_issn.get(publication.kind, "")
            )
            doctree.walkabout(visitor)
            write_if_changed(self.body_path(publication), body_source(publication, visitor.astext()))
            write_if_changed(self.outdir / f"{publication.slug}.typ", document_source(publication))
        self.docnames = set()
        state = {"settings": self.settings_digest()}
        (self.outdir / WRITTEN_JSON).write_text(json.dumps(state), "utf-8")

    def write_doc(self, docname: str, doctree: nodes.document) -> None:
        pass  # write_documents writes each publication whole

    def finish(self) -> None:
        for source, (docnames, name) in self.env.images.items():
            if docnames & publications(self.env).keys():  # not an image of the guide
                self.copy_image(source, name, sorted(docnames)[0])
        shutil.copyfile(TEMPLATE, self.outdir / TEMPLATE.name)
        everything = self.own_publications()
        compiled = Compiled(self.outdir)
        made = [f"{p.slug}.pdf" for p in everything if self.make_publication_pdf(p, compiled)]
        # A volume is the year's publications as they appeared: in the original's language only.
        years = {} if editions.is_translation(self.config) else volume.by_fiscal_year(everything)
        for fiscal_year, publications_of_year in years.items():
            made += self.make_volume(fiscal_year, publications_of_year, compiled)
        compiled.save()
        for stale in set(self.outdir.glob("*.pdf")) - {self.outdir / name for name in made}:
            stale.unlink()  # of a publication or a year that is gone, or that failed
        data = {"publisher": self.config.series_publisher, "publications": [p.to_json() for p in everything]}
        (self.outdir / PUBLICATIONS_JSON).write_text(json.dumps(data, indent=1, ensure_ascii=False), "utf-8")

    def compile(
        self, name: str, inputs: list[Path], moment: datetime.datetime, compiled: Compiled, docname: str
    ):
        """Typst on ``<name>.typ`` into ``<name>.pdf``, unless what it reads is as it was: whether
        the PDF is there, and the compiler that made it now (for queries), if one did."""
        import typst  # the compiler, only when PDFs are made

        source = self.outdir / f"{name}.typ"
        pdf = self.outdir / f"{name}.pdf"
        digest = compiled.digest([source, *inputs, self.outdir / TEMPLATE.name])
        if compiled.get(name) == digest and pdf.is_file():
            return True, None
        compiled.forget(name)
        if self.fonts is None:  # read once a build: the CJK fonts alone are 93 MB
            self.fonts = typst.Fonts(include_system_fonts=False, font_paths=FONT_FOLDERS)
        compiler = typst.Compiler(input=str(source), root=str(self.outdir), font_paths=self.fonts)
        try:
            _, warnings = compiler.compile_with_warnings(
                output=str(pdf), pdf_standards=PDF_STANDARDS, timestamp=moment
            )
        except typst.TypstError as error:
            pdf.unlink(missing_ok=True)
            hints = "".join(f" ({hint})" for hint in error.hints)
            logger.warning(
                "the PDF can't be made: %s%s",
                error.message,
                hints,
                location=(docname, None),
                type="series",
                subtype="typst",
            )
            return False, None
        for warning in warnings:
            logger.warning(
                "Typst: %s", warning.message, location=(docname, None), type="series", subtype="typst"
            )
        compiled.remember(name, digest)
        return True, compiler

    def make_publication_pdf(self, publication: Publication, compiled: Compiled) -> bool:
        moment = datetime.datetime.combine(publication.date, datetime.time(), datetime.UTC)
        body = self.outdir / f"{publication.slug}.body.typ"
        made, compiler = self.compile(
            publication.slug, [body, *self.images_of(publication)], moment, compiled, publication.docname
        )
        if compiler is not None:
            issn = self.config.series_issn.get(publication.kind, "")
            prism = {"number": publication.number}
            prism |= {"doi": publication.doi} if publication.doi else {}
            prism |= {"issn": issn} if issn else {}
            terms = publication.license_terms
            finish_pdf(
                self.outdir / f"{publication.slug}.pdf",
                creators=[person.name for person in publication.authors],
                date=publication.date.isoformat(),
                publisher=self.config.series_publisher,
                relation=publication.series,
                prism=prism,
                identifier=publication.doi_url,
                rights=(terms.name, terms.url) if terms else None,
                modified=publication.modified.isoformat() if publication.modified else "",
            )
        return made

    def make_volume(
        self, fiscal_year: int, publications_of_year: list[Publication], compiled: Compiled
    ) -> list[str]:
        name = volume.volume_name(fiscal_year)
        write_if_changed(self.outdir / f"{name}.typ", volume.volume_source(fiscal_year, publications_of_year))
        bodies = [self.outdir / f"{p.slug}.body.typ" for p in publications_of_year]
        images = [image for p in publications_of_year for image in self.images_of(p)]
        docname = publications_of_year[0].docname
        made, compiler = self.compile(
            name, bodies + images, volume.latest(publications_of_year), compiled, docname
        )
        if not made:
            return []
        if compiler is not None:
            prism = {"volume": f"FY {fiscal_year}"}
            finish_pdf(
                self.outdir / f"{name}.pdf",
                creators=sorted({p.group for p in publications_of_year}),
                date=max(p.date for p in publications_of_year).isoformat(),
                publisher=self.config.series_publisher,
                relation=volume.VOLUME_SERIES,
                prism=prism,
            )
            starts = json.loads(compiler.query("<publication-start>", field="value"))
            ends = json.loads(compiler.query("<publication-end>", field="value"))
            ranges = volume.page_ranges(starts, ends, publications_of_year)
            data = volume.volume_json(fiscal_year, publications_of_year, ranges)
            (self.outdir / f"{name}.json").write_text(json.dumps(data, indent=1, ensure_ascii=False), "utf-8")
        return [f"{name}.pdf"]

    def images_of(self, publication: Publication) -> list[Path]:
        """The images the publication shows, as copied beside its Typst source."""
        return [
            self.outdir / image_file(name)
            for docnames, name in self.env.images.values()
            if publication.docname in docnames
        ]

    def copy_image(self, source: str, name: str, docname: str) -> None:
        """The image beside the Typst sources, unless it is there already; a PDF as an SVG."""
        data = (self.srcdir / source).read_bytes()
        target = self.outdir / image_file(name)
        if name == image_file(name):
            if not target.is_file() or target.read_bytes() != data:
                target.write_bytes(data)
            return
        original = self.outdir / f"{name}.original"  # what the SVG was made from
        if target.is_file() and original.is_file() and original.read_bytes() == data:
            return
        original.write_bytes(data)
        try:
            subprocess.run(
                ["pdftocairo", "-svg", "-f", "1", "-l", "1", str(original), str(target)],
                capture_output=True,
                check=True,
                timeout=PDFTOCAIRO_TIME_LIMIT,
            )
        except (OSError, subprocess.SubprocessError) as error:
            original.unlink(missing_ok=True)
            logger.warning(
                "the PDF image %s can't be converted for the PDF (pdftocairo, from poppler-utils: %s):"
                " save it as SVG or PNG",
                source,
                getattr(error, "stderr", b"").decode(errors="replace").strip() or error,
                location=(docname, None),
                type="series",
                subtype="image",
            )


class Compiled:
    """What each PDF in the folder was compiled from: a digest of every file Typst read for it."""

    def __init__(self, folder: Path):
        self.path = folder / COMPILED_JSON
        try:
            self.digests = json.loads(self.path.read_text("utf-8"))
        except (OSError, ValueError):
            self.digests = {}

    @staticmethod
    def digest(paths: list[Path]) -> str:
        whole = hashlib.sha256()
        for path in paths:
            whole.update(f"{path.name}\0{hashlib.sha256(path.read_bytes()).hexdigest()}\0".encode())
        return whole.hexdigest()

    def get(self, name: str) -> str | None:
        return self.digests.get(name)

    def forget(self, name: str) -> None:
        # Before Typst runs: a run killed half-way leaves no record of a PDF made.
        self.digests.pop(name, None)
        self.save()

    def remember(self, name: str, digest: str) -> None:
        self.digests[name] = digest

    def save(self) -> None:
        self.path.write_text(json.dumps(self.digests, indent=1, sort_keys=True), "utf-8")
