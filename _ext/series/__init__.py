"""The series: one publication model, and everything derived from it.

- ``model.py``: publications, people and corrections, each front-matter field declared once with
  its check and help text (no Sphinx import);
- ``licenses.py``: the licenses a publication may state, by SPDX identifier (no Sphinx import);
- ``fields.py``: the author guide's lists of fields and licenses, from the model;
- ``sources.py``: what authors type, checked before it is parsed;
- ``collect.py``: front matter -> model, per document, in the environment;
- ``sections.py``: section numbers as the series numbers them, and the notes' section;
- ``titlepage.py``: the title block on the page and in the PDF;
- ``listing.py``: the series listing, and each publication's companions;
- ``crossref.py``: references between publications, on the page and in the PDFs;
- ``accessibility.py``: HTML that assistive technology reads right;
- ``typst_writer.py``: a publication's doctree as Typst markup, every element tagged for what it is;
- ``typst_pdf.py``: the ``typst`` builder: each publication's PDF and each year's volume, PDF/UA-1 and
  PDF/A-2a, through the Typst compiler; its look is ``series.typ``;
- ``volume.py``: the annual volume as one Typst document, and its page ranges (no Sphinx import);
- ``xmp.py``: the series' fields in the PDFs' XMP metadata (no Sphinx import);
- ``figures.py``: figures and tables numbered in each publication, images described;
- ``editions.py``: a publication's editions in other languages, from gettext catalogs beside the sources;
- ``epub.py``: the site as one EPUB, without what only the site has;
- ``navigation.py``: furo's sidebar worked out once for the publications that share it;
- ``cite_this.py``: the publication's own citation: Chicago, BibTeX, RIS, CSL-JSON (no Sphinx import);
- ``meta.py``: what the site tells indexers and reference managers: head metadata, the
  "Cite this" box and its files, sitemap.xml and robots.txt, the footer's license;
- ``feed.py``: the series as an Atom feed;
- ``deposit.py``: the ``crossref`` builder: a Crossref deposit for each publication with a DOI;
- ``collector.py``: Python's garbage collector kept off the environment a build holds.

Sphinx loads ``extension.py`` through ``setup`` below; importing the package
alone imports no Sphinx, so the modules that need none (the model, the volume,
their tests) start in a fraction of the time.
"""


def setup(app):
    from .extension import setup

    return setup(app)
