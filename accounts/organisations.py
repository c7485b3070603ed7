"""Selectors for organisations and memberships."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from accounts.models import Membership


def memberships_of(user: Any) -> QuerySet[Membership]:
    return Membership.objects.filter(user=user).select_related("organisation").order_by("organisation__name")


def current_membership(user: Any, organisation_id: int | None) -> Membership | None:
    """The membership for the organisation chosen in the session, else the user's first one."""
    memberships = memberships_of(user)
    if organisation_id is not None:
        chosen = memberships.filter(organisation_id=organisation_id).first()
        if chosen is not None:
            return chosen
    return memberships.first()
