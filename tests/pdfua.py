"""Machine checks of a tagged PDF's accessibility, for the PDFs Typst makes as PDF/A-2a and PDF/UA-1.

veraPDF, which would check PDF/UA-1 (ISO 14289-1) in full, cannot be installed here, so these are the
few Matterhorn-style failure conditions that matter most for our publications and can be read with pikepdf
alone: nothing here parses page content, so whether the tags cover all text, or say it truly, is not
checked. Each check returns its problems as sentences, an empty list when it finds none:

- tagged: the catalog has /StructTreeRoot and /MarkInfo with /Marked true (ISO 14289-1, 7.1);
- lang: the catalog has a non-empty /Lang (7.2);
- identified: the XMP says pdfuaid:part 1 (5), pdfaid:part 2 and pdfaid:conformance A (ISO 19005-2);
- titled: /ViewerPreferences /DisplayDocTitle is true and the XMP has a non-empty dc:title (7.1);
- heading_levels: in structure-tree order the first of H1-H6 is H1 and none is more than one level
  below the heading before it (7.4.2);
- links: every /Link annotation has a /StructParent whose element in the /ParentTree is a Link
  that refers back to it by an OBJR, owns some marked content (its text) or has /Alt or /ActualText,
  and the annotation has a non-empty /Contents (7.18.1, 7.18.5);
- figures: every Figure element has a non-empty /Alt or /ActualText (7.3);
- notes_placed: every Note has an /ID, unique (7.9), and follows, under the same parent element, a Lbl or
  Reference element not already taken by an earlier Note. That is how Typst tags a footnote (the mark
  as Lbl, then the Note), so it shows each note sits after the mark that refers to it; it does not
  prove which mark refers to which note (PDF 1.7 has no tag for that: only the links' destinations).

Structure types are compared after the /RoleMap (Typst maps e.g. Strong and Em to Span, Title to P).
"""

from __future__ import annotations

import os
from collections.abc import Callable

import pikepdf

Source = str | os.PathLike[str]

PDFUAID = "{http://www.aiim.org/pdfua/ns/id/}"
PDFAID = "{http://www.aiim.org/pdfa/ns/id/}"
DC = "{http://purl.org/dc/elements/1.1/}"
HEADINGS = {f"H{level}" for level in range(1, 7)}


def _name(value: object) -> str:
    return str(value).removeprefix("/")


def _kids(node: pikepdf.Object) -> list:
    """A structure node's /K as a list: it may be one kid or an array of them."""
    kids = node.get("/K")
    if kids is None:
        return []
    return list(kids) if isinstance(kids, pikepdf.Array) else [kids]


def _is_element(kid: object) -> bool:
    # Besides elements, kids are marked-content ids (integers, or MCR dictionaries with /MCID)
    # and object references (OBJR dictionaries with /Obj); only an element has /S.
    return isinstance(kid, pikepdf.Dictionary) and "/S" in kid


def _is_content(kid: object) -> bool:
    return isinstance(kid, int) or (isinstance(kid, pikepdf.Dictionary) and "/MCID" in kid)


class _Tree:
    """The structure tree of an open PDF: its elements in document order and their standard types."""

    def __init__(self, pdf: pikepdf.Pdf) -> None:
        self.root = pdf.Root.get("/StructTreeRoot")
        role_map = self.root.get("/RoleMap", {}) if self.root is not None else {}
        self.role_map = {_name(key): _name(value) for key, value in role_map.items()}
        self.elements: list[pikepdf.Dictionary] = []
        if self.root is not None:
            self._walk(self.root, set())

    def _walk(self, node: pikepdf.Object, seen: set) -> None:
        for kid in _kids(node):
            # A malformed tree may loop; Typst's does not, but a checker should still stop.
            if _is_element(kid) and kid.objgen not in seen:
                if kid.is_indirect:
                    seen.add(kid.objgen)
                self.elements.append(kid)
                self._walk(kid, seen)

    def type(self, element: pikepdf.Object) -> str:
        """The element's standard structure type, following the role map (which may chain)."""
        name, seen = _name(element.get("/S")), set()
        while name in self.role_map and name not in seen:
            seen.add(name)
            name = self.role_map[name]
        return name

    def of_type(self, name: str) -> list[pikepdf.Dictionary]:
        return [element for element in self.elements if self.type(element) == name]


