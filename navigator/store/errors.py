"""Errors the store raises; the web layer turns them into 403/404 pages or a form message."""


class NotFound(Exception):
    """The object does not exist *for this viewer* (also used when it exists but is not theirs,
    so that an outsider cannot learn that it exists)."""


class Forbidden(Exception):
    """The viewer's role may never do this, whatever object is named."""


class InvalidInput(Exception):
    """Input that passed form validation but breaks a rule of the store (message in Japanese)."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field
        self.message = message
