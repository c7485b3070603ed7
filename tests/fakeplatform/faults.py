"""Faults the fake Graph server can be told to answer with, and its usage headers (1.9, 1.10, 6b).

Kinds: ``expired_token`` (190/463), ``invalid_token`` (190), ``permission`` (200), ``gone``
(100/33), ``server_error`` (500, code 2), ``rate_limit`` (80001, or ``code``/``platform``
instagram for 80002, with ``estimated_time_to_regain_access`` = ``minutes``), ``error`` (any
``code``/``subcode``/``status``/``message``), ``timeout`` (sleep ``seconds``, then answer),
``reset`` (drop the connection), ``malformed_json``, ``html_502``, ``empty_200``, ``raw`` (any
``status``/``body``/``headers``) and ``deleted`` (the addressed object vanishes first).
"""

from __future__ import annotations

import json
import time

from tests.fakeplatform import seed
from tests.fakeplatform.render import Reply, error_reply
from tests.fakeplatform.state import Fault, GraphState, Token

HTML_502 = b"<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>"
ERROR_FAULTS = {  # kind -> (fixture platform, fixture name, HTTP status)
    "expired_token": ("facebook", "error_expired_token", 400),
    "invalid_token": ("facebook", "error_invalid_token", 400),
    "permission": ("facebook", "error_permission", 403),
    "server_error": ("facebook", "error_service_unavailable", 500),
    "gone": ("facebook", "error_gone", 400),
}
KINDS = {
    *ERROR_FAULTS,
    "rate_limit",
    "error",
    "timeout",
    "reset",
    "malformed_json",
    "html_502",
    "empty_200",
    "raw",
    "deleted",
}


def fault_reply(fault: Fault, path: str, state: GraphState) -> Reply | None:
    """The answer for an armed fault, or None to go on and answer normally (after its side effect)."""
    options = fault.options
    if fault.kind == "timeout":
        time.sleep(float(options.get("seconds", 1.0)))  # longer than the client's read timeout
        return None
    if fault.kind == "deleted":  # the object vanishes between list and action
        target = path.split("/")[0]
        if target in state.comments or target in state.posts:
            state.delete_object(target)
        return None
    if fault.kind == "malformed_json":
        return Reply(
            raw=b'{"data": [{"id": "122131676912594941_12135900', status=int(options.get("status", 200))
        )
    if fault.kind == "html_502":
        return Reply(status=502, raw=HTML_502, content_type="text/html; charset=utf-8")
    if fault.kind == "empty_200":
        return Reply(status=200, raw=b"")
    if fault.kind == "rate_limit":
        platform = options.get("platform", "facebook")
        minutes = int(options.get("minutes", 5))
        reply = error_reply(
            "error_rate_limit",
            platform=platform,
            status=int(options.get("status", 400)),
            code=options.get("code"),
        )
        owner = seed.IG_ACCOUNT_ID if platform == "instagram" else seed.VELDERBEEK_PAGE_ID
        usage = {
            "type": "instagram" if platform == "instagram" else "pages",
            "call_count": 100,
            "total_cputime": 40,
            "total_time": 60,
            "estimated_time_to_regain_access": minutes,
        }
        reply.headers["X-Business-Use-Case-Usage"] = json.dumps({owner: [usage]})
        return reply
    if fault.kind in ERROR_FAULTS:
        platform, name, status = ERROR_FAULTS[fault.kind]
        return error_reply(
            name,
            platform=options.get("platform", platform),
            status=int(options.get("status", status)),
            message=options.get("message"),
            code=options.get("code"),
            error_subcode=options.get("subcode"),
        )
    if fault.kind == "error":  # any Graph error: code, subcode, status, message
        error = {
            "message": options.get("message", f"(#{options.get('code', 1)}) An error occurred"),
            "type": options.get("type", "OAuthException"),
            "code": int(options.get("code", 1)),
        }
        if options.get("subcode") is not None:
            error["error_subcode"] = int(options["subcode"])
        return Reply(status=int(options.get("status", 400)), body={"error": error})
    if fault.kind == "raw":  # any status, body and headers, e.g. a bare 429 with Retry-After
        return Reply(
            status=int(options.get("status", 200)),
            raw=str(options.get("body", "")).encode(),
            headers=dict(options.get("headers", {})),
            content_type=str(options.get("content_type", "text/plain")),
        )
    if fault.kind == "reset":
        return None
    raise ValueError(f"unknown fault kind {fault.kind!r}")


def usage_headers(state: GraphState, token: Token) -> dict[str, str]:
    """``X-App-Usage`` and ``X-Business-Use-Case-Usage`` with rising percentages (1.10)."""
    percent = state.usage_percent(token.value)
    entry = {"call_count": percent, "total_cputime": percent // 2, "total_time": percent // 2}
    buc = {token.page_id: [{"type": "pages", **entry, "estimated_time_to_regain_access": 0}]}
    account = state.pages[token.page_id].ig_account_id if token.page_id in state.pages else None
    if account:
        buc[account] = [{"type": "instagram", **entry, "estimated_time_to_regain_access": 0}]
    return {"X-App-Usage": json.dumps(entry), "X-Business-Use-Case-Usage": json.dumps(buc)}
