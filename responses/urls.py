from django.urls import path

from . import views

app_name = "responses"

urlpatterns = [
    path("", views.response_list, name="list"),
    path("start/<int:recipient_pk>/", views.response_start, name="start"),
    path("<int:pk>/", views.response_detail, name="detail"),
    path("<int:pk>/edit/", views.response_edit, name="edit"),
    path("<int:pk>/reopen/", views.response_reopen, name="reopen"),
    path("<int:pk>/extension/", views.extension_request_create, name="request_extension"),
    path("attachments/<int:pk>/", views.attachment_download, name="attachment"),
    path("extensions/<int:pk>/decide/", views.extension_decide, name="decide_extension"),
    path("send/<int:pk>/", views.send_for_response, name="send"),
]
