"""The published glossary as a search index: search ranking and the explain filter.

Built from the database and kept in the one cache (hh.caching) until a glossary term or sector
meaning is written; within a request it is fetched once (the explain filter runs many times).
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from flask import g, has_app_context, has_request_context
from rapidfuzz import fuzz, process
from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError

from hh.caching import remember
from hh.extensions import db
from hh.glossary import typos
from hh.glossary.models import GlossaryTerm, SectorMeaning, split_list

_WORD = re.compile(r"[^\W_]+")
# The tables the index is built from: a write to either rebuilds it.
TABLES = ["glossary_term", "glossary_sector_meaning"]


def compact(text: str) -> str:
    """Case and punctuation do not matter: "VI-SPDAT", "vi spdat" and "VISPDAT" are one key."""
    return "".join(_WORD.findall(text.lower()))


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def looks_like_acronym(form: str) -> bool:
    """"PSH", "CoC", "VI-SPDAT": matched with their exact case, so "mat" is not "MAT"."""
    return " " not in form and sum(1 for c in form if c.isupper()) >= 2


@dataclass
class Entry:
    """What search and the explain filter need of one term (plain values, no database rows)."""

    id: int
    slug: str
    term: str
    acronym: str
    aliases: list[str]
    definition: str
    sectors: list[str]
    sort_key: str

    @property
    def letter(self) -> str:
        first = self.sort_key[:1].upper()
        return first if "A" <= first <= "Z" else "#"


@dataclass
class FoundBy:
    """What finds an entry: used to build the index's lookups, not kept in the (cached) index."""

    name_keys: set[str] = field(default_factory=set)     # compact acronym and term
    alias_keys: set[str] = field(default_factory=set)    # compact aliases
    name_words: set[str] = field(default_factory=set)    # words of term, acronym, aliases
    text_words: set[str] = field(default_factory=set)    # words of definition, example, meanings


def _postings(found_by: list[FoundBy], attribute: str) -> dict[str, set[int]]:
    """word → positions of the entries that have it (an inverted index)."""
    found: dict[str, set[int]] = {}
    for position, words_of in enumerate(found_by):
        for word in getattr(words_of, attribute):
            found.setdefault(word, set()).add(position)
    return found


_TOKEN = re.compile(r"\w+")  # "PSH_1" is one word, not PSH
SPANS_KEPT = 2000  # texts whose terms an index remembers (the explain filter's)


