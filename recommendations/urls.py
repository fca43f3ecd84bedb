from django.urls import path

from . import views

app_name = "recommendations"

urlpatterns = [
    path("", views.recommendation_list, name="list"),
    path("audit/<int:audit_pk>/new/", views.recommendation_create, name="create"),
    path("audit/<int:audit_pk>/follow-up/", views.follow_up_matrix, name="follow_up_matrix"),
    path("<int:pk>/edit/", views.recommendation_edit, name="edit"),
    path("<int:pk>/delete/", views.recommendation_delete, name="delete"),
    path("<int:pk>/move/", views.recommendation_move, name="move"),
    path("follow-up/<int:addressee_pk>/", views.follow_up, name="follow_up"),
]
