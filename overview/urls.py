from django.urls import path

from . import views

app_name = "overview"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("annual-reports/", views.annual_reports, name="annual_reports"),
    path("annual-reports/<slug:slug>/<int:year>/", views.annual_report, name="annual_report"),
    path("annual-reports/<slug:slug>/<int:year>/render", views.annual_report_render, name="annual_report_render"),
    path("annual-reports/<slug:slug>/<int:year>.pdf", views.annual_report_pdf, name="annual_report_pdf"),
    path("annual-reports/<slug:slug>/<int:year>.xlsx", views.annual_report_xlsx_download, name="annual_report_xlsx"),
    path("calendar/", views.calendar_settings, name="calendar"),
    path("calendar/<str:token>.ics", views.calendar_feed, name="calendar_feed"),
]
