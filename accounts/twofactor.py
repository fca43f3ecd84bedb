"""The second step of a login: a TOTP code from the user's app, when the user has one.

Between the password (or the identity provider) and the code, the user is not logged in:
the session only remembers who is waiting, for a few minutes.
"""

import base64
import time

import qrcode
import qrcode.image.svg
from django.contrib.auth import login
from django.shortcuts import redirect
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from committees.models import User

PENDING_KEY = "twofactor_pending"
PENDING_SECONDS = 5 * 60
SETUP_KEY = "twofactor_setup_key"


def device_of(user):
    """The user's confirmed TOTP device, or None."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def login_or_ask_for_code(request, user, next_url):
    """Log the user in, or first ask for a code when the user has a device."""
    if device_of(user) is None:
        login(request, user)
        return redirect(next_url)
    request.session[PENDING_KEY] = {"user": user.pk, "backend": user.backend, "next": next_url, "since": time.time()}
    return redirect("twofactor_verify")


def pending_login(request):
    """The (user, backend, next address) waiting for a code, or None once it has expired."""
    pending = request.session.get(PENDING_KEY)
    if not pending or time.time() - pending["since"] > PENDING_SECONDS:
        return None
    user = User.objects.filter(pk=pending["user"], is_active=True).first()
    return (user, pending["backend"], pending["next"]) if user else None


def complete_login(request, user, backend, device):
    """Log the waiting user in as verified with the device."""
    request.session.pop(PENDING_KEY, None)
    if request.user != user:
        login(request, user, backend=backend)
    otp_login(request, device)


def qr_code_data_url(device):
    """The device's otpauth:// address as a QR code, an SVG in a data: URL (no inline markup)."""
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    return "data:image/svg+xml;base64," + base64.b64encode(image.to_string()).decode()


def base32_secret(device):
    """The key as apps accept it typed in, in groups of four."""
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
