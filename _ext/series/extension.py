"""The series in Sphinx: what runs when a document is read, and the set-up of events, nodes and roles."""

from . import (
    accessibility,
    collect,
    collector,
    confinement,
    crossref,
    deposit,
    editions,
    epub,
    feed,
    fields,
    figures,
    listing,
    meta,
    navigation,
    sections,
    sources,
    titlepage,
    typst_pdf,
)


def on_doctree_read(app, doctree):
    publication = collect.read_publication(app, doctree)
    if publication is None:
        return
    sections.gather_notes(doctree)
    collect.section_numbers(app.env)[app.env.docname] = sections.number_sections(doctree)
    disclaimer = app.config.series_disclaimers.get(publication.kind, "")
    titlepage.insert_title_blocks(
        doctree,
        publication,
        disclaimer=disclaimer,
        issn=app.config.series_issn.get(publication.kind, ""),
        other_editions=editions.other_editions(app, app.env.docname),
    )


def setup(app):
    app.setup_extension("citations")  # "Cite this" is formatted by the citation processor
    app.add_config_value("series_group", "", "env", types=frozenset({str}))
    accessibility.setup_translator(app)
    app.connect("builder-inited", accessibility.note_start)
    app.connect("build-finished", accessibility.name_landmarks)
    app.add_config_value("series_disclaimers", {}, "env", types=frozenset({dict}))
    app.add_config_value("series_publisher", "", "html", types=frozenset({str}))
    app.add_config_value("series_publisher_ror", "", "env", types=frozenset({str}))
    app.add_config_value("series_issn", {}, "env", types=frozenset({dict}))
    app.add_config_value("series_license", "", "env", types=frozenset({str}))
    app.connect("config-inited", collect.read_series_settings)
    app.connect("config-inited", meta.add_templates)
    # Before Sphinx's own collectors (priority 500), so the sidebar and the
    # PDF bookmarks see the section numbers.
    app.connect("doctree-read", on_doctree_read, priority=400)
    app.connect("doctree-read", collect.note_references)
    app.connect("source-read", sources.check_source)
    app.connect("source-read", sources.note_digest)
    app.connect("env-get-outdated", sources.changed_content)
    app.connect("source-read", confinement.check_document)
    app.connect("builder-inited", confinement.close_the_doors)
    app.connect("doctree-read", confinement.check_files, priority=300)  # before Sphinx collects them
    app.connect("doctree-read", figures.check_images, priority=600)  # after Sphinx finds the files
    app.connect("env-get-updated", figures.number_within_documents, priority=900)  # after Sphinx numbers
    app.add_post_transform(figures.OneElementPerId)
    app.add_domain(crossref.SeriesDomain)
    app.add_role("pubref", crossref.SeriesDomain.roles["ref"])
    app.add_post_transform(crossref.LinkOtherPublicationsToTheirPDF)
    app.add_node(listing.publication_listing)
    app.add_node(titlepage.companions)
    app.add_directive("publications", listing.PublicationsDirective)
    app.add_directive("publication-fields", fields.FieldsDirective)
    app.add_directive("licenses", fields.LicensesDirective)
    app.connect("doctree-resolved", listing.fill_placeholders)
    app.connect("env-updated", listing.pages_showing_the_series)
    for module in (collect, listing, sources):
        app.connect("env-purge-doc", module.purge)
        app.connect("env-merge-info", module.merge)
    app.connect("env-check-consistency", collect.check_duplicates)
    app.connect("env-check-consistency", listing.check_companions)
    app.add_builder(typst_pdf.TypstBuilder)
    app.add_builder(deposit.CrossrefBuilder)
    app.add_config_value("series_crossref_depositor", "", "", types=frozenset({str}))
    app.add_config_value("series_crossref_email", "", "", types=frozenset({str}))
    app.add_node(titlepage.cite_this_box)
    navigation.setup(app)
    editions.setup(app)
    collector.setup(app)
    app.connect("builder-inited", meta.check_baseurl)
    app.connect("doctree-read", meta.format_cite_this_early)
    app.connect("doctree-resolved", meta.fill_cite_this_box)
    app.connect("html-page-context", meta.add_head_metadata)
    app.connect("builder-inited", epub.set_version, priority=400)
    app.connect("doctree-resolved", epub.drop_pdf_links, priority=600)
    app.connect("html-page-context", epub.unlink_site_styles)
    app.connect("build-finished", meta.write_site_files)
    app.connect("html-page-context", feed.link_feed)
    app.connect("build-finished", feed.write_feed)
    return {"version": "1", "env_version": 3, "parallel_read_safe": True, "parallel_write_safe": True}
