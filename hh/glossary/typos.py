"""Typo matching that compares a query only with the strings it could be a few slips from.

Pigeonhole blocking (as in PassJoin): cut a string into n pieces. One edit breaks at most b of
them (b = 1 for a letter inserted or deleted, 2 for a swap of neighbours, which spans two), so
a string within e edits of another keeps at least one piece of n = b*e + 1 intact, shifted by at
most e. Each string is filed under its pieces; a query looks up only its own substrings near
those places, so its cost follows the query, not the glossary's size. The real scorer then
decides on the candidates, kept in their original order, so the results (ties and limits
included) are exactly those of comparing with every string.
"""
from __future__ import annotations

from typing import Callable

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA


def typos_allowed(length: int) -> int:
    """One slip (a wrong, missing, extra or swapped letter) from 4 letters, two from 8."""
    return 0 if length < 4 else 1 if length < 8 else 2


def name_edits(query_length: int, length: int) -> int | None:
    """Most OSA edits between a query and a name of `length` that can match (None: none can)."""
    allowed = typos_allowed(query_length)
    return allowed if allowed and abs(query_length - length) <= allowed else None


def word_edits(query_length: int, length: int) -> int | None:
    """Most Indel edits (fuzz.ratio >= 80 means edits * 5 <= both lengths) that can match."""
    if query_length < 4:
        return None
    edits = (query_length + length) // 5  # a whole number: no rounding at the 80 boundary
    return edits if abs(query_length - length) <= edits else None


def _pieces(length: int, n: int) -> list[tuple[int, int]]:
    """(start, size) of n pieces of a string of `length`, as even as can be."""
    size, longer = divmod(length, n)
    pieces, start = [], 0
    for j in range(n):
        pieces.append((start, size + (j < longer)))
        start += pieces[-1][1]
    return pieces


class Blocks:
    """Strings filed by (length, pieces, piece number, piece text) for one kind of edit."""

    def __init__(self, strings: list[str], edits: Callable[[int, int], int | None], breaks: int):
        self.strings = strings
        self.edits = edits      # module-level functions: the (pickled) index stays small
        self.breaks = breaks
        self.lengths = sorted({len(s) for s in strings})
        self.filed: dict[tuple, list[int]] = {}
        # (length, n, piece number), start and size of each piece: once per length, not string.
        plan = {length: [piece for n in self._cuts(length) for piece in self._pieces_of(length, n)]
                for length in self.lengths}
        for position, string in enumerate(strings):
            for where, start, size in plan[len(string)]:
                self.filed.setdefault((*where, string[start:start + size]), []).append(position)

    def _cuts(self, length: int) -> set[int]:
        """The piece counts a string of `length` is looked up by, over every query length."""
        found = (self.edits(q, length) for q in range(1, 2 * length + 10))
        return {self.breaks * e + 1 for e in found if e is not None}

    @staticmethod
    def _pieces_of(length: int, n: int) -> list[tuple[tuple, int, int]]:
        if n > length:  # too short to cut: filed whole (an empty piece), found for any query
            return [((length, n, -1), 0, 0)]
        return [((length, n, j), start, size) for j, (start, size) in enumerate(_pieces(length, n))]

    def candidates(self, query: str) -> list[int]:
        """Positions, in order, of the strings that can be within the allowed edits of query."""
        found: set[int] = set()
        for length in self.lengths:  # only lengths filed: a 5,000-letter query costs little
            e = self.edits(len(query), length)
            if e is None:
                continue
            n = self.breaks * e + 1
            found.update(self.filed.get((length, n, -1, ""), ()))
            if n > length:
                continue
            for j, (start, size) in enumerate(_pieces(length, n)):
                for at in range(max(0, start - e), min(len(query) - size, start + e) + 1):
                    found.update(self.filed.get((length, n, j, query[at:at + size]), ()))
        return sorted(found)


def close_words(blocks: Blocks, word: str) -> set[str]:
    """The word and, for words of 4+ letters, the glossary's words a typo away from it."""
    found = {word}
    if len(word) >= 4:
        choices = [blocks.strings[p] for p in blocks.candidates(word)]
        for match, _, _ in process.extract(word, choices, scorer=fuzz.ratio, score_cutoff=80,
                                           limit=5):
            found.add(match)
    return found


def close_names(blocks: Blocks, key: str) -> list[tuple[int, float]]:
    """(name position, distance) of the names a few typos from the key, closest first."""
    allowed = typos_allowed(len(key))
    if not allowed:
        return []
    positions = blocks.candidates(key)
    choices = [blocks.strings[p] for p in positions]
    return [(positions[i], distance) for _, distance, i in
            process.extract(key, choices, scorer=OSA.distance, score_cutoff=allowed, limit=20)]