class GlossaryIndex:
    def __init__(self, entries: list[tuple[Entry, FoundBy]]):
        entries = sorted(entries, key=lambda pair: (pair[0].sort_key, pair[0].slug))
        self.entries = [entry for entry, _ in entries]
        found_by = [words_of for _, words_of in entries]
        self.by_slug = {e.slug: e for e in self.entries}
        # Explain filter: acronym-like forms by exact case; terms and other aliases folded.
        self.exact: dict[str, Entry] = {}
        self.folded: dict[str, Entry] = {}
        # Search: every distinct compact name, and the words that names are made of.
        self.fuzzy_names: list[str] = []
        self.fuzzy_owner: list[Entry] = []
        vocabulary: set[str] = set()
        for entry, words_of in entries:
            forms = ([entry.acronym] if entry.acronym else []) + [entry.term] + entry.aliases
            for form in forms:
                form = " ".join(form.split())
                key = compact(form)
                if not key:
                    continue
                if key.isdigit():
                    pass  # "211", "988": numbers in addresses and phone numbers are not terms
                elif form == entry.acronym or (form != entry.term and looks_like_acronym(form)):
                    self.exact.setdefault(form, entry)
                elif form == entry.term or len(words(form)) > 1:
                    # One-word aliases ("shelter", "referral") help search but would mark
                    # everyday words in text; only the term itself and longer aliases are marked.
                    self.folded.setdefault(form.lower(), entry)
                self.fuzzy_names.append(key)
                self.fuzzy_owner.append(entry)
            vocabulary |= words_of.name_words | words_of.text_words
        keys = list(self.exact) + list(self.folded)
        self.first_words = {words(k)[0] for k in keys if words(k)}
        self.max_words = max((len(words(k)) for k in keys), default=0)
        self.all_words = sorted(vocabulary)
        self.vocabulary = [w for w in self.all_words if len(w) >= 3]
        # Typos: names and words filed by their pieces, so a query meets only near spellings.
        self.name_blocks = typos.Blocks(self.fuzzy_names, typos.name_edits, breaks=2)
        self.word_blocks = typos.Blocks(self.vocabulary, typos.word_edits, breaks=1)
        # Search: exact and starting-with lookups on compact names, and word postings, so a
        # query touches only the entries that can match.
        # Browsing: each letter's and each sector's entries in name order, looked up rather
        # than picked from every entry on each view (a letter of 10,000 terms is one of 27).
        self.by_letter: dict[str, list[Entry]] = {}
        self.by_sector: dict[str, list[Entry]] = {}
        for entry in self.entries:
            self.by_letter.setdefault(entry.letter, []).append(entry)
            for sector in entry.sectors:
                self.by_sector.setdefault(sector, []).append(entry)
        self.letters = set(self.by_letter)
        self.name_keys = sorted((k, p) for p, w in enumerate(found_by) for k in w.name_keys)
        self.alias_keys = sorted((k, p) for p, w in enumerate(found_by) for k in w.alias_keys)
        self.name_postings = _postings(found_by, "name_words")
        self.text_postings = _postings(found_by, "text_words")
        self.position = {e.slug: p for p, e in enumerate(self.entries)}
        self._spans: dict[str, tuple] = {}

    def browse(self, sector: str = "", letter: str = "") -> list[Entry]:
        """The entries of a letter, a sector, or both, in name order (all of them without)."""
        if letter:
            entries = self.by_letter.get(letter, [])
            return [e for e in entries if sector in e.sectors] if sector else entries
        return self.by_sector.get(sector, []) if sector else self.entries

    def __getstate__(self) -> dict:
        return {**self.__dict__, "_spans": {}}  # the store keeps the index, not this process's

    def spans(self, text: str) -> tuple[tuple[int, int, Entry], ...]:
        """Where the explain filter finds terms in `text`: (start, end, entry) of each longest
        match, in order. Worked out once per text for this index (the same descriptions and
        labels come back on every page; a changed glossary is a new index)."""
        found = self._spans.get(text)
        if found is None:
            if len(self._spans) >= SPANS_KEPT:
                self._spans.clear()
            found = self._spans[text] = tuple(self._find_spans(text))
        return found

    def _find_spans(self, text: str):
        tokens = list(_TOKEN.finditer(text))
        i = 0
        while i < len(tokens):
            if tokens[i].group().lower() not in self.first_words:
                i += 1
                continue
            for n in range(min(self.max_words, len(tokens) - i), 0, -1):  # longest first
                start, end = tokens[i].start(), tokens[i + n - 1].end()
                form = " ".join(text[start:end].split())
                entry = self.exact.get(form) or self.folded.get(form.lower())
                if entry is not None:
                    yield start, end, entry
                    i += n
                    break
            else:
                i += 1


def _build() -> GlossaryIndex:
    texts: dict[int, list[str]] = {}
    for term_id, meaning in db.session.execute(select(SectorMeaning.term_id, SectorMeaning.meaning)):
        texts.setdefault(term_id, []).append(meaning)
    entries = []
    rows = db.session.execute(select(
        GlossaryTerm.id, GlossaryTerm.slug, GlossaryTerm.term, GlossaryTerm.acronym,
        GlossaryTerm.aliases, GlossaryTerm.definition, GlossaryTerm.example, GlossaryTerm.sectors))
    for term_id, slug, term, acronym, aliases, definition, example, sectors in rows:
        alias_list = split_list(aliases)
        entry = Entry(id=term_id, slug=slug, term=term, acronym=acronym, aliases=alias_list,
                      definition=definition, sectors=sectors.split(),
                      sort_key=(acronym or term).lower())
        found_by = FoundBy(
            name_keys={k for k in (compact(acronym), compact(term)) if k},
            alias_keys={k for k in map(compact, alias_list) if k},
            name_words=set(words(" ".join([term, acronym] + alias_list))),
            text_words=set(words(" ".join([definition, example] + texts.get(term_id, [])))))
        entries.append((entry, found_by))
    return GlossaryIndex(entries)


def current() -> GlossaryIndex | None:
    """The index for this app's database; None when there is no app context or no glossary
    table yet (the explain filter then only escapes)."""
    if not has_app_context():
        return None
    if has_request_context() and "glossary_index" in g:
        return g.glossary_index
    try:
        index = remember("glossary_index", TABLES, _build)
    except SQLAlchemyError:
        db.session.rollback()
        index = None
    if has_request_context():
        g.glossary_index = index
    return index


