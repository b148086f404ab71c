"""Glossary pages: search and A–Z, a term's page, suggestions and review, CSV, print view."""
from flask import abort, current_app, flash, has_app_context, redirect, request, url_for
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from hh.extensions import db
from hh.glossary import bp, index, services
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
from hh.web import COORDINATORS, PUBLIC, SIGNED_IN, allow, csv_response, render


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
    term = db.session.scalar(select(GlossaryTerm).where(GlossaryTerm.slug == slug).options(
        selectinload(GlossaryTerm.meanings), selectinload(GlossaryTerm.revisions)))
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
    if q:
        result = index.search(glossary, q, sector)
        entries, did_you_mean = result.entries, result.did_you_mean
    else:
        entries = [e for e in glossary.entries if (not sector or sector in e.sectors)
                   and (not letter or e.letter == letter)]
    letters = glossary.letters
    open_count = len(services.open_suggestions()) if may_edit() else 0
    return render("glossary/index.html", "glossary/_results.html", form=form, q=q,
                  sector=sector, letter=letter if not q else "", entries=entries,
                  did_you_mean=did_you_mean, letters=LETTERS, present=letters,
                  sectors=GLOSSARY_SECTORS, open_count=open_count)


def may_edit() -> bool:
    return services.is_editor(current_user)


@bp.route("/print")
@readable
def print_view():
    """One page per sector, for onboarding packets."""
    sector = request.args.get("sector", "")
    codes = [sector] if sector in GLOSSARY_SECTORS else list(GLOSSARY_SECTORS)
    terms = list(db.session.scalars(select(GlossaryTerm).options(selectinload(GlossaryTerm.meanings))))
    terms.sort(key=lambda t: t.sort_key)
    # A term belongs on a sector's page if it is in that sector or has a meaning special to it.
    by_sector = {code: [t for t in terms if code in t.sector_codes or t.meaning_for(code)]
                 for code in codes}
    return render("glossary/print.html", by_sector=by_sector, sectors=GLOSSARY_SECTORS)


@bp.route("/export.csv")
@readable
def export_csv():
    """The whole glossary as a spreadsheet that another CoC can import."""
    terms = list(db.session.scalars(select(GlossaryTerm).options(selectinload(GlossaryTerm.meanings))
                                    .order_by(GlossaryTerm.slug)))
    return csv_response("crosswalk-glossary.csv", services.CSV_HEADER, services.csv_rows(terms))


@bp.route("/import", methods=["GET", "POST"])
@allow(*COORDINATORS)
def import_csv():
    """Upload → preview (what would be added, changed, and which rows are bad) → import."""
    form = ImportForm()
    plan = None
    if form.validate_on_submit():
        upload = form.file.data
        text = form.content.data or ""
        if upload is not None and getattr(upload, "filename", ""):
            try:
                text = upload.read().decode("utf-8-sig")
            except UnicodeDecodeError:
                form.file.errors.append("Save the file as CSV in UTF-8 and try again.")
                return render("glossary/import.html", form=form, plan=None, status=422)
        if not text.strip():
            form.file.errors.append("Choose a CSV file to import.")
            return render("glossary/import.html", form=form, plan=None, status=422)
        plan = services.plan_import(text)
        if request.form.get("action") == "import" and plan.good:
            count = services.apply_import(plan, current_user)
            flash(f"Imported {count} term{'s' if count != 1 else ''}"
                  + (f"; {len(plan.errors)} bad row(s) left out." if plan.errors else "."), "success")
            return redirect(url_for("glossary.index_page"), 303)
        form.content.data = text
    elif request.method == "POST":
        return render("glossary/import.html", form=form, plan=None, status=422)
    return render("glossary/import.html", form=form, plan=plan,
                  status=422 if plan is not None and plan.errors and not plan.good else 200)


@bp.route("/suggest", methods=["GET", "POST"])
@allow(*SIGNED_IN)
def suggest():
    """Anyone signed in suggests a new term, or an edit of one (?term=<slug>)."""
    slug = request.args.get("term", "")  # the query string, not the form's "term" field
    term = _term(slug) if slug else None
    form = SuggestionForm()
    if request.method == "GET":
        if term is not None:
            services.fill_form(form, term)
        else:
            form.term.data = request.args.get("q", "")[:200]
    elif form.validate_on_submit():
        try:
            services.suggest(services.form_input(form), current_user, term, form.reason.data)
        except services.GlossaryError as error:
            db.session.rollback()
            error.attach_to(form)
        else:
            flash("Thank you: a coordinator will review your suggestion.", "success")
            target = url_for("glossary.term", slug=term.slug) if term else url_for("glossary.index_page")
            return redirect(target, 303)
    return render("glossary/term_form.html", form=form, term=term, mode="suggest",
                  meaning_fields=MEANING_FIELDS, status=422 if request.method == "POST" else 200)


@bp.route("/suggestions")
@allow(*COORDINATORS)
def suggestions():
    """Suggestions waiting for review, and the latest decisions."""
    decided = list(db.session.scalars(select(GlossarySuggestion).where(
        GlossarySuggestion.status != "open").order_by(GlossarySuggestion.decided_at.desc()).limit(20)))
    return render("glossary/suggestions.html", waiting=services.open_suggestions(), decided=decided)


@bp.route("/suggestions/<int:suggestion_id>", methods=["GET", "POST"])
@allow(*COORDINATORS)
def review(suggestion_id: int):
    """Edit a suggestion if needed, then publish it or decline it."""
    suggestion = db.get_or_404(GlossarySuggestion, suggestion_id)
    form = ReviewForm()
    if request.method == "GET":
        services.fill_form(form, suggestion)
    elif suggestion.status != "open":
        flash("This suggestion was already decided.", "info")
        return redirect(url_for("glossary.suggestions"), 303)
    elif form.validate_on_submit():
        try:
            if request.form.get("decision") == "decline":
                services.decline_suggestion(suggestion, current_user, form.decision_note.data)
                flash("Suggestion declined.", "success")
                return redirect(url_for("glossary.suggestions"), 303)
            term = services.publish_suggestion(suggestion, services.form_input(form), current_user,
                                               form.decision_note.data)
        except services.GlossaryError as error:
            db.session.rollback()
            error.attach_to(form)
        else:
            flash(f"Published {term.heading}.", "success")
            return redirect(url_for("glossary.term", slug=term.slug), 303)
    return render("glossary/term_form.html", form=form, term=suggestion.target, mode="review",
                  suggestion=suggestion, meaning_fields=MEANING_FIELDS,
                  status=422 if request.method == "POST" else 200)


def _save(form: TermForm, term: GlossaryTerm | None):
    if form.validate_on_submit():
        try:
            saved = services.save_term(term, services.form_input(form), current_user)
        except services.GlossaryError as error:
            db.session.rollback()
            error.attach_to(form)
        else:
            flash(f"Saved {saved.heading}.", "success")
            return redirect(url_for("glossary.term", slug=saved.slug), 303)
    return render("glossary/term_form.html", form=form, term=term, mode="edit",
                  meaning_fields=MEANING_FIELDS, status=422 if request.method == "POST" else 200)


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
        services.fill_form(form, term)
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
