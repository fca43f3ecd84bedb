from django.urls import path

from . import views

app_name = "public"

urlpatterns = [
    path("<slug:slug>/", views.municipality_cases, name="municipality"),
    path("<slug:slug>/<int:pk>/", views.case_detail, name="case"),
    path("<slug:slug>/<int:pk>/granskningsrapport.pdf", views.case_report, name="report"),
    path("<slug:slug>/<int:pk>/missiv.pdf", views.case_missiv, name="missiv"),
    path("<slug:slug>/<int:pk>/bilagor/<int:attachment_pk>/", views.case_attachment, name="attachment"),
]
