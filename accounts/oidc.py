"""Single sign-on through each municipality's OpenID Connect provider.

mozilla-django-oidc runs the authorization code flow (state, nonce, PKCE); its settings name
one provider, so the views and the backend here take the provider's endpoints from the
municipality's IdentityProvider and its discovery document instead.
"""

import logging
from urllib.parse import parse_qs, urlsplit

import jwt
import requests
from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import SuspiciousOperation
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from committees.models import User

from . import twofactor
from .models import ExternalIdentity, IdentityProvider

logger = logging.getLogger(__name__)

DISCOVERY_CACHE_SECONDS = 60 * 60
TIMEOUT_SECONDS = 10


def discovery(provider):
    """The provider's discovery document, cached for an hour."""
    key = f"oidc-discovery:{provider.issuer}"
    document = cache.get(key)
    if document is None:
        url = provider.issuer.rstrip("/") + "/.well-known/openid-configuration"
        response = requests.get(url, timeout=TIMEOUT_SECONDS)
        response.raise_for_status()
        document = response.json()
        if document.get("issuer", "").rstrip("/") != provider.issuer.rstrip("/"):
            raise SuspiciousOperation(f"Utfärdaren i {url} är inte {provider.issuer}.")
        cache.set(key, document, DISCOVERY_CACHE_SECONDS)
    return document


class AuthenticationRequestView(OIDCAuthenticationRequestView):
    """Send the browser to the municipality's provider."""

    def __init__(self, **kwargs):
        # The parent reads one provider from the settings; ours is read per request.
        super(OIDCAuthenticationRequestView, self).__init__(**kwargs)

    def get(self, request, slug):
        self.provider = get_object_or_404(IdentityProvider, municipality__slug=slug, active=True)
        try:
            self.OIDC_OP_AUTH_ENDPOINT = discovery(self.provider)["authorization_endpoint"]
        except (requests.RequestException, ValueError, KeyError, SuspiciousOperation) as error:
            logger.warning("Inloggningstjänsten för %s svarar inte: %s", self.provider.municipality, error)
            messages.error(request, f"Inloggningstjänsten för {self.provider.municipality} svarar inte just nu. Försök igen om en stund.")
            return redirect("login")
        self.OIDC_RP_CLIENT_ID = self.provider.client_id
        response = super().get(request)
        # The callback finds the provider by the state it returns.
        state = parse_qs(urlsplit(response.url).query)["state"][0]
        request.session["oidc_states"][state]["provider"] = self.provider.pk
        request.session.save()
        return response

    def get_extra_params(self, request):
        return {"scope": self.provider.scopes}


class AuthenticationCallbackView(OIDCAuthenticationCallbackView):
    """Receive the browser back from the provider and sign the user in."""

    @property
    def failure_url(self):
        return reverse("login")

    def get(self, request):
        entry = request.session.get("oidc_states", {}).get(request.GET.get("state", ""), {})
        request.oidc_provider = IdentityProvider.objects.filter(pk=entry.get("provider"), active=True).first()
        try:
            return super().get(request)
        except requests.RequestException as error:
            logger.warning("Inloggning via OpenID Connect misslyckades: %s", error)
            return self.login_failure()

    def login_failure(self):
        messages.error(self.request, "Inloggningen via kommunens inloggningstjänst misslyckades. Försök igen eller logga in med lösenord.")
        return super().login_failure()

    def login_success(self):
        if not self.user.role:
            messages.info(self.request, "Du är inloggad, men ditt konto har ingen roll än. En administratör ger dig behörighet.")
        return twofactor.login_or_ask_for_code(self.request, self.user, self.success_url)


class MunicipalityBackend(OIDCAuthenticationBackend):
    """Authenticate the user the provider vouches for; create one without rights on first login."""

    def __init__(self, *args, **kwargs):
        # The parent reads one provider from the settings; ours comes with the request.
        self.UserModel = User

    def authenticate(self, request, **kwargs):
        provider = getattr(request, "oidc_provider", None)
        if provider is None:
            return None
        self.provider = provider
        try:
            document = discovery(provider)
        except (requests.RequestException, ValueError, SuspiciousOperation) as error:
            logger.warning("Inloggningstjänsten för %s svarar inte: %s", provider.municipality, error)
            return None
        self.OIDC_OP_TOKEN_ENDPOINT = document["token_endpoint"]
        self.OIDC_OP_USER_ENDPOINT = document["userinfo_endpoint"]
        self.OIDC_OP_JWKS_ENDPOINT = document["jwks_uri"]
        self.OIDC_RP_CLIENT_ID = provider.client_id
        self.OIDC_RP_CLIENT_SECRET = provider.client_secret
        self.OIDC_RP_SIGN_ALGO = "RS256"
        self.OIDC_RP_IDP_SIGN_KEY = None
        self.issuer = document["issuer"]
        try:
            return super().authenticate(request, **kwargs)
        except SuspiciousOperation as error:
            logger.warning("Inloggning via %s avvisades: %s", provider.municipality, error)
            return None

    def _verify_jws(self, payload, key):
        """Check the signature, and also that the token was issued by this provider for us."""
        try:
            return jwt.decode(
                payload, key, algorithms=[self.OIDC_RP_SIGN_ALGO], audience=self.OIDC_RP_CLIENT_ID, issuer=self.issuer
            )
        except jwt.PyJWTError as error:
            raise SuspiciousOperation(f"ID-token avvisades: {error}") from error

    def get_or_create_user(self, access_token, id_token, payload):
        claims = self.get_userinfo(access_token, id_token, payload)
        if claims.get("sub") != payload.get("sub"):
            raise SuspiciousOperation("Användarinformationen gäller inte samma användare som ID-token.")
        identity = ExternalIdentity.objects.select_related("user").filter(provider=self.provider, subject=payload["sub"]).first()
        with transaction.atomic():
            if identity is None:
                user = User(username=self._free_username(claims), municipality=self.provider.municipality)
                user.set_unusable_password()
                self._copy_claims(user, claims)
                user.save()
                ExternalIdentity.objects.create(provider=self.provider, subject=payload["sub"], user=user)
            else:
                user = identity.user
                if user.municipality_id != self.provider.municipality_id:
                    raise SuspiciousOperation("Användaren hör till en annan kommun än inloggningstjänsten.")
                self._copy_claims(user, claims)
                user.save()
            if self.provider.syncs_roles:
                groups = claims.get(self.provider.groups_claim) or []
                user.role, committees = self.provider.role_for_groups(groups if isinstance(groups, list) else [groups])
                user.save(update_fields=["role"])
                user.committees.set(committees)
        return user

    @staticmethod
    def _copy_claims(user, claims):
        user.first_name = (claims.get("given_name") or user.first_name)[:150]
        user.last_name = (claims.get("family_name") or user.last_name)[:150]
        user.email = (claims.get("email") or user.email)[:254]

    def _free_username(self, claims):
        base = (claims.get("preferred_username") or claims.get("email") or claims["sub"])[:140]
        username, n = base, 1
        while User.objects.filter(username=username).exists():
            n += 1
            username = f"{base}-{n}"
        return username

    def get_user(self, user_id):
        user = User._default_manager.select_related("municipality").filter(pk=user_id).first()
        return user if user and self.user_can_authenticate(user) else None
