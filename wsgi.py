"""WSGI entry point: `gunicorn wsgi:app` or `flask --app wsgi ...`."""
import gc

from hh import create_app

app = create_app()
# What start-up made (routes, templates, SQLAlchemy's metadata) lives as long as the process: keep
# it out of the garbage collector's full passes, which otherwise walk it all and pause every
# request in flight for tens of milliseconds; and collect the young generation less often.
gc.freeze()
gc.set_threshold(20_000, 20, 20)
