"""The table base of every list: django-tables2 with its rows rendered in plain Python."""

import django_tables2 as tables
from django.utils.html import format_html, format_html_join

# django-tables2's default text for an empty cell.
EMPTY = "—"


def cell(value, css_class=""):
    """One table cell, escaped; empty values shown as django-tables2 shows them."""
    text = EMPTY if value is None or value == "" else value
    if css_class:
        return format_html('<td class="{}">{}</td>', css_class, text)
    return format_html("<td>{}</td>", text)


def link(url, text):
    return format_html('<a href="{}">{}</a>', url, text)


class LeanTable(tables.Table):
    """A table whose page of rows is rendered by `cells(record)` in plain Python.

    django-tables2 builds a bound row and a bound cell per value and resolves attributes for
    each; on a list page that costs more than all the queries. Sorting, pagination, headers
    and the CSV/XLSX export (the value_* methods) stay django-tables2's.
    """

    def cells(self, record):
        """The row's cells as safe HTML (built with `cell`)."""
        raise NotImplementedError

    def load_related(self, records):
        """Attach what the cells show of other tables to the records, in as few queries as
        the table needs; called with a page's records and with all records for an export."""

    def lean_rows(self):
        rows = list(self.page.object_list if getattr(self, "page", None) else self.rows)
        self.load_related([row.record for row in rows])
        return format_html_join(
            "\n",
            '<tr class="{}">{}</tr>',
            (("even" if index % 2 == 0 else "odd", self.cells(row.record)) for index, row in enumerate(rows)),
        )

    def as_values(self, exclude_columns=None):
        self.load_related([row.record for row in self.rows])
        return super().as_values(exclude_columns)
