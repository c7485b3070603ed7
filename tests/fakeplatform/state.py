"""In-memory world of the fake Graph server: pages, posts, comments, Instagram media, tokens.

Everything is guarded by one re-entrant lock (``GraphState.lock``); request handlers hold it
while reading or changing state. Times are integer Unix seconds on a fake clock that runs with
the real one plus an offset (``advance``), so the 7-day private-reply rule can be tested.
"""

from __future__ import annotations

import bisect
import fnmatch
import random
import string
import threading
import time
from dataclasses import dataclass, field
from typing import Any

FB_PAGE_PERMISSIONS = frozenset(
    {
        "pages_show_list",
        "pages_read_engagement",
        "pages_read_user_content",
        "pages_manage_engagement",
        "pages_manage_metadata",
        "pages_messaging",
        "instagram_basic",
        "instagram_manage_comments",
        "instagram_manage_messages",
    }
)


def graph_time(ts: int) -> str:
    """Graph timestamp format: ISO 8601 with an offset without colon (platform-apis.md table)."""
    return time.strftime("%Y-%m-%dT%H:%M:%S+0000", time.gmtime(ts))


@dataclass
class Token:
    value: str
    page_id: str
    permissions: set[str] = field(default_factory=lambda: set(FB_PAGE_PERMISSIONS))


@dataclass
class Person:
    id: str
    name: str


@dataclass
class Page:
    id: str
    name: str
    ig_account_id: str | None = None
    blocked: dict[str, str] = field(default_factory=dict)
    subscribed_fields: list[str] = field(default_factory=list)


@dataclass
class IgAccount:
    id: str
    username: str
    page_id: str


@dataclass
class Comment:
    """A Facebook comment or an Instagram comment (``platform`` says which)."""

    platform: str
    id: str
    parent_object: str  # the post or media id
    text: str
    created: int
    seq: int
    author: Person | None
    parent_id: str | None = None
    hidden: bool = False
    deleted: bool = False
    liked: bool = False
    private_replied: bool = False

    @property
    def key(self) -> tuple[int, int]:
        return (self.created, self.seq)


@dataclass
class Post:
    """A Facebook page post or an Instagram media."""

    platform: str
    id: str
    owner_id: str  # page id or IG account id
    text: str
    created: int
    seq: int
    updated: int = 0
    permalink: str = ""
    media_type: str = "IMAGE"
    comment_enabled: bool = True
    deleted: bool = False
    comments: list[Comment] = field(default_factory=list)

    @property
    def key(self) -> tuple[int, int]:
        return (self.created, self.seq)

    def live_comments(self) -> list[Comment]:
        return [c for c in self.comments if not c.deleted]


@dataclass
class Fault:
    """Answer the next ``times`` calls matching ``method`` and ``path`` (fnmatch) with ``kind``.

    ``skip`` lets that many matching calls through first ("fail mid-way").
    """

    kind: str
    path: str = "*"
    method: str | None = None
    times: int = 1
    skip: int = 0
    options: dict[str, Any] = field(default_factory=dict)

    def matches(self, method: str, path: str) -> bool:
        return (self.method is None or self.method.upper() == method) and fnmatch.fnmatch(path, self.path)


