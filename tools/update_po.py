"""`make update-po [EDITION=ja DOC=reports/<slug>]`: bring the translators' catalogs up to date with
the sources, through sphinx-intl; with EDITION (a language) and DOC, start the catalog of one document.

Reads the message templates `make gettext` wrote (one .pot per document) and updates only the
catalogs a translator has started (source/locale/<lang>/LC_MESSAGES/<docname>.po): sphinx-intl alone
would start one for every page of the site, the guide's too, in every language named. A message
whose source changed comes back fuzzy, with its old translation for the translator to revise; a new
one comes untranslated; the build counts both (series/editions.py).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path


def started(locale: Path) -> dict[str, list[str]]:
    """Each language's started catalogs, as docnames."""
    return {
        folder.parent.name: sorted(
            p.relative_to(folder).with_suffix("").as_posix() for p in folder.rglob("*.po")
        )
        for folder in sorted(locale.glob("*/LC_MESSAGES"))
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pot", type=Path, required=True, help="the folder of make gettext's .pot files")
    parser.add_argument("--locale", type=Path, required=True, help="the catalogs' folder, source/locale")
    parser.add_argument("--language", default="", help="start a catalog in this language (with --doc)")
    parser.add_argument("--doc", default="", help="start the catalog of this document, e.g. reports/<slug>")
    args = parser.parse_args(argv)
    if bool(args.language) != bool(args.doc):
        parser.error("to start a catalog, name both: EDITION=ja DOC=reports/<slug>")
    catalogs = started(args.locale)
    if args.language:
        doc = args.doc.removesuffix(".md")
        if not (args.pot / f"{doc}.pot").is_file():
            parser.error(f"no document {doc!r} in the sources (make gettext wrote no {doc}.pot)")
        catalogs.setdefault(args.language, []).append(doc)
    if not catalogs:
        print("make update-po: no catalog started; start one: make update-po EDITION=ja DOC=reports/<slug>")
        return 0
    failed = 0
    for language, docnames in catalogs.items():
        with tempfile.TemporaryDirectory() as chosen:
            for doc in dict.fromkeys(docnames):
                pot = args.pot / f"{doc}.pot"
                if not pot.is_file():
                    gone = f"{language}/LC_MESSAGES/{doc}.po"
                    print(f"make update-po: {gone}: its document is gone", file=sys.stderr)
                    continue
                (Path(chosen) / pot.relative_to(args.pot)).parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(pot, Path(chosen) / pot.relative_to(args.pot))
            command = [Path(sys.executable).with_name("sphinx-intl"), "update", "-p", chosen, "-l", language]
            failed |= subprocess.run([*map(str, command), "-d", str(args.locale)]).returncode
    return failed


if __name__ == "__main__":
    sys.exit(main())
