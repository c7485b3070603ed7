"""Connections and the audit trail: pages for admins and team leads."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts.decorators import member_required
from accounts.models import AuditEvent
from moderation import inbox
from moderation.models import PlatformConnection


@require_GET
@member_required("manage_connections")
def connection_list(request: HttpRequest) -> HttpResponse:
    return render(request, "moderation/connections.html", {"connections": inbox.connections_of(request.organisation)})


@require_POST
@member_required("manage_connections")
def connection_sync(request: HttpRequest, connection_id: int) -> HttpResponse:
    connection = PlatformConnection.objects.filter(organisation=request.organisation, pk=connection_id).first()
    if connection is None:
        raise Http404
    from moderation.tasks import sync_connection_task

    sync_connection_task.delay(connection.pk)
    messages.success(request, _("A sync of %(name)s was started.") % {"name": connection.name})
    return redirect("moderation:connections")


@require_GET
@member_required("view_audit")
def audit_log(request: HttpRequest) -> HttpResponse:
    events = AuditEvent.objects.filter(organisation=request.organisation).order_by("-created_at", "-id")
    page = Paginator(events, 100).get_page(request.GET.get("page"))
    return render(request, "moderation/audit.html", {"page": page})
