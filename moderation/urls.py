from __future__ import annotations

from django.urls import path

from moderation import views, views_admin, views_departments, views_tree, views_triage

app_name = "moderation"

urlpatterns = [
    path("inbox/", views.inbox_view, name="inbox"),
    path("inbox/live/", views.inbox_poll, name="inbox_poll"),
    path("inbox/bulk/", views_triage.bulk_action, name="bulk"),
    path("inbox/weergaven/", views_triage.save_view, name="save_view"),
    path("reacties/<int:comment_id>/", views.comment_detail, name="comment"),
    path("reacties/<int:comment_id>/rij/", views.comment_row, name="comment_row"),
    path("reacties/<int:comment_id>/actie/<slug:kind>/", views.comment_act, name="act"),
    path("reacties/<int:comment_id>/waarschuwen/", views.comment_warn, name="warn"),
    path("reacties/<int:comment_id>/toewijzen/", views_triage.assign, name="assign"),
    path("reacties/<int:comment_id>/label/", views_triage.label, name="label"),
    path("reacties/<int:comment_id>/opvolgen/", views_triage.schedule_follow_up, name="follow_up"),
    path("reacties/<int:comment_id>/doorsturen/", views_triage.escalate, name="escalate"),
    path("reacties/<int:comment_id>/aanwezig/", views_triage.presence_panel, name="presence"),
    path("reacties/<int:comment_id>/klad/", views_triage.save_draft, name="draft"),
    path("reacties/<int:comment_id>/screenshot/", views_triage.attach_screenshot, name="attach_screenshot"),
    path("reacties/<int:comment_id>/dossier.zip", views_triage.dossier, name="dossier"),
    path("opvolgingen/<int:follow_up_id>/klaar/", views_triage.complete_follow_up, name="complete_follow_up"),
    path("auteurs/<int:author_id>/", views_triage.author_detail, name="author"),
    path("acties/<int:action_id>/", views.action_status, name="action_status"),
    path("acties/<int:action_id>/beslissen/", views_triage.decide_reply, name="decide_reply"),
    path("goedkeuren/", views_triage.approvals, name="approvals"),
    path("bewijs/<int:evidence_id>.png", views.evidence_image, name="evidence_image"),
    path("bewijs/<int:evidence_id>/screenshot/", views_triage.screenshot, name="screenshot"),
    path("koppelingen/", views_admin.connection_list, name="connections"),
    path("koppelingen/nieuw/", views_admin.connection_create, name="connection_create"),
    path("koppelingen/<int:connection_id>/sync/", views_admin.connection_sync, name="connection_sync"),
    path("koppelingen/<int:connection_id>/bewerken/", views_admin.connection_edit, name="connection_edit"),
    path("koppelingen/<int:connection_id>/pauzeren/", views_admin.connection_pause, name="connection_pause"),
    path("koppelingen/<int:connection_id>/hervatten/", views_admin.connection_resume, name="connection_resume"),
    path("logboek/", views_admin.audit_log, name="audit"),
    path("dienst/<str:token>/", views_departments.department_answer, name="department_answer"),
    path("diensten/", views_departments.departments, name="departments"),
    path("diensten/<int:department_id>/", views_departments.department_edit, name="department_edit"),
    path("reacties/<int:comment_id>/meldpunt/", views_departments.forward_report, name="forward_report"),
    path("reacties/<int:comment_id>/faq/", views_departments.promote_faq, name="promote_faq"),
    path("faq/", views_departments.faq_list, name="faq"),
    path("signalen/", views_departments.external_signals, name="signals"),
    path("signalen/<int:signal_id>/doorsturen/", views_departments.forward_signal, name="forward_signal"),
    path("signalen/<int:signal_id>/screenshot/", views_departments.signal_screenshot, name="signal_screenshot"),
    path("beslisboom/", views_tree.tree, name="tree"),
    path("beslisboom/stappen/<int:step_id>/", views_tree.edit_step, name="tree_step"),
    path("beslisboom/stappen/<int:step_id>/<slug:change>/", views_tree.change_step, name="tree_step_change"),
    path("beslisboom/<slug:category>/<slug:operation>/", views_tree.change_category, name="tree_category"),
    path("sjablonen/<int:template_id>/", views_tree.edit_template, name="tree_template"),
]

# Insights (issue 8), appended on its own so parallel edits above do not collide.
from moderation import views_insights  # noqa: E402

urlpatterns += [
    path("inzichten/", views_insights.insights_page, name="insights"),
    path("inzichten/export.csv", views_insights.insights_csv, name="insights_csv"),
]

# Classifier versions, retraining and rollback (issue 5), appended on its own like insights above.
from moderation import views_classifier  # noqa: E402

urlpatterns += [
    path("classificatie/", views_classifier.classifier, name="classifier"),
    path("classificatie/hertrainen/", views_classifier.retrain, name="classifier_retrain"),
    path("classificatie/versies/<int:model_id>/gebruiken/", views_classifier.activate, name="classifier_activate"),
]

# Political terms and known false claims the classifier reads (issue 5). Removal routes last: the URL/role
# matrix test walks them in this order.
from moderation import views_registers  # noqa: E402

urlpatterns += [
    path("classificatie/lijsten/", views_registers.register_list, name="registers"),
    path("classificatie/lijsten/termen/nieuw/", views_registers.term_add, name="register_term_add"),
    path("classificatie/lijsten/termen/<int:term_id>/", views_registers.term_edit, name="register_term_edit"),
    path("classificatie/lijsten/beweringen/nieuw/", views_registers.claim_add, name="register_claim_add"),
    path("classificatie/lijsten/beweringen/<int:claim_id>/", views_registers.claim_edit, name="register_claim_edit"),
    path(
        "classificatie/lijsten/beweringen/<int:claim_id>/actief/", views_registers.claim_toggle,
        name="register_claim_toggle",
    ),
    path(
        "classificatie/lijsten/termen/<int:term_id>/verwijderen/", views_registers.term_remove,
        name="register_term_remove",
    ),
    path(
        "classificatie/lijsten/beweringen/<int:claim_id>/verwijderen/", views_registers.claim_remove,
        name="register_claim_remove",
    ),
]
