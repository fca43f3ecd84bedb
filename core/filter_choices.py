"""The choices of the list filters, cached.

Building them costs two queries on every list page, while they change only when an audit, a
committee, the committees a case is sent to or a secretary's committees change. Every such
change gives the cached choices a new version (the receivers below), so a page never shows
choices older than the last change its cache has heard of. Web processes that share no cache
(CACHE_URL) hear of each other's changes through the timeout.
"""

import logging
import time

from django.core.cache import cache

logger = logging.getLogger(__name__)

VERSION_KEY = "filter-choices:version"
TIMEOUT_SECONDS = 60
# After the cache failed to answer, the process builds the choices without asking it for this
# long: a frozen cache costs one page its timeout, not every page every one of its calls.
SKIP_AFTER_FAILURE_SECONDS = 30
_skip_cache_until = 0.0


def _cache_failed():
    global _skip_cache_until
    _skip_cache_until = time.monotonic() + SKIP_AFTER_FAILURE_SECONDS


def _scope(user):
    """Who sees the same choices: the whole installation, a municipality, or one secretary."""
    if user.is_superuser:
        return "all"
    if user.sees_whole_municipality:
        return f"municipality-{user.municipality_id}"
    return f"user-{user.pk}"


def cached_choices(name, user, build):
    """build() once per version and scope; built afresh whenever the cache cannot answer."""
    key = f"filter-choices:{name}:{_scope(user)}"
    if time.monotonic() < _skip_cache_until:
        return build()
    try:
        version = cache.get(VERSION_KEY, 0)
        choices = cache.get(key, version=version)
    except Exception:
        _cache_failed()
        logger.warning("Filtervalen hämtas utan cache: cachen svarar inte.", exc_info=True)
        return build()
    if choices is None:
        choices = build()
        try:
            cache.set(key, choices, TIMEOUT_SECONDS, version=version)
        except Exception:
            _cache_failed()
            logger.warning("Filtervalen kunde inte sparas i cachen.", exc_info=True)
    return choices


# What of a user decides the choices they see (see _scope).
USER_FIELDS_IN_SCOPE = {"role", "municipality", "is_superuser"}


def forget_filter_choices_for_user(update_fields=None, **kwargs):
    """Retire the choices when a user's scope may have changed, not at every login's
    save of last_login."""
    if update_fields is None or USER_FIELDS_IN_SCOPE & set(update_fields):
        forget_filter_choices()


def forget_filter_choices(**kwargs):
    """Retire every cached choice (connected to the changes of what they list)."""
    try:
        cache.set(VERSION_KEY, time.time_ns(), None)
    except Exception:
        # Unsaved here, the choices still expire with the timeout.
        logger.warning("Filtervalen kunde inte göras om i cachen.", exc_info=True)
