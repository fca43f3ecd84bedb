"""Views every app's pages are built from: the filtered, paginated and exportable table."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, Window
from django.utils.decorators import method_decorator
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin
from django_tables2.export import ExportMixin

from .spreadsheets import InertTableExport


def is_htmx(request):
    return request.headers.get("HX-Request") == "true"


class ExportLinksMixin:
    """Links to the CSV and XLSX export of the rows the current filters select."""

    export_formats = ("csv", "xlsx")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query.pop("page", None)
        links = []
        for export_format in self.export_formats:
            query[self.export_trigger_param] = export_format
            links.append((export_format.upper(), f"?{query.urlencode()}"))
        context["export_links"] = links
        return context


# Each row of a table page carries the number of rows all pages hold.
ROWS_IN_TOTAL = "rows_in_total"
# A page's OFFSET must fit in the databases' 64-bit integers.
LARGEST_OFFSET = 2**63 - 1


class BoundedPaginator(Paginator):
    """Pages of 1 to 100 rows, whatever page size the address asks for.

    A page's rows come with COUNT(*) OVER () (see FilteredTableView), so the page and the
    number of pages cost one query; the separate COUNT runs only for a page past the end.
    """

    def __init__(self, object_list, per_page, *args, **kwargs):
        super().__init__(object_list, min(max(int(per_page), 1), 100), *args, **kwargs)

    def page(self, number):
        if not isinstance(number, int) or not 1 <= number <= LARGEST_OFFSET // self.per_page:
            # Django's checks against the count raise the error django-tables2 turns into the
            # first or the last page.
            return super().page(number)
        bottom = (number - 1) * self.per_page
        # django-tables2 pages its bound rows; each holds the record of its row.
        rows = self.object_list[bottom : bottom + self.per_page]
        first = next(iter(rows), None)
        if first is None:
            if number == 1 and self.allow_empty_first_page:
                self.count = 0
            return super().page(number)
        self.count = getattr(first.record, ROWS_IN_TOTAL)
        return self._get_page(rows, number, self)


@method_decorator(transaction.non_atomic_requests, name="dispatch")
class FilteredTableView(LoginRequiredMixin, ExportLinksMixin, ExportMixin, SingleTableMixin, FilterView):
    """A sortable, paginated table of the rows the filters select, exportable as CSV and XLSX.

    It only reads, so it runs without the request's transaction and its two round trips.
    """

    table_pagination = {"per_page": 25, "paginator_class": BoundedPaginator}
    export_class = InertTableExport

    def get_table_data(self):
        # The window runs after the filters' WHERE: it counts the rows the table shows.
        return super().get_table_data().annotate(**{ROWS_IN_TOTAL: Window(Count("*"))})
