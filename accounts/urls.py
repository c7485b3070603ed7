from __future__ import annotations

from django.urls import path
from django.views.generic import TemplateView

from accounts import views, views_twofactor

app_name = "accounts"

urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("login/code/", views_twofactor.two_factor_verify, name="two_factor"),
    path("tweestapslogin/", views_twofactor.two_factor_setup, name="two_factor_setup"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("organisatie/", views.switch_organisation, name="switch_organisation"),
    path("instellingen/", views.organisation_settings, name="settings"),
    path("welkom/", TemplateView.as_view(template_name="accounts/no_access.html"), name="no_access"),
]
