"""Graph failures become the error class that says what to do next (platform-apis.md 1.9, 1.10).

Each row arms one fault on the fake Graph server and makes one real HTTP call through the
Facebook connector; the class must match exactly (a RateLimited is also a TransientError, a
Gone also a PermanentError, so ``type(...) is`` keeps the rows honest).
"""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest

from moderation.platforms import http
from moderation.platforms.base import (
    AuthExpired,
    Gone,
    PermanentError,
    PermissionMissing,
    RateLimited,
    TransientError,
)
from moderation.platforms.facebook import FacebookConnector
from moderation.platforms.graph import parse_graph_time, regain_seconds, usage_percent
from tests.fakeplatform import FakeGraph
from tests.fakeplatform.testing import graph_connection

pytestmark = pytest.mark.django_db
COMMENT = "122131676912594941_1213590066982748"  # from tests/fixtures/facebook/comments_page.json


@pytest.fixture
def fake(settings):
    with FakeGraph() as server:
        settings.GRAPH_API_URL = server.url
        yield server
    assert server.errors == []


@pytest.fixture
def connector(organisation, fake):
    return FacebookConnector(graph_connection(organisation, fake))


FAULTS = [
    # (fault kind, options, expected class, retry_after)
    ("expired_token", {}, AuthExpired, None),
    ("invalid_token", {}, AuthExpired, None),
    ("error", {"code": 190, "subcode": 460}, AuthExpired, None),
    ("error", {"code": 190, "subcode": 492}, AuthExpired, None),
    ("error", {"code": 102, "status": 401}, AuthExpired, None),
    ("permission", {}, PermissionMissing, None),
    (
        "error",
        {"code": 10, "message": "(#10) Application does not have permission for this action"},
        PermissionMissing,
        None,
    ),
    (
        "error",
        {"code": 3, "message": "(#3) Application does not have the capability to make this API call."},
        PermissionMissing,
        None,
    ),
    ("error", {"code": 299}, PermissionMissing, None),
    ("rate_limit", {"minutes": 5}, RateLimited, 300),
    ("rate_limit", {"minutes": 2, "code": 80002, "platform": "instagram"}, RateLimited, 120),
    ("error", {"code": 4}, RateLimited, 60),
    ("error", {"code": 17}, RateLimited, 60),
    ("error", {"code": 32}, RateLimited, 60),
    ("error", {"code": 613}, RateLimited, 60),
    ("error", {"code": 341}, RateLimited, 60),
    ("error", {"code": 368}, RateLimited, 3600),
    ("error", {"code": 1, "status": 500}, TransientError, None),
    ("server_error", {}, TransientError, None),
    ("error", {"code": 9999, "status": 503}, TransientError, None),
    ("gone", {}, Gone, None),
    ("error", {"code": 100, "message": "(#100) Invalid parameter"}, PermanentError, None),
    ("error", {"code": 506, "message": "(#506) Duplicate status message"}, PermanentError, None),
    (
        "error",
        {"code": 10, "subcode": 2018278, "message": "(#10) This message is sent outside of allowed window."},
        PermanentError,
        None,
    ),
    ("malformed_json", {}, PermanentError, None),
    ("malformed_json", {"status": 500}, TransientError, None),
    ("html_502", {}, TransientError, None),
    ("empty_200", {}, PermanentError, None),
    ("reset", {}, TransientError, None),
    ("raw", {"status": 429, "headers": {"Retry-After": "120"}}, RateLimited, 120),
    ("raw", {"status": 429}, RateLimited, 60),
    ("raw", {"status": 404, "body": "<html>Not Found</html>"}, PermanentError, None),
]


@pytest.mark.parametrize(("kind", "options", "expected", "retry_after"), FAULTS)
def test_a_graph_failure_raises_the_class_that_says_what_to_do(
    fake, connector, kind, options, expected, retry_after
):
    fake.inject(kind, COMMENT, **options)
    with pytest.raises(Exception) as caught:
        connector.hide(COMMENT)
    assert type(caught.value) is expected
    if retry_after is not None:
        assert caught.value.retry_after == retry_after
    assert fake.token not in str(caught.value)
    assert len(fake.requests(COMMENT)) == 1  # the connector never retries by itself
    assert not fake.comment(COMMENT).hidden


def test_a_missing_permission_is_named(fake, connector):
    fake.inject("permission", COMMENT)
    with pytest.raises(PermissionMissing, match="pages_manage_engagement") as caught:
        connector.hide(COMMENT)
    assert caught.value.permission == "pages_manage_engagement"


def test_a_revoked_permission_is_reported_by_the_platform_itself(fake, connector):
    fake.revoke(fake.token, "pages_manage_engagement")
    with pytest.raises(PermissionMissing, match="pages_manage_engagement"):
        connector.delete(COMMENT)
    assert fake.actions("delete") == []


