from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from . import oidc, views

# Names without a namespace: Django's own views reverse them (password_reset_done and so on).
urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("login/kod/", views.verify_code, name="twofactor_verify"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("oidc/callback/", oidc.AuthenticationCallbackView.as_view(), name="oidc_authentication_callback"),
    path("oidc/<slug:slug>/", oidc.AuthenticationRequestView.as_view(), name="oidc_login"),
    path("konto/", views.account, name="account"),
    path("konto/tvafaktor/", views.setup_device, name="twofactor_setup"),
    path("konto/tvafaktor/ta-bort/", views.remove_device, name="twofactor_remove"),
    path("losenord/byt/", views.PasswordChangeView.as_view(), name="password_change"),
    path("losenord/byt/klart/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("losenord/aterstall/", views.PasswordResetView.as_view(), name="password_reset"),
    path("losenord/aterstall/skickat/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "losenord/aterstall/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(success_url=reverse_lazy("password_reset_complete")),
        name="password_reset_confirm",
    ),
    path("losenord/aterstall/klart/", auth_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    path("inbjudan/<uidb64>/<token>/", views.InvitationAcceptView.as_view(), name="invitation_accept"),
]
