"""Rules for values that every way in shares: forms, spreadsheets, HSDS and other imports.
Each raises InputError naming the field; `validator(rule)` turns one into a WTForms validator."""
from __future__ import annotations

import re

from hh.errors import InputError

# A bare host name such as "example.org" or "www.example.org/shelter": people type them.
_BARE_HOST = re.compile(r"^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+(:\d{1,5})?([/?#]\S*)?$")
_WEB = re.compile(r"^https?://[^\s/?#]+\S*$", re.IGNORECASE)
WEB_ADDRESS_MESSAGE = "Enter a web address starting with https://, like https://example.org."


def web_address(value: str | None, field: str = "url", limit: int = 500) -> str:
    """Only http:// and https:// addresses are stored (never javascript: or data:, which would
    run when someone follows the link); a bare "example.org" becomes "https://example.org"."""
    value = (value or "").strip()
    if not value:
        return ""
    if _BARE_HOST.match(value):
        value = "https://" + value
    if not _WEB.match(value):
        raise InputError(WEB_ADDRESS_MESSAGE, field)
    if len(value) > limit:
        raise InputError(f"Keep the web address to {limit} characters.", field)
    return value


def email_address(value: str | None, field: str = "email") -> str:
    value = (value or "").strip()
    if value and ("@" not in value or " " in value):
        raise InputError("Enter an email address like intake@example.org.", field)
    return value


def whole_number(value, field: str, low: int = 0, high: int = 10000) -> int | None:
    """An optional whole number from low to high (a form's text box or a spreadsheet cell)."""
    value = "" if value is None else str(value).strip()
    if value == "":
        return None
    try:
        number = int(value)
    except ValueError:
        raise InputError("Enter a whole number.", field) from None
    if not low <= number <= high:
        raise InputError(f"Enter a number from {low} to {high}.", field)
    return number


def validator(rule, **options):
    """A rule as a WTForms validator: its message shows next to the field, and the field keeps
    the cleaned value (a bare "example.org" becomes "https://example.org")."""
    from wtforms.validators import ValidationError

    def check(form, field) -> None:  # noqa: ARG001
        try:
            field.data = rule(field.data, field.name, **options)
        except InputError as error:
            raise ValidationError(str(error)) from None

    return check