def _text(value: object) -> str:
    return str(value).strip() if value is not None else ""


def _owns_content(element: pikepdf.Object) -> bool:
    """Whether the element or any element under it has marked content, that is, text or drawing."""
    return any(_is_content(kid) or (_is_element(kid) and _owns_content(kid)) for kid in _kids(element))


def _number_tree(node: pikepdf.Object) -> dict[int, pikepdf.Object]:
    """A number tree (/Nums pairs, possibly split under /Kids) as a dictionary."""
    nums = node.get("/Nums", [])
    values = {int(nums[i]): nums[i + 1] for i in range(0, len(nums) - 1, 2)}
    for kid in node.get("/Kids", []):
        values.update(_number_tree(kid))
    return values


def tagged(path: Source) -> list[str]:
    with pikepdf.open(path) as pdf:
        problems = []
        if "/StructTreeRoot" not in pdf.Root:
            problems.append("the catalog has no /StructTreeRoot: the PDF is not tagged")
        if not pdf.Root.get("/MarkInfo", {}).get("/Marked", False):
            problems.append("the catalog's /MarkInfo does not say /Marked true")
        return problems


def language(path: Source) -> str | None:
    """The document's language, the catalog's /Lang (None when it has none)."""
    with pikepdf.open(path) as pdf:
        lang = pdf.Root.get("/Lang")
        return str(lang) if lang is not None else None


def lang(path: Source) -> list[str]:
    return [] if _text(language(path)) else ["the catalog has no /Lang: the document's language is not set"]


def identified(path: Source) -> list[str]:
    with pikepdf.open(path) as pdf:
        xmp = pdf.open_metadata()
        found = {
            ("pdfuaid:part", "1"): xmp.get(PDFUAID + "part"),
            ("pdfaid:part", "2"): xmp.get(PDFAID + "part"),
            ("pdfaid:conformance", "A"): xmp.get(PDFAID + "conformance"),
        }
        return [
            f"the XMP metadata does not declare {key} {want}" + (f" (it has {value!r})" if value else "")
            for (key, want), value in found.items()
            if _text(value) != want
        ]


def titled(path: Source) -> list[str]:
    with pikepdf.open(path) as pdf:
        problems = []
        if not pdf.Root.get("/ViewerPreferences", {}).get("/DisplayDocTitle", False):
            problems.append("/ViewerPreferences does not say /DisplayDocTitle true")
        if not _text(pdf.open_metadata().get(DC + "title")):
            problems.append("the XMP metadata has no dc:title")
        return problems


def structure_types(path: Source) -> list[str]:
    """Every structure element's standard type, in document (depth-first) order."""
    with pikepdf.open(path) as pdf:
        tree = _Tree(pdf)
        return [tree.type(element) for element in tree.elements]


def headings(path: Source) -> list[str]:
    """The heading types (H1 to H6) in document order."""
    return [name for name in structure_types(path) if name in HEADINGS]


def heading_levels(path: Source) -> list[str]:
    levels = [int(name[1]) for name in headings(path)]
    problems = []
    if levels and levels[0] != 1:
        problems.append(f"the first heading is H{levels[0]}, not H1")
    problems += [
        f"heading {i} is H{level} after H{before}: a level is skipped"
        for i, (before, level) in enumerate(zip(levels, levels[1:], strict=False), start=2)
        if level > before + 1
    ]
    return problems


