from __future__ import annotations

from django.urls import path

from moderation import views, views_admin

app_name = "moderation"

urlpatterns = [
    path("inbox/", views.inbox_view, name="inbox"),
    path("inbox/live/", views.inbox_poll, name="inbox_poll"),
    path("reacties/<int:comment_id>/", views.comment_detail, name="comment"),
    path("reacties/<int:comment_id>/rij/", views.comment_row, name="comment_row"),
    path("reacties/<int:comment_id>/actie/<slug:kind>/", views.comment_act, name="act"),
    path("reacties/<int:comment_id>/waarschuwen/", views.comment_warn, name="warn"),
    path("acties/<int:action_id>/", views.action_status, name="action_status"),
    path("bewijs/<int:evidence_id>.png", views.evidence_image, name="evidence_image"),
    path("koppelingen/", views_admin.connection_list, name="connections"),
    path("koppelingen/<int:connection_id>/sync/", views_admin.connection_sync, name="connection_sync"),
    path("logboek/", views_admin.audit_log, name="audit"),
]
