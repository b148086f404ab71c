"""gunicorn's settings for Crosswalk. `gunicorn wsgi:app` run in this folder reads them; flags on
the command line override them."""

import os

bind = "127.0.0.1:8000"
# One worker per core (WEB_CONCURRENCY overrides). Two threads each: a request that waits (a slow
# upload, a long export) leaves its worker's other thread free, while more threads would only take turns on the same
# core (Python runs one thread at a time per process) and lengthen every request they share it
# with. On two cores, bench/ measured the lowest p95 with 2 × 2 and 2 × 1 (against 2 × 4, 3 × 1
# and 4 × 1); one thread per worker would let a single long request hold up half the server.
workers = int(os.environ.get("WEB_CONCURRENCY", 0)) or os.cpu_count() or 2
threads = 2
# A worker takes no more connections than it has threads: a request then waits in the kernel's
# queue for whichever worker frees a thread first, instead of queueing behind a busy worker while
# the other has nothing to do. Connections close after each response (the reverse proxy in front
# keeps the browsers' connections open; a kept-alive connection here would hold a worker's slot).
worker_connections = threads
keepalive = 0
# Access log lines (when --access-logfile is given) name the path without its query string
# (%(U)s, not the request line %(r)s) and leave out the Referer (our own pages' addresses, query
# strings included): no search words, filters or invitation token is kept in a log.
access_log_format = '%(h)s %(l)s %(u)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(b)s "%(a)s"'
