"""Terms explained in place: the explain filter, the term() global, and "Terms on this page".

`{{ text | explain }}` marks the glossary's terms in any text (what users wrote, or a label);
`{{ term("chronic-homelessness", "Chronic") }}` marks given words as one term. Both return
escaped Markup.

On a page (a request), the first time a term is marked it becomes a link to its entry in the
"Terms on this page" list at the end of <main> (templates/glossary/_terms_on_page.html), which
gives its short meaning and links to the glossary; the link is described by that entry
(aria-describedby) and shows the meaning in a CSS-only popover on hover and focus, so no
JavaScript is needed and a text browser reads the list like footnotes. Later occurrences on the
same page are only underlined, with the meaning in `title`, so a long table does not become a
long list of links.

Rules of the filter: acronyms match with their exact case ("PSH", not "psh"), other terms in any
case; whole words only; the longest term wins where terms overlap; each term is marked once per
call (its first occurrence); nothing inside a web or email address is marked; every character of
the input is escaped. Without an app context or a glossary table, the text is only escaped.
"""
from __future__ import annotations

import re
from functools import lru_cache

from flask import has_request_context, request
from jinja2 import pass_context
from markupsafe import Markup, escape

from hh.glossary import index as glossary_index
from hh.glossary.index import Entry, looks_like_acronym

# Web and email addresses are left exactly as written (a term inside one is not a term).
_ADDRESS = re.compile(r"(?:https?://|ftp://|www\.)\S+|[^\s@]+@[^\s@]+\.\w+", re.IGNORECASE)
# Where a sentence may end: after . ! or ? and before a capital, a digit or an opening quote.
_SENTENCE_END = re.compile(r"[.!?]\s+(?=[A-Z0-9\"“(])")
_NOT_AN_END = ("e.g.", "i.e.", "etc.", "vs.", "U.S.", "St.", "Dr.", "No.")
SHORT_MAX = 240  # characters: a popover, not a page


@lru_cache(maxsize=4096)
def short_meaning(definition: str) -> str:
    """The glossary's short definition of a term: the first sentence of its definition (cut at
    a word if very long)."""
    text = " ".join(definition.split())
    for end in _SENTENCE_END.finditer(text):
        if not text[:end.start() + 1].endswith(_NOT_AN_END):
            text = text[:end.start() + 1]
            break
    if len(text) > SHORT_MAX:
        text = text[:SHORT_MAX].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    return text


def heading(entry: Entry) -> str:
    """"Permanent supportive housing (PSH)"."""
    return f"{entry.term} ({entry.acronym})" if entry.acronym else entry.term


def explanation(entry: Entry, words: str) -> str:
    """What the popover says: the meaning, after the full name when the words are another name
    ("PSH" → "Permanent supportive housing: A home with…")."""
    meaning = short_meaning(entry.definition) or entry.term
    if " ".join(words.split()).lower() == entry.term.lower():
        return meaning
    return f"{entry.term}: {meaning}"


# --- This page's terms --------------------------------------------------------------------------


def _on_page() -> dict[str, Entry] | None:
    """slug → entry of the terms marked so far on the page being rendered (first-mark order);
    None outside a request (no page to list them on)."""
    if not has_request_context():
        return None
    # Kept on the request, not on g: g belongs to the app context, which tests share.
    page = getattr(request, "hh_terms_on_page", None)
    if page is None:
        page = request.hh_terms_on_page = {}
    return page


def terms_on_page() -> list[dict]:
    """The page's marked terms, in the order they first appear, for the "Terms on this page"
    list: slug, heading and short meaning."""
    return [{"slug": e.slug, "heading": heading(e),
             "meaning": short_meaning(e.definition) or e.term}
            for e in (_on_page() or {}).values()]


def _mark_up(entry: Entry, words: str) -> str:
    """One marked term: the page's first mark of it links to its entry in "Terms on this page";
    later ones (and marks outside a page) carry the meaning in `title` only."""
    tip = escape(explanation(entry, words))
    shown = escape(words)
    acronym = looks_like_acronym(" ".join(words.split()))
    page = _on_page()
    if page is None or entry.slug in page:
        tag = "abbr" if acronym else "span"
        return f'<{tag} class="term-seen" title="{tip}">{shown}</{tag}>'
    page[entry.slug] = entry
    anchor = escape(f"term-{entry.slug}")
    if acronym:
        shown = Markup(f"<abbr>{shown}</abbr>")
    return (f'<span class="term-tip" data-meaning="{tip}"><a class="term" href="#{anchor}" '
            f'aria-describedby="{anchor} {anchor}-meaning">{shown}</a></span>')


# --- The filter and the global ------------------------------------------------------------------


def explain(text: object, *, skip: str = "") -> Markup:
    """`skip`: the slug of a term not to mark (a term's own page does not link to itself)."""
    if text is None:
        return Markup("")
    if isinstance(text, Markup):
        return text  # already HTML: never mark inside tags or links
    text = str(text)
    index = glossary_index.current()
    if index is None or not index.first_words:
        return Markup(escape(text))
    marked: set[str] = {skip}
    out: list[str] = []
    position = 0
    for address in _ADDRESS.finditer(text):
        out.append(_mark(index, text[position:address.start()], marked))
        out.append(str(escape(address.group())))
        position = address.end()
    out.append(_mark(index, text[position:], marked))
    return Markup("".join(out))


def term(slug: str, words: str | None = None) -> Markup:
    """Mark `words` (default: the term's own name) as the glossary term `slug`, e.g. a column
    heading "Chronic" as chronic homelessness. Unknown slugs leave the words as plain text."""
    index = glossary_index.current()
    entry = index.by_slug.get(slug) if index is not None else None
    if entry is None:
        return Markup(escape(words or slug))
    return Markup(_mark_up(entry, words or entry.acronym or entry.term))


def _mark(index, text: str, marked: set[str]) -> str:
    out: list[str] = []
    done = 0  # text before this offset is already in `out`
    for start, end, entry in index.spans(text):
        if entry.slug in marked:
            continue  # once per call; its span is consumed, so no shorter term in it is marked
        marked.add(entry.slug)
        out.append(str(escape(text[done:start])))
        out.append(_mark_up(entry, text[start:end]))
        done = end
    out.append(str(escape(text[done:])))
    return "".join(out)


@pass_context
def _explain_filter(context, text: object, *, skip: str = "") -> Markup:
    """The filter. Taking the context stops Jinja from running `"HMIS" | explain` once when it
    compiles a template (constant folding): terms are marked on each page as it is rendered."""
    return explain(text, skip=skip)


def init_app(app) -> None:
    app.add_template_filter(_explain_filter, "explain")
    app.add_template_global(term, "term")
    app.add_template_global(terms_on_page, "terms_on_page")
