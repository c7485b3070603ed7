"""Chromium on pages full of hostile comments: nothing runs, nothing is blocked by our policy, the layout holds."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from moderation.models import Comment
from tests.factories import CommentFactory
from tests.helpers import log_in
from tests.hostile.feed import push_through_sync

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WATCH = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__cspViolations.push(e.violatedDirective + " " + e.blockedURI);
});
"""
WIDEST = """() => {
  const limit = window.innerWidth + 1;
  const wide = [...document.querySelectorAll("body *")]
    .filter((el) => el.getBoundingClientRect().right > limit && getComputedStyle(el).position !== "fixed")
    .filter((el) => !el.closest("details:not([open])"));
  return {scroll: document.documentElement.scrollWidth, inner: window.innerWidth,
          wide: wide.slice(0, 5).map((el) => el.tagName + "." + el.className)};
}"""


class Watcher:
    """Collects dialogs, page errors, console errors and requests to other hosts."""

    def __init__(self, page, live_server) -> None:
        self.page, self.origin = page, live_server.url
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.foreign: list[str] = []
        page.add_init_script(WATCH)
        page.on("dialog", self._dialog)
        page.on("pageerror", lambda error: self.errors.append(f"pageerror: {error}"))
        page.on("console", lambda msg: self.errors.append(msg.text) if msg.type == "error" else None)
        page.on("request", self._request)

    def _dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def _request(self, request) -> None:
        if not request.url.startswith((self.origin, "data:")):
            self.foreign.append(request.url)

    def assert_clean(self, where: str) -> None:
        page = self.page
        page.mouse.move(5, 5)
        page.mouse.move(page.viewport_size["width"] // 2, page.viewport_size["height"] // 2)  # hover handlers
        assert page.evaluate("typeof window.__pwned") == "undefined", where
        assert self.dialogs == [], where
        assert page.evaluate("window.__cspViolations") == [], where
        assert [e for e in self.errors if "Content Security Policy" in e or "Refused" in e] == [], where
        assert [e for e in self.errors if e.startswith("pageerror")] == [], where
        assert self.foreign == [], where
        layout = page.evaluate(WIDEST)
        assert layout["scroll"] <= layout["inner"] + 1, f"{where}: {layout}"


def open_all_details(page) -> None:
    """Harmful texts sit behind a click: open them, so hostile markup is really on screen."""
    page.evaluate("() => document.querySelectorAll('details').forEach((d) => { d.open = true; })")


@pytest.mark.parametrize(
    "viewport", [{"width": 1280, "height": 900}, {"width": 390, "height": 844}], ids=["desktop", "phone"]
)
def test_the_inbox_full_of_hostile_comments_stays_inert(new_page, live_server, connection, staff, viewport):
    CommentFactory(connection=connection, text="Een gewone vraag: wanneer is het containerpark open?")
    page = new_page(viewport=viewport)
    watch = Watcher(page, live_server)
    log_in(page, live_server, staff.username)
    expect(page.locator(".comment-row")).to_have_count(1)

    push_through_sync(connection)  # they arrive while the inbox is open: the live poll swaps them in
    expect(page.locator(".comment-row")).to_have_count(Comment.objects.count(), timeout=20_000)
    open_all_details(page)
    watch.assert_clean("inbox after the live poll")

    page.reload()
    open_all_details(page)
    expect(page.locator(".comment-row").first).to_be_visible()
    watch.assert_clean("inbox reloaded")


def test_every_hostile_comment_page_stays_inert(new_page, live_server, connection, staff):
    comments = push_through_sync(connection)
    page = new_page(viewport={"width": 1280, "height": 900})
    watch = Watcher(page, live_server)
    log_in(page, live_server, staff.username)
    for name, comment in comments.items():
        page.goto(f"{live_server.url}/reacties/{comment.pk}/")
        expect(page.locator("#comment-panel")).to_be_visible()
        open_all_details(page)
        watch.assert_clean(f"comment page {name}")
        page.goto(f"{live_server.url}/auteurs/{comment.author_id}/")
        watch.assert_clean(f"author page {name}")


def test_the_widest_comment_fits_a_phone(new_page, live_server, connection, staff):
    comments = push_through_sync(connection)
    page = new_page(viewport={"width": 390, "height": 844})
    watch = Watcher(page, live_server)
    log_in(page, live_server, staff.username)
    for name in ("one_megabyte_word", "long_author_name", "emoji_sequences", "bidi_override"):
        page.goto(f"{live_server.url}/reacties/{comments[name].pk}/")
        open_all_details(page)
        watch.assert_clean(f"phone comment page {name}")
