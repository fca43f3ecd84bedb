from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import SimpleRouter

from . import token_views, views

router = SimpleRouter()
router.register("audits", views.AuditViewSet, basename="audit")
router.register("recommendations", views.RecommendationViewSet, basename="recommendation")
router.register("addressees", views.AddresseeViewSet, basename="addressee")
router.register("answers", views.AnswerViewSet, basename="answer")
router.register("follow-ups", views.FollowUpViewSet, basename="follow-up")
router.register("documents", views.DocumentViewSet, basename="document")
router.register("events", views.EventViewSet, basename="event")

version_1 = [
    *router.urls,
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # The page and its script are two requests, so that the Content-Security-Policy needs
    # no inline script.
    path(
        "docs/",
        SpectacularSwaggerSplitView.as_view(url_name="api:schema", template_name="api/docs.html"),
        name="docs",
    ),
]

tokens = [
    path("", token_views.token_list, name="list"),
    path("<int:pk>/revoke/", token_views.token_revoke, name="revoke"),
]

urlpatterns = [
    path("v1/", include((version_1, "api"))),
    path("tokens/", include((tokens, "tokens"))),
]
