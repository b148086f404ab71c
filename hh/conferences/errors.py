"""The feature's one error type: input a By-Name List or conference change refuses."""
from hh.errors import InputError


class ConferenceError(InputError):
    """Input that cannot be saved; `errors` maps each form field to its message."""
