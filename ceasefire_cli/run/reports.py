"""Whole reports kept for a re-run over an unchanged archive, so that it reads files and writes, nothing more.

The claim cache (:mod:`.cache`) spares a re-run the extraction; loading,
comparing and rendering remain, and at 10,000 articles they are most of a
warm run. This cache keeps what a ``compare`` run printed: the report as
written to standard output, the problems it printed on standard error and
its exit code, under a key that covers everything the output depends on:

* every input file's display path, place and bytes (each file is read and
  hashed: a re-run reads the archive once, as a bare scan would), and the
  ``sources.yaml`` of every folder they are in;
* the validated taxonomy (where it lives too: findings cite its lines), the
  reference series, the run's options (format, width, colour, verbosity,
  ``--fail-on``, ``--ignore``, ``--include-comments``), cfcheck's version and
  the source of its package, and the day (a report is reused the same day
  only).

Runs that read standard input or draw ``--plot`` are never kept.

An entry is trusted only when it proves itself: its header carries an HMAC of
its key, exit code, standard error and the SHA-256 of its stored (compressed) report, made with a
secret that lives outside the cache folder (``$CFCHECK_STATE_DIR``, else
``$XDG_STATE_HOME/cfcheck``, else ``~/.local/state/cfcheck``). A cache folder
restored from shared storage, or written by anyone without that secret,
cannot make cfcheck print a report it did not make: its entries are misses.
The stored report is checked whole before a byte of it is printed. A damaged entry
is a miss and is removed; at most :data:`KEPT` entries are kept (the oldest
go first). Nothing here prints: the caller replays an entry.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import os
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .cache import VERSION, cache_dir

__all__ = ["Kept", "ReportCache", "STATE_ENV", "report_key", "state_dir"]

#: Environment variable naming the folder that holds the secret entries are signed with.
STATE_ENV = "CFCHECK_STATE_DIR"
#: Entries kept at most; the least recently used go first.
KEPT = 8
#: Layout of an entry; bump on any change.
LAYOUT = "1"
_FOLDER = "reports"
_SECRET = "report-key"
# Bytes per read of a file being hashed, and per piece of a report being replayed.
_BLOCK = 1 << 20


def state_dir(environ: dict[str, str] | None = None) -> Path:
    """Where the report cache's secret lives: ``$CFCHECK_STATE_DIR``, else the XDG user state folder.

    >>> state_dir({"CFCHECK_STATE_DIR": "/tmp/s"}).as_posix()
    '/tmp/s'
    >>> state_dir({"XDG_STATE_HOME": "/var/state/me", "HOME": "/home/me"}).as_posix()
    '/var/state/me/cfcheck'
    >>> state_dir({"HOME": "/home/me"}).as_posix()
    '/home/me/.local/state/cfcheck'
    """
    env = os.environ if environ is None else environ
    if env.get(STATE_ENV):
        return Path(env[STATE_ENV])
    xdg = env.get("XDG_STATE_HOME", "")
    if xdg and os.path.isabs(xdg):
        return Path(xdg, "cfcheck")
    home = env.get("HOME") or os.path.expanduser("~")
    return Path(home, ".local", "state", "cfcheck")


def report_key(files: list[tuple[str, str]], folders: list[str], settings_text: str, options: dict[str, object], today: dt.date) -> str | None:
    """The key of a run over ``files`` ((display path, path) pairs) with ``options``; None when a file cannot be read.

    ``folders`` are the folders whose ``sources.yaml`` the run may read;
    ``settings_text`` stands for the taxonomy and the reference series.
    """
    h = hashlib.sha256(f"{LAYOUT}\0{VERSION}\0{today.isoformat()}\0".encode())
    h.update(json.dumps(options, sort_keys=True, default=str).encode("utf-8", "surrogatepass"))
    h.update(hashlib.sha256(settings_text.encode("utf-8", "surrogatepass")).digest())
    for display, path in files:
        h.update(f"\0{display}\0{path}\0".encode("utf-8", "surrogatepass"))
        digest = _file_digest(path)
        if digest is None:
            return None  # the run will say what is wrong with it; such a run is not kept
        h.update(digest)
    for folder in folders:
        h.update(f"\0{folder}\0".encode("utf-8", "surrogatepass"))
        h.update(_file_digest(os.path.join(folder, "sources.yaml")) or b"-")
    return h.hexdigest()


def _file_digest(path: str) -> bytes | None:
    h = hashlib.sha256()
    try:
        with open(path, "rb") as f:
            while block := f.read(_BLOCK):
                h.update(block)
    except OSError:
        return None
    return h.digest()


@dataclass(frozen=True)
class Kept:
    """A run's output as it was printed: its exit code, its standard error, and its report, read in pieces."""

    exit_code: int
    stderr: str
    path: Path

    def report(self) -> Iterator[str]:
        """The report as it was written to standard output, in pieces."""
        inflate = zlib.decompressobj()
        decode = _decoder()
        with open(self.path, "rb") as f:
            while block := f.read(_BLOCK):
                yield decode(inflate.decompress(block))
        yield decode(inflate.flush(), final=True)


def _decoder():
    import codecs

    incremental = codecs.getincrementaldecoder("utf-8")("surrogatepass")
    return lambda data, final=False: incremental.decode(data, final)