def links(path: Source) -> list[str]:
    with pikepdf.open(path) as pdf:
        tree = _Tree(pdf)
        parents = _number_tree(tree.root.get("/ParentTree", {})) if tree.root is not None else {}
        problems = []
        for number, page in enumerate(pdf.pages, start=1):
            for annot in page.get("/Annots", []):
                if annot.get("/Subtype") != "/Link":
                    continue
                target = _text(annot.get("/A", {}).get("/URI")) or _text(annot.get("/Contents"))
                where = f"the link on page {number}" + (f" ({target!r})" if target else "")
                if not _text(annot.get("/Contents")):
                    problems.append(f"{where} has no /Contents (alternate description)")
                if "/StructParent" not in annot:
                    problems.append(f"{where} has no /StructParent: it is not tagged")
                    continue
                owner = parents.get(int(annot.StructParent))
                if not _is_element(owner):
                    problems.append(f"{where} has /StructParent {annot.StructParent}, not in the /ParentTree")
                    continue
                if tree.type(owner) != "Link":
                    problems.append(f"{where} belongs to a {tree.type(owner)} element, not a Link")
                refs = [kid for kid in _kids(owner) if isinstance(kid, pikepdf.Dictionary) and "/Obj" in kid]
                if not any(ref.Obj.objgen == annot.objgen for ref in refs):
                    problems.append(f"{where}: its Link element has no OBJR back to it")
                if not (_owns_content(owner) or _text(owner.get("/Alt")) or _text(owner.get("/ActualText"))):
                    problems.append(
                        f"{where}: its Link element has no text (marked content, /Alt or /ActualText)"
                    )
        return problems


def figures(path: Source) -> list[str]:
    with pikepdf.open(path) as pdf:
        return [
            f"figure {i} has no /Alt (alternative text)"
            for i, figure in enumerate(_Tree(pdf).of_type("Figure"), start=1)
            if not (_text(figure.get("/Alt")) or _text(figure.get("/ActualText")))
        ]


def _note_ids(tree: _Tree) -> list[str]:
    return [_text(note.get("/ID")) for note in tree.of_type("Note")]


def notes(path: Source) -> list[str]:
    """The /ID of each Note element in document order ("" where a note has none)."""
    with pikepdf.open(path) as pdf:
        return _note_ids(_Tree(pdf))


def notes_placed(path: Source) -> list[str]:
    with pikepdf.open(path) as pdf:
        tree = _Tree(pdf)
        found = tree.of_type("Note")
        number = {note.objgen: i for i, note in enumerate(found, start=1)}  # Typst's elements are indirect
        ids = _note_ids(tree)
        problems = [f"note {i} has no /ID" for i, id_ in enumerate(ids, start=1) if not id_]
        problems += [
            f"{ids.count(id_)} notes have the /ID {id_!r}"
            for id_ in dict.fromkeys(ids)
            if id_ and ids.count(id_) > 1
        ]
        for parent in [tree.root, *tree.elements] if tree.root is not None else []:
            marks = 0  # Lbl and Reference elements under this parent that no Note has taken yet
            for kid in filter(_is_element, _kids(parent)):
                kind = tree.type(kid)
                if kind in ("Lbl", "Reference"):
                    marks += 1
                elif kind == "Note" and marks:
                    marks -= 1
                elif kind == "Note":
                    problems.append(f"note {number[kid.objgen]} follows no Lbl or Reference in its parent")
        return problems


CHECKS: tuple[Callable[[Source], list[str]], ...] = (
    tagged,
    lang,
    identified,
    titled,
    heading_levels,
    links,
    figures,
    notes_placed,
)


def problems(path: Source) -> list[str]:
    """Every check's problems, in the order of CHECKS."""
    return [problem for check in CHECKS for problem in check(path)]


def content_languages(path: Source) -> dict[str, int]:
    """How many marked-content sequences on the pages declare each language (a /Lang property: how
    Typst marks a passage in another language than the document's)."""
    counts: dict[str, int] = {}
    with pikepdf.open(path) as pdf:
        for page in pdf.pages:
            for operands, _ in pikepdf.parse_content_stream(page, "BDC"):
                if (
                    len(operands) > 1
                    and isinstance(operands[1], pikepdf.Dictionary)
                    and "/Lang" in operands[1]
                ):
                    language = str(operands[1].Lang)
                    counts[language] = counts.get(language, 0) + 1
    return counts
