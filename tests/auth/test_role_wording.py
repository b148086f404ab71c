"""Roles read as words in a sentence: "signed in as an administrator", never "a Administrator"
or the stored key."""
from __future__ import annotations

from support import soup, text, texts


def test_each_role_reads_with_its_article_on_the_home_page_and_in_the_header(login_as):
    expected = {"admin": "an administrator", "coordinator": "a coordinator",
                "provider": "a provider", "viewer": "a viewer"}
    for role, words in expected.items():
        client = login_as(role, name=f"Ana {role.title()}")
        home = client.get("/")
        assert f"signed in as {words}" in text(home, "main .lead")
        assert text(home, ".account span") == f"Ana {role.title()} · {words.split()[1]}"


def test_the_accounts_list_names_roles_in_words(login_as, factory):
    factory.user("admin", name="Ana Ruiz")
    page = login_as("admin").get("/admin/users")
    roles = {row[1]: row[2] for row in (r.split(" | ") for r in rows(page))}
    assert roles["Ana Ruiz"] == "administrator"
    assert "admin" not in texts(page, ".roles-help tbody th")


def rows(page) -> list[str]:
    return [" | ".join(cell.get_text(" ", strip=True) for cell in tr.select("td"))
            for tr in soup(page).select("table")[0].select("tbody tr")]
