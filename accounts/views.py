from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views.decorators.http import require_POST, require_safe
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex

from committees.forms import LoginForm
from outbox import dispatch as outbox

from . import tasks, twofactor
from .forms import CodeForm, PasswordResetForm
from .models import IdentityProvider
from .tokens import invitation_tokens


class LoginView(auth_views.LoginView):
    """The password step (the lockout checks it), then the code step for users with a device."""

    authentication_form = LoginForm

    def get_context_data(self, **kwargs):
        providers = IdentityProvider.objects.filter(active=True).select_related("municipality")
        return super().get_context_data(providers=providers, **kwargs)

    def form_valid(self, form):
        return twofactor.login_or_ask_for_code(self.request, form.get_user(), self.get_success_url())


def verify_code(request):
    """Ask for the code of a user waiting after the password, or of a logged-in user who
    must verify before administering."""
    if pending := twofactor.pending_login(request):
        user, backend, next_url = pending
    elif request.user.is_authenticated:
        user, backend, next_url = request.user, None, _safe_next(request)
    else:
        messages.error(request, "Inloggningen tog för lång tid. Logga in igen.")
        return redirect("login")
    device = twofactor.device_of(user)
    if device is None:
        return redirect(f"{reverse('twofactor_setup')}?{urlencode({'next': next_url})}")
    form = CodeForm(request.POST or None)
    if form.is_valid():
        allowed, _ = device.verify_is_allowed()
        if device.verify_token(form.cleaned_data["code"]):
            twofactor.complete_login(request, user, backend, device)
            return redirect(next_url)
        form.add_error(
            "code",
            "Koden stämmer inte. Skriv den kod appen visar nu."
            if allowed
            else "För många felaktiga koder. Vänta en stund och försök igen.",
        )
    return render(request, "accounts/verify_code.html", {"form": form})


def _safe_next(request):
    next_url = request.GET.get("next") or request.POST.get("next") or ""
    if url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return next_url
    return reverse("account")


@login_required
@require_safe
def account(request):
    return render(request, "accounts/account.html", {"device": twofactor.device_of(request.user), "remove_form": CodeForm()})


@login_required
def setup_device(request):
    """Enrol a TOTP app: show a QR code, confirm it with the first code."""
    if twofactor.device_of(request.user):
        messages.info(request, "Du har redan en app för tvåfaktorsinloggning.")
        return redirect("account")
    # The key waits in the session until the first code confirms it, so a reload shows the
    # same QR code and looking at the page stores nothing.
    key = request.session.setdefault(twofactor.SETUP_KEY, random_hex(20))
    device = TOTPDevice(user=request.user, name="App", confirmed=False, key=key)
    form = CodeForm(request.POST or None)
    if form.is_valid():
        device, _ = TOTPDevice.objects.update_or_create(user=request.user, confirmed=False, defaults={"key": key, "name": "App"})
        if device.verify_token(form.cleaned_data["code"]):
            del request.session[twofactor.SETUP_KEY]
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            twofactor.complete_login(request, request.user, None, device)
            messages.success(request, "Tvåfaktorsinloggning är påslagen. Nästa gång du loggar in frågar vi efter en kod.")
            return redirect(_safe_next(request))
        form.add_error("code", "Koden stämmer inte. Kontrollera att telefonens klocka går rätt och skriv den kod appen visar nu.")
    return render(
        request,
        "accounts/setup_device.html",
        {
            "form": form,
            "qr_code": twofactor.qr_code_data_url(device),
            "secret": twofactor.base32_secret(device),
            "next": _safe_next(request),
            "required": request.user.is_staff,
        },
    )


@login_required
@require_POST
def remove_device(request):
    device = twofactor.device_of(request.user)
    if device is None:
        return redirect("account")
    form = CodeForm(request.POST)
    if form.is_valid() and device.verify_token(form.cleaned_data["code"]):
        TOTPDevice.objects.filter(user=request.user).delete()
        messages.success(request, "Tvåfaktorsinloggningen är borttagen.")
        return redirect("account")
    if form.is_valid():
        form.add_error("code", "Koden stämmer inte. Skriv den kod appen visar nu.")
    return render(request, "accounts/account.html", {"device": device, "remove_form": form}, status=400)


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "registration/password_change_form.html"

    def form_valid(self, form):
        response = super().form_valid(form)
        outbox.send_on_commit(tasks.send_password_changed, self.request.user.pk)
        return response


class PasswordResetView(auth_views.PasswordResetView):
    form_class = PasswordResetForm


class InvitationAcceptView(auth_views.PasswordResetConfirmView):
    """The one-time link of an invitation: choose a password, then log in."""

    token_generator = invitation_tokens
    template_name = "accounts/invitation_set_password.html"
    success_url = reverse_lazy("login")

    def form_valid(self, form):
        messages.success(self.request, "Ditt lösenord är sparat. Logga in med ditt användarnamn och lösenordet.")
        return super().form_valid(form)
