"""The insights page and its CSV exports: team leads and admins only, one organisation's data only."""

from __future__ import annotations

import csv
import io
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from moderation import stats
from tests.factories import CommentFactory, ConnectionFactory, PostFactory
from tests.helpers import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def counted(organisation, connection):
    """Two comments on a post of ours today, counted into the aggregates."""
    post = PostFactory(connection=connection, title="Heraanleg Marktplein")
    CommentFactory(connection=connection, post=post, text="Wanneer start de heraanleg van het marktplein?")
    CommentFactory(connection=connection, post=post, insult=True)
    stats.refresh_changed_days(organisation)
    return post


@pytest.fixture
def elsewhere(other_organisation):
    """The outsider's organisation, with a post that must never show up in ours."""
    connection = ConnectionFactory(organisation=other_organisation, name="Pagina van Elders")
    post = PostFactory(connection=connection, title="Geheim plan van Elders")
    CommentFactory(connection=connection, post=post, text="Geheime reactie van Elders")
    stats.refresh_changed_days(other_organisation)
    return connection


def csv_rows(response) -> list[list[str]]:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def test_a_lead_sees_every_chart_with_its_table_and_csv_link(lead_client, counted):
    response = lead_client.get(reverse("moderation:insights"))
    assert response.status_code == 200
    html = response.content.decode()
    for key in ("sentiment", "category", "posts", "platforms", "response", "participation", "strikes", "escalations", "topics"):
        assert f'id="insight-{key}"' in html and f'id="table-{key}"' in html and f'id="csv-{key}"' in html
    assert html.count('role="img"') == 9
    assert "Heraanleg Marktplein" in html


def test_an_admin_sees_the_page_too(admin_client_, counted):
    assert admin_client_.get(reverse("moderation:insights")).status_code == 200


@pytest.mark.parametrize("role_client", ["staff_client", "department_user"])
def test_staff_and_department_contacts_get_403(request, role_client, counted):
    client = request.getfixturevalue(role_client)
    client = client if hasattr(client, "get") else client_for(client)
    assert client.get(reverse("moderation:insights")).status_code == 403
    assert client.get(reverse("moderation:insights_csv"), {"chart": "posts"}).status_code == 403


def test_anonymous_visitors_go_to_the_login_page(client):
    response = client.get(reverse("moderation:insights"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_outsiders_data_is_never_shown(lead_client, counted, elsewhere):
    for params in ({}, {"connection": str(elsewhere.pk)}, {"period": "90", "connection": str(elsewhere.pk)}):
        html = lead_client.get(reverse("moderation:insights"), params).content.decode()
        assert "Geheim plan van Elders" not in html and "Pagina van Elders" not in html
        assert "Heraanleg Marktplein" in html  # a foreign connection id falls back to all of ours
        rows = csv_rows(lead_client.get(reverse("moderation:insights_csv"), {"chart": "posts", **params}))
        assert [row[0] for row in rows[1:]] == ["Heraanleg Marktplein"]


def test_the_outsider_sees_only_their_own_organisation(outsider_client, counted, elsewhere):
    html = outsider_client.get(reverse("moderation:insights")).content.decode()
    assert "Geheim plan van Elders" in html and "Heraanleg Marktplein" not in html


def test_the_connection_filter_narrows_every_chart(lead_client, organisation, counted):
    other = ConnectionFactory(organisation=organisation, name="Tweede pagina")
    CommentFactory(connection=other, post=PostFactory(connection=other, title="Andere post"))
    stats.refresh_days(organisation, days=[stats.local_today()])
    html = lead_client.get(reverse("moderation:insights"), {"connection": str(other.pk)}).content.decode()
    assert "Andere post" in html and "Heraanleg Marktplein" not in html
    assert f'<option value="{other.pk}" selected>' in html


def test_the_csv_download_carries_the_filters_and_defuses_formulas(lead_client, organisation, connection):
    post = PostFactory(connection=connection, title='=HYPERLINK("http://evil.example")')
    CommentFactory(connection=connection, post=post)
    stats.refresh_changed_days(organisation)
    today = stats.local_today().isoformat()
    response = lead_client.get(
        reverse("moderation:insights_csv"), {"chart": "posts", "period": "custom", "from": today, "to": today}
    )
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="posts-velderbeek-{today}-{today}.csv"'
    rows = csv_rows(response)
    assert rows[1][0] == "'=HYPERLINK(\"http://evil.example\")" and rows[1][2] == "1"


def test_the_csv_links_on_the_page_keep_the_chosen_filters(lead_client, connection, counted):
    html = lead_client.get(reverse("moderation:insights"), {"period": "7", "connection": str(connection.pk)}).content.decode()
    link = re.search(r'id="csv-sentiment" href="([^"]+)"', html).group(1).replace("&amp;", "&")
    response = lead_client.get(link)
    assert response.status_code == 200
    assert len(csv_rows(response)) == 1 + 7  # the header and one row per day of the week


def test_an_unknown_chart_is_404(lead_client):
    assert lead_client.get(reverse("moderation:insights_csv"), {"chart": "passwords"}).status_code == 404


def test_hostile_titles_are_escaped_and_nothing_inline_is_needed(lead_client, organisation, connection):
    post = PostFactory(connection=connection, title='<script>alert("x")</script>')
    CommentFactory(connection=connection, post=post, published_at=timezone.now())
    stats.refresh_changed_days(organisation)
    html = lead_client.get(reverse("moderation:insights")).content.decode()
    assert "<script>alert" not in html and "&lt;script&gt;alert" in html
    assert "style=" not in html  # the CSP allows no style attributes
    assert not re.search(r"<script(?![^>]*\bsrc=)", html)  # and no inline scripts
