"""Open Referral HSDS: export the directory as an HSDS 3.0 tabular data package
(hsds_export), and import HSDS 3.0 packages and the older 1.1 names into it (hsds_import).
This module is the entry point the CLI and the import pages use."""
from hh.resources.hsds_export import export_files, export_tables, package_zip, write_package
from hh.resources.hsds_import import import_package, read_package

__all__ = ["export_files", "export_tables", "import_package", "package_zip", "read_package",
           "write_package"]
