"""The root of counterflow's exception hierarchy.

Errors carry context: an input error names the file, the line (1-based, as an editor shows
it, header included) and the field, and says what was expected, so a user can fix the file
without reading code.
"""

from __future__ import annotations


class CounterflowError(Exception):
    """Base class of every error counterflow raises on purpose."""


class InputError(CounterflowError):
    """Bad input data: names where (file, line, field) and what was expected."""

    def __init__(
        self,
        message: str,
        *,
        path: str | None = None,
        line: int | None = None,
        field: str | None = None,
    ) -> None:
        self.path = path
        self.line = line
        self.field = field
        self.detail = message
        where = ", ".join(
            part
            for part in (
                f"file {path}" if path else "",
                f"line {line}" if line is not None else "",
                f"field {field!r}" if field else "",
            )
            if part
        )
        super().__init__(f"{where}: {message}" if where else message)


class PermissionDeniedError(CounterflowError):
    """The acting user may not do this (role, agency or need-to-know). The message says
    which rule refused, never what the refused object contains."""


class NotFoundError(CounterflowError):
    """The object does not exist, or the user may not know that it exists."""


class ConflictError(CounterflowError):
    """The request contradicts the current state (a status move not allowed from here, a
    duplicate name, a second approval by the same person)."""


class InvalidFieldsError(CounterflowError):
    """Submitted values are invalid; ``errors`` maps each field to what was expected, so a
    form can show the message next to the field."""

    def __init__(self, errors: dict[str, str]) -> None:
        self.errors = dict(errors)
        super().__init__("; ".join(f"{field}: {message}" for field, message in errors.items()))
