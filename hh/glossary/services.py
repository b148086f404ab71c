"""Glossary operations: saving terms (with history), suggestions, the starter set, CSV in and out.

Every change bumps the term's `updated_at` (other processes rebuild their index from it) and
calls `index.invalidate()` (this process rebuilds at once).
"""
from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass, field

from sqlalchemy import func, select

from hh.errors import InputError
from hh.extensions import db
from hh.glossary import index
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
LIMITS = {"term": 200, "acronym": 40, "definition": 5000, "example": 2000, "aliases": 2000,
          "related": 2000, "source_note": 2000, "source_url": 500}
FIELD_NAMES = {"term": "term", "acronym": "acronym", "definition": "plain-language meaning",
               "example": "example", "aliases": "other spellings", "related": "related terms",
               "source_note": "source", "source_url": "source web address"}
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


def check_term(raw: dict, *, strict_related: bool = True, term_id: int | None = None) -> TermData:
    """Check every field at once; raises GlossaryError with a message per field."""
    errors: dict[str, str] = {}
    values = {}
    for name in TEXT_FIELDS + ("related",):
        value = raw.get(name)
        value = "" if value is None else str(value).strip()
        if len(value) > LIMITS[name]:
            errors[name] = f"Keep the {FIELD_NAMES[name]} under {LIMITS[name]} characters."
        values[name] = value
    values["aliases"] = "; ".join(split_list(values["aliases"]))
    if not values["term"]:
        errors["term"] = "Enter the term, written out in full."
    if not values["definition"]:
        errors["definition"] = "Enter what the term means, in plain words."
    url = values["source_url"]
    if url and not re.match(r"^https?://[^\s/$.?#].[^\s]*$", url, re.IGNORECASE):
        errors["source_url"] = "Enter a web address starting with https://, or leave it empty."
    raw_sectors = raw.get("sectors") or []
    if isinstance(raw_sectors, str):
        raw_sectors = split_list(raw_sectors.replace(",", ";"))
    sectors = []
    for value in raw_sectors:
        code = sector_code(str(value))
        if code is None:
            errors["sectors"] = f"Unknown sector {str(value)[:40]!r}: choose from the list."
        elif code not in sectors:
            sectors.append(code)
    if not sectors and "sectors" not in errors:
        errors["sectors"] = "Choose at least one sector."
    meanings = {}
    for code in GLOSSARY_SECTORS:
        text = str((raw.get("meanings") or {}).get(code) or "").strip()
        if len(text) > 2000:
            errors[f"meaning_{code}"] = "Keep each sector's meaning under 2000 characters."
        elif text:
            meanings[code] = text
    related = []
    for name in split_list(values["related"].replace(",", ";")):
        found = find_term(name)
        if found is not None and found.id != term_id:
            related.append(found.slug)
        elif found is None and strict_related:
            errors["related"] = f"No term {name[:60]!r} in the glossary yet: check the spelling."
        elif found is None:
            related.append(slugify(name))  # a term later in the same file
    if errors:
        first = next(iter(errors))
        raise GlossaryError(errors[first], first, errors)
    data = TermData(**{k: values[k] for k in TEXT_FIELDS}, sectors=sectors,
                    related=list(dict.fromkeys(related)), meanings=meanings)
    return data


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


def _changed_fields(term: GlossaryTerm, data: TermData) -> list[str]:
    changed = [name for name in TEXT_FIELDS if getattr(term, name) != getattr(data, name)]
    if term.sectors.split() != data.sectors:
        changed.append("sectors")
    if term.related.split() != data.related:
        changed.append("related")
    if {m.sector: m.meaning for m in term.meanings} != data.meanings:
        changed.append("sector meanings")
    return changed


def _apply(term: GlossaryTerm | None, data: TermData, user, *, origin: str = "local",
           note: str = "", slug: str = "") -> tuple[GlossaryTerm, list[str]]:
    """Write checked values into a term (new when None) and its history; the caller commits."""
    creating = term is None
    if creating:
        base = slugify(slug or data.acronym or data.term)
        term = GlossaryTerm(slug=unique_slug(base), origin=origin, term=data.term)
        db.session.add(term)
        changed = ["created"]
    else:
        changed = _changed_fields(term, data)
        if not changed:
            return term, []
    for name in TEXT_FIELDS:
        setattr(term, name, getattr(data, name))
    term.sectors = " ".join(data.sectors)
    term.related = " ".join(data.related)
    current = {m.sector: m for m in term.meanings}
    for code, meaning in current.items():
        if code not in data.meanings:
            term.meanings.remove(meaning)
    for code, text in data.meanings.items():
        if code in current:
            current[code].meaning = text
        else:
            term.meanings.append(SectorMeaning(sector=code, meaning=text))
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


