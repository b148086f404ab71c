"""Partner directory: counties, regions and organizations.

The foundation holds the reference tables every feature needs; the directory issue adds its
blueprint (pages, imports, HSDS) here.
"""
