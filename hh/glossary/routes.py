"""Glossary pages: search and A–Z, a term's page, suggestions and review, CSV, print view."""
from flask import abort, current_app, flash, has_app_context, redirect, request, url_for
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from hh.errors import InputError
from hh.extensions import db
from hh.glossary import bp, csv_io, index, terms
from hh.glossary import suggestions as suggesting
from hh.glossary.forms import (
    LETTERS,
    MEANING_FIELDS,
    ImportForm,
    ReviewForm,
    SearchForm,
    SuggestionForm,
    TermForm,
)
from hh.glossary.models import GLOSSARY_SECTORS, GlossarySuggestion, GlossaryTerm
from hh.web import (
    COORDINATORS,
    PUBLIC,
    SIGNED_IN,
    Page,
    allow,
    csv_response,
    form_status,
    page_number,
    render,
    saved,
    submit,
)


class _Readers(frozenset):
    """Every signed-in role, and anonymous visitors too while GLOSSARY_PUBLIC is on. The access
    check asks `PUBLIC in roles` per request, so the setting takes effect without a restart of
    the rules; listing the set still gives the signed-in roles (the route × role matrix)."""

    def __contains__(self, role):
        if role == PUBLIC:
            return has_app_context() and bool(current_app.config.get("GLOSSARY_PUBLIC"))
        return frozenset.__contains__(self, role)


READERS = _Readers(SIGNED_IN)


def readable(view):
    """@allow for the glossary's reading pages (see _Readers)."""
    view = allow(*SIGNED_IN)(view)
    view.allowed_roles = READERS
    return view


def _index():
    found = index.current()
    if found is None:
        abort(503)
    return found


def _term(slug: str) -> GlossaryTerm:
    term = terms.term_for_page(slug)
    if term is None:
        abort(404)
    return term


@bp.route("/")
@readable
def index_page():
    """Search as you type (or as a plain GET form), filter by sector, browse A–Z."""
    form = SearchForm(request.args)
    form.validate()
    q = (form.q.data or "").strip()[:100]
    sector = form.sector.data if form.sector.data in GLOSSARY_SECTORS else ""
    letter = request.args.get("letter", "").upper()[:1]
    glossary = _index()
    did_you_mean = ""
    page = None
    if q:
        result = index.search(glossary, q, sector)
        entries, did_you_mean = result.entries, result.did_you_mean
    else:
        page = _page_of(glossary.browse(sector, letter))
        entries = page.items
    letters = glossary.letters
    open_count = len(suggesting.open_suggestions()) if may_edit() else 0
    return render("glossary/index.html", "glossary/_results.html", form=form, q=q,
                  sector=sector, letter=letter if not q else "", entries=entries, page=page,
                  did_you_mean=did_you_mean, letters=LETTERS, present=letters,
                  sectors=GLOSSARY_SECTORS, open_count=open_count)


# Terms listed on a page when browsing (all, a sector, a letter): a letter of a large glossary
# holds a thousand terms. The search shows its best 50; the printable glossary lists them all.
BROWSE_PAGE = 100


def _page_of(entries: list) -> Page:
    number = page_number()
    start = (number - 1) * BROWSE_PAGE
    return Page(items=entries[start:start + BROWSE_PAGE], total=len(entries), page=number,
                per_page=BROWSE_PAGE)


def may_edit() -> bool:
    return terms.is_editor(current_user)


@bp.route("/print")
@readable
def print_view():
    """One page per sector, for onboarding packets."""
    sector = request.args.get("sector", "")
    codes = [sector] if sector in GLOSSARY_SECTORS else list(GLOSSARY_SECTORS)
    all_terms = list(db.session.scalars(select(GlossaryTerm).options(selectinload(GlossaryTerm.meanings))))
    all_terms.sort(key=lambda t: t.sort_key)
    # A term belongs on a sector's page if it is in that sector or has a meaning special to it.
    by_sector = {code: [t for t in all_terms if code in t.sector_codes or t.meaning_for(code)]
                 for code in codes}
    return render("glossary/print.html", by_sector=by_sector, sectors=GLOSSARY_SECTORS)


@bp.route("/export.csv")
@readable
def export_csv():
    """The whole glossary as a spreadsheet that another CoC can import."""
    found = list(db.session.scalars(select(GlossaryTerm).options(selectinload(GlossaryTerm.meanings))
                                    .order_by(GlossaryTerm.slug)))
    return csv_response("crosswalk-glossary.csv", csv_io.CSV_HEADER, csv_io.csv_rows(found))


@bp.route("/import", methods=["GET", "POST"])
@allow(*COORDINATORS)
def import_csv():
    """Upload → preview (what would be added, changed, and which rows are bad) → import."""
    form = ImportForm()
    plan = submit(form, lambda: csv_io.plan_import(_uploaded_text(form)))
    if plan is not None and request.form.get("action") == "import" and plan.good:
        count = csv_io.apply_import(plan, current_user)
        return saved(f"Imported {count} term{'s' if count != 1 else ''}"
                     + (f"; {len(plan.errors)} bad row(s) left out." if plan.errors else "."),
                     "glossary.index_page")
    refused = plan is None or (plan.errors and not plan.good)
    return render("glossary/import.html", form=form, plan=plan,
                  status=form_status() if refused else 200)


