"""The CSL processor: pandoc's citeproc, running a CSL style over a batch of citations.

A ``Batch`` is everything one publication cites: the source text of the works
(their BibTeX entries, or CSL-JSON), and its clusters of citations in the
order a reader meets them (each ``{cite:...}`` role is a cluster of one or
more works). One pandoc process formats the whole batch (``render.lua``):
positions (first, subsequent, ibid) follow from the order, so a batch is one
publication, never a single citation. The result, a ``Rendering``, holds each
cluster split into its works, the bibliography of every work of the batch in
the style's order, and each work as CSL-JSON, all as pandoc's JSON AST.

Renderings are kept on disk (``RenderCache``) by what they were made from:
the batch, the style, the locale, pandoc's version and this code. A batch's
bibliography and works are also kept under the works alone (``works_batch``),
so the bibliography of a publication (``style.py``) finds what its notes'
batch already made.

No Sphinx import: ``series.cite_this`` formats the series' own citation here too.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import re
import subprocess
import tempfile
import time
import xml.etree.ElementTree as ET
from collections import OrderedDict
from dataclasses import asdict, dataclass, field
from pathlib import Path

import pypandoc

FILTER = Path(__file__).with_name("render.lua")
CSL = "{http://purl.org/net/xbiblio/csl}"
PANDOC_API = [1, 23, 1]
# Seconds a pandoc run may take: a publication's notes take well under one, the bench's
# 5,000-work bibliography a few; a run this long is stuck, not busy.
PANDOC_TIME_LIMIT = 300

# How a cluster is written, as pandoc's citation modes: in a note or in parentheses
# (as the style has it), the author named in the running text, or the date alone.
MODES = {"note": "NormalCitation", "parenthetical": "NormalCitation", "narrative": "AuthorInText"}
MODES["date"] = "SuppressAuthor"

Inlines = list  # pandoc JSON inlines


@dataclass(frozen=True)
class Cite:
    """One work in a cluster, with the author's text before and after it ("see", "p. 12")."""

    key: str
    prefix: str = ""
    suffix: str = ""


@dataclass(frozen=True)
class Cluster:
    cites: tuple[Cite, ...]
    mode: str = "note"


@dataclass(frozen=True)
class Batch:
    """What one run of the processor formats: the works, as their source text, and the clusters."""

    source: str  # the works: BibTeX/biblatex entries, or a CSL-JSON list
    clusters: tuple[Cluster, ...] = ()
    source_format: str = "biblatex"  # or "csljson"

    def digest(self, salt: str) -> str:
        text = json.dumps([salt, asdict(self)], ensure_ascii=False, sort_keys=True)
        return hashlib.sha256(text.encode()).hexdigest()


@dataclass(frozen=True)
class Segment:
    """A piece of a rendered cluster: one work's text (key set), or what stands between works."""

    inlines: Inlines
    key: str | None = None


@dataclass
class Rendering:
    clusters: list[list[Segment]] = field(default_factory=list)
    bibliography: list[tuple[str, Inlines]] = field(default_factory=list)  # (key, entry), in order
    works: dict[str, dict] = field(default_factory=dict)  # key -> CSL-JSON item
    warnings: list[str] = field(default_factory=list)  # what pandoc said


class EngineError(Exception):
    """pandoc failed: its message, for the build to report."""


class RenderCache:
    """Renderings by the digest of what they were made from, in a folder, the latest in memory."""

    MEMORY = 64  # a publication's notes, then its bibliography, then the next's: the recent ones serve

    def __init__(self, folder: Path | None):
        self.folder = folder
        self.memory: OrderedDict[str, Rendering] = OrderedDict()

    def get(self, digest: str) -> Rendering | None:
        found = self.memory.get(digest)
        if found is None and self.folder is not None:
            try:
                with (self.folder / digest).open("rb") as file:
                    found = pickle.load(file)
            except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError):
                return None
        if found is not None:
            self._remember(digest, found)
        return found

    def _remember(self, digest: str, rendering: Rendering) -> None:
        self.memory[digest] = rendering
        self.memory.move_to_end(digest)
        while len(self.memory) > self.MEMORY:
            self.memory.popitem(last=False)

    def put(self, digest: str, rendering: Rendering) -> None:
        self._remember(digest, rendering)
        if self.folder is None:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        path = self.folder / digest
        partial = path.with_name(f"{digest}.{os.getpid()}.{time.monotonic_ns()}")
        with partial.open("wb") as file:
            pickle.dump(rendering, file, pickle.HIGHEST_PROTOCOL)
        partial.replace(path)  # whole or not at all, whoever reads it: builds run in parallel


