"""Connections (connect, reconnect, pause, resume, sync) and the audit trail: pages for admins and team leads."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.decorators import member_required
from accounts.models import AuditEvent
from moderation import connect, inbox
from moderation.forms import ConnectForm, ConnectionEditForm
from moderation.models import PlatformConnection


def _connection_or_404(request: HttpRequest, connection_id: int) -> PlatformConnection:
    connection = PlatformConnection.objects.filter(
        organisation=request.organisation, pk=connection_id
    ).first()
    if connection is None:
        raise Http404
    return connection


@require_GET
@member_required("manage_connections")
def connection_list(request: HttpRequest) -> HttpResponse:
    connections = list(inbox.connections_of(request.organisation))
    broken = [c for c in connections if c.status == PlatformConnection.Status.NEEDS_RECONNECT]
    return render(
        request,
        "moderation/connections.html",
        {
            "connections": connections,
            "broken": broken,
            "can_connect": bool(connect.connectable_kinds()),
            "now": timezone.now(),
        },
    )


@sensitive_post_parameters("token", "app_secret")
@require_http_methods(["GET", "POST"])
@member_required("manage_connections")
def connection_create(request: HttpRequest) -> HttpResponse:
    """Connect a Facebook page or Instagram account; the token is checked before anything is stored."""
    kinds = connect.connectable_kinds()
    form = ConnectForm(request.POST if request.method == "POST" else None)
    if kinds and form.is_bound and form.is_valid():
        data = form.cleaned_data
        try:
            connect.check_not_connected(
                request.organisation, kind=data["kind"], remote_page_id=data["remote_page_id"]
            )
            check = connect.check_token(
                kind=data["kind"],
                remote_page_id=data["remote_page_id"],
                token=data["token"],
                page_id=data["page_id"],
            )
        except connect.ConnectRefused as exc:
            for message in exc.messages:
                form.add_error(None, message)
        else:
            connection = connect.do_connect(
                request.organisation,
                acting_user=request.user,
                check=check,
                token=data["token"],
                app_secret=data["app_secret"],
                name=data["name"],
            )
            messages.success(
                request, _("%(name)s is connected. The first sync has started.") % {"name": connection.name}
            )
            _subscribe(request, connection)
            return redirect("moderation:connections")
    return render(
        request, "moderation/connection_form.html", {"form": form, "kinds": kinds, "connection": None}
    )


@sensitive_post_parameters("token", "app_secret")
@require_http_methods(["GET", "POST"])
@member_required("manage_connections")
def connection_edit(request: HttpRequest, connection_id: int) -> HttpResponse:
    """Rename, or reconnect with a new token (checked first); empty secret fields keep the stored ones."""
    connection = _connection_or_404(request, connection_id)
    form = ConnectionEditForm(
        request.POST if request.method == "POST" else None, initial={"name": connection.name}
    )
    if connection.kind not in connect.CONNECTABLE_KINDS:
        del form.fields["token"], form.fields["app_secret"]
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        token, app_secret = data.get("token", ""), data.get("app_secret", "")
        try:
            if token:
                connect.check_token(
                    kind=connection.kind,
                    remote_page_id=connection.remote_page_id,
                    token=token,
                    page_id=str(connection.options.get("page_id") or ""),
                )
        except connect.ConnectRefused as exc:
            for message in exc.messages:
                form.add_error(None, message)
        else:
            connection = connect.do_update_connection(
                connection, acting_user=request.user, name=data["name"], token=token, app_secret=app_secret
            )
            if token:
                messages.success(request, _("%(name)s is reconnected.") % {"name": connection.name})
            else:
                messages.success(request, _("%(name)s is saved.") % {"name": connection.name})
            if token or app_secret:
                _subscribe(request, connection)
            return redirect("moderation:connections")
    return render(request, "moderation/connection_form.html", {"form": form, "connection": connection})


def _subscribe(request: HttpRequest, connection: PlatformConnection) -> None:
    """Switch the page's webhooks on when an app secret is stored; say so if that failed."""
    if not connection.app_secret_encrypted:
        return
    error = connect.subscribe_webhooks(connection)
    if error:
        messages.warning(
            request,
            _("Webhooks could not be switched on (%(error)s). New comments still arrive by polling.")
            % {"error": error},
        )


@require_POST
@member_required("manage_connections")
def connection_pause(request: HttpRequest, connection_id: int) -> HttpResponse:
    connection = _connection_or_404(request, connection_id)
    connect.do_pause_connection(connection, acting_user=request.user)
    messages.success(request, _("%(name)s is paused.") % {"name": connection.name})
    return redirect("moderation:connections")


@require_POST
@member_required("manage_connections")
def connection_resume(request: HttpRequest, connection_id: int) -> HttpResponse:
    connection = _connection_or_404(request, connection_id)
    connect.do_resume_connection(connection, acting_user=request.user)
    messages.success(request, _("%(name)s syncs again.") % {"name": connection.name})
    return redirect("moderation:connections")


@require_POST
@member_required("manage_connections")
def connection_sync(request: HttpRequest, connection_id: int) -> HttpResponse:
    connection = _connection_or_404(request, connection_id)
    from moderation.tasks import sync_connection_task

    sync_connection_task.delay_on_commit(connection.pk)  # no transaction here: sent at once
    messages.success(request, _("A sync of %(name)s was started.") % {"name": connection.name})
    return redirect("moderation:connections")


@require_GET
@member_required("view_audit")
def audit_log(request: HttpRequest) -> HttpResponse:
    events = AuditEvent.objects.filter(organisation=request.organisation).order_by("-created_at", "-id")
    page = Paginator(events, 100).get_page(request.GET.get("page"))
    return render(request, "moderation/audit.html", {"page": page})
