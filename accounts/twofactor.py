"""Two-step login with an authenticator app (TOTP via django-otp).

Optional for everyone; an organisation can require it for its team leads and administrators.
A user with a confirmed device is not logged in after the password: the login view keeps a
short-lived *pending* login in the session until the code is right. Sessions made any other
way (the admin site's login, ``force_login``) are flagged by a ``user_logged_in`` receiver, and
the middleware below keeps such a session on the code page until it is verified.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django_htmx.http import HttpResponseClientRedirect
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.permissions import Role

PENDING_KEY = "two_factor_pending"
NEEDS_CODE_KEY = "two_factor_needs_code"
PENDING_SECONDS = 300
MAX_CODE_TRIES = 5
# Views a half-logged-in user may reach: the login steps themselves and the public pages.
EXEMPT_VIEWS = frozenset(
    {
        "accounts:login",
        "accounts:logout",
        "accounts:two_factor",
        "accounts:two_factor_setup",
        "set_language",
        "codeofconduct:public",
        "codeofconduct:public_version",
        "codeofconduct:public_diff",
        "codeofconduct:short",
        "moderation:department_answer",
        "meta_webhook",
    }
)


def must_use_two_factor(role: str | None, *, organisation_requires: bool) -> bool:
    """Pure: an organisation that requires a second step requires it of leads and admins."""
    return organisation_requires and role in {Role.LEAD, Role.ADMIN}


def confirmed_device(user: Any) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def safe_next(request: HttpRequest, target: str | None, default: str = "home") -> str:
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse(default)


@dataclass(frozen=True)
class PendingLogin:
    user: Any
    backend: str
    next: str
    tries: int


def start_pending_login(request: HttpRequest, user: Any, *, next_url: str) -> None:
    """Password accepted, code still to come: remember who, for a few minutes only."""
    request.session.cycle_key()
    request.session[PENDING_KEY] = {
        "user": user.pk,
        "backend": user.backend,
        "next": next_url,
        "since": time.time(),
        "tries": 0,
    }


def pending_login(request: HttpRequest) -> PendingLogin | None:
    data = request.session.get(PENDING_KEY)
    if not isinstance(data, dict) or time.time() - float(data.get("since", 0)) > PENDING_SECONDS:
        request.session.pop(PENDING_KEY, None)
        return None
    user = get_user_model().objects.filter(pk=data.get("user"), is_active=True).first()
    if user is None:
        request.session.pop(PENDING_KEY, None)
        return None
    return PendingLogin(
        user=user, backend=data["backend"], next=data.get("next", ""), tries=data.get("tries", 0)
    )


def count_failed_code(request: HttpRequest) -> int:
    """One more wrong code for the pending login; returns the tries so far."""
    data = request.session.get(PENDING_KEY)
    if not isinstance(data, dict):
        return MAX_CODE_TRIES
    data["tries"] = int(data.get("tries", 0)) + 1
    request.session[PENDING_KEY] = data
    return data["tries"]


def end_pending_login(request: HttpRequest) -> None:
    request.session.pop(PENDING_KEY, None)


@receiver(user_logged_in, dispatch_uid="accounts.twofactor.ask_for_code")
def _ask_for_code(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    """A login that did not come with a code (admin site, tests) still has to give one."""
    session = getattr(request, "session", None)
    if session is None or getattr(user, "otp_device", None) is not None:
        return
    if confirmed_device(user) is not None:
        session[NEEDS_CODE_KEY] = True


class TwoFactorMiddleware:
    """Keeps a logged-in user who owes a code (or must set up the app) on those pages."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func: Any, view_args: Any, view_kwargs: Any
    ) -> HttpResponse | None:
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return None
        match = request.resolver_match
        if match is None or match.view_name in EXEMPT_VIEWS:
            return None
        membership = getattr(request, "membership", None)
        required = membership is not None and must_use_two_factor(
            membership.role, organisation_requires=membership.organisation.require_two_factor
        )
        if not required and not request.session.get(NEEDS_CODE_KEY):
            return None
        step = "accounts:two_factor" if confirmed_device(user) is not None else "accounts:two_factor_setup"
        url = f"{reverse(step)}?{urlencode({'next': request.get_full_path()})}"
        if getattr(request, "htmx", False):
            return HttpResponseClientRedirect(url)
        return redirect(url)
