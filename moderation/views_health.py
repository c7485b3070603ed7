"""/healthz: public, JSON, no secrets (see moderation/health.py)."""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from accounts.organisations import memberships_of
from moderation.health import health_report


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """Status and checks for anyone (probes, monitoring); members also see their connections by name."""
    organisation_ids = None
    if request.user.is_authenticated:
        organisation_ids = list(
            memberships_of(request.user).exclude(role="department").values_list("organisation_id", flat=True)
        )
    status, body = health_report(organisation_ids=organisation_ids)
    return JsonResponse(body, status=status)