def save_term(term: GlossaryTerm | None, raw: dict, user) -> GlossaryTerm:
    """A coordinator adds or edits a term directly; audited."""
    data = check_term(raw, term_id=term.id if term else None)
    if term is None:
        _refuse_duplicate(data)
    term, changed = _apply(term, data, user)
    db.session.flush()
    if changed:
        audit("glossary_term_saved", "glossary_term", term.id, detail=", ".join(changed))
    db.session.commit()
    index.invalidate()
    return term


def _refuse_duplicate(data: TermData, allow_id: int | None = None) -> None:
    key = index.compact(data.term)
    for other in db.session.scalars(select(GlossaryTerm).where(
            func.lower(GlossaryTerm.term) == data.term.lower())):
        if index.compact(other.term) == key and other.id != allow_id:
            raise GlossaryError(f"{other.heading} is already in the glossary: suggest an edit "
                                "to it instead.", "term")


# --- Suggestions -------------------------------------------------------------------------------


def suggest(raw: dict, user, term: GlossaryTerm | None = None, reason: str = "") -> GlossarySuggestion:
    """Anyone signed in proposes a new term or an edit; nothing is published until reviewed."""
    data = check_term(raw, term_id=term.id if term else None)
    if term is None:
        _refuse_duplicate(data)
    suggestion = GlossarySuggestion(
        term_id=term.id if term else None, **{name: getattr(data, name) for name in TEXT_FIELDS},
        sectors=" ".join(data.sectors), related=" ".join(data.related),
        meanings=_flat_meanings(data.meanings),
        reason=(reason or "").strip()[:2000], suggested_by_id=user.id)
    db.session.add(suggestion)
    db.session.flush()
    audit("glossary_suggested", "glossary_suggestion", suggestion.id)
    db.session.commit()
    return suggestion


def _flat_meanings(meanings: dict[str, str]) -> str:
    """Per-sector meanings as "code: text" lines (a newline inside a text is kept as \\n)."""
    return "\n".join(code + ": " + text.replace("\n", "\\n") for code, text in meanings.items())


def open_suggestions() -> list[GlossarySuggestion]:
    return list(db.session.scalars(select(GlossarySuggestion).where(
        GlossarySuggestion.status == "open").order_by(GlossarySuggestion.created_at)))


def _decide(suggestion: GlossarySuggestion, status: str, user, note: str) -> None:
    if suggestion.status != "open":
        raise GlossaryError("This suggestion was already decided.", "decision_note")
    suggestion.status = status
    suggestion.decided_by_id = user.id
    suggestion.decided_at = utcnow()
    suggestion.decision_note = (note or "").strip()[:2000]


def publish_suggestion(suggestion: GlossarySuggestion, raw: dict, user, note: str = "") -> GlossaryTerm:
    """A coordinator publishes a suggestion, with any edits of their own; audited."""
    target = suggestion.target
    if suggestion.term_id is not None and target is None:
        raise GlossaryError("The term this edit was for no longer exists.", "term")
    data = check_term(raw, term_id=target.id if target else None)
    if target is None:
        _refuse_duplicate(data)
    _decide(suggestion, "published", user, note)
    who = suggestion.suggested_by.display_name if suggestion.suggested_by else "someone"
    term, _ = _apply(target, data, user, note=f"suggested by {who}")
    db.session.flush()
    audit("glossary_suggestion_published", "glossary_suggestion", suggestion.id,
          detail=f"term {term.id}")
    db.session.commit()
    index.invalidate()
    return term


def decline_suggestion(suggestion: GlossarySuggestion, user, note: str = "") -> None:
    _decide(suggestion, "declined", user, note)
    audit("glossary_suggestion_declined", "glossary_suggestion", suggestion.id)
    db.session.commit()


# --- Starter glossary --------------------------------------------------------------------------


