from rest_framework import permissions

from .models import AccessToken


class TokenScope(permissions.BasePermission):
    """A read token reads; only a read-write token (or the browser's session) also writes."""

    message = "Nyckeln får bara läsa. Skapa en nyckel som får läsa och skriva."

    def has_permission(self, request, view):
        if request.method in permissions.SAFE_METHODS or not isinstance(request.auth, AccessToken):
            return True
        return request.auth.may_write