# --- Search -----------------------------------------------------------------------------------

EXACT_NAME, EXACT_ALIAS, NAME_PREFIX, ALIAS_PREFIX, NAME_WORDS, CLOSE_NAME, TEXT_WORDS = (
    1000, 900, 800, 700, 600, 500, 400)


@dataclass
class SearchResult:
    entries: list[Entry]
    did_you_mean: str = ""


def _close_names(index: GlossaryIndex, key: str) -> dict[int, int]:
    """Entry position → closeness (higher is closer) of names a few typos from the query."""
    close: dict[int, int] = {}
    for found, distance in typos.close_names(index.name_blocks, key):
        position = index.position[index.fuzzy_owner[found].slug]
        close[position] = max(close.get(position, 0), 10 - distance)
    return close


def _starting_with(sorted_pairs: list[tuple[str, int]], stem: str):
    """(key, position) pairs whose key starts with stem, from a sorted list."""
    at = bisect.bisect_left(sorted_pairs, (stem, -1))
    while at < len(sorted_pairs) and sorted_pairs[at][0].startswith(stem):
        yield sorted_pairs[at]
        at += 1


def _with_prefixes(index: GlossaryIndex, wanted: list[set[str]]) -> list[set[str]]:
    """As you type, the last word may be unfinished: let it stand for the words it begins."""
    if not wanted:
        return wanted
    last = set(wanted[-1])
    for stem in wanted[-1]:
        at = bisect.bisect_left(index.all_words, stem)  # all_words is sorted
        while at < len(index.all_words) and index.all_words[at].startswith(stem):
            last.add(index.all_words[at])
            at += 1
    return wanted[:-1] + [last]


def _having_all(wanted: list[set[str]], *postings: dict[str, set[int]]) -> set[int]:
    """Positions of entries that have, for every query word, one of its spellings."""
    result: set[int] | None = None
    for choices in wanted:
        having = set()
        for word in choices:
            for posting in postings:
                having |= posting.get(word, set())
        result = having if result is None else result & having
        if not result:
            return set()
    return result or set()


def search(index: GlossaryIndex, query: str, sector: str = "", limit: int = 50) -> SearchResult:
    """Exact acronym or term first, then aliases, then names starting with the query, then
    names containing its words, then close spellings, then words in definitions."""
    key = compact(query)
    if not key:
        return SearchResult([])
    wanted = [typos.close_words(index.word_blocks, w) for w in words(query)[:8]]
    scores: dict[int, int] = {}

    def give(positions, score: int) -> None:
        for position in positions:
            if scores.get(position, 0) < score:
                scores[position] = score

    give(_having_all(wanted, index.text_postings, index.name_postings), TEXT_WORDS)
    for position, closeness in _close_names(index, key).items():
        give([position], CLOSE_NAME + closeness)
    give(_having_all(_with_prefixes(index, wanted), index.name_postings), NAME_WORDS)
    if len(key) >= 2:
        give((p for _, p in _starting_with(index.alias_keys, key)), ALIAS_PREFIX)
        give((p for _, p in _starting_with(index.name_keys, key)), NAME_PREFIX)
    for name_key, position in _starting_with(index.alias_keys, key):
        if name_key == key:
            give([position], EXACT_ALIAS)
    for name_key, position in _starting_with(index.name_keys, key):
        if name_key == key:
            acronym = compact(index.entries[position].acronym)
            give([position], EXACT_NAME + (50 if acronym == key else 0))
    ranked = sorted(((-score, index.entries[p].sort_key, p) for p, score in scores.items()
                     if not sector or sector in index.entries[p].sectors))
    found = [index.entries[p] for _, _, p in ranked[:limit]]
    return SearchResult(found, "" if found else did_you_mean(index, query))


def did_you_mean(index: GlossaryIndex, query: str) -> str:
    """The nearest name in the glossary to what was typed, for "Did you mean …?"."""
    key = compact(query)
    if len(key) < 3 or not index.fuzzy_names:
        return ""
    best = process.extractOne(key, index.fuzzy_names, scorer=fuzz.ratio, score_cutoff=60)
    if best is None:
        return ""
    entry = index.fuzzy_owner[best[2]]
    return entry.acronym or entry.term
