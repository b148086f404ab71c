"""Fast on slow links: pages compressed for browsers that ask, static files versioned, cached for a
year and sent as their gzip copies, filters that replace the history entry instead of adding one."""
import csv
import gzip
import hashlib
import io
import re
from pathlib import Path

import brotli
import pytest
from support import soup

GZIP = {"Accept-Encoding": "gzip"}


def same_page(body: bytes, page) -> bool:
    """The same visible page (the CSRF token in it changes from one second to the next)."""
    strip = re.compile(rb'"X-CSRFToken": "[^"]*"|name="csrf_token" type="hidden" value="[^"]*"')
    return strip.sub(b"", body) == strip.sub(b"", page.data)


def vary(response) -> set[str]:
    return {part.strip().lower() for value in response.headers.getlist("Vary")
            for part in value.split(",")}


def static_urls(page) -> dict[str, str]:
    """{file name: URL} of the stylesheets and scripts a page loads."""
    html = soup(page)
    urls = [tag["href"] for tag in html.select("link[rel=stylesheet]")]
    urls += [tag["src"] for tag in html.select("script[src]")]
    return {re.search(r"/static/([^?]+)", url).group(1): url for url in urls}


def test_a_page_is_gzipped_only_for_a_browser_that_asks(login_as):
    viewer = login_as("viewer")
    plain = viewer.get("/glossary/")
    assert plain.status_code == 200
    assert "Content-Encoding" not in plain.headers
    assert "accept-encoding" in vary(plain) and "hx-request" in vary(plain)

    packed = viewer.get("/glossary/", headers=GZIP)
    assert packed.status_code == 200 and packed.headers["Content-Encoding"] == "gzip"
    assert "accept-encoding" in vary(packed) and "hx-request" in vary(packed)
    assert int(packed.headers["Content-Length"]) == len(packed.data) < len(plain.data)
    assert same_page(gzip.decompress(packed.data), plain)
    assert packed.headers["Cache-Control"] == "private, no-cache"


def test_a_browser_that_takes_brotli_gets_brotli(login_as):
    viewer = login_as("viewer")
    plain = viewer.get("/")
    packed = viewer.get("/", headers={"Accept-Encoding": "gzip, deflate, br"})
    assert packed.headers["Content-Encoding"] == "br"
    assert same_page(brotli.decompress(packed.data), plain)


def test_an_htmx_fragment_is_compressed_and_still_a_fragment(factory, login_as):
    for n in range(20):
        factory.organization(f"Harbor agency {n}")
    viewer = login_as("viewer")
    response = viewer.get("/directory/?q=a", headers={"HX-Request": "true", **GZIP})
    assert response.headers["Content-Encoding"] == "gzip"
    html = gzip.decompress(response.data).decode()
    assert "<html" not in html and html.count("Harbor agency") >= 20


def test_static_urls_carry_the_files_content_hash(app, client):
    urls = static_urls(client.get("/auth/login"))
    assert set(urls) == {"css/app.css", "css/print.css", "vendor/htmx.min.js", "js/app.js"}
    for name, url in urls.items():
        digest = hashlib.sha256((Path(app.static_folder) / name).read_bytes()).hexdigest()
        assert url == f"/static/{name}?v={digest[:12]}"


def test_htmx_loads_without_blocking_the_page(client):
    html = soup(client.get("/auth/login"))
    for script in html.select("script[src]"):
        assert script.has_attr("defer"), script


def test_a_versioned_static_file_is_cached_for_a_year(client):
    url = static_urls(client.get("/auth/login"))["css/app.css"]
    response = client.get(url)
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    response.close()


@pytest.mark.parametrize("query", ["", "?v=0123456789ab"])
def test_an_unversioned_or_outdated_static_url_is_cached_briefly(client, query):
    response = client.get(f"/static/css/app.css{query}")
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "public, max-age=3600"
    assert "immutable" not in response.headers["Cache-Control"]
    response.close()


def test_htmx_is_sent_as_its_gzip_copy(app, client):
    url = static_urls(client.get("/auth/login"))["vendor/htmx.min.js"]
    original = (Path(app.static_folder) / "vendor" / "htmx.min.js").read_bytes()

    response = client.get(url, headers={"Accept-Encoding": "gzip, deflate, br"})
    body = response.get_data()
    response.close()
    assert response.status_code == 200
    assert response.headers["Content-Encoding"] == "gzip"
    assert response.mimetype in ("text/javascript", "application/javascript")
    assert "accept-encoding" in vary(response)
    assert int(response.headers["Content-Length"]) == len(body) < len(original) / 2
    assert gzip.decompress(body) == original
    assert 'filename=htmx.min.js' in response.headers["Content-Disposition"]

    plain = client.get(url)
    assert "Content-Encoding" not in plain.headers and plain.get_data() == original
    assert plain.headers["ETag"] != response.headers["ETag"]
    plain.close()


def test_the_gzip_copy_answers_a_conditional_request_with_304(client):
    url = static_urls(client.get("/auth/login"))["css/app.css"]
    first = client.get(url, headers=GZIP)
    first.close()
    again = client.get(url, headers={**GZIP, "If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and again.data == b""
    again.close()


def test_the_gzip_copies_are_made_at_start_up_in_the_instance_folder(app):
    copies = Path(app.instance_path) / "static-gzip"
    names = {path.relative_to(copies).as_posix().rsplit(".", 2)[0] for path in copies.rglob("*.gz")}
    assert {"css/app.css", "vendor/htmx.min.js", "js/app.js"} <= names


def test_a_static_path_outside_the_folder_is_not_found(client):
    assert client.get("/static/../pyproject.toml").status_code == 404
    assert client.get("/static/css/missing.css").status_code == 404


def test_a_csv_download_is_whole_compressed_or_not(app, factory, login_as):
    for n in range(30):
        factory.organization(f"Organization number {n:02}, with a comma")
    viewer = login_as("viewer")
    plain = viewer.get("/directory/organizations.csv")
    packed = viewer.get("/directory/organizations.csv", headers=GZIP)
    assert packed.headers["Content-Encoding"] == "gzip"
    assert packed.headers["Content-Type"] == plain.headers["Content-Type"]
    assert plain.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert packed.headers["Content-Disposition"] == plain.headers["Content-Disposition"]
    assert int(packed.headers["Content-Length"]) == len(packed.data)
    assert gzip.decompress(packed.data) == plain.data
    rows = list(csv.reader(io.StringIO(plain.get_data(as_text=True))))
    assert sum("with a comma" in " ".join(row) for row in rows) == 30


FILTER_PAGES = [
    ("viewer", "/resources/"),
    ("viewer", "/directory/"),
    ("viewer", "/glossary/"),
    ("viewer", "/needs/"),
    ("viewer", "/needs/gaps"),
    ("coordinator", "/conferences/"),
    ("coordinator", "/referrals/?view=all"),
    ("viewer", "/role-guide/assessment"),
    ("coordinator", "/plans/items"),
    ("admin", "/admin/audit"),
]


@pytest.mark.parametrize("role,path", FILTER_PAGES)
def test_filters_replace_the_history_entry_instead_of_adding_one(login_as, role, path):
    page = login_as(role).get(path)
    assert page.status_code == 200
    forms = soup(page).select("form[method=get][hx-get]")
    assert forms, f"{path} has a filter form"
    for form in forms:
        assert form.get("hx-replace-url") == "true", form.get("action")
        assert not form.has_attr("hx-push-url")
