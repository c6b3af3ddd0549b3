"""The BibTeX files as sphinxcontrib-bibtex parses them, kept for the next builder and the next build.

Each builder (html, latex) has its own environment, and each would check and
parse the same files: about a second each for 5,000 entries. The parse is
kept in one file beside the builders' doctrees, named by a digest of the
files' contents and encoding, so a builder that finds it needs neither check
nor parse. Only the newest parse is kept.
"""

from __future__ import annotations

import hashlib
import math
import os
import pickle
import time
from pathlib import Path

from pybtex.database import BibliographyData
from sphinx.util import logging
from sphinxcontrib.bibtex.bibfile import BibData, BibFile, get_mtime

from . import fastbib

logger = logging.getLogger(__name__)

SUFFIX = ".pickle"


def parse_bibdata(bibfilenames: list[Path], encoding: str) -> BibData:
    """sphinxcontrib-bibtex 2.7.0's ``parse_bibdata``, with ``fastbib.Parser``; pybtex's errors raise."""
    parser = fastbib.Parser(encoding)
    bibfiles: dict[Path, BibFile] = {}
    keys: dict[str, None] = {}
    for filename in bibfilenames:
        logger.info("parsing bibtex file %s... ", filename, nonl=True)
        if not filename.is_file():
            logger.warning(f"could not open bibtex file {filename}.", type="bibtex", subtype="bibfile_error")
            new_keys: dict[str, None] = {}
        else:
            # A duplicate field or key raises (sphinxcontrib-bibtex warns and goes on with what
            # was read): check_bibfiles then names the entry and its line.
            parser.parse_file(filename)
            keys, old_keys = dict.fromkeys(parser.data.entries.keys()), keys
            new_keys = dict.fromkeys(key for key in keys if key not in old_keys)
            logger.info("parsed %d entries", len(new_keys))
        bibfiles[filename] = BibFile(mtime=get_mtime(filename), keys=new_keys)
    return BibData(encoding=encoding, bibfiles=bibfiles, data=parser.data)


class BibCache:
    def __init__(self, folder: Path, texts: dict[Path, str], encoding: str):
        self.folder = folder
        digest = hashlib.sha256(encoding.encode())
        for path, text in texts.items():
            digest.update(f"\0{path}\0".encode())
            digest.update(hashlib.sha256(text.encode()).digest())
        self.path = folder / f"{digest.hexdigest()}{SUFFIX}"

    def load(self) -> BibData | None:
        bibdata = _read(self.path)
        if bibdata is None:
            return None
        # The same contents: the files' times are now, for sphinxcontrib-bibtex's check of them.
        bibfiles = {path: BibFile(mtime=get_mtime(path), keys=f.keys) for path, f in bibdata.bibfiles.items()}
        return _cached(bibdata._replace(bibfiles=bibfiles), self.path)

    def save(self, bibdata: BibData) -> BibData:
        self.folder.mkdir(parents=True, exist_ok=True)
        for old in self.folder.glob(f"*{SUFFIX}"):
            old.unlink(missing_ok=True)
        write_atomically(self.path, tuple(bibdata))
        return _cached(bibdata, self.path)


# The environment holds the parsed files (sphinxcontrib-bibtex's domain data), and Sphinx
# pickles the environment after reading, and once per chunk of documents a parallel worker
# read: a few megabytes of entries each time, all of them already in the cache file. So
# the parse pickles as the cache file's name and the files' times, and unpickles as the
# parse this process already holds, or as the cache file's, or, the file gone, as files
# not read yet, which makes check_bibfiles read them again.


class CachedBibData(BibData):
    __slots__ = ()

    def __reduce__(self):
        _, path = _PATHS[id(self)]
        mtimes = {str(name): f.mtime for name, f in self.bibfiles.items()}
        return _restore, (str(path), self.encoding, mtimes)


_PATHS: dict[int, tuple[CachedBibData, Path]] = {}  # id -> (the parse, kept alive; its file)
_LIVE: dict[str, CachedBibData] = {}  # cache file -> the parse this process holds


def folder_of(bibdata: BibData) -> Path | None:
    """The cache folder of a parse made or read by BibCache (None for any other)."""
    found = _PATHS.get(id(bibdata))
    return found[1].parent if found is not None and found[0] is bibdata else None


def digest_of(bibdata: BibData) -> str:
    """The digest of the files' contents and encoding a parse made or read by BibCache was made from."""
    return _PATHS[id(bibdata)][1].name.removesuffix(SUFFIX)


def write_atomically(path: Path, data) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f"{path.name}.{os.getpid()}.{time.monotonic_ns()}")
    with partial.open("wb") as file:
        pickle.dump(data, file, pickle.HIGHEST_PROTOCOL)
    partial.replace(path)  # whole or not at all, whoever reads it


def _read(path: Path) -> BibData | None:
    try:
        with path.open("rb") as file:
            return BibData(*pickle.load(file))
    except (OSError, pickle.UnpicklingError, EOFError, TypeError):
        return None


def _cached(bibdata: BibData, path: Path) -> CachedBibData:
    cached = CachedBibData(*bibdata)
    _PATHS[id(cached)] = (cached, path)
    _LIVE[str(path)] = cached
    return cached


def _restore(path: str, encoding: str, mtimes: dict[str, float]) -> BibData:
    bibdata = _LIVE.get(path) or _read(Path(path))
    if bibdata is None:
        unread = {Path(name): BibFile(mtime=-math.inf, keys={}) for name in mtimes}
        return BibData(encoding=encoding, bibfiles=unread, data=BibliographyData())
    # The times the environment recorded: a file changed since is seen as changed.
    bibfiles = {
        name: BibFile(mtime=mtimes.get(str(name), -math.inf), keys=f.keys)
        for name, f in bibdata.bibfiles.items()
    }
    return _cached(bibdata._replace(bibfiles=bibfiles), Path(path))
