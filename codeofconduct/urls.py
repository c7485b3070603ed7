from __future__ import annotations

from django.urls import path

from codeofconduct import views

app_name = "codeofconduct"

urlpatterns = [
    path("gedragscode/<slug:slug>/", views.public_code, name="public"),
    path("strikes/", views.strike_register, name="strikes"),
    path("strikes/voorstellen/<int:proposal_id>/", views.decide_block, name="decide_block"),
]
