"""Login hardening: lockout after failed logins, password rules, the optional second step, sessions."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import AuditEvent
from accounts.twofactor import must_use_two_factor
from tests.helpers import client_for

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"
LOGIN = "/accounts/login/"
CODE_STEP = "/accounts/login/code/"
SETUP = "/accounts/tweestapslogin/"


def log_in(client: Client, username: str, password: str = PASSWORD, **extra):
    return client.post(LOGIN, {"username": username, "password": password}, **extra)


def code_for(device: TOTPDevice) -> str:
    return f"{TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).token():06d}"


def confirmed_device_for(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="phone", confirmed=True)


def is_logged_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


# --- lockout ------------------------------------------------------------------------------


def test_five_wrong_passwords_lock_the_username_from_that_address(staff):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert log_in(client, staff.username, "wrong").status_code == 200
    response = log_in(client, staff.username, "wrong")
    assert response.status_code == 429
    response = log_in(client, staff.username)  # even the right password now
    assert response.status_code == 429 and not is_logged_in(client)
    assert b'id="locked-out"' in response.content
    assert b'name="csrfmiddlewaretoken"' in response.content  # still our login page, with the form


def test_the_lockout_does_not_hit_the_same_user_from_another_address(staff):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(Client(), staff.username, "wrong")
    other = Client()
    response = log_in(other, staff.username, REMOTE_ADDR="10.1.2.3")
    assert response.status_code == 302 and is_logged_in(other)


def test_a_forged_forwarded_for_header_does_not_get_around_the_lockout(staff):
    for number in range(settings.AXES_FAILURE_LIMIT):
        log_in(Client(), staff.username, "wrong", HTTP_X_FORWARDED_FOR=f"81.82.83.{number}")
    client = Client()
    response = log_in(client, staff.username, HTTP_X_FORWARDED_FOR="81.82.83.200")
    assert response.status_code == 429 and not is_logged_in(client)


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "81.82.83.1", "192.0.2.9"),  # no proxy: the header is the client's own words
        (1, "81.82.83.1", "81.82.83.1"),
        (1, "6.6.6.6, 81.82.83.1", "81.82.83.1"),  # a forged entry left of the proxy's is ignored
        (2, "6.6.6.6, 81.82.83.1, 10.0.0.2", "81.82.83.1"),
        (2, "", "192.0.2.9"),
    ],
)
def test_the_client_address_trusts_only_known_proxies(rf, settings, proxies, forwarded, expected):
    from accounts.lockout import client_ip

    settings.TRUSTED_PROXY_COUNT = proxies
    request = rf.get("/", REMOTE_ADDR="192.0.2.9", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected


def test_the_lockout_ends_after_the_cool_off(staff):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(Client(), staff.username, "wrong")
    with time_machine.travel(timezone.now() + settings.AXES_COOLOFF_TIME + timedelta(seconds=5)):
        client = Client()
        assert log_in(client, staff.username).status_code == 302 and is_logged_in(client)


def test_a_successful_login_resets_the_count(staff):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        log_in(Client(), staff.username, "wrong")
    assert log_in(Client(), staff.username).status_code == 302
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        log_in(Client(), staff.username, "wrong")
    client = Client()
    assert log_in(client, staff.username).status_code == 302 and is_logged_in(client)


# --- passwords and sessions ---------------------------------------------------------------


@pytest.mark.parametrize(
    "password",
    ["kort1234", "password1234", "123456789012", "medewerker12"],
)
def test_weak_passwords_are_refused(staff, password):
    with pytest.raises(ValidationError):
        validate_password(password, user=staff)


def test_a_long_uncommon_password_is_accepted(staff):
    validate_password("Zwembad-open-vanaf-juni-2026", user=staff)


def test_the_session_cookie_ends_with_the_browser_and_is_http_only(staff):
    client = Client()
    response = log_in(client, staff.username)
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["httponly"] and not cookie["expires"] and not cookie["max-age"]
    assert client.session.get_expiry_age() <= 8 * 3600


# --- the second step ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "requires", "expected"),
    [
        ("lead", True, True),
        ("admin", True, True),
        ("staff", True, False),
        ("lead", False, False),
        ("department", True, False),
        (None, True, False),
    ],
)
def test_who_must_use_two_factor(role, requires, expected):
    assert must_use_two_factor(role, organisation_requires=requires) is expected


def test_a_user_with_an_app_is_not_logged_in_by_the_password_alone(staff):
    device = confirmed_device_for(staff)
    client = Client()
    response = log_in(client, staff.username)
    assert response.status_code == 302 and response["Location"] == CODE_STEP
    assert not is_logged_in(client)
    assert client.get("/inbox/").status_code == 302

    response = client.post(CODE_STEP, {"code": code_for(device)})
    assert response.status_code == 302 and response["Location"] == reverse("moderation:inbox")
    assert is_logged_in(client)
    assert client.get("/inbox/").status_code == 200


def test_a_wrong_code_is_refused_and_counts_as_a_failed_login(staff):
    confirmed_device_for(staff)
    client = Client()
    log_in(client, staff.username)
    response = client.post(CODE_STEP, {"code": "000000"})
    assert response.status_code == 200 and not is_logged_in(client)
    assert "form-errors" in response.content.decode()
    from axes.models import AccessAttempt

    assert AccessAttempt.objects.get(username=staff.username).failures_since_start == 1


def test_too_many_wrong_codes_send_the_user_back_to_the_password(staff):
    confirmed_device_for(staff)
    client = Client()
    log_in(client, staff.username)
    for _ in range(4):
        assert client.post(CODE_STEP, {"code": "000000"}).status_code == 200
    response = client.post(CODE_STEP, {"code": "000000"})
    assert response.status_code in (302, 429) and not is_logged_in(client)
    assert client.get(CODE_STEP)["Location"] == LOGIN  # the pending login is gone


def test_the_code_step_expires(staff):
    device = confirmed_device_for(staff)
    client = Client()
    log_in(client, staff.username)
    with time_machine.travel(timezone.now() + timedelta(minutes=6)):
        response = client.post(CODE_STEP, {"code": code_for(device)})
    assert response.status_code == 302 and response["Location"] == LOGIN and not is_logged_in(client)


def test_a_code_cannot_be_used_twice(staff):
    device = confirmed_device_for(staff)
    first = Client()
    log_in(first, staff.username)
    code = code_for(device)
    assert first.post(CODE_STEP, {"code": code}).status_code == 302
    second = Client()
    log_in(second, staff.username, REMOTE_ADDR="10.0.0.8")
    assert second.post(CODE_STEP, {"code": code}, REMOTE_ADDR="10.0.0.8").status_code == 200
    assert not is_logged_in(second)


def test_the_code_step_keeps_a_safe_next(staff):
    device = confirmed_device_for(staff)
    client = Client()
    client.post(LOGIN, {"username": staff.username, "password": PASSWORD, "next": "https://evil.example/"})
    response = client.post(CODE_STEP, {"code": code_for(device)})
    assert response["Location"] == reverse("moderation:inbox")


def test_a_session_made_elsewhere_still_owes_the_code(staff):
    """The admin site's login (or any other) logs in without our code step: the middleware asks."""
    device = confirmed_device_for(staff)
    client = client_for(staff)
    response = client.get("/inbox/")
    assert response.status_code == 302 and response["Location"].startswith(CODE_STEP)
    htmx = client.get("/inbox/live/", headers={"HX-Request": "true"})
    assert htmx.headers["HX-Redirect"].startswith(CODE_STEP)
    assert client.post(CODE_STEP, {"code": code_for(device)}).status_code == 302
    assert client.get("/inbox/").status_code == 200


