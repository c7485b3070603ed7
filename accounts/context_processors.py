from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from accounts.organisations import memberships_of
from accounts.permissions import capabilities_of


def organisation(request: HttpRequest) -> dict[str, Any]:
    membership = getattr(request, "membership", None)
    if membership is None:
        return {"current_organisation": None, "caps": frozenset(), "my_memberships": []}
    return {
        "current_organisation": membership.organisation,
        "current_role": membership.role,
        "caps": capabilities_of(membership.role),
        "my_memberships": list(memberships_of(request.user)),
    }
