import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login

LOGIN_TIME_KEY = "login_time"


def remember_login_time(sender, request, user, **kwargs):
    """Note when the session's user logged in (connected to user_logged_in)."""
    if request is not None and hasattr(request, "session"):
        request.session[LOGIN_TIME_KEY] = time.time()


class AbsoluteSessionTimeoutMiddleware:
    """Log the user out SESSION_ABSOLUTE_SECONDS after login however active they were; the
    idle timeout is the session's age, renewed on every request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            login_time = request.session.setdefault(LOGIN_TIME_KEY, time.time())
            if time.time() - login_time > settings.SESSION_ABSOLUTE_SECONDS:
                logout(request)
                messages.info(request, "Din inloggning har gått ut. Logga in igen.")
                return redirect_to_login(request.get_full_path())
        return self.get_response(request)