def _uploaded_text(form: ImportForm) -> str:
    """The uploaded file's text (or, after a preview, the text sent back with "Import")."""
    text = form.content.data or ""
    upload = form.file.data
    if upload is not None and getattr(upload, "filename", ""):
        try:
            text = upload.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise InputError("Save the file as CSV in UTF-8 and try again.", "file") from None
    if not text.strip():
        raise InputError("Choose a CSV file to import.", "file")
    form.content.data = text  # the preview sends it back with "Import"
    return text


def _term_form(form, term: GlossaryTerm | None, mode: str, **context):
    """The term form page (edit, suggest or review), 422 after a refused POST."""
    return render("glossary/term_form.html", form=form, term=term, mode=mode,
                  meaning_fields=MEANING_FIELDS, status=form_status(), **context)


@bp.route("/suggest", methods=["GET", "POST"])
@allow(*SIGNED_IN)
def suggest():
    """Anyone signed in suggests a new term, or an edit of one (?term=<slug>)."""
    slug = request.args.get("term", "")  # the query string, not the form's "term" field
    term = _term(slug) if slug else None
    form = SuggestionForm()
    if request.method == "GET" and term is not None:
        terms.fill_form(form, term)
    elif request.method == "GET":
        form.term.data = request.args.get("q", "")[:200]
    done = submit(form, lambda: suggesting.suggest(terms.form_input(form), current_user, term,
                                                   form.reason.data))
    if done is None:
        return _term_form(form, term, "suggest")
    message = "Thank you: a coordinator will review your suggestion."
    if term is not None:
        return saved(message, "glossary.term", slug=term.slug)
    return saved(message, "glossary.index_page")


@bp.route("/suggestions")
@allow(*COORDINATORS)
def suggestions():
    """Suggestions waiting for review, and the latest decisions."""
    return render("glossary/suggestions.html", waiting=suggesting.open_suggestions(),
                  decided=suggesting.decided_suggestions())


@bp.route("/suggestions/<int:suggestion_id>", methods=["GET", "POST"])
@allow(*COORDINATORS)
def review(suggestion_id: int):
    """Edit a suggestion if needed, then publish it or decline it."""
    suggestion = suggesting.suggestion_for_page(suggestion_id)
    if suggestion is None:
        abort(404)
    form = ReviewForm()
    if request.method == "GET":
        terms.fill_form(form, suggestion)
    elif suggestion.status != "open":
        flash("This suggestion was already decided.", "info")
        return redirect(url_for("glossary.suggestions"), 303)
    done = submit(form, lambda: _decide(suggestion, form))
    if done is not None:
        message, endpoint, values = done
        return saved(message, endpoint, **values)
    suggestion = suggesting.suggestion_for_page(suggestion_id)  # as it is after a rollback
    return _term_form(form, suggestion.target, "review", suggestion=suggestion)


def _decide(suggestion: GlossarySuggestion, form: ReviewForm):
    """Publish (with the form's edits) or decline; what to say and which page to show next."""
    if request.form.get("decision") == "decline":
        suggesting.decline_suggestion(suggestion, current_user, form.decision_note.data)
        return "Suggestion declined.", "glossary.suggestions", {}
    term = suggesting.publish_suggestion(suggestion, terms.form_input(form), current_user,
                                         form.decision_note.data)
    return f"Published {term.heading}.", "glossary.term", {"slug": term.slug}


def _save(form: TermForm, term: GlossaryTerm | None):
    done = submit(form, lambda: terms.save_term(term, terms.form_input(form), current_user))
    if done is not None:
        return saved(f"Saved {done.heading}.", "glossary.term", slug=done.slug)
    return _term_form(form, term, "edit")


@bp.route("/new", methods=["GET", "POST"])
@allow(*COORDINATORS)
def new_term():
    """A coordinator adds a term directly."""
    return _save(TermForm(), None)


@bp.route("/<slug>/edit", methods=["GET", "POST"])
@allow(*COORDINATORS)
def edit_term(slug: str):
    """A coordinator edits a term; the change is kept in its history."""
    term = _term(slug)
    form = TermForm()
    if request.method == "GET":
        terms.fill_form(form, term)
    return _save(form, term)


@bp.route("/<slug>")
@readable
def term(slug: str):
    """A term's page: its stable address is /glossary/<slug>."""
    term = _term(slug)
    related = []
    if term.related_slugs:
        found = {t.slug: t for t in db.session.scalars(
            select(GlossaryTerm).where(GlossaryTerm.slug.in_(term.related_slugs)))}
        related = [found[s] for s in term.related_slugs if s in found]
    return render("glossary/term.html", term=term, related=related, history=term.revisions[:5],
                  sectors=GLOSSARY_SECTORS, can_edit=may_edit())