# --- the organisation requires it ---------------------------------------------------------


@pytest.fixture
def strict_organisation(organisation):
    organisation.require_two_factor = True
    organisation.save(update_fields=["require_two_factor"])
    return organisation


def test_a_lead_without_an_app_is_sent_to_the_setup(strict_organisation, lead):
    client = client_for(lead)
    response = client.get("/inbox/")
    assert response.status_code == 302 and response["Location"].startswith(SETUP)


def test_staff_are_not_forced(strict_organisation, staff):
    assert client_for(staff).get("/inbox/").status_code == 200


def test_the_setup_shows_a_local_qr_code_and_confirms_with_a_code(strict_organisation, admin_user):
    client = client_for(admin_user)
    page = client.get(SETUP)
    html = page.content.decode()
    assert page.status_code == 200 and "no-store" in page["Cache-Control"]
    assert 'src="data:image/svg+xml' in html  # made on the server: no request leaves for a QR service
    assert "otpauth://totp/Reageerwijzer%3A" in html and 'id="two-factor-required"' in html
    device = TOTPDevice.objects.get(user=admin_user, confirmed=False)

    assert (
        client.post(SETUP, {"code": "123456" if code_for(device) != "123456" else "654321"}).status_code
        == 200
    )
    assert not TOTPDevice.objects.filter(user=admin_user, confirmed=True).exists()
    with time_machine.travel(timezone.now() + timedelta(seconds=40)):  # past the throttle of the wrong code
        response = client.post(SETUP, {"code": code_for(device)})
        assert response.status_code == 302
        assert client.get("/inbox/").status_code == 200
    device.refresh_from_db()
    assert device.confirmed
    assert AuditEvent.objects.filter(verb="account.two_factor_enabled", actor=admin_user).exists()


def test_a_lead_with_an_app_logs_in_with_the_code(strict_organisation, lead):
    device = confirmed_device_for(lead)
    client = Client()
    assert log_in(client, lead.username)["Location"] == CODE_STEP
    client.post(CODE_STEP, {"code": code_for(device)})
    assert client.get("/inbox/").status_code == 200


def test_it_cannot_be_turned_off_where_it_is_required(strict_organisation, lead):
    device = confirmed_device_for(lead)
    client = Client()
    log_in(client, lead.username)
    client.post(CODE_STEP, {"code": code_for(device)})
    with time_machine.travel(timezone.now() + timedelta(seconds=31)):
        response = client.post(SETUP, {"code": code_for(device)})
    assert response.status_code == 200 and TOTPDevice.objects.filter(user=lead).exists()


def test_it_can_be_turned_off_with_a_code_where_it_is_optional(staff):
    device = confirmed_device_for(staff)
    client = Client()
    log_in(client, staff.username)
    client.post(CODE_STEP, {"code": code_for(device)})
    assert client.post(SETUP, {"code": "000000"}).status_code == 200
    assert TOTPDevice.objects.filter(user=staff).exists()
    with time_machine.travel(timezone.now() + timedelta(seconds=31)):
        assert client.post(SETUP, {"code": code_for(device)}).status_code == 302
    assert not TOTPDevice.objects.filter(user=staff).exists()


def test_admins_can_require_it_in_the_settings(organisation, admin_client_):
    form = admin_client_.get(reverse("accounts:settings")).content.decode()
    assert 'name="require_two_factor"' in form
