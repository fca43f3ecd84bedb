from rest_framework import authentication, exceptions

from .tokens import token_for_secret


class AccessTokenAuthentication(authentication.BaseAuthentication):
    """`Authorization: Bearer rsp_…` with a personal access token; the request then acts as
    the token's user, with exactly that user's rights."""

    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].decode("latin-1").lower() != self.keyword.lower():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed("Ange nyckeln efter Bearer, utan mellanslag.")
        try:
            secret = header[1].decode("ascii")
        except UnicodeDecodeError:
            raise exceptions.AuthenticationFailed("Nyckeln är ogiltig.") from None
        token = token_for_secret(secret)
        if token is None:
            raise exceptions.AuthenticationFailed("Nyckeln är okänd, har gått ut eller är återkallad.")
        return token.user, token

    def authenticate_header(self, request):
        return self.keyword


class SessionAuthentication(authentication.SessionAuthentication):
    """The browser's session (the documentation page's calls), with DRF's CSRF check and a
    Swedish refusal."""

    def enforce_csrf(self, request):
        try:
            super().enforce_csrf(request)
        except exceptions.PermissionDenied:
            raise exceptions.PermissionDenied(
                "Anropet saknar giltig CSRF-token. Ladda om sidan, eller använd en API-nyckel."
            ) from None
