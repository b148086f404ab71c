"""Glossary terms: checking a term's values (from a form, a suggestion, a CSV row or the starter
set) and saving them with their history.

Every commit that writes a term gives the glossary tables a new cache version, so the search
index (index.py) is rebuilt from the new data on its next use.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload, selectinload

from hh.errors import InputError, raise_if
from hh.extensions import db
from hh.glossary.forms import TermForm
from hh.glossary.index import compact
from hh.glossary.models import (
    GLOSSARY_SECTORS,
    GlossaryRevision,
    GlossarySuggestion,
    GlossaryTerm,
    SectorMeaning,
    split_list,
)
from hh.timeutil import utcnow
from hh.web import audit

# Paths under /glossary/ that are pages, so no term may take them as its slug.
RESERVED_SLUGS = {"print", "export.csv", "import", "suggest", "suggestions", "new"}
TEXT_FIELDS = ("term", "acronym", "definition", "example", "aliases", "source_note", "source_url")


class GlossaryError(InputError):
    """Input that cannot be saved; `errors` maps each form field to its message."""


def is_editor(user) -> bool:
    return user.is_authenticated and user.role in ("coordinator", "admin")


def slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:100]
    return slug or "term"


def unique_slug(base: str, term_id: int | None = None) -> str:
    slug, n = base if base not in RESERVED_SLUGS else base + "-term", 2
    while True:
        other = db.session.scalar(select(GlossaryTerm.id).where(GlossaryTerm.slug == slug))
        if other is None or other == term_id:
            return slug
        slug, n = f"{base}-{n}", n + 1


def term_for_page(slug: str) -> GlossaryTerm | None:
    """A term with its meanings, its history and who made each change, in three statements."""
    return db.session.scalar(select(GlossaryTerm).where(GlossaryTerm.slug == slug).options(
        joinedload(GlossaryTerm.updated_by), selectinload(GlossaryTerm.meanings),
        selectinload(GlossaryTerm.revisions).joinedload(GlossaryRevision.changed_by)))


def find_term(name: str) -> GlossaryTerm | None:
    """A term by its slug, acronym or name, in any case."""
    name = name.strip()
    if not name:
        return None
    return db.session.scalar(select(GlossaryTerm).where(
        (GlossaryTerm.slug == slugify(name)) | (func.lower(GlossaryTerm.acronym) == name.lower())
        | (func.lower(GlossaryTerm.term) == name.lower())).order_by(GlossaryTerm.id).limit(1))


# --- Checking input ----------------------------------------------------------------------------


@dataclass
class TermData:
    """Checked values for a term, from a form, a suggestion, a CSV row or the starter set."""

    term: str = ""
    acronym: str = ""
    definition: str = ""
    sectors: list[str] = field(default_factory=list)
    example: str = ""
    aliases: str = ""
    related: list[str] = field(default_factory=list)   # slugs
    source_note: str = ""
    source_url: str = ""
    meanings: dict[str, str] = field(default_factory=dict)


def sector_code(value: str) -> str | None:
    value = value.strip()
    if value in GLOSSARY_SECTORS:
        return value
    for code, label in GLOSSARY_SECTORS.items():
        if value.lower() == label.lower():
            return code
    return None


def _sector_codes(raw_sectors) -> list[str]:
    """Sector codes from codes or labels (a CSV cell separates them with ; or ,); an unknown
    value is kept for the form to refuse."""
    if isinstance(raw_sectors, str):
        raw_sectors = split_list(raw_sectors.replace(",", ";"))
    codes = [sector_code(str(value)) or str(value) for value in raw_sectors or []]
    return list(dict.fromkeys(codes))


def _checked_shape(raw: dict, errors: dict) -> TermForm:
    """The term form filled with raw values (a CSV row, the starter set, a caller's dict) and
    validated: the form is the one place a term's shape is checked."""
    data = {name: "" if raw.get(name) is None else str(raw[name]) for name in TEXT_FIELDS + ("related",)}
    data["sectors"] = _sector_codes(raw.get("sectors"))
    for code in GLOSSARY_SECTORS:
        data[f"meaning_{code}"] = str((raw.get("meanings") or {}).get(code) or "")
    form = TermForm(formdata=None, data=data, meta={"csrf": False})
    if not form.validate():
        errors.update((name, messages[0]) for name, messages in form.errors.items())
    return form


def _related(names: str, errors: dict, strict: bool, term_id: int | None) -> list[str]:
    related = []
    for name in split_list(names.replace(",", ";")):
        found = find_term(name)
        if found is not None and found.id != term_id:
            related.append(found.slug)
        elif found is None and strict:
            errors["related"] = f"No term {name[:60]!r} in the glossary yet: check the spelling."
        elif found is None:
            related.append(slugify(name))  # a term later in the same file
    return list(dict.fromkeys(related))


def check_term(raw: dict, *, strict_related: bool = True, term_id: int | None = None) -> TermData:
    """Check every field at once; raises GlossaryError with a message per field."""
    errors: dict[str, str] = {}
    form = _checked_shape(raw, errors)
    related = _related(form.related.data, errors, strict_related, term_id)
    raise_if(errors, GlossaryError)
    values = {name: form[name].data for name in TEXT_FIELDS}
    values["aliases"] = "; ".join(split_list(values["aliases"]))
    meanings = {code: form[f"meaning_{code}"].data for code in GLOSSARY_SECTORS
                if form[f"meaning_{code}"].data}
    return TermData(**values, sectors=form.sectors.data, related=related, meanings=meanings)


def form_input(form) -> dict:
    """A TermForm's data in the shape check_term() takes."""
    data = {name: form[name].data for name in TEXT_FIELDS + ("related",)}
    data["sectors"] = form.sectors.data or []
    data["meanings"] = {code: form[f"meaning_{code}"].data for code in GLOSSARY_SECTORS}
    return data


def fill_form(form, term: GlossaryTerm | GlossarySuggestion) -> None:
    """Put a term's (or suggestion's) values into a TermForm, for editing."""
    for name in TEXT_FIELDS:
        form[name].data = getattr(term, name)
    form.sectors.data = term.sectors.split()
    slugs = term.related.split()
    names = {t.slug: (t.acronym or t.term) for t in db.session.scalars(
        select(GlossaryTerm).where(GlossaryTerm.slug.in_(slugs)))} if slugs else {}
    form.related.data = "; ".join(names.get(slug, slug) for slug in slugs)
    meanings = meanings_of(term)
    for code in GLOSSARY_SECTORS:
        form[f"meaning_{code}"].data = meanings.get(code, "")


def meanings_of(item: GlossaryTerm | GlossarySuggestion) -> dict[str, str]:
    if isinstance(item, GlossaryTerm):
        return {m.sector: m.meaning for m in item.meanings}
    found = {}
    for line in item.meanings.splitlines():
        code, _, text = line.partition(":")
        if code.strip() in GLOSSARY_SECTORS and text.strip():
            found[code.strip()] = text.strip().replace("\\n", "\n")
    return found


# --- Saving terms ------------------------------------------------------------------------------


def changed_fields(term: GlossaryTerm, data: TermData) -> list[str]:
    changed = [name for name in TEXT_FIELDS if getattr(term, name) != getattr(data, name)]
    if term.sectors.split() != data.sectors:
        changed.append("sectors")
    if term.related.split() != data.related:
        changed.append("related")
    if {m.sector: m.meaning for m in term.meanings} != data.meanings:
        changed.append("sector meanings")
    return changed


def _write_meanings(term: GlossaryTerm, meanings: dict[str, str]) -> None:
    current = {m.sector: m for m in term.meanings}
    for code, meaning in current.items():
        if code not in meanings:
            term.meanings.remove(meaning)
    for code, text in meanings.items():
        if code in current:
            current[code].meaning = text
        else:
            term.meanings.append(SectorMeaning(sector=code, meaning=text))


def apply(term: GlossaryTerm | None, data: TermData, user, *, origin: str = "local",
          note: str = "", slug: str = "") -> tuple[GlossaryTerm, list[str]]:
    """Write checked values into a term (new when None) and its history; the caller commits."""
    creating = term is None
    if creating:
        base = slugify(slug or data.acronym or data.term)
        term = GlossaryTerm(slug=unique_slug(base), origin=origin, term=data.term)
        db.session.add(term)
        changed = ["created"]
    else:
        changed = changed_fields(term, data)
        if not changed:
            return term, []
    for name in TEXT_FIELDS:
        setattr(term, name, getattr(data, name))
    term.sectors = " ".join(data.sectors)
    term.related = " ".join(data.related)
    _write_meanings(term, data.meanings)
    now = utcnow()
    term.updated_at = now
    term.updated_by_id = user.id if user is not None else None
    if user is not None and term.origin == "starter" and not creating:
        term.locally_edited = True  # `hh init` leaves it alone from now on
    summary = "Added" if creating else "Changed " + ", ".join(changed)
    if note:
        summary = f"{summary} ({note})"
    term.revisions.append(GlossaryRevision(changed_at=now, changed_by_id=user.id if user else None,
                                           summary=summary[:300]))
    return term, changed


def refuse_duplicate(data: TermData, allow_id: int | None = None) -> None:
    key = compact(data.term)
    for other in db.session.scalars(select(GlossaryTerm).where(
            func.lower(GlossaryTerm.term) == data.term.lower())):
        if compact(other.term) == key and other.id != allow_id:
            raise GlossaryError(f"{other.heading} is already in the glossary: suggest an edit "
                                "to it instead.", "term")


def check_new_or_edit(raw: dict, term: GlossaryTerm | None) -> TermData:
    """Checked values for a new term (which must not repeat one) or an edit of `term`."""
    data = check_term(raw, term_id=term.id if term else None)
    if term is None:
        refuse_duplicate(data)
    return data


def save_term(term: GlossaryTerm | None, raw: dict, user) -> GlossaryTerm:
    """A coordinator adds or edits a term directly; audited."""
    data = check_new_or_edit(raw, term)
    term, changed = apply(term, data, user)
    db.session.flush()
    if changed:
        audit("glossary_term_saved", "glossary_term", term.id, detail=", ".join(changed))
    db.session.commit()
    return term
