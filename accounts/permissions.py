"""Who may do what: pure functions over roles, no ORM."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    STAFF = "staff", _("Communication staff")
    LEAD = "lead", _("Team lead")
    ADMIN = "admin", _("Administrator")
    DEPARTMENT = "department", _("Department contact")


# Each capability lists the roles that have it. Leads can do all staff can; admins all leads can.
CAPABILITIES: dict[str, frozenset[str]] = {
    "view_inbox": frozenset({Role.STAFF, Role.LEAD, Role.ADMIN}),
    "moderate": frozenset({Role.STAFF, Role.LEAD, Role.ADMIN}),
    "view_strikes": frozenset({Role.LEAD, Role.ADMIN}),
    "confirm_block": frozenset({Role.LEAD, Role.ADMIN}),
    "view_audit": frozenset({Role.LEAD, Role.ADMIN}),
    "view_insights": frozenset({Role.LEAD, Role.ADMIN}),
    "approve_replies": frozenset({Role.LEAD, Role.ADMIN}),
    "manage_code": frozenset({Role.ADMIN}),
    "manage_tree": frozenset({Role.ADMIN}),
    "manage_connections": frozenset({Role.ADMIN}),
    "manage_users": frozenset({Role.ADMIN}),
    "manage_organisation": frozenset({Role.ADMIN}),
    "answer_escalations": frozenset({Role.DEPARTMENT, Role.STAFF, Role.LEAD, Role.ADMIN}),
}


def can(role: str | None, capability: str) -> bool:
    """True when a member with this role has the capability; unknown capabilities are refused."""
    if role is None:
        return False
    return role in CAPABILITIES.get(capability, frozenset())


def capabilities_of(role: str | None) -> frozenset[str]:
    return frozenset(name for name in CAPABILITIES if can(role, name))