def load_starter() -> dict[str, int]:
    """Add the starter terms; update those nobody here has edited; never touch local edits.
    The caller commits."""
    from hh.glossary.starter import starter_terms

    counts = {"added": 0, "updated": 0, "kept": 0}
    existing = {t.slug: t for t in db.session.scalars(select(GlossaryTerm))}
    for slug, raw in starter_terms():
        data = check_term(raw, strict_related=False)
        term = existing.get(slug)
        if term is None:
            term, _ = _apply(None, data, None, origin="starter", slug=slug,
                             note="from the starter glossary")
            counts["added"] += 1
        elif term.origin == "starter" and not term.locally_edited:
            _, changed = _apply(term, data, None, note="from the starter glossary")
            counts["updated"] += bool(changed)
        else:
            counts["kept"] += 1
    db.session.flush()
    index.invalidate()
    return counts


# --- CSV ---------------------------------------------------------------------------------------

CSV_HEADER = (["slug", "term", "acronym", "definition", "sectors", "example", "aliases",
               "related", "source_note", "source_url"]
              + [f"meaning_{code}" for code in GLOSSARY_SECTORS])


def csv_rows(terms):
    for t in terms:
        meanings = {m.sector: m.meaning for m in t.meanings}
        yield ([t.slug, t.term, t.acronym, t.definition, "; ".join(t.sector_labels), t.example,
                t.aliases, "; ".join(t.related_slugs), t.source_note, t.source_url]
               + [meanings.get(code, "") for code in GLOSSARY_SECTORS])


@dataclass
class ImportPlan:
    """What an import would do: rows to add or change, unchanged rows, and bad rows."""

    new: list[tuple[int, str, TermData]] = field(default_factory=list)       # line, slug, data
    changed: list[tuple[int, GlossaryTerm, TermData]] = field(default_factory=list)
    unchanged: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)              # line, reason

    @property
    def good(self) -> int:
        return len(self.new) + len(self.changed)


def _unformula(value: str) -> str:
    """Undo the quote our own export puts before cells that start like a formula."""
    return value[1:] if value.startswith("'") and value[1:2] in ("=", "+", "-", "@") else value


def plan_import(text: str) -> ImportPlan:
    """Check every row of a glossary CSV (as exported here); matching is on slug."""
    plan = ImportPlan()
    text = text.lstrip("\ufeff")
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [h.strip() for h in (reader.fieldnames or [])]
    missing = {"term", "definition", "sectors"} - set(header)
    if missing:
        plan.errors.append((1, "The first row must name the columns; missing: "
                            + ", ".join(sorted(missing)) + "."))
        return plan
    reader.fieldnames = header
    seen: set[str] = set()
    next_line = 2  # a row spanning several lines is reported by its first line
    try:
        for row in reader:
            line, next_line = next_line, reader.line_num + 1
            if None in row:
                plan.errors.append((line, "This row has more cells than the header."))
                continue
            cells = {k: _unformula((v or "").strip()) for k, v in row.items()}
            if not any(cells.values()):
                continue
            raw = dict(cells, meanings={code: cells.get(f"meaning_{code}", "") for code in GLOSSARY_SECTORS})
            slug = slugify(cells.get("slug") or cells.get("acronym") or cells.get("term") or "")
            if slug in seen:
                plan.errors.append((line, f"The slug {slug!r} appears twice in this file."))
                continue
            seen.add(slug)
            term = db.session.scalar(select(GlossaryTerm).where(GlossaryTerm.slug == slug))
            try:
                data = check_term(raw, strict_related=False, term_id=term.id if term else None)
            except GlossaryError as error:
                plan.errors.append((line, " ".join(error.errors.values())))
                continue
            if term is None:
                plan.new.append((line, slug, data))
            elif _changed_fields(term, data):
                plan.changed.append((line, term, data))
            else:
                plan.unchanged += 1
    except csv.Error as error:
        plan.errors.append((reader.line_num, f"This is not a readable CSV file ({error})."))
    return plan


def apply_import(plan: ImportPlan, user) -> int:
    """Apply the good rows in one transaction; bad rows are left out (and were reported)."""
    for _, slug, data in plan.new:
        _apply(None, data, user, origin="import", slug=slug, note="CSV import")
    for _, term, data in plan.changed:
        _apply(term, data, user, note="CSV import")
    audit("glossary_imported", "glossary_term", "",
          detail=f"{len(plan.new)} added, {len(plan.changed)} changed, {len(plan.errors)} bad rows")
    db.session.commit()
    index.invalidate()
    return plan.good
