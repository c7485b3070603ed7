"""The second login step, and setting up (or turning off) an authenticator app."""

from __future__ import annotations

from typing import Any

import segno
from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth import logout as auth_logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.signals import user_login_failed
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.audit import record_event
from accounts.forms import CodeForm
from accounts.lockout import lockout_response
from accounts.twofactor import (
    MAX_CODE_TRIES,
    NEEDS_CODE_KEY,
    confirmed_device,
    end_pending_login,
    must_use_two_factor,
    pending_login,
    safe_next,
)

TRIES_KEY = "two_factor_tries"


@never_cache
@sensitive_post_parameters("code")
@require_http_methods(["GET", "POST"])
def two_factor_verify(request: HttpRequest) -> HttpResponse:
    """After the password: the code. Also for a logged-in session that still owes one."""
    pending = None
    if request.user.is_authenticated:
        user, next_url = request.user, request.GET.get("next") or request.POST.get("next", "")
        if user.is_verified():
            return redirect(safe_next(request, next_url, settings.LOGIN_REDIRECT_URL))
    else:
        pending = pending_login(request)
        if pending is None:
            return redirect("accounts:login")
        user, next_url = pending.user, pending.next
    device = confirmed_device(user)
    if device is None:  # removed in the meantime
        end_pending_login(request)
        return redirect("accounts:login" if pending else "accounts:two_factor_setup")
    if not AxesProxyHandler.is_allowed(request, {"username": user.get_username()}):
        return _give_up(request, user.get_username())
    form = CodeForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        if device.verify_token(form.cleaned_data["code"]):
            if pending is not None:
                end_pending_login(request)
                user.otp_device = device  # django-otp marks the new session verified on login
                auth_login(request, user, backend=pending.backend)
            else:
                otp_login(request, device)
            request.session.pop(NEEDS_CODE_KEY, None)
            request.session.pop(TRIES_KEY, None)
            return redirect(safe_next(request, next_url, settings.LOGIN_REDIRECT_URL))
        if _count_wrong_code(request, user) >= MAX_CODE_TRIES or getattr(request, "axes_locked_out", False):
            return _give_up(request, user.get_username())
        form.add_error(
            "code", _("This code is not right. Check the time on your phone and enter the newest code.")
        )
    return render(request, "accounts/two_factor_verify.html", {"form": form, "next": next_url})


def _count_wrong_code(request: HttpRequest, user: Any) -> int:
    """A wrong code counts as a failed login for the lockout too (same username, same address)."""
    user_login_failed.send(sender=__name__, credentials={"username": user.get_username()}, request=request)
    tries = int(request.session.get(TRIES_KEY, 0)) + 1
    request.session[TRIES_KEY] = tries
    return tries


def _give_up(request: HttpRequest, username: str) -> HttpResponse:
    """Too many wrong codes: back to the password, and no half-logged-in session stays."""
    end_pending_login(request)
    if request.user.is_authenticated:
        auth_logout(request)
    request.session.pop(TRIES_KEY, None)
    credentials = {"username": username}
    if getattr(request, "axes_locked_out", False) or not AxesProxyHandler.is_allowed(request, credentials):
        return lockout_response(request, None, credentials)
    messages.error(request, _("Too many wrong codes. Log in again."))
    return redirect("accounts:login")


@never_cache
@sensitive_post_parameters("code")
@require_http_methods(["GET", "POST"])
@login_required
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    """Any member may add an authenticator app; leads and admins may have to."""
    device = confirmed_device(request.user)
    if device is not None and not request.user.is_verified():
        return redirect("accounts:two_factor")
    form = CodeForm(request.POST if request.method == "POST" else None)
    if device is not None:
        return _manage_device(request, device, form)
    unconfirmed = TOTPDevice.objects.filter(user=request.user, confirmed=False).order_by("pk").first()
    if unconfirmed is None:
        unconfirmed = TOTPDevice.objects.create(
            user=request.user, name=_("Authenticator app"), confirmed=False
        )
    if form.is_bound and form.is_valid():
        if unconfirmed.verify_token(form.cleaned_data["code"]):
            with transaction.atomic():
                unconfirmed.confirmed = True
                unconfirmed.save(update_fields=["confirmed"])
                _audit(request, "account.two_factor_enabled")
            otp_login(request, unconfirmed)
            request.session.pop(NEEDS_CODE_KEY, None)
            messages.success(
                request, _("Two-step login is on. From now on you enter a code after your password.")
            )
            return redirect(safe_next(request, request.GET.get("next"), settings.LOGIN_REDIRECT_URL))
        form.add_error("code", _("This code is not right. Scan the QR code again and enter the newest code."))
    uri = unconfirmed.config_url
    context = {
        "form": form,
        "otpauth_uri": uri,
        "qr_data_uri": segno.make(uri, error="m").svg_data_uri(scale=5, border=4),
        "required": _required(request),
    }
    return render(request, "accounts/two_factor_setup.html", context)


def _manage_device(request: HttpRequest, device: TOTPDevice, form: CodeForm) -> HttpResponse:
    """Turning the second step off needs a current code, and is refused where it is required."""
    required = _required(request)
    if form.is_bound and not required and form.is_valid():
        if device.verify_token(form.cleaned_data["code"]):
            with transaction.atomic():
                TOTPDevice.objects.filter(user=request.user).delete()
                _audit(request, "account.two_factor_disabled")
            messages.success(request, _("Two-step login is off."))
            return redirect("accounts:two_factor_setup")
        form.add_error("code", _("This code is not right."))
    return render(
        request, "accounts/two_factor_setup.html", {"form": form, "device": device, "required": required}
    )


def _required(request: HttpRequest) -> bool:
    membership = getattr(request, "membership", None)
    return membership is not None and must_use_two_factor(
        membership.role, organisation_requires=membership.organisation.require_two_factor
    )


def _audit(request: HttpRequest, verb: str) -> None:
    if getattr(request, "organisation", None) is not None:
        record_event(request.organisation, actor=request.user, verb=verb, summary=request.user.get_username())
