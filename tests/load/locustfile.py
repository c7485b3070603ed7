"""Staff triaging the inbox: read the list, open a comment, act on it (run by tests/load/run.py).

Each simulated user is one staff member, logged in through a session cookie that run.py made
(``LOAD_SESSIONS``: a JSON list of session keys). Actions are posted as htmx does. A refusal
("a colleague already handled this") is an ordinary 200 answer, not an error; any other status,
a server error or a redirect to the login page is.
"""

from __future__ import annotations

import json
import os
import random
import re
from itertools import count

from locust import HttpUser, between, task

SESSIONS = json.loads(open(os.environ["LOAD_SESSIONS"]).read())  # noqa: SIM115 - read once at start
COMMENT_LINK = re.compile(r"/reacties/(\d+)/")
_next_session = count()
# Seconds between clicks (min,max): 1,3 by default, a stress pace; people reading comments take longer.
THINK = tuple(float(part) for part in os.environ.get("LOAD_THINK", "1,3").split(",", 1))


def _why(response) -> str:
    """The status, or for status 0 the connection error behind it (refused, reset, timed out)."""
    if response.status_code == 0:
        return f"status 0: {type(response.error).__name__}: {str(response.error)[:120]}"
    return f"status {response.status_code}"


class Moderator(HttpUser):
    wait_time = between(*THINK)  # reading and thinking between clicks

    def on_start(self) -> None:
        session_key = SESSIONS[next(_next_session) % len(SESSIONS)]
        self.client.cookies.set("sessionid", session_key, domain="127.0.0.1", path="/")
        self.comment_ids: list[int] = []
        self.open_inbox()

    def checked_get(self, url: str, name: str):
        with self.client.get(url, name=name, catch_response=True, allow_redirects=False) as response:
            if response.status_code != 200:
                response.failure(_why(response))
            return response

    @task(5)
    def open_inbox(self) -> None:
        response = self.checked_get("/inbox/", "inbox")
        if response.status_code == 200:
            self.comment_ids = [int(pk) for pk in dict.fromkeys(COMMENT_LINK.findall(response.text))] or self.comment_ids

    @task(2)
    def filter_inbox(self) -> None:
        self.checked_get(f"/inbox/?category={random.choice(['insult', 'question', 'criticism'])}", "inbox (filtered)")

    @task(2)
    def open_comment(self) -> None:
        if self.comment_ids:
            self.checked_get(f"/reacties/{random.choice(self.comment_ids)}/", "comment")

    @task(3)
    def mark_handled(self) -> None:
        if not self.comment_ids:
            return
        comment_id = self.comment_ids.pop(0)
        self.act(comment_id, "mark_handled", "action: mark handled")

    @task(1)
    def hide(self) -> None:
        if self.comment_ids:
            self.act(random.choice(self.comment_ids), "hide", "action: hide", reason="belastend")

    def act(self, comment_id: int, kind: str, name: str, **fields: str) -> None:
        token = self.client.cookies.get("csrftoken", "")
        with self.client.post(
            f"/reacties/{comment_id}/actie/{kind}/",
            data=fields,
            headers={"X-CSRFToken": token, "HX-Request": "true", "HX-Target": f"comment-{comment_id}",
                     "Referer": f"{self.host}/inbox/"},
            name=name,
            catch_response=True,
            allow_redirects=False,
        ) as response:
            if response.status_code != 200:
                response.failure(_why(response))