class GraphState:
    def __init__(self, seed: int = 42) -> None:
        self.lock = threading.RLock()
        self.seed = seed
        self.rng = random.Random(seed)
        self.clock_offset = 0
        self.pages: dict[str, Page] = {}
        self.ig_accounts: dict[str, IgAccount] = {}
        self.posts: dict[str, Post] = {}
        self.comments: dict[str, Comment] = {}
        self.people: dict[str, Person] = {}
        self.tokens: dict[str, Token] = {}
        self.faults: list[Fault] = []
        self.actions: list[dict[str, Any]] = []
        self.requests: list[dict[str, Any]] = []
        self.usage_override: int | None = None
        self.calls_by_token: dict[str, int] = {}
        self._ids: set[str] = set()
        self._seq = 0

    # --- clock and ids --------------------------------------------------------------------------
    def now(self) -> int:
        return int(time.time()) + self.clock_offset

    def advance(self, seconds: int) -> int:
        with self.lock:
            self.clock_offset += int(seconds)
            return self.now()

    def next_seq(self) -> int:
        self._seq += 1
        return self._seq

    def new_id(self, digits: int, prefix: str = "") -> str:
        while True:
            value = prefix + "".join(self.rng.choice(string.digits) for _ in range(digits - len(prefix)))
            if value[0] != "0" and value not in self._ids:
                self._ids.add(value)
                return value

    def message_id(self) -> str:
        alphabet = string.ascii_letters + string.digits + "_-"
        return "m_" + "".join(self.rng.choice(alphabet) for _ in range(27))

    # --- building the world ---------------------------------------------------------------------
    def add_page(self, page_id: str, name: str, token: str) -> Page:
        self._ids.add(page_id)
        page = self.pages[page_id] = Page(id=page_id, name=name)
        self.tokens[token] = Token(value=token, page_id=page_id)
        return page

    def add_ig_account(self, account_id: str, username: str, page_id: str) -> IgAccount:
        self._ids.add(account_id)
        account = self.ig_accounts[account_id] = IgAccount(id=account_id, username=username, page_id=page_id)
        self.pages[page_id].ig_account_id = account_id
        return account

    def person(self, name: str, person_id: str | None = None) -> Person:
        person = Person(id=person_id or self.new_id(16), name=name)
        self._ids.add(person.id)
        self.people[person.id] = person
        return person

    def add_post(
        self, owner_id: str, text: str, *, created: int | None = None, post_id: str | None = None
    ) -> Post:
        """A page post (owner is a page) or an Instagram media (owner is an IG account)."""
        with self.lock:
            created = self.now() if created is None else created
            if owner_id in self.ig_accounts:
                remote_id = post_id or self.new_id(17, "18")
                permalink = f"https://www.instagram.com/p/{self.rng.getrandbits(40):x}/"
                post = Post(
                    "instagram", remote_id, owner_id, text, created, self.next_seq(), created, permalink
                )
            else:
                remote_id = post_id or f"{owner_id}_{self.new_id(18, '122')}"
                permalink = f"https://www.facebook.com/{owner_id}/posts/{remote_id.split('_')[1]}"
                post = Post(
                    "facebook", remote_id, owner_id, text, created, self.next_seq(), created, permalink
                )
            self._ids.add(remote_id)
            self.posts[remote_id] = post
            return post

    def add_comment(
        self,
        post_id: str,
        text: str,
        *,
        author: Person | None,
        parent_id: str | None = None,
        created: int | None = None,
        comment_id: str | None = None,
    ) -> Comment:
        """Someone comments now (or at ``created``); Instagram replies to replies go to the top level."""
        with self.lock:
            post = self.posts[post_id]
            created = self.now() if created is None else created
            if post.platform == "instagram":
                if parent_id and self.comments[parent_id].parent_id:
                    parent_id = self.comments[parent_id].parent_id  # 2.3: attached to the top level
                remote_id = comment_id or self.new_id(17, "178")
            else:
                remote_id = comment_id or f"{post_id.split('_')[1]}_{self.new_id(16)}"
            self._ids.add(remote_id)
            comment = Comment(
                post.platform, remote_id, post_id, text, created, self.next_seq(), author, parent_id
            )
            if post.comments and comment.key < post.comments[-1].key:
                bisect.insort(post.comments, comment, key=lambda c: c.key)
            else:
                post.comments.append(comment)
            post.updated = max(post.updated, created)  # 1.4: updated_time moves with each comment
            self.comments[remote_id] = comment
            return comment

    def delete_object(self, object_id: str) -> None:
        """The author removes a comment (with its replies) or the page removes a post."""
        with self.lock:
            if object_id in self.posts:
                self.posts[object_id].deleted = True
                return
            comment = self.comments[object_id]
            comment.deleted = True
            for other in self.posts[comment.parent_object].comments:
                if other.parent_id == object_id:
                    other.deleted = True

    def live_comment(self, comment_id: str) -> Comment | None:
        comment = self.comments.get(comment_id)
        if comment is None or comment.deleted or self.posts[comment.parent_object].deleted:
            return None
        return comment

    def live_post(self, post_id: str) -> Post | None:
        post = self.posts.get(post_id)
        return None if post is None or post.deleted else post

    def record_action(self, action: str, object_id: str, **details: Any) -> None:
        self.actions.append({"action": action, "object": object_id, "at": self.now(), **details})

    # --- faults ---------------------------------------------------------------------------------
    def take_fault(self, method: str, path: str) -> Fault | None:
        """The first armed fault matching this call, consuming one of its uses."""
        with self.lock:
            for fault in self.faults:
                if fault.times <= 0 or not fault.matches(method, path):
                    continue
                if fault.skip > 0:
                    fault.skip -= 1
                    continue
                fault.times -= 1
                return fault
            return None

    def usage_percent(self, token: str | None) -> int:
        """Rising usage: one percent per 20 calls with this token, unless set by the test."""
        if self.usage_override is not None:
            return self.usage_override
        return min(100, self.calls_by_token.get(token or "", 0) // 20)