class Engine:
    """A CSL style, a locale and a cache: ``render(batch)``."""

    def __init__(
        self,
        style: Path,
        locale: str,
        document_language: str,
        cache: RenderCache | None = None,
        compact: bool = True,
    ):
        self.style = style
        # What pandoc reads: the style itself, or (a speed-up, citations_speedups) the same without
        # its comments and indentation, which pandoc parses in half the time at every run.
        self.style_read = compacted(style) if compact else style
        self.locale = locale
        self.document_language = document_language
        self.cache = cache or RenderCache(None)
        self._salt: str | None = None
        root = ET.parse(style).getroot()
        self.title = root.findtext(f"{CSL}info/{CSL}title", default=style.stem)
        # A note style puts every citation in a note; an in-text style in parentheses or the text.
        self.note_style = root.get("class") == "note"
        # "Title.” or “Title”.: the style's locale says, or the locale's own (pandoc's en-US: inside).
        options = root.find(f"{CSL}locale/{CSL}style-options")
        inside = options.get("punctuation-in-quote") if options is not None else None
        self.punctuation_in_quote = inside == "true" if inside is not None else locale == "en-US"

    @property
    def salt(self) -> str:
        """Everything besides the batch that a rendering depends on."""
        if self._salt is None:
            whole = hashlib.sha256()
            for part in (
                self.style.read_bytes(),
                FILTER.read_bytes(),
                Path(__file__).read_bytes(),
                pypandoc.get_pandoc_version().encode(),
                f"{self.locale} {self.document_language}".encode(),
            ):
                whole.update(hashlib.sha256(part).digest())
            self._salt = whole.hexdigest()
        return self._salt

    def render(self, batch: Batch) -> Rendering:
        digest = batch.digest(self.salt)
        rendering = self.cache.get(digest)
        if rendering is None:
            rendering = self._run(batch)
            self.cache.put(digest, rendering)
            if batch.clusters:  # the works alone, for their bibliography (works_batch)
                works_only = Rendering(bibliography=rendering.bibliography, works=rendering.works)
                self.cache.put(works_batch(batch).digest(self.salt), works_only)
        return rendering

    def _run(self, batch: Batch) -> Rendering:
        meta = {
            "csl": {"t": "MetaString", "c": str(self.style_read)},
            "lang": {"t": "MetaString", "c": self.locale},
            "document-language": {"t": "MetaString", "c": self.document_language},
        }
        blocks = [
            _cluster_block(index, cluster, self.note_style) for index, cluster in enumerate(batch.clusters)
        ]
        command = [pypandoc.get_pandoc_path(), "--from=json", "--to=json", f"--lua-filter={FILTER}"]
        # pandoc reads no file but the style and a CSL-JSON batch's own, and fetches nothing.
        with tempfile.TemporaryDirectory(prefix="csl-") as folder:
            if batch.source_format == "csljson":
                works = Path(folder) / "works.json"
                works.write_text(batch.source, encoding="utf-8")
                meta["bibliography"] = {"t": "MetaString", "c": str(works)}
            else:
                meta["references-source"] = {"t": "MetaString", "c": batch.source}
            document = {"pandoc-api-version": PANDOC_API, "meta": meta, "blocks": blocks}
            try:
                result = subprocess.run(
                    command,
                    input=json.dumps(document),
                    capture_output=True,
                    text=True,
                    encoding="utf-8",
                    check=False,
                    timeout=PANDOC_TIME_LIMIT,
                )
            except subprocess.TimeoutExpired:
                raise EngineError(f"pandoc did not finish in {PANDOC_TIME_LIMIT} s and was stopped") from None
        if result.returncode != 0:
            raise EngineError(result.stderr.strip() or f"pandoc stopped with status {result.returncode}")
        output = json.loads(result.stdout)
        warnings = [line.strip() for line in result.stderr.splitlines() if line.strip()]
        return _rendering(output, batch, warnings)


# Comments, and the white space of indentation between elements (it holds a line break; a term's
# text, such as a single space, never does), which an XML parser reads and CSL ignores.
COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
INDENTATION = re.compile(r">[ \t]*\n\s*<")


def compacted(style: Path) -> Path:
    """The style without its comments and indentation, in the temporary folder, named by its digest.

    The official Chicago style is 245 KB, much of it comments: pandoc parses it at every run, in
    0.14 s, and the same style without them in 0.08 s (tests/unit/test_engine.py: the same output)."""
    text = style.read_text(encoding="utf-8")
    path = Path(tempfile.gettempdir()) / f"csl-{hashlib.sha256(text.encode()).hexdigest()[:24]}.csl"
    if not path.exists():
        partial = path.with_name(f"{path.name}.{os.getpid()}.{time.monotonic_ns()}")
        partial.write_text(INDENTATION.sub("><", COMMENT.sub("", text)), encoding="utf-8")
        partial.replace(path)
    return path


def works_batch(batch: Batch) -> Batch:
    return Batch(source=batch.source, source_format=batch.source_format)


# -- pandoc's JSON AST --------------------------------------------------------

