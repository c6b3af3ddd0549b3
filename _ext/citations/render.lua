-- Pandoc Lua filter: one batch of citations formatted by pandoc's citeproc.
--
-- In: a document (from engine.py) whose metadata holds the works, as BibTeX/biblatex
-- text (references-source) or a CSL-JSON file (bibliography), the CSL style (csl),
-- the locale (lang) and the document's language (document-language); its blocks
-- are one Div per cluster of citations, holding a Cite.
-- Out: the same document after citeproc: each Div's Cite holds its rendering,
-- the Div "refs" the bibliography of every work, and the metadata the works read
-- from BibTeX as CSL-JSON (csl-json), as pandoc converted them.

-- The primary language subtag: "ru" for "ru-RU" or "russian".
local BABEL = {
  english = "en", american = "en", british = "en", russian = "ru", japanese = "ja",
  chinese = "zh", korean = "ko", german = "de", french = "fr", spanish = "es",
  italian = "it", portuguese = "pt", polish = "pl", ukrainian = "uk",
}

local function primary(language)
  local code = string.lower(language):match("^([a-z]+)")
  if code == nil then
    return nil
  end
  return BABEL[code] or code
end

-- The fields whose text is in the work's language, not the document's.
local TITLES = { "title", "title-short", "container-title", "container-title-short" }

-- Where a title's translation begins: "Лавров заявил [Lavrov said]" (CMOS 14.98), the
-- bracketed part at its end, which is in the document's language; none: #inlines + 1.
local function translation_start(inlines)
  local last = inlines[#inlines]
  if last == nil or last.t ~= "Str" or last.text:sub(-1) ~= "]" then
    return #inlines + 1
  end
  for index = #inlines, 1, -1 do
    local inline = inlines[index]
    if inline.t == "Str" and inline.text:sub(1, 1) == "[" then
      return index
    end
  end
  return #inlines + 1
end

local function mark_language(reference, document_language)
  if reference.language == nil then
    return
  end
  local language = primary(pandoc.utils.stringify(reference.language))
  if language == nil or language == document_language then
    return
  end
  for _, field in ipairs(TITLES) do
    local title = reference[field]
    if title ~= nil then
      local split = translation_start(title)
      local original = pandoc.Inlines({ table.unpack(title, 1, split - 1) })
      local translation = pandoc.Inlines({ table.unpack(title, split) })
      while #original > 0 and original[#original].t == "Space" do
        original:remove(#original)
        translation:insert(1, pandoc.Space())
      end
      reference[field] = pandoc.MetaInlines({ pandoc.Span(original, { lang = language }), table.unpack(translation) })
    end
  end
end

function Pandoc(doc)
  local meta = doc.meta
  -- BibTeX comes as text; CSL-JSON as a file (meta.bibliography), which citeproc reads itself:
  -- read into the metadata, CSL-JSON would lose the name variables pandoc's metadata doesn't know
  -- (compiler, ...).
  if meta["references-source"] ~= nil then
    local source = pandoc.utils.stringify(meta["references-source"])
    local document_language = primary(pandoc.utils.stringify(meta["document-language"]))
    local references = pandoc.read(source, "biblatex").meta.references or pandoc.List({})
    meta["csl-json"] = pandoc.write(pandoc.Pandoc({}, { references = references }), "csljson")
    for _, reference in ipairs(references) do
      mark_language(reference, document_language)
    end
    meta.references = references
    meta["references-source"] = nil
  end
  meta.nocite = pandoc.Inlines({ pandoc.Cite({ pandoc.Str("@*") }, { pandoc.Citation("*", "NormalCitation") }) })
  -- Each work's text linked to "#ref-<key>": engine.py splits a cluster into its works there.
  meta["link-citations"] = true
  doc.meta = meta
  return pandoc.utils.citeproc(doc)
end