def test_an_expired_token_message_asks_for_a_reconnect_and_holds_no_token(fake, connector):
    fake.inject("expired_token", f"{COMMENT}/likes")
    with pytest.raises(AuthExpired, match="Reconnect") as caught:
        connector.like(COMMENT)
    assert "EAAB" not in str(caught.value)


def test_an_unknown_token_is_refused(fake, organisation):
    connection = graph_connection(organisation, fake)
    connection.token = "EAAB-not-a-real-token"
    connection.save()
    with pytest.raises(AuthExpired):
        FacebookConnector(connection).hide(COMMENT)


def test_a_slow_answer_times_out_as_transient(fake, connector, settings):
    settings.PLATFORM_HTTP_TIMEOUT = (1.0, 0.3)
    fake.inject("timeout", COMMENT, seconds=1.0)
    started = time.monotonic()
    with pytest.raises(TransientError, match="timed out") as caught:
        connector.hide(COMMENT)
    assert time.monotonic() - started < 1.0
    assert type(caught.value) is TransientError


def test_an_unreachable_server_is_transient(fake, connector, settings):
    fake.stop()
    with pytest.raises(TransientError, match="could not reach") as caught:
        connector.hide(COMMENT)
    assert fake.token not in str(caught.value)


def test_a_token_in_a_url_is_moved_to_the_header(fake):
    response = http.request("GET", f"{fake.url}/me?fields=id&access_token={fake.token}", token=fake.token)
    assert response.json() == {"id": fake.page_id}
    (received,) = fake.requests("me")
    assert received["auth"] == "bearer" and received["query"] == {"fields": "id"}


def test_the_token_travels_only_as_a_bearer_header(fake, connector):
    connector.hide(COMMENT)
    connector.hide(COMMENT, hidden=False)
    received = fake.requests()
    assert received and all(r["auth"] == "bearer" for r in received)
    assert all("access_token" not in r["query"] and "access_token" not in r["form"] for r in received)


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({}, 0.0),
        ({"X-App-Usage": '{"call_count":28,"total_time":25,"total_cputime":25}'}, 28.0),
        (
            {
                "X-App-Usage": '{"call_count":28,"total_time":25,"total_cputime":25}',
                "X-Business-Use-Case-Usage": '{"104123456789012":[{"type":"pages","call_count":97,"total_cputime":23,'
                '"total_time":23,"estimated_time_to_regain_access":0}]}',
            },
            97.0,
        ),
        ({"X-Page-Usage": '{"call_count":3,"total_time":91,"total_cputime":5}'}, 91.0),
        ({"X-App-Usage": "not json", "X-Page-Usage": '{"call_count":12}'}, 12.0),
    ],
)
def test_usage_is_the_highest_percentage_over_all_headers(headers, expected):
    assert usage_percent(headers) == expected


def test_the_regain_time_is_read_in_minutes():
    header = {
        "X-Business-Use-Case-Usage": json.dumps(
            {"1": [{"type": "pages", "estimated_time_to_regain_access": 7}]}
        )
    }
    assert regain_seconds(header) == 420
    assert regain_seconds({}) is None


def test_usage_headers_of_the_fake_rise_with_calls(fake, connector):
    for _ in range(45):
        connector.graph.get("me", {"fields": "id,name"})
    assert connector.graph.last_usage == 2.0


def test_graph_times_parse_with_an_offset_without_colon():
    assert parse_graph_time("2026-11-24T09:15:02+0000") == datetime(2026, 11, 24, 9, 15, 2, tzinfo=UTC)
    with pytest.raises(PermanentError, match="timestamp"):
        parse_graph_time("gisteren")


@pytest.mark.parametrize(
    ("value", "low", "high"),
    [("120", 120, 120), ("999999", 3600, 3600), (None, None, None), ("soon", None, None)],
)
def test_retry_after_is_read_as_seconds_and_capped(value, low, high):
    headers = {"Retry-After": value} if value else {}
    result = http.parse_retry_after(headers)
    assert result == low == high if low is None else low <= result <= high


def test_retry_after_may_be_an_http_date():
    when = datetime.now(UTC) + timedelta(seconds=90)
    assert 85 <= http.parse_retry_after({"Retry-After": format_datetime(when, usegmt=True)}) <= 90


def test_tokens_are_blanked_out_of_urls_and_messages():
    url = "https://graph.facebook.com/v25.0/1/comments?limit=25&after=QVFI&access_token=EAABsecret"
    assert "EAABsecret" not in http.strip_token(url)
    assert "after=QVFI" in http.strip_token(url)
    assert http.redact(f"failed: {url}").endswith("access_token=***")
