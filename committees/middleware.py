import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login

LOGIN_TIME_KEY = "login_time"
RENEWED_AT_KEY = "renewed_at"
# Renewing the idle expiry writes the session; once a minute keeps the idle timeout within
# 29 to 30 minutes without a database write on every request.
RENEW_INTERVAL_SECONDS = 60


def remember_login_time(sender, request, user, **kwargs):
    """Note when the session's user logged in (connected to user_logged_in)."""
    if request is not None and hasattr(request, "session"):
        request.session[LOGIN_TIME_KEY] = time.time()


class SessionTimeoutMiddleware:
    """Log the user out SESSION_ABSOLUTE_SECONDS after login however active they were, and
    renew the idle expiry (the session's age) while they are active."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = time.time()
            login_time = request.session.setdefault(LOGIN_TIME_KEY, now)
            if now - login_time > settings.SESSION_ABSOLUTE_SECONDS:
                logout(request)
                messages.info(request, "Din inloggning har gått ut. Logga in igen.")
                return redirect_to_login(request.get_full_path())
            if now - request.session.get(RENEWED_AT_KEY, 0) > RENEW_INTERVAL_SECONDS:
                request.session[RENEWED_AT_KEY] = now
        return self.get_response(request)
