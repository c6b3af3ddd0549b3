# The commands authors, CI, tox and the author guide all use. `make help` lists them.

PYTHON      ?= python3
VENV        := .venv
BIN         := $(VENV)/bin
SOURCE      := source
BUILD       := _build
# Warnings are errors, everywhere.
SPHINXOPTS  ?= -n -W --keep-going
# Sphinx's own parallelism (sphinx-build -j): empty for one process, or a number, or auto.
SPHINXJOBS  ?=
SPHINXBUILD := $(BIN)/sphinx-build -c . $(SPHINXOPTS) $(if $(SPHINXJOBS),-j $(SPHINXJOBS))

# Debian packages: the PDFs' fonts (FreeSerif and FreeSans for Latin, Greek and Cyrillic, Noto CJK for
# Japanese, Chinese and Korean; series/typst_pdf.py reads no other), and poppler-utils: pdftocairo
# makes a PDF image an SVG for Typst; the tests' pdftotext. Typst itself comes in a wheel (requirements.txt).
PACKAGES := fonts-freefont-otf fonts-noto-cjk poppler-utils
# For the tests only: a real browser (driven by Playwright), Java for the Nu HTML Checker,
# epubcheck (run with that Java) for the EPUB, and biblatex's own examples (texlive-bibtex-extra's
# biblatex-examples.bib), a real third-party bibliography every work of which the tests cite.
TEST_PACKAGES := chromium openjdk-17-jre-headless epubcheck texlive-bibtex-extra

.DEFAULT_GOAL := all
.PHONY: all help install install-test system-packages venv html pdf epub crossref live linkcheck new gettext update-po lint test test-bibtex-suite bench clean

# The PDFs first: the site's pages are published with the PDFs they link to, and a failed
# PDF leaves the published site as it was, pages and PDFs alike.
all: install pdf html ## install what is missing, then build the site and every PDF

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-16s %s\n", $$1, $$2}'

install: system-packages venv ## Debian packages (through apt, as root or with sudo) and the .venv

system-packages:
	@tools/system-packages.sh $(PACKAGES)

install-test: install ## also what the tests need: Chromium, Java, the Nu HTML Checker, epubcheck
	@tools/system-packages.sh $(TEST_PACKAGES)
	@$(MAKE) --no-print-directory node_modules/.installed

node_modules/.installed: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund
	touch $@

venv: $(BIN)/.installed
$(BIN)/.installed: requirements.txt
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

# Builds run in $(WORK), which keeps what makes the next build incremental. Their
# output replaces _build/html and _build/pdf only once the whole build has
# succeeded, so a failed or interrupted build leaves the last good output intact;
# and a failed build forgets what it read, so the next one reads (and warns) again.
WORK := $(BUILD)/work
forget = rm -f $(WORK)/doctrees/$(1)/environment.pickle

# A build with nothing to do starts no Sphinx: make compares what a build reads (the
# sources, references.bib, conf.py, the extensions, styles and templates, the pinned
# requirements, and the settings below) with what the last successful build read, as a
# digest of their contents: a file put back as an older copy (cp -p, tar, rsync -a)
# changes it, though not the times make would compare.
BIBFILE  = $(or $(SERIES_BIBFILE),references.bib)
INPUTS   = $(SOURCE) $(BIBFILE) conf.py _ext _static _templates requirements.txt
SETTINGS = "$(SPHINXOPTS)" "$$SITE_BASE_URL" "$$SERIES_BIBFILE" "$$SOURCE_DATE_EPOCH"
inputs_digest = { printf '%s\n' $(SETTINGS); find $(INPUTS) -name __pycache__ -prune -o -type f -print0 \
	| LC_ALL=C sort -z | xargs -0 sha256sum; } | sha256sum
