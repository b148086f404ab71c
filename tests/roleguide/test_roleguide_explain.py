"""The role guide explains the jargon in its (admin-editable) text with the glossary."""
import re

from sqlalchemy import select

from hh.extensions import db
from hh.glossary import services as glossary
from hh.roleguide import guide
from hh.roleguide.models import CoordinatorRole, Responsibility


def test_responsibility_descriptions_are_explained_and_escaped(login_as):
    guide.seed_guide()
    glossary.save_term(None, {"term": "Homeless Management Information System", "acronym": "HMIS",
                              "sectors": ["homeless_response"],
                              "definition": "The CoC's shared database."}, None)
    responsibility = db.session.scalar(select(Responsibility).join(CoordinatorRole).where(
        CoordinatorRole.slug == "system-coordinator").order_by(Responsibility.id))
    responsibility.description = "Keeps HMIS data clean <script>x()</script>."
    db.session.commit()
    page = login_as("viewer").get("/role-guide/roles/system-coordinator").get_data(as_text=True)
    article = page.split(f'id="responsibility-{responsibility.id}"')[1].split("</article>")[0]
    # Marked with its meaning: a link to "Terms on this page" (first on the page) or a title.
    assert re.search(r'<abbr>HMIS</abbr></a>|<abbr class="term-seen" title="Homeless Management '
                     r'Information System: The CoC&#39;s shared database.">HMIS</abbr>', article)
    assert 'data-meaning="Homeless Management Information System: The CoC&#39;s shared database."' in page
    assert "&lt;script&gt;x()&lt;/script&gt;" in article and "<script>x()" not in page
