from __future__ import annotations

from django.urls import path

from codeofconduct import views, views_manage, views_register

app_name = "codeofconduct"

urlpatterns = [
    # Public, no login
    path("gedragscode/<slug:slug>/", views.public_code, name="public"),
    path("gedragscode/<slug:slug>/v<int:version>/", views.public_version, name="public_version"),
    path("gedragscode/<slug:slug>/wijzigingen/", views.public_diff, name="public_diff"),
    path("gc/<slug:slug>/", views.short_link, name="short"),
    # Admins: the code's versions
    path("beheer/gedragscode/", views_manage.manage, name="manage"),
    path("beheer/gedragscode/herziening/", views_manage.review_settings, name="review_settings"),
    path("beheer/gedragscode/<int:code_id>/", views_manage.code_detail, name="code"),
    path("beheer/gedragscode/<int:code_id>/voorbeeld/", views_manage.code_preview, name="code_preview"),
    path("beheer/gedragscode/<int:code_id>/nieuwe-versie/", views_manage.new_draft, name="new_draft"),
    path("beheer/gedragscode/<int:code_id>/goedkeuren/", views_manage.code_approve, name="approve"),
    path("beheer/gedragscode/<int:code_id>/publiceren/", views_manage.code_publish, name="publish"),
    path("beheer/gedragscode/<int:code_id>/verwijderen/", views_manage.code_delete, name="delete_draft"),
    path("beheer/gedragscode/<int:code_id>/artikels/nieuw/", views_manage.article_edit, name="article_new"),
    path(
        "beheer/gedragscode/<int:code_id>/artikels/<int:article_id>/",
        views_manage.article_edit,
        name="article",
    ),
    path(
        "beheer/gedragscode/<int:code_id>/artikels/<int:article_id>/verwijderen/",
        views_manage.article_delete,
        name="article_delete",
    ),
    # Team leads: the three-strike register
    path("strikes/", views_register.strike_register, name="strikes"),
    path("strikes/export.csv", views_register.strikes_csv, name="strikes_csv"),
    path("strikes/voorstellen/<int:proposal_id>/", views_register.decide_block, name="decide_block"),
    path("strikes/<int:strike_id>/intrekken/", views_register.strike_revoke, name="revoke"),
    path("strikes/<int:strike_id>/beroep/", views_register.appeal_record, name="appeal"),
    path("strikes/beroepen/<int:appeal_id>/", views_register.appeal_decide, name="decide_appeal"),
    path("strikes/auteurs/<int:author_id>/", views_register.author_detail, name="author"),
    path("strikes/auteurs/<int:author_id>/koppelen/", views_register.author_link, name="link"),
    path("strikes/auteurs/<int:author_id>/ontkoppelen/", views_register.author_unlink, name="unlink"),
    path("strikes/auteurs/<int:author_id>/notities/", views_register.author_notes, name="notes"),
    path("strikes/auteurs/<int:author_id>/export.json", views_register.author_export, name="author_export"),
    path("strikes/auteurs/<int:author_id>/wissen/", views_register.author_erase, name="author_erase"),
]
