from django.contrib import admin
from django.urls import include, path

from . import views

urlpatterns = [
    path("", include("overview.urls")),
    path("healthz", views.healthz, name="healthz"),
    path("readyz", views.readyz, name="readyz"),
    path("ping", views.ping, name="ping"),
    path("accounts/", include("accounts.urls")),
    path("audits/", include("audits.urls")),
    path("audits/", include("documents.urls")),
    path("recommendations/", include("recommendations.urls")),
    path("responses/", include("responses.urls")),
    path("public/", include("transparency.urls")),
    path("api/", include("api.urls")),
    path("admin/", admin.site.urls),
]
