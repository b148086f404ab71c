"""Typo matching looks only at blocked candidates, yet finds exactly what comparing every word does."""
import random

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from hh.glossary import typos


def typo(rng: random.Random, word: str) -> str:
    """The word with one slip: a letter wrong, missing, extra, or swapped with the next."""
    if not word:
        return rng.choice("aeinrst")
    at = rng.randrange(len(word))
    kind = rng.choice("wrong missing extra swap".split())
    letter = rng.choice("aeinrst")
    if kind == "wrong":
        return word[:at] + letter + word[at + 1:]
    if kind == "missing":
        return word[:at] + word[at + 1:]
    if kind == "extra":
        return word[:at] + letter + word[at:]
    return word[:at] + word[at + 1:at + 2] + word[at:at + 1] + word[at + 2:]


def generated(rng: random.Random, count: int, shortest: int, longest: int) -> list[str]:
    """Words of few letters (so many are near each other and scores tie), plus typos of them."""
    made = ["".join(rng.choice("aeinrst") for _ in range(rng.randint(shortest, longest)))
            for _ in range(count)]
    for word in list(made):
        for _ in range(rng.randint(0, 3)):
            made.append(typo(rng, typo(rng, word)) if rng.random() < 0.3 else typo(rng, word))
    return made


def queries(rng: random.Random, known: list[str]) -> list[str]:
    picked = rng.sample(known, 150)
    slipped = [typo(rng, w) for w in picked] + [typo(rng, typo(rng, w)) for w in picked]
    made = generated(rng, 100, 1, 24)
    return [q for q in picked + slipped + made + ["", "x" * 300] if q]


def test_close_words_are_those_of_comparing_every_word():
    rng = random.Random(5)
    vocabulary = sorted({w for w in generated(rng, 600, 3, 15) if len(w) >= 3})
    blocks = typos.Blocks(vocabulary, typos.word_edits, breaks=1)
    for word in queries(rng, vocabulary):
        expected = {word}
        if len(word) >= 4:
            expected |= {m for m, _, _ in process.extract(word, vocabulary, scorer=fuzz.ratio,
                                                          score_cutoff=80, limit=5)}
        assert typos.close_words(blocks, word) == expected, word


def test_close_names_are_those_of_comparing_every_name():
    rng = random.Random(8)
    names = generated(rng, 500, 2, 30)
    rng.shuffle(names)  # names come in the glossary's order, not sorted; some repeat
    names += rng.sample(names, 50) + ["tars", "star", "rats", "tsar"] * 8  # ties past the limit
    blocks = typos.Blocks(names, typos.name_edits, breaks=2)
    for key in queries(rng, names):
        allowed = typos.typos_allowed(len(key))
        expected = [] if not allowed else [
            (i, d) for _, d, i in process.extract(key, names, scorer=OSA.distance,
                                                  score_cutoff=allowed, limit=20)]
        assert typos.close_names(blocks, key) == expected, key
