from __future__ import annotations

from django.contrib import admin
from django.urls import include, path, re_path

from accounts.views import home
from moderation.views_health import healthz
from moderation.views_webhooks import meta_webhook

urlpatterns = [
    path("", home, name="home"),
    re_path(r"^healthz/?$", healthz, name="healthz"),  # public probe: status and checks only
    path("accounts/", include("accounts.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    re_path(r"^webhooks/meta/?$", meta_webhook, name="meta_webhook"),  # Meta calls it without a slash (1.8)
    path("", include("codeofconduct.urls")),
    path("", include("moderation.urls")),
]
