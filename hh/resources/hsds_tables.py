"""What the HSDS export and import share: the standard's own descriptor, HSDS ids, and
matching a county by name.

The descriptor (hsds-3.0-datapackage.json, CC-BY-SA 4.0, Open Referral) is the standard's own,
so the files are checked against exactly what the standard says.
"""
from __future__ import annotations

import json
import uuid
from functools import cache
from pathlib import Path

from sqlalchemy import func, select

from hh.directory.models import County
from hh.extensions import db

SCHEMA_PATH = Path(__file__).with_name("hsds-3.0-datapackage.json")
# Stable ids for rows we do not store with an id of their own (a service's category, its
# languages, a contact's phone), and for records whose id is not a UUID as HSDS 3.0 requires.
ID_NAMESPACE = uuid.UUID("5d0b5f0e-6c1a-4b8e-9a57-1f1c2c3c8e11")


@cache  # a pure read of a file that ships with the code
def standard() -> dict:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def hsds_uuid(value: str | None) -> str:
    """HSDS 3.0 ids are UUIDs; an id from elsewhere (HSDS 1.1 allowed any) gets a stable one."""
    if not value:
        return ""
    try:
        return str(uuid.UUID(value))
    except ValueError:
        return str(uuid.uuid5(ID_NAMESPACE, value))


def derived_id(*parts: str) -> str:
    return str(uuid.uuid5(ID_NAMESPACE, "/".join(parts)))


def languages(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


def county_named(name: str) -> County | None:
    """“Alder”, “Alder County” or “alder county, NF” → the county of that name, if we have it."""
    base = name.split(",")[0].strip().lower().removesuffix(" county").strip()
    if not base or len(base) > 100:
        return None
    return db.session.scalar(select(County).where(
        func.lower(County.name).in_([base, base + " county"])))
