from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from committees.forms import LoginForm

from . import views

urlpatterns = [
    path("", include("overview.urls")),
    path("healthz", views.healthz, name="healthz"),
    path("readyz", views.readyz, name="readyz"),
    path("ping", views.ping, name="ping"),
    path("accounts/login/", auth_views.LoginView.as_view(authentication_form=LoginForm), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("audits/", include("audits.urls")),
    path("audits/", include("documents.urls")),
    path("recommendations/", include("recommendations.urls")),
    path("responses/", include("responses.urls")),
    path("public/", include("transparency.urls")),
    path("api/", include("api.urls")),
    path("admin/", admin.site.urls),
]
