"""The series: one publication model, and everything derived from it.

- ``model.py``: publications and people, validated (no Sphinx import);
- ``collect.py``: front matter -> model, per document, in the environment;
- ``sections.py``: section numbers as the series numbers them, and the notes' section;
- ``titlepage.py``: the title block on the page and in the PDF;
- ``pdf.py``: one PDF per publication, and its bibliography in one place;
- ``volume.py``: after XeLaTeX, page numbers and the annual volume (no Sphinx import).
"""

from . import collect, pdf, sections, titlepage


def on_doctree_read(app, doctree):
    publication = collect.read_publication(app, doctree)
    if publication is None:
        return
    sections.gather_notes(doctree)
    sections.number_sections(doctree)
    disclaimer = app.config.series_disclaimers.get(publication.kind, "")
    titlepage.insert_title_blocks(doctree, publication, disclaimer)


def setup(app):
    app.add_config_value("series_disclaimers", {}, "env", types=frozenset({dict}))
    # Before Sphinx's own collectors (priority 500), so the sidebar and the
    # PDF bookmarks see the section numbers.
    app.connect("doctree-read", on_doctree_read, priority=400)
    app.connect("env-purge-doc", collect.purge)
    app.connect("env-merge-info", collect.merge)
    app.connect("env-check-consistency", collect.check_duplicates)
    app.connect("env-updated", pdf.set_latex_documents)
    app.add_post_transform(pdf.DropEmptySections)
    app.connect("build-finished", pdf.write_publications_json)
    return {"version": "1", "env_version": 1, "parallel_read_safe": True, "parallel_write_safe": True}
