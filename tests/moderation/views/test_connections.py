"""The connections pages: connect a page with a checked token, reconnect, pause, resume."""

from __future__ import annotations

import logging

import pytest
from django.urls import reverse

from accounts.models import AuditEvent
from moderation.connect import INSTAGRAM_REQUIRED_PERMISSIONS
from moderation.models import PlatformConnection
from moderation.platforms.facebook import REQUIRED_PERMISSIONS
from tests.fakeplatform import FakeGraph
from tests.fakeplatform.seed import ELDERS_TOKEN
from tests.fakeplatform.state import FB_PAGE_PERMISSIONS
from tests.fakeplatform.testing import graph_connection

pytestmark = pytest.mark.django_db
CREATE = reverse("moderation:connection_create")
LIST = reverse("moderation:connections")
SECRET = "app-secret-never-shown-1234"


@pytest.fixture
def fake(settings):
    with FakeGraph() as server:
        settings.GRAPH_API_URL = server.url
        settings.PLATFORMS_ENABLED = ["demo", "facebook", "instagram"]
        yield server
    assert server.errors == []


@pytest.fixture
def fb_connection(organisation, fake):
    return graph_connection(organisation, fake, "facebook")


def connect_form(fake, **overrides):
    return {
        "kind": "facebook",
        "remote_page_id": fake.page_id,
        "page_id": "",
        "name": "",
        "token": fake.token,
        "app_secret": SECRET,
        **overrides,
    }


def audit_text() -> str:
    return repr(list(AuditEvent.objects.values()))


def assert_no_secret_in(text: str, fake) -> None:
    assert fake.token not in text and SECRET not in text


# --- connecting ---------------------------------------------------------------------------------------
def test_an_admin_connects_a_page_with_a_good_token(
    admin_client_, fake, organisation, django_capture_on_commit_callbacks, caplog
):
    caplog.set_level(logging.DEBUG)
    with django_capture_on_commit_callbacks() as queued:
        response = admin_client_.post(CREATE, connect_form(fake))
    assert response.status_code == 302 and response["Location"] == LIST
    connection = PlatformConnection.objects.get(organisation=organisation)
    assert (connection.kind, connection.remote_page_id, connection.name) == (
        "facebook",
        fake.page_id,
        "Gemeente Velderbeek",
    )
    assert connection.status == PlatformConnection.Status.ACTIVE
    assert connection.token == fake.token and connection.app_secret == SECRET
    assert fake.token not in connection.token_encrypted and SECRET not in connection.app_secret_encrypted
    assert len(queued) == 1  # the first sync, after commit
    event = AuditEvent.objects.get(verb="connection.created")
    assert event.summary == "Gemeente Velderbeek" and event.target_id == connection.pk
    assert fake.state.pages[fake.page_id].subscribed_fields == ["feed"]  # webhooks switched on
    page = admin_client_.get(LIST)
    assert "Gemeente Velderbeek" in page.content.decode()
    for text in (response.content.decode(), page.content.decode(), caplog.text, audit_text()):
        assert_no_secret_in(text, fake)


