from django.contrib.auth.backends import ModelBackend

from .models import User


class UserBackend(ModelBackend):
    """Django's model backend, loading the user's municipality with the user: every page shows it."""

    def get_user(self, user_id):
        user = User._default_manager.select_related("municipality").filter(pk=user_id).first()
        return user if user and self.user_can_authenticate(user) else None