# $(call up_to_date,html|pdf): the last build succeeded, is published, and read what is there now.
up_to_date = [ -e $(WORK)/$(1).stamp ] && [ -d $(BUILD)/$(1) ] \
	&& [ "$$(cat $(WORK)/$(1).stamp)" = "$$($(inputs_digest))" ]
# The digest is taken as a build starts, and kept only once the build has succeeded.
start = $(inputs_digest) > $(WORK)/$(1).started
succeed = mv $(WORK)/$(1).started $(WORK)/$(1).stamp
# One build at a time in a build folder: a second make waits for the first (up to an hour).
lock = mkdir -p $(WORK) && exec 9>$(WORK)/lock \
	&& { flock -w 3600 9 || { echo "make: another make is still building in $(BUILD)" >&2; exit 1; }; }
# Publishing replaces a published folder whole or not at all: a copy under a temporary name,
# then two renames; a step that fails fails the target (a subshell under set -e, not an &&
# chain, whose failure set -e would pass over). A site left without its folder by a kill
# between the renames gets the last one back first.
publish = ( set -e; if [ ! -e $(2) ] && [ -e $(2).old ]; then mv $(2).old $(2); fi; rm -rf $(2).new; \
	cp -a $(1) $(2).new; rm -rf $(2).old; if [ -e $(2) ]; then mv $(2) $(2).old; fi; mv $(2).new $(2); rm -rf $(2).old )
# The site's PDFs: the original's in pdf/, each translated site's in <lang>/pdf/.
site_pdfs = ( set -e; if [ -d $(BUILD)/pdf ]; then for lang in . $(LANGUAGES); do \
	if [ ! -d $(1)/$$lang ]; then continue; fi; to=$(1)/$$lang/pdf; rm -rf $$to.new; mkdir -p $$to.new; \
	if [ -d $(BUILD)/pdf/$$lang ]; then find $(BUILD)/pdf/$$lang -maxdepth 1 -name '*.pdf' -exec cp -t $$to.new {} +; fi; \
	rm -rf $$to.old; if [ -e $$to ]; then mv $$to $$to.old; fi; mv $$to.new $$to; rm -rf $$to.old; done; fi )

