"""Cells of exported CSV and XLSX files that a spreadsheet program cannot run as formulas."""

from django_tables2.export import TableExport
from tablib import Dataset

# A cell starting with one of these is read as a formula by Excel and LibreOffice (OWASP,
# "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def inert(value):
    """The value, with a text that would start a formula prefixed by a single quote."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return f"'{value}"
    return value


def make_workbook_inert(workbook):
    """Turn every text cell of the workbook that would be a formula into plain text."""
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    cell.value = inert(cell.value)


class InertTableExport(TableExport):
    """django-tables2's CSV and XLSX export, each cell made inert."""

    def table_to_dataset(self, table, exclude_columns, dataset_kwargs=None):
        dataset = super().table_to_dataset(table, exclude_columns, dataset_kwargs)
        inert_dataset = Dataset(headers=[inert(header) for header in dataset.headers or []], title=dataset.title)
        for row in dataset:
            inert_dataset.append([inert(value) for value in row])
        return inert_dataset
