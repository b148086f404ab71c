"""Access: every signed-in role reads; GLOSSARY_PUBLIC lets anonymous visitors read too."""
import pytest

from hh.config import load

READ_PAGES = ["/glossary/", "/glossary/?q=psh", "/glossary/psh", "/glossary/print",
              "/glossary/export.csv"]


def test_the_setting_is_off_by_default_and_read_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.delenv("GLOSSARY_PUBLIC", raising=False)
    assert load(str(tmp_path))["GLOSSARY_PUBLIC"] is False
    monkeypatch.setenv("GLOSSARY_PUBLIC", "on")
    assert load(str(tmp_path))["GLOSSARY_PUBLIC"] is True


@pytest.mark.parametrize("path", READ_PAGES)
def test_anonymous_visitors_are_sent_to_sign_in_by_default(client, terms, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/auth/login")


@pytest.mark.parametrize("path", READ_PAGES)
def test_a_published_glossary_is_readable_without_signing_in(app, terms, path):
    app.config["GLOSSARY_PUBLIC"] = True
    response = app.test_client().get(path)
    assert response.status_code == 200
    if path.endswith("/psh"):
        page = response.get_data(as_text=True)
        assert "A home with no time limit" in page
        assert "Suggest an edit" not in page and ">Edit</a>" not in page  # needs an account


def test_a_published_glossary_still_needs_an_account_to_suggest_or_edit(app, terms):
    app.config["GLOSSARY_PUBLIC"] = True
    client = app.test_client()
    for method, path in [("GET", "/glossary/suggest"), ("POST", "/glossary/suggest"),
                         ("GET", "/glossary/psh/edit"), ("GET", "/glossary/suggestions"),
                         ("GET", "/glossary/import")]:
        response = client.open(path, method=method)
        assert response.status_code == 302 and response.headers["Location"].startswith("/auth/login")


def test_signed_in_roles_read_and_only_coordinators_see_editing_links(login_as, terms):
    for role in ("viewer", "provider", "coordinator", "admin"):
        page = login_as(role).get("/glossary/").get_data(as_text=True)
        assert "Permanent supportive housing" in page
        assert ("Suggestions to review" in page) == (role in ("coordinator", "admin"))
        assert ("Import a CSV" in page) == (role in ("coordinator", "admin"))
        assert "Suggest a term" in page
