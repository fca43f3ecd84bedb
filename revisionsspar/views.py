from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as CheckTimedOut

import redis
from django.conf import settings
from django.db import connection, transaction
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

# A dependency that does not answer within a second counts as down.
READINESS_TIMEOUT_SECONDS = 1


def _query_database():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    finally:
        # The check runs in a thread of its own, whose connection nobody else closes.
        connection.close()


def _ping_redis(url):
    client = redis.Redis.from_url(
        url, socket_connect_timeout=READINESS_TIMEOUT_SECONDS, socket_timeout=READINESS_TIMEOUT_SECONDS
    )
    try:
        client.ping()
    finally:
        client.close()


def _redis_urls():
    """The Redis servers the site depends on: the broker and a shared cache, when configured."""
    urls = {}
    if not settings.CELERY_TASK_ALWAYS_EAGER and settings.CELERY_BROKER_URL.startswith("redis"):
        urls["broker"] = settings.CELERY_BROKER_URL
    cache = settings.CACHES["default"]
    if "redis" in cache["BACKEND"].lower():
        urls["cache"] = cache["LOCATION"] if isinstance(cache["LOCATION"], str) else cache["LOCATION"][0]
    return urls


def _run_checks(checks):
    """Run every check at once; each answers "ok", "unreachable" or "timeout" within the limit."""
    executor = ThreadPoolExecutor(max_workers=len(checks))
    futures = {name: executor.submit(check) for name, check in checks.items()}
    results = {}
    for name, future in futures.items():
        try:
            future.result(timeout=READINESS_TIMEOUT_SECONDS)
            results[name] = "ok"
        except CheckTimedOut:
            results[name] = "timeout"
        except Exception:
            results[name] = "unreachable"
    # A check stuck on a frozen server must not hold the answer; its thread ends with its timeout.
    executor.shutdown(wait=False, cancel_futures=True)
    return results


@never_cache
@transaction.non_atomic_requests
@require_safe
def healthz(request):
    """Liveness: the process answers. Touches no database, cache or broker."""
    return JsonResponse({"status": "ok"})


@never_cache
@transaction.non_atomic_requests
@require_safe
def readyz(request):
    """Readiness: the database and every Redis the site uses answer within a second."""
    checks = {"database": _query_database}
    for name, url in _redis_urls().items():
        checks[name] = lambda url=url: _ping_redis(url)
    results = _run_checks(checks)
    ready = all(result == "ok" for result in results.values())
    failing = sorted(name for name, result in results.items() if result != "ok")
    return JsonResponse(
        {"status": "ok" if ready else "unavailable", "failing": failing, **results}, status=200 if ready else 503
    )


@require_safe
def ping(request):
    """Answer with a constant: the floor of a request's cost through the middleware."""
    return HttpResponse("ok", content_type="text/plain")


def csrf_failure(request, reason=""):
    """A refused form post: a page in Swedish, without the technical reason."""
    return render(request, "403_csrf.html", status=403)
