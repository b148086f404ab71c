"""gunicorn's settings for Crosswalk. `gunicorn wsgi:app` run in this folder reads them; flags on
the command line override them."""

bind = "127.0.0.1:8000"
workers = 2
threads = 4
# A worker takes no more connections than it has threads: a request then waits in the kernel's
# queue for whichever worker frees a thread first, instead of queueing behind a busy worker while
# the other has nothing to do. Connections close after each response (the reverse proxy in front
# keeps the browsers' connections open; a kept-alive connection here would hold a worker's slot).
worker_connections = threads
keepalive = 0
