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
