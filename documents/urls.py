from django.urls import path

from . import views

app_name = "documents"

# Under /audits/<pk>/, beside the case's own pages.
urlpatterns = [
    path("<int:pk>/history/", views.audit_history, name="history"),
    path("<int:pk>/missiv.pdf", views.missiv_pdf, name="missiv_pdf"),
    path("<int:pk>/council-report.pdf", views.council_report_pdf, name="council_report_pdf"),
    path("<int:pk>/documents/<str:kind>/render", views.render_document, name="render_document"),
]
