"""Refuse malformed requests before any view or query sees them, and keep private pages out
of caches."""

from urllib.parse import unquote_to_bytes

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers

FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def _bad_bytes(raw):
    """True when percent-decoded bytes hold a NUL or are not UTF-8."""
    if b"\x00" in raw:
        return True
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return True
    return False


def _wsgi_bytes(value):
    """The bytes a WSGI server received, from the latin-1 string it passes on."""
    try:
        return value.encode("latin-1")
    except UnicodeEncodeError:
        return value.encode("utf-8", errors="surrogateescape")


def _hostile(request):
    if "\x00" in request.path_info or "\ufffd" in request.path_info:
        return True
    if _bad_bytes(unquote_to_bytes(_wsgi_bytes(request.META.get("QUERY_STRING", "")).replace(b"+", b" "))):
        return True
    for key, value in request.META.items():
        if (key.startswith("HTTP_") or key == "CONTENT_TYPE") and isinstance(value, str):
            if _bad_bytes(_wsgi_bytes(value)):
                return True
    content_type = request.META.get("CONTENT_TYPE", "")
    if request.method == "POST" and content_type.startswith(FORM_TYPES[0]):
        return _bad_bytes(unquote_to_bytes(request.body.replace(b"+", b" ")))
    if request.method == "POST" and content_type.startswith(FORM_TYPES[1]):
        # Django decodes the parts itself (an undecodable byte becomes U+FFFD); PostgreSQL
        # refuses a NUL in text, so none passes.
        fields = [value for key in request.POST for value in [key, *request.POST.getlist(key)]]
        fields += [upload.name for upload in request.FILES.values()]
        return any("\x00" in field for field in fields)
    return False


class HostileInputMiddleware:
    """Answer 400 to NUL bytes or invalid UTF-8 anywhere in a request, 413 to an oversized body.

    Runs first, so a bad byte never reaches a query (PostgreSQL refuses NUL in text).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return render(request, "400.html", status=400)
        if length > settings.MAX_REQUEST_BODY_SIZE:
            return render(request, "413.html", status=413)
        try:
            hostile = _hostile(request)
        except RequestDataTooBig:
            return render(request, "413.html", status=413)
        if hostile:
            return render(request, "400.html", status=400)
        return self.get_response(request)


class PrivatePagesMiddleware:
    """Tell browsers and proxies to store nothing a logged-in user was shown or downloaded."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.user.is_authenticated:
            add_never_cache_headers(response)
        return response
