from django.http import Http404
from rest_framework import exceptions
from rest_framework.views import exception_handler as drf_exception_handler


def exception_handler(error, context):
    """DRF's handler, but a lookup's 404 says only "Hittades inte.": Django's text is English
    and names the model."""
    if isinstance(error, Http404):
        error = exceptions.NotFound()
    return drf_exception_handler(error, context)
