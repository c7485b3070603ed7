"""The Meta webhook endpoint (public): subscription handshake and signed deliveries (platform-apis.md 1.8).

Answers: GET 200 with the challenge, or 403. POST 413 over the size limit, 400 when the body
is not a delivery, 403 when no connection's app secret signed it (nothing is stored), else 200
at once; the changes are applied by a Celery task. Deliveries for pages we do not know get 200
and are dropped, so Meta does not retry them for 36 hours.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from moderation import webhook_events, webhooks

logger = logging.getLogger(__name__)


@csrf_exempt
@require_http_methods(["GET", "POST"])
def meta_webhook(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        verify_token = getattr(settings, "META_WEBHOOK_VERIFY_TOKEN", "") or ""
        challenge = webhook_events.handshake_answer(request.GET, verify_token=verify_token)
        if challenge is None:
            return HttpResponse(status=403)
        return HttpResponse(challenge, content_type="text/plain; charset=utf-8")
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return HttpResponse(status=400)
    if length > webhook_events.MAX_BODY_BYTES:
        return HttpResponse(status=413)
    raw = request.body  # the exact bytes Meta signed
    try:
        delivery = webhooks.do_receive_delivery(raw, signature=request.headers.get("X-Hub-Signature-256", ""))
    except webhook_events.BadDelivery:
        return HttpResponse(status=400)
    except webhooks.BadSignature:
        logger.warning("webhook delivery with a missing or wrong signature refused")
        return HttpResponse(status=403)
    if delivery is None:
        logger.info("webhook delivery for no known connection ignored")
    return HttpResponse("ok", content_type="text/plain")
