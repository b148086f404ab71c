"""The glossary as CSV: export, import (preview, then apply the good rows), and the starter
glossary, which ships as a file in the same format (starter.csv) and is read the same way."""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from sqlalchemy import select

from hh.extensions import db
from hh.glossary.models import GLOSSARY_SECTORS, GlossaryTerm
from hh.glossary.terms import GlossaryError, TermData, apply, changed_fields, check_term, slugify
from hh.web import audit

STARTER_CSV = Path(__file__).parent / "starter.csv"
CSV_HEADER = (["slug", "term", "acronym", "definition", "sectors", "example", "aliases",
               "related", "source_note", "source_url"]
              + [f"meaning_{code}" for code in GLOSSARY_SECTORS])


def csv_rows(terms):
    for t in terms:
        meanings = {m.sector: m.meaning for m in t.meanings}
        yield ([t.slug, t.term, t.acronym, t.definition, "; ".join(t.sector_labels), t.example,
                t.aliases, "; ".join(t.related_slugs), t.source_note, t.source_url]
               + [meanings.get(code, "") for code in GLOSSARY_SECTORS])


def _unformula(value: str) -> str:
    """Undo the quote our own export puts before cells that start like a formula."""
    return value[1:] if value.startswith("'") and value[1:2] in ("=", "+", "-", "@") else value


def read_rows(text: str, problems: list[tuple[int, str]]) -> Iterator[tuple[int, str, dict]]:
    """(line, slug, raw values for check_term) for each row of a glossary CSV (as exported
    here); rows that cannot be read go to `problems` as (line, reason)."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff"), newline=""))
    header = [h.strip() for h in (reader.fieldnames or [])]
    missing = {"term", "definition", "sectors"} - set(header)
    if missing:
        problems.append((1, "The first row must name the columns; missing: "
                         + ", ".join(sorted(missing)) + "."))
        return
    reader.fieldnames = header
    seen: set[str] = set()
    next_line = 2  # a row spanning several lines is reported by its first line
    try:
        for row in reader:
            line, next_line = next_line, reader.line_num + 1
            if None in row:
                problems.append((line, "This row has more cells than the header."))
                continue
            cells = {k: _unformula((v or "").strip()) for k, v in row.items()}
            if not any(cells.values()):
                continue
            slug = slugify(cells.get("slug") or cells.get("acronym") or cells.get("term") or "")
            if slug in seen:
                problems.append((line, f"The slug {slug!r} appears twice in this file."))
                continue
            seen.add(slug)
            meanings = {code: cells.get(f"meaning_{code}", "") for code in GLOSSARY_SECTORS}
            yield line, slug, dict(cells, meanings=meanings)
    except csv.Error as error:
        problems.append((reader.line_num, f"This is not a readable CSV file ({error})."))


# --- Import ------------------------------------------------------------------------------------


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


def _by_slug(slug: str) -> GlossaryTerm | None:
    return db.session.scalar(select(GlossaryTerm).where(GlossaryTerm.slug == slug))


def plan_import(text: str) -> ImportPlan:
    """Check every row of a glossary CSV; matching is on slug. Saves nothing."""
    plan = ImportPlan()
    for line, slug, raw in read_rows(text, plan.errors):
        term = _by_slug(slug)
        try:
            data = check_term(raw, strict_related=False, term_id=term.id if term else None)
        except GlossaryError as error:
            plan.errors.append((line, " ".join(error.errors.values())))
            continue
        if term is None:
            plan.new.append((line, slug, data))
        elif changed_fields(term, data):
            plan.changed.append((line, term, data))
        else:
            plan.unchanged += 1
    return plan


def apply_import(plan: ImportPlan, user) -> int:
    """Apply the good rows in one transaction; bad rows are left out (and were reported)."""
    for _, slug, data in plan.new:
        apply(None, data, user, origin="import", slug=slug, note="CSV import")
    for _, term, data in plan.changed:
        apply(term, data, user, note="CSV import")
    audit("glossary_imported", "glossary_term", "",
          detail=f"{len(plan.new)} added, {len(plan.changed)} changed, {len(plan.errors)} bad rows")
    db.session.commit()
    return plan.good


# --- Starter glossary --------------------------------------------------------------------------


def load_starter() -> dict[str, int]:
    """Add the starter terms; update those nobody here has edited; never touch local edits.
    The caller commits."""
    counts = {"added": 0, "updated": 0, "kept": 0}
    existing = {t.slug: t for t in db.session.scalars(select(GlossaryTerm))}
    problems: list[tuple[int, str]] = []
    for _, slug, raw in read_rows(STARTER_CSV.read_text(encoding="utf-8"), problems):
        data = check_term(raw, strict_related=False)
        term = existing.get(slug)
        if term is None:
            apply(None, data, None, origin="starter", slug=slug, note="from the starter glossary")
            counts["added"] += 1
        elif term.origin == "starter" and not term.locally_edited:
            _, changed = apply(term, data, None, note="from the starter glossary")
            counts["updated"] += bool(changed)
        else:
            counts["kept"] += 1
    if problems:
        raise ValueError(f"{STARTER_CSV.name}: unreadable rows {problems}")
    db.session.flush()
    return counts
