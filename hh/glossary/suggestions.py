"""Suggestions: anyone signed in proposes a new term or an edit; a coordinator publishes it (with
edits of their own) or declines it. Nothing is published until reviewed."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from hh.extensions import db
from hh.glossary.models import GlossarySuggestion, GlossaryTerm
from hh.glossary.terms import TEXT_FIELDS, GlossaryError, apply, check_new_or_edit
from hh.timeutil import utcnow
from hh.web import audit


def suggest(raw: dict, user, term: GlossaryTerm | None = None, reason: str = "") -> GlossarySuggestion:
    """A new term (term None) or an edit of `term`, waiting for review; audited."""
    data = check_new_or_edit(raw, term)
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
        GlossarySuggestion.status == "open").options(
        joinedload(GlossarySuggestion.suggested_by), joinedload(GlossarySuggestion.target))
        .order_by(GlossarySuggestion.created_at)))


def decided_suggestions(limit: int = 20) -> list[GlossarySuggestion]:
    """The latest decisions, with who decided."""
    return list(db.session.scalars(select(GlossarySuggestion).where(
        GlossarySuggestion.status != "open").options(
        joinedload(GlossarySuggestion.decided_by), joinedload(GlossarySuggestion.target))
        .order_by(GlossarySuggestion.decided_at.desc()).limit(limit)))


def suggestion_for_page(suggestion_id: int) -> GlossarySuggestion | None:
    """A suggestion with who made it and the term it edits (re-read after a refused decision,
    which rolled the session back)."""
    return db.session.get(GlossarySuggestion, suggestion_id, populate_existing=True, options=[
        joinedload(GlossarySuggestion.suggested_by), joinedload(GlossarySuggestion.target)])


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
    data = check_new_or_edit(raw, target)
    _decide(suggestion, "published", user, note)
    who = suggestion.suggested_by.display_name if suggestion.suggested_by else "someone"
    term, _ = apply(target, data, user, note=f"suggested by {who}")
    db.session.flush()
    audit("glossary_suggestion_published", "glossary_suggestion", suggestion.id,
          detail=f"term {term.id}")
    db.session.commit()
    return term


def decline_suggestion(suggestion: GlossarySuggestion, user, note: str = "") -> None:
    _decide(suggestion, "declined", user, note)
    audit("glossary_suggestion_declined", "glossary_suggestion", suggestion.id)
    db.session.commit()
