"""The series: one publication model, and everything derived from it.

- ``model.py``: publications and people, validated (no Sphinx import);
- ``sources.py``: what authors type, checked before it is parsed;
- ``collect.py``: front matter -> model, per document, in the environment;
- ``sections.py``: section numbers as the series numbers them, and the notes' section;
- ``titlepage.py``: the title block on the page and in the PDF;
- ``listing.py``: the series listing, and each publication's companions;
- ``crossref.py``: references between publications, on the page and in the PDFs;
- ``accessibility.py``: HTML that assistive technology reads right;
- ``pdf.py``: one PDF per publication, its bibliography in one place, its PDF/A metadata;
- ``volume.py``: after XeLaTeX, page numbers and the annual volume (no Sphinx import);
- ``epub.py``: the site as one EPUB, without what only the site has;
- ``navigation.py``: furo's sidebar worked out once for the publications that share it;
- ``cite_this.py``: the publication's own citation: Chicago, BibTeX, RIS, CSL-JSON (no Sphinx import);
- ``meta.py``: what the site tells indexers and reference managers: head metadata, the
  "Cite this" box and its files, sitemap.xml and robots.txt;
- ``collector.py``: Python's garbage collector kept off the environment a build holds.

Sphinx loads ``extension.py`` through ``setup`` below; importing the package
alone imports no Sphinx, so the modules that need none (the model, the tools
``make pdf`` runs, their tests) start in a fraction of the time.
"""


def setup(app):
    from .extension import setup

    return setup(app)
