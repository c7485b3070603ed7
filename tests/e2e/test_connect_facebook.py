"""Journey: an admin connects a (fake) Facebook page, a comment arrives, staff hides it, Facebook shows it hidden."""

from __future__ import annotations

import json
import urllib.request

import pytest
from playwright.sync_api import expect

from moderation.models import Comment, PlatformConnection
from moderation.tasks import sync_connection_task
from tests.fakeplatform import FakeGraph
from tests.helpers import log_in, wait_for

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
POST = "104123456789012_122131676912594941"  # the recorded post on the seeded Velderbeek page


@pytest.fixture
def fake(settings):
    with FakeGraph() as server:
        settings.GRAPH_API_URL = server.url  # live_server runs in this process: the change applies
        settings.PLATFORMS_ENABLED = ["demo", "facebook", "instagram"]
        yield server
    assert server.errors == []


def control(fake: FakeGraph, name: str, payload: dict) -> object:
    """The fake's control API over HTTP, as a person driving it by hand would use it."""
    request = urllib.request.Request(
        f"http://127.0.0.1:{fake.port}/_control/{name}",
        data=json.dumps(payload).encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    with opener.open(request, timeout=10) as response:
        return json.loads(response.read())["result"]


def test_admin_connects_a_page_and_staff_hides_a_new_comment(
    new_page, live_server, organisation, admin_user, staff, fake, celery_worker_running
):
    admin = new_page()
    log_in(admin, live_server, admin_user.username)
    admin.goto(f"{live_server.url}/koppelingen/")
    admin.locator("#connect-page").click()
    admin.locator("select[name=kind]").select_option("facebook")
    admin.locator("input[name=remote_page_id]").fill(fake.page_id)
    admin.locator("input[name=token]").fill(fake.token)
    admin.locator("input[name=app_secret]").fill(fake.app_secret)
    admin.locator("#save-connection").click()
    connection = PlatformConnection.objects.get(organisation=organisation, kind="facebook")
    expect(admin.locator(f"#connection-{connection.pk}")).to_contain_text("Gemeente Velderbeek")
    assert fake.token not in admin.content() and fake.app_secret not in admin.content()
    assert connection.token == fake.token
    # Connecting started a first sync on the worker; let it finish (SQLite has one writer).
    wait_for(lambda: PlatformConnection.objects.get(pk=connection.pk).last_synced_at is not None, timeout=20)

    # Someone comments on the page now; the next sync brings it into the inbox.
    remote_id = control(
        fake,
        "add_comment",
        {
            "post_id": POST,
            "text": "Wanneer gaat het zwembad weer open? 🏊",
            "author": {"id": "6900000000000077", "name": "Jef Claes"},
        },
    )
    sync_connection_task(connection.pk)
    comment = Comment.objects.get(connection=connection, remote_id=remote_id)

    moderator = new_page()
    log_in(moderator, live_server, staff.username)
    moderator.goto(f"{live_server.url}/inbox/")
    row = moderator.locator(f"#comment-{comment.pk}")
    expect(row).to_contain_text("Wanneer gaat het zwembad weer open?")
    row.locator("button[formaction$='/actie/hide/']").click()

    # The worker carries the hide out on Facebook; the fake page shows the comment hidden.
    assert wait_for(lambda: fake.comment(remote_id).hidden, timeout=30)
    assert [a["object"] for a in fake.actions("hide")] == [remote_id]
    assert wait_for(lambda: Comment.objects.get(pk=comment.pk).platform_state == "hidden", timeout=30)
    moderator.goto(f"{live_server.url}/reacties/{comment.pk}/")
    expect(moderator.locator(".comment-card")).to_contain_text("Verborgen")
