"""Who is acting: the user behind a request or a command, as every service sees them.

Services take an :class:`Actor` and decide from it alone (role, agency) what the user may
do; the web and CLI layers build it after authentication. ``request_id`` ties the audit
events of one request together.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from counterflow.model.codes import Role


@dataclass(frozen=True, slots=True)
class Actor:
    """An authenticated user acting in one request."""

    user_id: int
    username: str
    agency_id: int
    agency_code: str
    role: Role
    request_id: str = ""

    def in_request(self, request_id: str) -> Actor:
        """The same user, acting in request ``request_id``."""
        return replace(self, request_id=request_id)

    @property
    def is_auditor(self) -> bool:
        return self.role is Role.AUDITOR

    @property
    def is_admin(self) -> bool:
        """Agency or system administrator: manages people, never reads case content."""
        return self.role in (Role.AGENCY_ADMIN, Role.SYSTEM_ADMIN)
