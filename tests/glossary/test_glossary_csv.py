"""In and out: CSV export and import (preview, per-row errors, idempotent on slug), print view."""
import csv
import io

from sqlalchemy import func, select

from hh.extensions import db
from hh.glossary.models import GlossaryTerm


def export(client) -> str:
    response = client.get("/glossary/export.csv")
    assert response.headers["Content-Type"].startswith("text/csv")
    return response.get_data(as_text=True)


def upload(client, text: str, action="preview", as_file=True):
    if as_file:
        data = {"file": (io.BytesIO(text.encode("utf-8")), "glossary.csv"), "action": action}
        return client.post("/glossary/import", data=data, content_type="multipart/form-data")
    return client.post("/glossary/import", data={"content": text, "action": action})


def count():
    return db.session.scalar(select(func.count(GlossaryTerm.id)))


def test_export_then_import_into_another_coc_then_again_changes_nothing(login_as, make_app, terms):
    text = export(login_as("viewer"))
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == len(terms)
    housing = next(r for r in rows if r["slug"] == "housing")
    assert housing["meaning_health_care"] == "Any address, even a shelter."
    assert housing["sectors"] == "Housing"

    # Re-importing our own export: nothing new, nothing changed.
    coordinator = login_as("coordinator")
    page = upload(coordinator, text).get_data(as_text=True)
    assert "0 new terms" in page and "0 changed terms" in page and f"{len(terms)} unchanged" in page

    # A neighbour's edited copy: one new row, one changed row.
    extra = "\n" + ",".join(['medical-home', 'Medical home', '', 'A clinic that knows you.',
                              'Health care', '', '', 'hmis', 'neighbour CoC', ''] + [''] * 7)
    changed = text.replace("The CoC's shared database.", "The shared HMIS database.") + extra
    page = upload(coordinator, changed).get_data(as_text=True)
    assert "1 new term<" in page and "1 changed term<" in page
    assert count() == len(terms)  # preview saves nothing
    response = upload(coordinator, changed, action="import", as_file=False)
    assert response.status_code == 303
    assert count() == len(terms) + 1
    hmis = db.session.scalar(select(GlossaryTerm).where(GlossaryTerm.slug == "hmis"))
    assert hmis.definition == "The shared HMIS database."
    assert hmis.updated_by_id == coordinator.user.id
    # Idempotent: the same file again changes nothing.
    page = upload(coordinator, changed).get_data(as_text=True)
    assert "0 new terms" in page and "0 changed terms" in page


def test_bad_rows_are_reported_with_line_numbers_and_good_rows_imported(login_as, terms):
    coordinator = login_as("coordinator")
    text = ("slug,term,acronym,definition,sectors\n"
            "good-one,Good one,,Fine.,Housing\n"
            ",,,No term here.,Housing\n"
            "bad-sector,Bad sector,,Fine.,Outer space\n"
            "long,\"" + "x" * 300 + "\",,Fine.,Housing\n"
            "good-one,Good one again,,Duplicate slug.,Housing\n"
            "\"multi\nline\",Multi,,\"Two\nlines\",data_privacy\n"
            "extra,Extra,,Fine.,Housing,surplus\n")
    page = upload(coordinator, text).get_data(as_text=True)
    assert "<td>3</td><td>Enter the term" in page
    assert "<td>4</td><td>Unknown sector" in page
    assert "<td>5</td><td>Keep the term under 200 characters." in page
    assert "<td>6</td><td>The slug &#39;good-one&#39; appears twice" in page
    assert "<td>10</td><td>This row has more cells than the header." in page  # after a 3-line row
    assert "2 new terms" in page
    upload(coordinator, text, action="import", as_file=False)
    slugs = set(db.session.scalars(select(GlossaryTerm.slug)))
    assert {"good-one", "multi-line"} <= slugs and "bad-sector" not in slugs


def test_unusable_files_get_a_clear_message_not_a_500(login_as, terms):
    coordinator = login_as("coordinator")
    for text, message in [("", "Choose a CSV file"),
                          ("name,meaning\nx,y\n", "missing: definition, sectors, term"),
                          ("term,definition,sectors\n\"unclosed,quote,here\n", "")]:
        response = upload(coordinator, text)
        assert response.status_code in (200, 422), text
        assert message in response.get_data(as_text=True)
    response = coordinator.post("/glossary/import", data={
        "file": (io.BytesIO(b"\xff\xfe\x00bad"), "g.csv"), "action": "preview"},
        content_type="multipart/form-data")
    assert response.status_code == 422 and "UTF-8" in response.get_data(as_text=True)
    assert count() == len(terms)


def test_export_is_safe_from_spreadsheet_formulas(login_as, terms):
    coordinator = login_as("coordinator")
    coordinator.post("/glossary/new", data={"term": "=HYPERLINK(\"http://evil\")",
                                            "definition": "+1 trick", "sectors": ["housing"]})
    text = export(coordinator)
    assert "'=HYPERLINK" in text and "'+1 trick" in text
    # Our own export re-imports without the protective quote and without a change.
    page = upload(coordinator, text).get_data(as_text=True)
    assert "0 changed terms" in page


def test_print_view_has_one_section_per_sector(login_as, terms):
    page = login_as("viewer").get("/glossary/print").get_data(as_text=True)
    assert page.count('class="print-sector"') == 7
    assert "Any address, even a shelter." in page  # the health-care meaning on that page
    one = login_as("viewer").get("/glossary/print?sector=behavioral_health").get_data(as_text=True)
    assert one.count('class="print-sector"') == 1 and "Medications for addiction treatment (MAT)" in one