QUOTES = {"SingleQuote": ("\N{LEFT SINGLE QUOTATION MARK}", "\N{RIGHT SINGLE QUOTATION MARK}")}
QUOTES["DoubleQuote"] = ("\N{LEFT DOUBLE QUOTATION MARK}", "\N{RIGHT DOUBLE QUOTATION MARK}")


def to_text(inlines: Inlines) -> str:
    return "".join(text_of(inline) for inline in inlines)


def text_of(inline: dict) -> str:
    kind, content = inline["t"], inline.get("c")
    if kind == "Str":
        return content
    if kind in ("Space", "SoftBreak", "LineBreak"):
        return " "
    if kind in ("Code", "Math", "RawInline"):
        return content[1]
    if kind == "Quoted":
        left, right = QUOTES[content[0]["t"]]
        return left + to_text(content[1]) + right
    if kind in ("Span", "Link", "Image", "Cite"):
        return to_text(content[1])
    if kind == "Note":
        return ""
    return to_text(content)  # Emph, Strong, SmallCaps, Underline, Strikeout, Superscript, Subscript


def _str_inlines(text: str) -> Inlines:
    inlines: Inlines = []
    for index, word in enumerate(text.split(" ")):
        if index:
            inlines.append({"t": "Space"})
        if word:
            inlines.append({"t": "Str", "c": word})
    return inlines


def _cluster_block(index: int, cluster: Cluster, note_style: bool) -> dict:
    mode = MODES["note" if note_style else cluster.mode]  # a note style puts every citation in a note
    citations = [
        {
            "citationId": cite.key,
            "citationPrefix": _str_inlines(cite.prefix),
            "citationSuffix": _str_inlines(cite.suffix),
            "citationMode": {"t": mode},
            "citationNoteNum": 0,
            "citationHash": 0,
        }
        for cite in cluster.cites
    ]
    cite = {"t": "Cite", "c": [citations, [{"t": "Str", "c": "?"}]]}
    return {"t": "Div", "c": [[f"cluster-{index}", [], []], [{"t": "Para", "c": [cite]}]]}


def _rendering(output: dict, batch: Batch, warnings: list[str]) -> Rendering:
    divs = {block["c"][0][0]: block["c"][1] for block in output["blocks"] if block["t"] == "Div"}
    rendering = Rendering(warnings=warnings)
    for index in range(len(batch.clusters)):
        cite = next(i for block in divs[f"cluster-{index}"] for i in block["c"] if i["t"] == "Cite")
        content = cite["c"][1]
        if len(content) == 1 and content[0]["t"] == "Note":  # a note style's citation in running text
            content = [inline for block in content[0]["c"] for inline in block["c"]]
        rendering.clusters.append(segments(merged(content)))
    for entry in divs.get("refs", []):
        key = entry["c"][0][0].removeprefix("ref-")
        rendering.bibliography.append(
            (key, merged([inline for block in entry["c"][1] for inline in block["c"]]))
        )
    if "csl-json" in output["meta"]:
        rendering.works = {item["id"]: item for item in json.loads(output["meta"]["csl-json"]["c"])}
    return rendering


def merged(inlines: Inlines) -> Inlines:
    """The same inlines with each run of words and spaces as one Str: "Jun Kumakura, " is one
    element, not five, in the renderings kept in memory, in the cache and in every doctree."""
    result: Inlines = []
    for inline in inlines:
        kind = inline["t"]
        if kind in ("Str", "Space", "SoftBreak"):
            text = inline["c"] if kind == "Str" else " "
            if result and result[-1]["t"] == "Str":
                result[-1] = {"t": "Str", "c": result[-1]["c"] + text}
            else:
                result.append({"t": "Str", "c": text})
            continue
        content = inline.get("c")
        if kind in ("Emph", "Strong", "SmallCaps", "Superscript", "Subscript", "Underline", "Strikeout"):
            inline = {"t": kind, "c": merged(content)}
        elif kind in ("Span", "Link", "Quoted", "Cite"):
            inline = {"t": kind, "c": [*content[:1], merged(content[1]), *content[2:]]}
        result.append(inline)
    return result


def segments(content: Inlines) -> list[Segment]:
    """A rendered cluster split into its works, each the text pandoc linked to ``#ref-<key>``,
    and what stands between and around them ("(", "; ", "see ")."""
    found: list[Segment] = []
    between: Inlines = []
    for inline in content:
        if inline["t"] == "Link" and inline["c"][2][0].startswith("#ref-"):
            if between:
                found.append(Segment(between))
                between = []
            found.append(Segment(inline["c"][1], inline["c"][2][0].removeprefix("#ref-")))
        elif inline["t"] == "Span" and not any(inline["c"][0][1:]) and not inline["c"][0][0]:
            if between:  # a plain span around the whole cluster: its works are inside
                found.append(Segment(between))
                between = []
            found.extend(segments(inline["c"][1]))
        else:
            between.append(inline)
    if between:
        found.append(Segment(between))
    return found
