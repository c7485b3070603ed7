"""Per-request language, current organisation, and the Content-Security-Policy header."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation

from accounts.organisations import current_membership

ORGANISATION_SESSION_KEY = "organisation_id"

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
        "object-src 'none'",
    ]
)


class DefaultLanguageMiddleware:
    """Dutch unless the user picked another language with the switch in the header.

    Django's LocaleMiddleware would follow the browser's Accept-Language; our users work in
    Dutch by default whatever their browser says, so only the language cookie counts.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        available = {code for code, _name in settings.LANGUAGES}
        language = chosen if chosen in available else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


class CurrentOrganisationMiddleware:
    """Sets ``request.organisation`` and ``request.membership`` for a logged-in member."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.membership = None
        request.organisation = None
        if request.user.is_authenticated:
            membership = current_membership(request.user, request.session.get(ORGANISATION_SESSION_KEY))
            if membership is not None:
                request.membership = membership
                request.organisation = membership.organisation
        return self.get_response(request)


class ContentSecurityPolicyMiddleware:
    """No inline scripts, nothing from other origins: comment text can never run as code."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        return response
