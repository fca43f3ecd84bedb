from django.conf import settings
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from kombu import Connection


def _database_status():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return "ok"
    except Exception:
        return "unreachable"


def _broker_status():
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return "eager"
    try:
        with Connection(settings.CELERY_BROKER_URL, connect_timeout=2) as broker:
            broker.ensure_connection(max_retries=1, timeout=2)
        return "ok"
    except Exception:
        return "unreachable"


@never_cache
def healthz(request):
    """Report whether the database and the Celery broker answer."""
    database = _database_status()
    broker = _broker_status()
    healthy = database == "ok" and broker in ("ok", "eager")
    return JsonResponse(
        {"status": "ok" if healthy else "degraded", "database": database, "broker": broker},
        status=200 if healthy else 503,
    )


@require_safe
def ping(request):
    """Answer with a constant: the floor of a request's cost through the middleware."""
    return HttpResponse("ok", content_type="text/plain")


def csrf_failure(request, reason=""):
    """A refused form post: a page in Swedish, without the technical reason."""
    return render(request, "403_csrf.html", status=403)
