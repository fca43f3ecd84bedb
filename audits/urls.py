from django.urls import path

from . import views

app_name = "audits"

urlpatterns = [
    path("", views.audit_list, name="list"),
    path("new/", views.audit_create, name="create"),
    path("<int:pk>/", views.audit_detail, name="detail"),
    path("<int:pk>/edit/", views.audit_edit, name="edit"),
    path("<int:pk>/report/", views.audit_report, name="report"),
    path("<int:pk>/questions/", views.question_list, name="questions"),
    path("<int:pk>/questions/add/", views.question_add, name="question_add"),
    path("<int:pk>/questions/<int:question_pk>/edit/", views.question_edit, name="question_edit"),
    path("<int:pk>/questions/<int:question_pk>/move/", views.question_move, name="question_move"),
    path("<int:pk>/questions/<int:question_pk>/delete/", views.question_delete, name="question_delete"),
    path("<int:pk>/recipients/", views.recipient_deadlines, name="recipients"),
    path("<int:pk>/recipients/<int:recipient_pk>/extension/", views.recipient_extension, name="extension"),
    path("<int:pk>/publish/", views.audit_publish, name="publish"),
]
