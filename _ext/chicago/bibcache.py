"""The BibTeX files as sphinxcontrib-bibtex parses them, kept for the next builder and the next build.

Each builder (html, latex) has its own environment, and each would check and
parse the same files: about a second each for 5,000 entries. The parse is
kept in one file beside the builders' doctrees, named by a digest of the
files' contents and encoding, so a builder that finds it needs neither check
nor parse. Only the newest parse is kept.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import time
from pathlib import Path

from sphinxcontrib.bibtex.bibfile import BibData, BibFile, get_mtime

SUFFIX = ".pickle"


class BibCache:
    def __init__(self, folder: Path, texts: dict[Path, str], encoding: str):
        self.folder = folder
        digest = hashlib.sha256(encoding.encode())
        for path, text in texts.items():
            digest.update(f"\0{path}\0".encode())
            digest.update(hashlib.sha256(text.encode()).digest())
        self.path = folder / f"{digest.hexdigest()}{SUFFIX}"

    def load(self) -> BibData | None:
        try:
            with self.path.open("rb") as file:
                bibdata = pickle.load(file)
        except (OSError, pickle.UnpicklingError, EOFError):
            return None
        # The same contents: the files' times are now, for sphinxcontrib-bibtex's check of them.
        bibfiles = {path: BibFile(mtime=get_mtime(path), keys=f.keys) for path, f in bibdata.bibfiles.items()}
        return bibdata._replace(bibfiles=bibfiles)

    def save(self, bibdata: BibData) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        for old in self.folder.glob(f"*{SUFFIX}"):
            old.unlink(missing_ok=True)
        partial = self.path.with_name(f"{self.path.name}.{os.getpid()}.{time.monotonic_ns()}")
        with partial.open("wb") as file:
            pickle.dump(bibdata, file, pickle.HIGHEST_PROTOCOL)
        partial.replace(self.path)  # whole or not at all, whoever reads it
