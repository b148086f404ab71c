"""Password rules: long, not common, hashed with scrypt (werkzeug's default KDF)."""
from __future__ import annotations

import gzip
import re
from functools import lru_cache
from importlib import resources

from werkzeug.security import check_password_hash, generate_password_hash

MIN_LENGTH = 12
MAX_LENGTH = 128
# A hash of a random password, checked when the email is unknown so both paths take as long.
_DUMMY_HASH = generate_password_hash("not-a-real-password-just-for-timing")


@lru_cache(maxsize=1)
def common_passwords() -> frozenset[str]:
    # Django's list of 20,000 common passwords (BSD licence), see hh/auth/README.md.
    data = resources.files("hh.auth").joinpath("common-passwords.txt.gz").read_bytes()
    words = gzip.decompress(data).decode("utf-8").split()
    return frozenset(w.strip().lower() for w in words if w.strip())


def password_problem(password: str, *, email: str = "", name: str = "") -> str | None:
    """Why this password is not acceptable, or None when it is."""
    if len(password) < MIN_LENGTH:
        return f"Use at least {MIN_LENGTH} characters; a few unrelated words make a good password."
    if len(password) > MAX_LENGTH:
        return f"Use at most {MAX_LENGTH} characters."
    lowered = password.lower()
    common = common_passwords()
    # "password1234" is as weak as "password": strip the digits and symbols people tack on.
    core = re.sub(r"[\d\W_]+$", "", re.sub(r"^[\d\W_]+", "", lowered))
    if lowered in common or (core in common and len(core) < MIN_LENGTH) or len(set(lowered)) < 4:
        return "This password is too common or too easy to guess; choose another."
    squashed = _letters(lowered)
    personal = [_letters(email.split("@", 1)[0]), _letters(name)]
    if any(len(p) >= 4 and p in squashed for p in personal):
        return "Do not use your name or email address in your password."
    return None


def _letters(text: str) -> str:
    """Only letters and digits, lower case: "Robin Reyes" and "robin.reyes" both become robinreyes."""
    return re.sub(r"[\W_]+", "", text.lower())


def hash_password(password: str) -> str:
    return generate_password_hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    if not password_hash:
        check_password_hash(_DUMMY_HASH, password)
        return False
    return check_password_hash(password_hash, password)
