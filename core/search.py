import re
from functools import reduce
from operator import and_, or_

from django.db import connections
from django.db.models import Q


def search(queryset, text, fields):
    """Keep the rows matching every word of text in one of fields.

    PostgreSQL: Swedish full-text search, each word a prefix so that "digitalisering" also
    finds "digitaliseringsarbetet". Other databases: case-insensitive substring match.
    """
    words = re.findall(r"\w+", text or "")
    if not words:
        return queryset
    if connections[queryset.db].vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchVector

        query = SearchQuery(" & ".join(f"{word}:*" for word in words), search_type="raw", config="swedish")
        return queryset.alias(text_search=SearchVector(*fields, config="swedish")).filter(text_search=query)
    return queryset.filter(
        reduce(and_, (reduce(or_, (Q(**{f"{field}__icontains": word}) for field in fields)) for word in words))
    )
