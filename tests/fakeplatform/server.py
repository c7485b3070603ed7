"""The fake Graph server: stdlib ThreadingHTTPServer on 127.0.0.1, a thread, a control API.

``FakeGraph`` is the handle tests use (``with FakeGraph() as fake: settings.GRAPH_API_URL =
fake.url``). Every Graph answer carries usage headers (1.10); a Bearer token (or, as Graph also
allows, ``access_token``) is required; faults armed with ``inject`` answer the next matching
calls. ``POST /_control/<name>`` (JSON) offers the same controls to a manual session.
"""

from __future__ import annotations

import json
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from tests.fakeplatform import facebook_routes, faults, instagram_routes, seed, webhooks
from tests.fakeplatform.render import Call, GraphFailure, Reply, error_reply, gone
from tests.fakeplatform.state import Comment, Fault, GraphState, Person, Token

VERSIONED = re.compile(r"^/(v\d+\.\d+)/(.+)$")


class FakeGraph:
    """A fake Graph API on a random loopback port, seeded deterministically from ``seed``."""

    def __init__(
        self, *, seed: int = 42, port: int = 0, version: str = "v25.0", tokens: dict[str, str] | None = None
    ):
        self.version = version
        self.port = port
        self.state = GraphState(seed)
        self._build(tokens)
        self.errors: list[str] = []  # exceptions raised inside routes (bugs of the fake)
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    def _build(self, tokens: dict[str, str] | None) -> None:
        seed.seed_world(self.state)
        for token, page_id in (tokens or {}).items():
            self.add_token(token, page_id)

    # --- lifecycle ------------------------------------------------------------------------------
    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/{self.version}"

    def start(self) -> FakeGraph:
        handler = type("BoundHandler", (Handler,), {"fake": self})
        self._server = ThreadingHTTPServer(("127.0.0.1", self.port), handler)
        self._server.daemon_threads = True
        self._server.block_on_close = False  # a handler may still sleep in a timeout fault
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(
            target=self._server.serve_forever, args=(0.05,), name="fake-graph", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> FakeGraph:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # --- the seeded world -----------------------------------------------------------------------
    page_id = seed.VELDERBEEK_PAGE_ID
    ig_account_id = seed.IG_ACCOUNT_ID
    token = seed.VELDERBEEK_TOKEN

    def posts(self, owner_id: str | None = None) -> list[str]:
        owner = owner_id or self.page_id
        return [p.id for p in self.state.posts.values() if p.owner_id == owner and not p.deleted]

    def comment(self, comment_id: str) -> Comment:
        return self.state.comments[comment_id]

    def comment_ids(self, owner_id: str | None = None, *, recent_days: int | None = None) -> set[str]:
        """Ids of live comments on ``owner_id``'s posts (default: the Velderbeek page)."""
        owner = owner_id or self.page_id
        since = self.state.now() - recent_days * 86400 if recent_days else None
        return {
            c.id
            for p in self.state.posts.values()
            if p.owner_id == owner and not p.deleted and (since is None or p.created >= since)
            for c in p.live_comments()
        }

    # --- controls (also reachable as POST /_control/<name>) ---------------------------------------
    def add_comment(
        self,
        post_id: str,
        text: str,
        *,
        author: dict[str, str] | None = None,
        parent_id: str | None = None,
        created: int | None = None,
    ) -> str:
        """Someone comments now; ``author`` {"id", "name"} or None for a comment without ``from``."""
        person = Person(author["id"], author["name"]) if author else None
        if person is not None:
            self.state.people.setdefault(person.id, person)
        return self.state.add_comment(post_id, text, author=person, parent_id=parent_id, created=created).id

    def bulk(
        self, owner_id: str | None = None, *, posts: int, comments_per_post: int, reply_every: int = 0
    ) -> list[str]:
        return seed.bulk(
            self.state,
            owner_id or self.page_id,
            posts=posts,
            comments_per_post=comments_per_post,
            reply_every=reply_every,
        )

    def inject(
        self,
        kind: str,
        path: str = "*",
        *,
        times: int = 1,
        method: str | None = None,
        skip: int = 0,
        **options: Any,
    ) -> None:
        """Answer the next ``times`` matching calls with a fault (see ``Handler.fault_reply``)."""
        if kind not in faults.KINDS:
            raise ValueError(f"unknown fault kind {kind!r}; one of {sorted(faults.KINDS)}")
        with self.state.lock:
            self.state.faults.append(Fault(kind, path, method, times, skip, options))

    def clear_faults(self) -> None:
        with self.state.lock:
            self.state.faults.clear()

    def delete(self, object_id: str) -> None:
        self.state.delete_object(object_id)

    def advance(self, seconds: int) -> int:
        return self.state.advance(seconds)

    def add_token(self, token: str, page_id: str, permissions: list[str] | None = None) -> None:
        with self.state.lock:
            self.state.tokens[token] = Token(token, page_id)
            if permissions is not None:
                self.state.tokens[token].permissions = set(permissions)

    def revoke(self, token: str, permission: str) -> None:
        with self.state.lock:
            self.state.tokens[token].permissions.discard(permission)

    def set_usage(self, percent: int | None) -> None:
        self.state.usage_override = percent

    def actions(self, action: str | None = None) -> list[dict[str, Any]]:
        with self.state.lock:
            return [dict(a) for a in self.state.actions if action is None or a["action"] == action]

    def requests(self, path: str | None = None, method: str | None = None) -> list[dict[str, Any]]:
        """Requests received, oldest first; ``path`` is an fnmatch pattern on the unversioned path."""
        import fnmatch

        with self.state.lock:
            return [
                dict(r)
                for r in self.state.requests
                if (path is None or fnmatch.fnmatch(r["path"], path))
                and (method is None or r["method"] == method)
            ]

    # --- webhooks (tests/fakeplatform/webhooks.py) -------------------------------------------------
    app_secret = webhooks.APP_SECRET
    verify_token = webhooks.VERIFY_TOKEN

    def webhook_payload(self, comment_id: str, verb: str = "add", *, time: int | None = None) -> dict[str, Any]:
        """A delivery about one comment; ``time`` (unix, default the fake clock) is the entry's time."""
        with self.state.lock:
            return webhooks.comment_delivery(self.state, comment_id, verb, time=time)

    def send_webhook(
        self,
        url: str,
        payload: dict[str, Any] | None = None,
        *,
        comment_id: str | None = None,
        verb: str = "add",
        time: int | None = None,
        times: int = 1,
        wrong_signature: bool = False,
    ) -> list[int]:
        """POST a signed delivery ``times`` times (duplicates); returns the statuses received."""
        body = webhooks.encode(payload if payload is not None else self.webhook_payload(comment_id or "", verb, time=time))
        secret = "not-the-app-secret" if wrong_signature else self.app_secret
        return [webhooks.post(url, body, secret=secret)[0] for _ in range(times)]

    def webhook_handshake(self, url: str, *, verify_token: str | None = None) -> dict[str, Any]:
        status, body, ok = webhooks.handshake(url, verify_token=verify_token or self.verify_token)
        return {"status": status, "body": body, "ok": ok}

    def reset(self, seed_value: int | None = None) -> None:
        with self.state.lock:
            self.state = GraphState(self.state.seed if seed_value is None else seed_value)
            self._build(None)

    def control(self, name: str, payload: dict[str, Any]) -> Any:
        """The JSON control API: ``POST /_control/<name>`` with ``payload`` as keyword arguments."""
        allowed = {
            "add_comment",
            "bulk",
            "inject",
            "clear_faults",
            "delete",
            "advance",
            "add_token",
            "revoke",
            "set_usage",
            "actions",
            "requests",
            "reset",
            "webhook_payload",
            "send_webhook",
            "webhook_handshake",
        }
        if name not in allowed:
            raise KeyError(name)
        return getattr(self, name)(**payload)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "FakeGraph/1.0"
    disable_nagle_algorithm = True  # headers and body go out separately: avoid 40 ms delayed-ACK stalls
    fake: FakeGraph

    def log_message(self, format: str, *args: Any) -> None:  # quiet: tests read fake.requests()
        pass

    def do_GET(self) -> None:
        self.handle_call("GET")

    def do_POST(self) -> None:
        self.handle_call("POST")

    def do_DELETE(self) -> None:
        self.handle_call("DELETE")

    def handle_call(self, method: str) -> None:
        url = urlsplit(self.path)
        query = dict(parse_qsl(url.query, keep_blank_values=True))
        raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        params, body = dict(query), None
        if raw and "json" in (self.headers.get("Content-Type") or ""):
            try:
                body = json.loads(raw)
            except ValueError:
                body = None
        elif raw:
            params.update(parse_qsl(raw.decode("utf-8"), keep_blank_values=True))
        if url.path.startswith("/_control/"):
            self.write(self.control(url.path.removeprefix("/_control/"), body or {}), None)
            return
        match = VERSIONED.match(url.path)
        if match is None:
            self.write(Reply(status=404, raw=b"Not found", content_type="text/plain"), None)
            return
        path = match.group(2).strip("/")
        header = self.headers.get("Authorization") or ""
        token = header[7:] if header.startswith("Bearer ") else params.get("access_token")
        auth = None
        if header.startswith("Bearer "):
            auth = "bearer"
        elif "access_token" in query:
            auth = "query"
        elif "access_token" in params:
            auth = "form"
        state = self.fake.state
        with state.lock:
            state.requests.append(
                {
                    "method": method,
                    "path": path,
                    "query": query,
                    "form": params if raw and body is None else {},
                    "json": body,
                    "auth": auth,
                }
            )
            state.calls_by_token[token or ""] = state.calls_by_token.get(token or "", 0) + 1
        fault = state.take_fault(method, path)
        reply = faults.fault_reply(fault, path, self.fake.state) if fault else None
        if fault is not None and fault.kind == "reset":
            self.close_connection = True  # no answer at all: the client sees a dropped connection
            return
        if reply is None:
            reply = self.graph(method, match.group(1), path, params, body, token or "")
        self.write(reply, state.tokens.get(token or ""))

    def graph(
        self, method: str, version: str, path: str, params: dict[str, str], body: Any, token_value: str
    ) -> Reply:
        state = self.fake.state
        if not token_value:
            return error_reply("error_missing_token")
        with state.lock:
            token = state.tokens.get(token_value)
            if token is None:
                return error_reply("error_invalid_token")
            base_url = f"http://127.0.0.1:{self.fake.port}/{version}"
            call = Call(method, path, path.split("/"), params, body, token, base_url, state)
            try:
                for routes in (facebook_routes, instagram_routes):
                    reply = routes.handle(call)
                    if reply is not None:
                        return reply
                raise gone(call.segments[0])
            except GraphFailure as failure:
                return failure.reply
            except Exception as exc:  # a bug in the fake: answer, and keep it for the test to see
                self.fake.errors.append(f"{method} {path}: {exc!r}")
                return Reply(status=500, body={"error": {"message": f"fake server bug: {exc!r}", "code": 1}})

    def control(self, name: str, payload: dict[str, Any]) -> Reply:
        try:
            result = self.fake.control(name, payload)
        except (KeyError, TypeError, ValueError) as exc:
            return Reply(status=400, body={"error": f"{exc.__class__.__name__}: {exc}"})
        return Reply(body={"result": result})

    def write(self, reply: Reply, token: Token | None) -> None:
        # Graph escapes non-ASCII as \uXXXX in its JSON, as json.dumps does by default.
        payload = reply.raw if reply.raw is not None else json.dumps(reply.body).encode("ascii")
        try:
            self.send_response(reply.status)
            self.send_header("Content-Type", reply.content_type)
            self.send_header("Content-Length", str(len(payload)))
            if token is not None:
                for name, value in faults.usage_headers(self.fake.state, token).items():
                    if name not in reply.headers:
                        self.send_header(name, value)
            for name, value in reply.headers.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(payload)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True  # the client gave up (a timeout fault)
