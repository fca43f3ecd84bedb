from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from . import twofactor


class AdminSite(admin.AdminSite):
    """The admin for staff who have verified a second factor in this session.

    Everyone logs in through the site's own login (with the lockout and the code step);
    staff without an app are sent to enrol one first.
    """

    site_header = "Revisionsspår – administration"
    site_title = "Revisionsspår"
    index_title = "Administration"

    def has_permission(self, request):
        return super().has_permission(request) and request.user.is_verified()

    def login(self, request, extra_context=None):
        next_url = request.GET.get("next") or reverse("admin:index")
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(next_url)
        if not (user.is_active and user.is_staff):
            raise PermissionDenied
        if twofactor.device_of(user) is None:
            return redirect(f"{reverse('twofactor_setup')}?{urlencode({'next': next_url})}")
        return redirect(f"{reverse('twofactor_verify')}?{urlencode({'next': next_url})}")
