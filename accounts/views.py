"""Log in and out, switch organisation."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.audit import record_event
from accounts.decorators import member_required
from accounts.forms import OrganisationSettingsForm
from accounts.middleware import ORGANISATION_SESSION_KEY
from accounts.organisations import memberships_of
from accounts.twofactor import confirmed_device, start_pending_login


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def form_valid(self, form):  # type: ignore[no-untyped-def]
        """With an authenticator app set up, the password alone does not log in: the code comes next."""
        user = form.get_user()
        if confirmed_device(user) is None:
            return super().form_valid(form)
        start_pending_login(self.request, user, next_url=self.get_success_url())
        return redirect("accounts:two_factor")


class LogoutView(auth_views.LogoutView):
    pass


@login_required
@require_POST
def switch_organisation(request: HttpRequest) -> HttpResponse:
    organisation_id = request.POST.get("organisation", "")
    if not organisation_id.isdigit() or not memberships_of(request.user).filter(organisation_id=organisation_id).exists():
        raise Http404
    request.session[ORGANISATION_SESSION_KEY] = int(organisation_id)
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "/"
    return redirect(target)


def home(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect("accounts:login")
    membership = getattr(request, "membership", None)
    if membership is not None and membership.role == "department":
        return redirect("accounts:no_access")
    return redirect("moderation:inbox")


@require_http_methods(["GET", "POST"])
@member_required("manage_organisation")
def organisation_settings(request: HttpRequest) -> HttpResponse:
    form = OrganisationSettingsForm(request.POST or None, instance=request.organisation)
    if form.is_bound and form.is_valid():
        with transaction.atomic():
            form.save()
            record_event(
                request.organisation,
                actor=request.user,
                verb="organisation.settings_changed",
                summary=", ".join(form.changed_data)[:300],
            )
        messages.success(request, _("Settings saved."))
        return redirect("accounts:settings")
    return render(request, "accounts/settings.html", {"form": form})