def test_missing_permissions_are_named_in_dutch_and_nothing_is_stored(
    admin_client_, fake, organisation, caplog
):
    caplog.set_level(logging.DEBUG)
    fake.add_token(
        "EAAB-limited-token",
        fake.page_id,
        sorted(FB_PAGE_PERMISSIONS - {"pages_manage_engagement", "pages_messaging"}),
    )
    response = admin_client_.post(CREATE, connect_form(fake, token="EAAB-limited-token"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "pages_manage_engagement" in html and REQUIRED_PERMISSIONS["pages_manage_engagement"] in html
    assert "pages_messaging" in html and "een privébericht sturen als antwoord op een reactie" in html
    assert "pages_read_engagement" not in html
    assert not PlatformConnection.objects.exists()
    for text in (html, caplog.text, audit_text()):
        assert "EAAB-limited-token" not in text and SECRET not in text


def test_a_token_of_another_page_is_refused(admin_client_, fake):
    response = admin_client_.post(CREATE, connect_form(fake, token=ELDERS_TOKEN))
    assert "Stad Elders" in response.content.decode()
    assert not PlatformConnection.objects.exists()


def test_a_dead_token_is_refused_without_echoing_it(admin_client_, fake):
    response = admin_client_.post(CREATE, connect_form(fake, token="EAAB-revoked-token"))
    html = response.content.decode()
    assert response.status_code == 200 and 'id="connection-errors"' in html
    assert "EAAB-revoked-token" not in html
    assert not PlatformConnection.objects.exists()


def test_a_page_cannot_be_connected_twice(admin_client_, fake, fb_connection):
    response = admin_client_.post(CREATE, connect_form(fake))
    assert 'id="connection-errors"' in response.content.decode()
    assert PlatformConnection.objects.count() == 1


def test_an_instagram_account_is_connected_through_its_page(admin_client_, fake, organisation):
    form = connect_form(
        fake, kind="instagram", remote_page_id=fake.ig_account_id, page_id=fake.page_id, app_secret=""
    )
    assert admin_client_.post(CREATE, form).status_code == 302
    connection = PlatformConnection.objects.get(kind="instagram")
    assert connection.options == {"page_id": fake.page_id} and connection.name == "stad_voorbeeld"
    assert connection.app_secret == ""


def test_instagram_needs_the_linked_page_and_its_permissions(admin_client_, fake):
    form = connect_form(fake, kind="instagram", remote_page_id=fake.ig_account_id)
    assert "page_id" in admin_client_.post(CREATE, form).context["form"].errors
    fake.add_token("EAAB-no-ig", fake.page_id, sorted(FB_PAGE_PERMISSIONS - {"instagram_manage_comments"}))
    html = admin_client_.post(
        CREATE, {**form, "page_id": fake.page_id, "token": "EAAB-no-ig"}
    ).content.decode()
    assert INSTAGRAM_REQUIRED_PERMISSIONS["instagram_manage_comments"] in html
    elders_page = fake.state.tokens[ELDERS_TOKEN].page_id
    html = admin_client_.post(
        CREATE, {**form, "page_id": elders_page, "token": ELDERS_TOKEN}
    ).content.decode()
    assert fake.ig_account_id in html and 'id="connection-errors"' in html
    assert not PlatformConnection.objects.exists()


def test_only_enabled_platforms_are_offered(admin_client_, fake, settings):
    settings.PLATFORMS_ENABLED = ["demo", "instagram"]
    kinds = [value for value, _label in admin_client_.get(CREATE).context["form"].fields["kind"].choices]
    assert kinds == ["instagram"]
    settings.PLATFORMS_ENABLED = ["demo"]
    assert 'id="connect-page"' not in admin_client_.get(LIST).content.decode()
    assert 'id="no-kinds"' in admin_client_.get(CREATE).content.decode()
    admin_client_.post(CREATE, connect_form(fake))
    assert not PlatformConnection.objects.exists()


# --- reconnecting, editing ----------------------------------------------------------------------------
def test_needs_reconnecting_is_shown_prominently(admin_client_, fb_connection):
    PlatformConnection.objects.filter(pk=fb_connection.pk).update(
        status=PlatformConnection.Status.NEEDS_RECONNECT,
        last_error="Facebook no longer accepts this connection's token",
    )
    html = admin_client_.get(LIST).content.decode()
    assert 'id="needs-reconnect"' in html and 'role="alert"' in html
    assert reverse("moderation:connection_edit", args=[fb_connection.pk]) in html


def test_a_new_token_reconnects_and_sync_resumes(
    admin_client_, fake, fb_connection, django_capture_on_commit_callbacks, caplog
):
    caplog.set_level(logging.DEBUG)
    PlatformConnection.objects.filter(pk=fb_connection.pk).update(
        status=PlatformConnection.Status.NEEDS_RECONNECT
    )
    fake.add_token("EAAB-fresh-token", fake.page_id)
    url = reverse("moderation:connection_edit", args=[fb_connection.pk])
    form_page = admin_client_.get(url).content.decode()
    assert 'name="token"' in form_page and 'role="alert"' in form_page
    with django_capture_on_commit_callbacks() as queued:
        response = admin_client_.post(
            url, {"name": fb_connection.name, "token": "EAAB-fresh-token", "app_secret": ""}
        )
    assert response.status_code == 302
    fb_connection.refresh_from_db()
    assert (
        fb_connection.status == PlatformConnection.Status.ACTIVE and fb_connection.token == "EAAB-fresh-token"
    )
    assert len(queued) == 1
    assert AuditEvent.objects.get(verb="connection.reconnected").summary == fb_connection.name
    for text in (form_page, response.content.decode(), caplog.text, audit_text()):
        assert "EAAB-fresh-token" not in text and fake.token not in text


def test_a_bad_new_token_leaves_the_connection_as_it_was(admin_client_, fake, fb_connection):
    PlatformConnection.objects.filter(pk=fb_connection.pk).update(
        status=PlatformConnection.Status.NEEDS_RECONNECT
    )
    url = reverse("moderation:connection_edit", args=[fb_connection.pk])
    response = admin_client_.post(url, {"name": "Nieuw", "token": "EAAB-still-dead", "app_secret": ""})
    assert response.status_code == 200 and "EAAB-still-dead" not in response.content.decode()
    fb_connection.refresh_from_db()
    assert (
        fb_connection.status == PlatformConnection.Status.NEEDS_RECONNECT
        and fb_connection.token == fake.token
    )
    assert fb_connection.name != "Nieuw"


def test_an_empty_token_on_edit_keeps_the_stored_one(admin_client_, fake, fb_connection):
    url = reverse("moderation:connection_edit", args=[fb_connection.pk])
    assert fake.token not in admin_client_.get(url).content.decode()
    admin_client_.post(url, {"name": "Velderbeek op Facebook", "token": "", "app_secret": "new-app-secret"})
    fb_connection.refresh_from_db()
    assert fb_connection.name == "Velderbeek op Facebook"
    assert fb_connection.token == fake.token and fb_connection.app_secret == "new-app-secret"
    assert AuditEvent.objects.filter(verb="connection.updated").count() == 1


def test_pause_and_resume(admin_client_, fb_connection, django_capture_on_commit_callbacks):
    admin_client_.post(reverse("moderation:connection_pause", args=[fb_connection.pk]))
    fb_connection.refresh_from_db()
    assert fb_connection.status == PlatformConnection.Status.PAUSED
    assert 'name="resume"' in admin_client_.get(LIST).content.decode()
    with django_capture_on_commit_callbacks() as queued:
        admin_client_.post(reverse("moderation:connection_resume", args=[fb_connection.pk]))
    fb_connection.refresh_from_db()
    assert fb_connection.status == PlatformConnection.Status.ACTIVE and len(queued) == 1
    assert list(
        AuditEvent.objects.filter(verb__startswith="connection.")
        .values_list("verb", flat=True)
        .order_by("id")
    ) == [
        "connection.paused",
        "connection.resumed",
    ]


# --- who may --------------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["connection_edit", "connection_pause", "connection_resume"])
def test_an_outsider_gets_404(outsider_client, fb_connection, name):
    url = reverse(f"moderation:{name}", args=[fb_connection.pk])
    assert outsider_client.post(url, {"name": "x", "token": "y"}).status_code == 404
    fb_connection.refresh_from_db()
    assert fb_connection.status == PlatformConnection.Status.ACTIVE and fb_connection.name != "x"


@pytest.mark.parametrize("name", ["connection_edit", "connection_pause", "connection_resume"])
def test_staff_gets_403(staff_client, fb_connection, name):
    assert staff_client.post(reverse(f"moderation:{name}", args=[fb_connection.pk])).status_code == 403


def test_staff_cannot_connect(staff_client, fake):
    assert staff_client.get(CREATE).status_code == 403
    assert staff_client.post(CREATE, connect_form(fake)).status_code == 403
    assert not PlatformConnection.objects.exists()
