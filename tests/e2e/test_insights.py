"""Journey of issue 8: a team lead opens the insights page, narrows the period and downloads a CSV."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from moderation import stats
from tests.factories import CommentFactory, PostFactory
from tests.helpers import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_lead_opens_the_insights_page_and_downloads_a_csv(new_page, live_server, organisation, connection, lead):
    post = PostFactory(connection=connection, title="Heraanleg Marktplein")
    CommentFactory.create_batch(3, connection=connection, post=post, sentiment="negative", category="criticism")
    stats.refresh_changed_days(organisation)
    page = new_page(accept_downloads=True)
    problems: list[str] = []
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    log_in(page, live_server, lead.username)

    page.locator("#nav-insights").click()
    expect(page).to_have_url(f"{live_server.url}/inzichten/")
    expect(page.locator("#insight-sentiment svg[role=img]")).to_be_visible()
    page.locator("#insight-posts summary").click()
    expect(page.locator("#table-posts")).to_contain_text("Heraanleg Marktplein")

    page.locator("#f-period").select_option("7")
    page.locator("#insights-apply").click()
    expect(page).to_have_url(re.compile(r"period=7"))
    with page.expect_download() as download_info:
        page.locator("#csv-posts").click()
    download = download_info.value
    assert download.suggested_filename.startswith("posts-velderbeek-")
    rows = list(csv.reader(io.StringIO(Path(download.path()).read_text("utf-8-sig"))))
    assert rows[1][0] == "Heraanleg Marktplein" and rows[1][2] == "3"
    assert not [text for text in problems if "Content Security Policy" in text]
