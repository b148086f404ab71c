"""The explain filter: marks known terms in text users wrote with <abbr> links to the glossary.

`{{ text | explain }}` in templates; `explain(text)` from Python. Always returns escaped Markup.

Rules: acronyms match with their exact case ("PSH", not "psh"), other terms in any case; whole
words only; the longest term wins where terms overlap; each term is marked once per call (its
first occurrence); nothing inside a web or email address is marked; every character of the
input is escaped. Without an app context or a glossary table, the text is only escaped.
"""
from __future__ import annotations

import re

from flask import has_request_context, request
from markupsafe import Markup, escape

from hh.glossary import index as glossary_index

# Web and email addresses are left exactly as written (a term inside one is not a term).
_ADDRESS = re.compile(r"(?:https?://|ftp://|www\.)\S+|[^\s@]+@[^\s@]+\.\w+", re.IGNORECASE)
_TOKEN = re.compile(r"\w+")  # "PSH_1" is one word, not PSH


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
    base = (request.script_root if has_request_context() else "") + "/glossary/"
    marked: set[str] = {skip}
    out: list[str] = []
    position = 0
    for address in _ADDRESS.finditer(text):
        out.append(_mark(index, text[position:address.start()], marked, base))
        out.append(str(escape(address.group())))
        position = address.end()
    out.append(_mark(index, text[position:], marked, base))
    return Markup("".join(out))


def _mark(index, text: str, marked: set[str], base: str) -> str:
    tokens = list(_TOKEN.finditer(text))
    out: list[str] = []
    done = 0  # text before this offset is already in `out`
    i = 0
    while i < len(tokens):
        if tokens[i].group().lower() not in index.first_words:
            i += 1
            continue
        found = None
        for n in range(min(index.max_words, len(tokens) - i), 0, -1):  # longest first
            start, end = tokens[i].start(), tokens[i + n - 1].end()
            form = " ".join(text[start:end].split())
            entry = index.exact.get(form) or index.folded.get(form.lower())
            if entry is not None:
                found = (start, end, entry, n)
                break
        if found is None:
            i += 1
            continue
        start, end, entry, n = found
        i += n
        if entry.slug in marked:
            continue  # once per call; the span is consumed so no shorter term inside it is marked
        marked.add(entry.slug)
        out.append(str(escape(text[done:start])))
        form, words = " ".join(text[start:end].split()), escape(text[start:end])
        href = escape(base + entry.slug)
        if form.lower() != entry.term.lower():  # an acronym or other name: say what it stands for
            out.append(f'<a class="term" href="{href}"><abbr title="{escape(entry.term)}">{words}</abbr></a>')
        else:
            out.append(f'<a class="term" href="{href}">{words}</a>')
        done = end
    out.append(str(escape(text[done:])))
    return "".join(out)


def init_app(app) -> None:
    app.add_template_filter(explain, "explain")
