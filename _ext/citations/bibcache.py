"""The BibTeX files as sphinxcontrib-bibtex parses them, kept for the next builder and the next build.

Each builder (html, typst) has its own environment, and each would parse the
same files: about a second each for 5,000 entries. ``parse_bibdata`` here
takes the place of sphinxcontrib-bibtex's own (``speedups.py``): it parses
with ``fastbib`` and keeps the parse in one file beside the builders'
doctrees, named by a digest of the files' contents and encoding, so another
builder, or a later build, reads it back. Only the newest parse is kept. A
text found clean by the checks (``bibcheck``) is noted by its digest, and not
checked again. It
says and warns what sphinxcontrib-bibtex's parse says and warns; a syntax
error, which pybtex raises, stops the build at its file and line.
"""

from __future__ import annotations

import hashlib
import math
import os
import pickle
import time
from pathlib import Path

from pybtex.database import BibliographyData, BibliographyDataError
from pybtex.database.input.bibtex import DuplicateField
from pybtex.exceptions import PybtexError
from sphinx.util import logging
from sphinxcontrib.bibtex.bibfile import BibData, BibFile, get_mtime

from . import bibcheck, fastbib

logger = logging.getLogger(__name__)

SUFFIX = ".pickle"
FOLDER: Path | None = None  # where parses are kept (speedups.install)


def parse_bibdata(bibfilenames: list[Path], encoding: str) -> BibData:
    """sphinxcontrib-bibtex 2.7.0's ``bibfile.parse_bibdata``, with ``fastbib.Parser``, kept by contents."""
    texts = {path: path.read_bytes() if path.is_file() else None for path in bibfilenames}
    cache = BibCache(FOLDER, texts, encoding) if FOLDER is not None else None
    bibdata = cache.load() if cache is not None else None
    if bibdata is not None:
        for path, bibfile in bibdata.bibfiles.items():  # what sphinxcontrib-bibtex says as it parses
            logger.info(f"parsing bibtex file {path}... ", nonl=True)
            logger.info(f"parsed {len(bibfile.keys)} entries")
        return bibdata
    parser = fastbib.Parser(encoding)
    bibfiles: dict[Path, BibFile] = {}
    keys: dict[str, None] = {}
    warned = False
    for filename in bibfilenames:
        logger.info(f"parsing bibtex file {filename}... ", nonl=True)
        if not filename.is_file():
            logger.warning(f"could not open bibtex file {filename}.", type="bibtex", subtype="bibfile_error")
            warned, new_keys = True, {}
        else:
            try:
                parser.parse_file(filename)
            except DuplicateField:  # bibcheck's quick look leaves it to the parse: where, exactly
                stop_at_problems(filename, bibcheck.problems(filename.read_bytes().decode(encoding)))
                raise
            except BibliographyDataError as error:
                logger.warning(
                    f"bibliography data error in {filename}: {error}",
                    type="bibtex",
                    subtype="bibfile_data_error",
                )
                warned = True
            except PybtexError:  # a syntax error, or an entry pybtex refuses (a name's commas)
                stop_at_problems(filename, bibcheck.problems(filename.read_bytes().decode(encoding)))
                raise
            keys, old_keys = dict.fromkeys(parser.data.entries.keys()), keys
            new_keys = dict.fromkeys(key for key in keys if key not in old_keys)
            logger.info(f"parsed {len(new_keys)} entries")
        bibfiles[filename] = BibFile(mtime=get_mtime(filename), keys=new_keys)
    bibdata = BibData(encoding=encoding, bibfiles=bibfiles, data=parser.data)
    if cache is None or warned:  # what warned is parsed, and warns, again next time
        return bibdata
    return cache.save(bibdata)


def known_clean(text: str) -> bool:
    """Whether an earlier build (of any builder) found no problem in this text."""
    return FOLDER is not None and (FOLDER / f"{_text_digest(text)}.clean").exists()


def note_clean(text: str) -> None:
    if FOLDER is not None:
        FOLDER.mkdir(parents=True, exist_ok=True)
        (FOLDER / f"{_text_digest(text)}.clean").touch()


def _text_digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def stop_at_problems(path: Path, problems: list[bibcheck.Problem]) -> None:
    """Each problem as a warning at its file and line; then the build stops, as -W would."""
    for problem in problems:
        logger.warning(problem.message, location=f"{path}:{problem.line}", type="citations", subtype="bibtex")
    if problems:
        logger.error("the build stops here: correct %s first", path.name)
        raise SystemExit(1)


class BibCache:
    def __init__(self, folder: Path, texts: dict[Path, bytes | None], encoding: str):
        self.folder = folder
        digest = hashlib.sha256(encoding.encode())
        for path, text in texts.items():
            digest.update(f"\0{path}\0".encode())
            digest.update(hashlib.sha256(text if text is not None else b"\0missing").digest())
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
