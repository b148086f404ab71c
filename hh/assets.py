"""Static files that stay fast on a slow link.

- Every `url_for('static', filename=...)` carries the file's content hash as `?v=`, so a browser
  may keep what it fetched for a year (`immutable`): a changed file gets a new URL. A request
  without the current hash (typed by hand, or from a page older than the file) gets the short
  `SEND_FILE_MAX_AGE_DEFAULT` instead.
- A gzip copy of each text file is made once, at start-up, into the instance folder (the package
  folder may be read-only) and sent to browsers that accept gzip, so htmx costs 17 KB, not 52 KB,
  and no worker compresses the same file on every request. Flask-Compress leaves a response that
  already has a Content-Encoding alone and compresses the pages themselves.
"""
from __future__ import annotations

import gzip
import hashlib
import mimetypes
import os
import tempfile
from pathlib import Path

from flask import Flask, abort, current_app, request, send_file
from werkzeug.security import safe_join

YEAR = 365 * 24 * 3600
# Worth a gzip copy: text that compresses. Images other than SVG are compressed already.
COMPRESSIBLE = ("text/", "application/javascript", "application/json", "image/svg+xml")
SMALLEST = 500  # bytes; below this, gzip's header costs more than it saves


class StaticFiles:
    """Content hashes and gzip copies of the files under one static folder."""

    def __init__(self, folder: str, copies: Path, watch: bool = True) -> None:
        self.folder = folder
        self.copies = copies
        # Whether a file may change while the app runs: as Flask reloads templates, only in
        # debug mode. Otherwise files change with a release and a restart, and every page links
        # four of them (a stat each, on every page, for nothing).
        self.watch = watch
        self._hashes: dict[str, tuple[tuple[int, int], str]] = {}

    def path(self, filename: str) -> str | None:
        """The file's path, or None when the name leaves the folder or names no file."""
        path = safe_join(self.folder, filename)
        return path if path and os.path.isfile(path) else None

    def version(self, filename: str) -> str | None:
        """The first 12 hex digits of the file's sha256; read again only when the file changes."""
        known = self._hashes.get(filename)
        if known is not None and not self.watch:
            return known[1]
        path = self.path(filename)
        if path is None:
            return None
        stat = os.stat(path)
        key = (stat.st_mtime_ns, stat.st_size)
        if known is None or known[0] != key:
            digest = hashlib.sha256(Path(path).read_bytes()).hexdigest()[:12]
            known = self._hashes[filename] = (key, digest)
        return known[1]

    def gzipped(self, filename: str) -> Path | None:
        """The gzip copy of a compressible file, made when missing; None for other files."""
        path = self.path(filename)
        mimetype = mimetypes.guess_type(filename)[0] or ""
        if path is None or not mimetype.startswith(COMPRESSIBLE) \
                or os.path.getsize(path) < SMALLEST:
            return None
        copy = self.copies / f"{filename}.{self.version(filename)}.gz"
        if not copy.exists():
            copy.parent.mkdir(parents=True, exist_ok=True)
            data = gzip.compress(Path(path).read_bytes(), compresslevel=9, mtime=0)
            # Another worker may be writing the same copy: write aside, then rename into place.
            handle, temporary = tempfile.mkstemp(dir=copy.parent, suffix=".tmp")
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.replace(temporary, copy)
        return copy

    def prepare(self) -> None:
        """Make every gzip copy now and drop the copies of files that changed or went away."""
        wanted = set()
        for path in Path(self.folder).rglob("*"):
            if path.is_file():
                copy = self.gzipped(path.relative_to(self.folder).as_posix())
                if copy is not None:
                    wanted.add(copy)
        if self.copies.is_dir():
            for old in self.copies.rglob("*.gz"):
                if old not in wanted:
                    old.unlink(missing_ok=True)


def init_app(app: Flask) -> None:
    files = StaticFiles(app.static_folder, Path(app.instance_path) / "static-gzip",
                        watch=app.debug or app.config.get("TEMPLATES_AUTO_RELOAD") is True)
    files.prepare()
    app.extensions["hh_static"] = files
    app.view_functions["static"] = serve
    app.url_defaults(_add_version)


def _add_version(endpoint: str, values: dict) -> None:
    """url_for('static', filename=...) -> /static/...?v=<content hash>."""
    if endpoint == "static" and "filename" in values and "v" not in values:
        version = current_app.extensions["hh_static"].version(values["filename"])
        if version:
            values["v"] = version


def serve(filename: str):
    """The static view: the gzip copy when the browser takes it; a year's caching when versioned."""
    files: StaticFiles = current_app.extensions["hh_static"]
    path = files.path(filename)
    if path is None:
        abort(404)
    versioned = request.args.get("v") == files.version(filename)
    max_age = YEAR if versioned else current_app.get_send_file_max_age(filename)
    copy = files.gzipped(filename) if request.accept_encodings["gzip"] else None
    response = send_file(copy or path, mimetype=mimetypes.guess_type(filename)[0],
                         download_name=os.path.basename(filename), max_age=max_age,
                         conditional=True)
    if copy is not None:
        response.headers["Content-Encoding"] = "gzip"
    response.vary.add("Accept-Encoding")
    if versioned:
        response.cache_control.immutable = True
    return response