class ReportCache:
    """The kept reports in ``folder`` (default: the cache folder's ``reports/``), signed with this user's secret."""

    def __init__(self, folder: Path | None = None, secret_folder: Path | None = None) -> None:
        self.folder = folder if folder is not None else cache_dir() / _FOLDER
        self.secret_folder = secret_folder if secret_folder is not None else state_dir()
        self._secret: bytes | None = None

    def secret(self) -> bytes:
        """This user's secret, made on first use (raises OSError when it can be neither read nor made)."""
        if self._secret is None:
            path = self.secret_folder / _SECRET
            try:
                self._secret = path.read_bytes()
            except FileNotFoundError:
                self.secret_folder.mkdir(parents=True, exist_ok=True)
                try:
                    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
                except FileExistsError:  # another run made it first
                    self._secret = path.read_bytes()
                else:
                    with os.fdopen(fd, "wb") as f:
                        f.write(os.urandom(32))
                    self._secret = path.read_bytes()
            if len(self._secret) < 16:
                raise OSError(f"{path}: too short to be a secret")
        return self._secret

    def _mac(self, key: str, exit_code: int, stderr: str, report_sha: str) -> str:
        message = json.dumps([LAYOUT, key, exit_code, stderr, report_sha]).encode("utf-8", "surrogatepass")
        return hmac.new(self.secret(), message, hashlib.sha256).hexdigest()

    def lookup(self, key: str) -> Kept | None:
        """The entry kept under ``key`` once it has proved itself, else None (a damaged one is removed)."""
        meta, body = self.folder / f"{key}.json", self.folder / f"{key}.z"
        try:
            header = json.loads(meta.read_text("utf-8"))
            exit_code, stderr, report_sha, mac = header["exit"], header["stderr"], header["sha256"], header["mac"]
            if not (isinstance(exit_code, int) and isinstance(stderr, str) and isinstance(report_sha, str) and isinstance(mac, str)):
                raise ValueError("bad header")
            if not hmac.compare_digest(mac, self._mac(key, exit_code, stderr, report_sha)):
                return None  # not made with this user's secret: never trusted (left for its maker)
            if _report_sha(body) != report_sha:
                raise ValueError("report does not match its header")
        except FileNotFoundError:
            return None
        except PermissionError:
            return None  # (the secret or the entry cannot be read: a miss, nothing removed)
        except (OSError, ValueError, KeyError, TypeError, zlib.error, UnicodeDecodeError):
            self._drop(key)
            return None
        os.utime(meta)  # recently used: kept longest
        return Kept(exit_code, stderr, body)

    def writer(self, key: str) -> _Writer:
        """Where a run's report goes as it is printed; :meth:`_Writer.keep` stores the entry at the end."""
        return _Writer(self, key)

    def _drop(self, key: str) -> None:
        for suffix in (".json", ".z"):
            try:
                (self.folder / f"{key}{suffix}").unlink()
            except OSError:
                pass

    def _prune(self) -> None:
        def used(p: Path) -> float:
            try:
                return p.stat().st_mtime
            except OSError:  # (removed by another run meanwhile)
                return 0.0

        for old in sorted(self.folder.glob("*.json"), key=used, reverse=True)[KEPT:]:
            self._drop(old.stem)


def _report_sha(path: Path) -> str:
    """The SHA-256 of the stored (compressed) report: what the signature vouches for, checked before it is inflated."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while block := f.read(_BLOCK):
            h.update(block)
    return h.hexdigest()


class _Writer:
    """A report being printed, compressed to a temporary file as it goes; kept only if :meth:`keep` is called."""

    def __init__(self, cache: ReportCache, key: str) -> None:
        self.cache, self.key = cache, key
        cache.folder.mkdir(parents=True, exist_ok=True)
        self.partial = cache.folder / f"{key}.{os.getpid()}.part"
        self._file = open(self.partial, "wb")
        self._deflate = zlib.compressobj(1)
        self._sha = hashlib.sha256()
        self._broken = False

    def write(self, text: str) -> None:
        """Add a piece of the report (a disk that fills up loses the entry, never the run)."""
        if not self._broken:
            self._put(self._deflate.compress(text.encode("utf-8", "surrogatepass")))

    def _put(self, data: bytes) -> None:
        self._sha.update(data)
        try:
            self._file.write(data)
        except OSError:
            self._broken = True

    def keep(self, exit_code: int, stderr: str) -> None:
        """Store the entry: the report first, then the header that vouches for it (or nothing, when that fails)."""
        cache, key = self.cache, self.key
        try:
            self._put(self._deflate.flush())
            if self._broken:
                raise OSError("the report could not be written whole")
            self._file.close()
            digest = self._sha.hexdigest()
            header = {"exit": exit_code, "stderr": stderr, "sha256": digest, "mac": cache._mac(key, exit_code, stderr, digest)}
            os.replace(self.partial, cache.folder / f"{key}.z")
            temp = cache.folder / f"{key}.{os.getpid()}.json.part"
            temp.write_text(json.dumps(header), "utf-8")
            os.replace(temp, cache.folder / f"{key}.json")
            cache._prune()
        except OSError:
            self.discard()
            cache._drop(key)

    def discard(self) -> None:
        """Forget the report (the run failed, or was cut short)."""
        try:
            self._file.close()
            self.partial.unlink()
        except OSError:
            pass
