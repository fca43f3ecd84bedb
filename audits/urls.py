from django.urls import path

from . import document_views, views

app_name = "audits"

urlpatterns = [
    path("", views.audit_list, name="list"),
    path("<int:pk>/", views.audit_detail, name="detail"),
    path("<int:pk>/missiv.pdf", document_views.missiv_pdf, name="missiv_pdf"),
    path("<int:pk>/council-report.pdf", document_views.council_report_pdf, name="council_report_pdf"),
    path("<int:pk>/documents/<str:kind>/render", document_views.render_document, name="render_document"),
]