# The languages the publications are translated into: a folder of catalogs each in $(SOURCE)/locale
# (series/editions.py). Each is built after the original as a site of its own, with the PDFs of its
# editions, and published under <lang>/ of the original's; with none, nothing more is built.
LANGUAGES = $(notdir $(patsubst %/LC_MESSAGES,%,$(wildcard $(SOURCE)/locale/*/LC_MESSAGES)))
# $(call translated,builder): that builder's build in each language, into $(WORK)/<builder>-<lang>;
# no command at all when there is no language.
translated = $(if $(LANGUAGES),for lang in $(LANGUAGES); do \
	echo "$(SPHINXBUILD) -b $(1) -D language=$$lang -d $(WORK)/doctrees/$(1)-$$lang $(SOURCE) $(WORK)/$(1)-$$lang"; \
	$(SPHINXBUILD) -b $(1) -D language=$$lang -d $(WORK)/doctrees/$(1)-$$lang $(SOURCE) $(WORK)/$(1)-$$lang \
	    || { $(call forget,$(1)-$$lang); exit 1; }; done;)
# What html publishes: the original's pages, with each language's site inside them when there are any.
site = $(if $(LANGUAGES),$(WORK)/site,$(WORK)/html)
assemble_site = ( set -e; rm -rf $(WORK)/site; cp -a $(WORK)/html $(WORK)/site; \
	for lang in $(LANGUAGES); do cp -a $(WORK)/html-$$lang $(WORK)/site/$$lang; done )

html: venv ## the site, in _build/html; each translated site in _build/html/<lang>
	@$(call lock); \
	if $(call up_to_date,html); then echo "make html: $(BUILD)/html is up to date"; exit 0; fi; \
	set -e; $(call start,html); \
	echo "$(SPHINXBUILD) -b html -d $(WORK)/doctrees/html $(SOURCE) $(WORK)/html"; \
	$(SPHINXBUILD) -b html -d $(WORK)/doctrees/html $(SOURCE) $(WORK)/html || { $(call forget,html); exit 1; }; \
	$(call translated,html) \
	$(if $(LANGUAGES),$(assemble_site);) \
	$(call site_pdfs,$(site)); \
	$(call publish,$(site),$(BUILD)/html); \
	$(call succeed,html)

# The Typst builder (series/typst_pdf.py) writes each publication and each fiscal year's volume
# as Typst and compiles those whose sources changed; the PDFs and the volumes' page ranges
# are published.
pdf: venv ## one PDF per publication and one volume per fiscal year, in _build/pdf (and in the site); editions in _build/pdf/<lang>
	@$(call lock); \
	if $(call up_to_date,pdf); then echo "make pdf: $(BUILD)/pdf is up to date"; exit 0; fi; \
	set -e; $(call start,pdf); \
	$(SPHINXBUILD) -b typst -d $(WORK)/doctrees/typst $(SOURCE) $(WORK)/typst || { $(call forget,typst); exit 1; }; \
	$(call translated,typst) \
	rm -rf $(WORK)/pdf; mkdir -p $(WORK)/pdf; cp $(WORK)/typst/*.pdf $(WORK)/typst/volume-*.json $(WORK)/pdf/; \
	for lang in $(LANGUAGES); do mkdir $(WORK)/pdf/$$lang; \
	    find $(WORK)/typst-$$lang -maxdepth 1 -name '*.pdf' -exec cp -t $(WORK)/pdf/$$lang {} +; done; \
	$(call publish,$(WORK)/pdf,$(BUILD)/pdf); \
	if [ -d $(BUILD)/html ]; then $(call site_pdfs,$(BUILD)/html); fi; \
	$(call succeed,pdf)

# Sphinx makes the EPUB beside its unpacked pages; only the .epub is published.
epub: venv ## the whole site as one EPUB, in _build/epub/russia-great-power-competition.epub
	$(SPHINXBUILD) -b epub -d $(WORK)/doctrees/epub $(SOURCE) $(WORK)/epub || { $(call forget,epub); exit 1; }
	@rm -rf $(WORK)/epub-book && mkdir $(WORK)/epub-book && cp $(WORK)/epub/*.epub $(WORK)/epub-book/
	@$(call publish,$(WORK)/epub-book,$(BUILD)/epub)

# A Crossref deposit per publication with a DOI (series/deposit.py), for the institute to send.
crossref: venv ## the Crossref deposit of each publication with a DOI, in _build/crossref/<slug>.xml
	$(SPHINXBUILD) -b crossref -d $(WORK)/doctrees/crossref $(SOURCE) $(WORK)/crossref || { $(call forget,crossref); exit 1; }
	@$(call publish,$(WORK)/crossref,$(BUILD)/crossref)

# The preview: the same sphinx-build options as html, into the same folder, served on
# this machine only. Besides source/ it watches what else the pages are made of
# (references.bib, conf.py, _static/, _templates/): the whole project folder, since a
# watch on a single file is lost when an editor saves by replacing the file; editors' swap
# and backup files (.swp, ~, .#) and logs are no changes. The site's address follows the port.
PORT ?= 8000
live: venv ## rebuild the site on every save and serve it on http://127.0.0.1:8000 (PORT=...)
	SITE_BASE_URL="$${SITE_BASE_URL:-http://127.0.0.1:$(PORT)/}" $(BIN)/sphinx-autobuild \
	    --host 127.0.0.1 --port $(PORT) --watch . --ignore $(BUILD) --ignore tests --ignore tools \
	    --re-ignore __pycache__ --re-ignore '(\.sw[px]|~|\.log|\.tmp)$$' --re-ignore '(^|/)\.\#' \
	    -c . $(SPHINXOPTS) -d $(WORK)/doctrees/html $(SOURCE) $(WORK)/html

# Translation (series/editions.py, and the guide's "Translating a publication"): make gettext writes
# each document's text as a message template; make update-po merges them into the catalogs that
# translators keep in $(SOURCE)/locale, and is the one target that writes there.
gettext: venv ## each document's messages to translate, as templates: _build/gettext/<docname>.pot
	$(SPHINXBUILD) -b gettext -d $(WORK)/doctrees/gettext $(SOURCE) $(BUILD)/gettext

update-po: gettext ## update the catalogs in source/locale from the sources; start one: EDITION=ja DOC=reports/<slug>
	@$(BIN)/python tools/update_po.py --pot $(BUILD)/gettext --locale $(SOURCE)/locale \
	    --language $(call shell_word,EDITION) --doc $(call shell_word,DOC)

linkcheck: venv ## check the external links (needs the network)
	$(SPHINXBUILD) -b linkcheck -d $(WORK)/doctrees/linkcheck $(SOURCE) $(BUILD)/linkcheck

# A variable's value as one shell word, exactly as typed on the command line: $(value) leaves
# make's $ alone, and single quotes (each ' in it written '"'"') leave the shell's alone, so a
# title such as 'A $5 deal, "quoted", `ticked`, $(not run)' arrives as typed and runs nothing.
shell_word = '$(subst ','"'"',$(value $(1)))'

new: venv ## start a publication: make new KIND=report|bulletin SLUG=<slug> TITLE="<title>" [COMPANION="FY 2021-#6"]
	@$(BIN)/python tools/new.py --kind $(call shell_word,KIND) --slug $(call shell_word,SLUG) \
	    --title $(call shell_word,TITLE) --companion $(call shell_word,COMPANION)

# Files kept byte for byte as they came (the report's manuscript, which ends without a newline):
# the whitespace fixers leave them alone, as .pre-commit-config.yaml's exclude does.
AS_WRITTEN := . ':!tests/data'
# The checks of .pre-commit-config.yaml, with the same tools and versions from the .venv,
# over the text files git tracks (git grep -I leaves out images, as pre-commit's file types do: the
# end-of-file fixer once appended a newline to a PNG). The two fixers mend what they find, and fail,
# as pre-commit does.
lint: venv ## references.bib on its own, then ruff, codespell, whitespace and YAML checks (as pre-commit)
	$(BIN)/python tools/biblint.py
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/codespell
	@git rev-parse --is-inside-work-tree >/dev/null 2>&1 || { echo "make lint: not a git checkout;" \
	    "the whitespace and YAML checks read git's list of files: run it in a clone" >&2; exit 1; }
	git grep -Ilz -e '' -- $(AS_WRITTEN) | xargs -0 $(BIN)/end-of-file-fixer
	git grep -Ilz -e '' -- $(AS_WRITTEN) | xargs -0 $(BIN)/trailing-whitespace-fixer
	git ls-files -z -- '*.yaml' '*.yml' | xargs -0 -r $(BIN)/check-yaml

test: install-test lint test-bibtex-suite ## lint, then build everything once and check it, in Chromium too
	$(BIN)/cffconvert --validate -i CITATION.cff
	$(BIN)/python -m pytest

# sphinxcontrib-bibtex's own tests (from the pinned version's sdist, downloaded into the build
# folder), run as they come and with the citation extension loaded: any other outcome fails.
test-bibtex-suite: venv ## sphinxcontrib-bibtex's own test suite gives the same outcomes with the citation extension
	$(BIN)/python tools/bibtex_suite.py $(BUILD)/bibtex-suite

bench: venv ## time cold, no-op and one-edit builds, real and synthetic series (QUICK=1: up to 50); _build/bench.json
	$(BIN)/python benchmarks/bench.py $(if $(QUICK),--quick)

clean: ## remove everything built (not the .venv)
	rm -rf $(BUILD)
