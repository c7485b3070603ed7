"""The hostile corpus, pushed through the real sync (store_page) into a municipality's inbox."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from moderation.models import Comment
from moderation.platforms.base import FetchResult, RemoteComment, RemotePost
from moderation.sync import SyncReport, store_page
from tests.hostile.corpus import CASES, PWN

POST_ID = "hostile_post"


def hostile_page() -> FetchResult:
    """One platform page: a hostile post, one comment per case, and a reply in a thread."""
    now = timezone.now()
    post = RemotePost(
        remote_id=POST_ID,
        title=f'<img src=x onerror="{PWN}">Wegenwerken {{{{7*7}}}}',
        message=f"<script>{PWN}</script>\u202eerkeerd",
        published_at=now - timedelta(days=1),
        permalink=f"javascript:{PWN}",
    )
    comments = [
        RemoteComment(
            remote_id=f"c-{case.name}",
            post_remote_id=POST_ID,
            author_remote_id=f"a-{case.name}",
            author_name=case.author or f"Burger {case.name}",
            text=case.text,  # type: ignore[arg-type]  (bytes: what a broken platform response may give)
            published_at=now - timedelta(minutes=index + 1),
            permalink=f" javascript:{PWN}"
            if "javascript" in case.name
            else f"https://www.facebook.com/p/1?c={case.name}",
        )
        for index, case in enumerate(CASES)
    ]
    reply = RemoteComment(
        remote_id="c-reply",
        post_remote_id=POST_ID,
        author_remote_id="a-script_tag",
        author_name=f"<script>{PWN}</script>",
        text=f"<img src=x onerror={PWN}> antwoord",
        published_at=now,
        parent_remote_id="c-script_tag",
    )
    return FetchResult(posts=[post], comments=[*comments, reply], cursor={"hostile": 1})


def push_through_sync(connection) -> dict[str, Comment]:
    """Store the page as a sync would; returns the comments by case name."""
    store_page(connection, hostile_page(), SyncReport())
    stored = {c.remote_id: c for c in Comment.objects.filter(connection=connection).select_related("author")}
    return {case.name: stored[f"c-{case.name}"] for case in CASES} | {"reply": stored["c-reply"]}
