"""Text a secretary or revisor typed never becomes a live formula in an exported CSV or XLSX."""

import csv
import io

import openpyxl
import pytest

from documents.annual_report import annual_report_xlsx
from audits.models import Audit
from core.spreadsheets import inert
from recommendations.models import Recommendation

pytestmark = pytest.mark.django_db

FORMULAS = ['=HYPERLINK("http://example.com","Klicka")', "+1+1", "-2+3", "@SUM(A1:A2)", "\t=1", "\r=1"]


@pytest.mark.parametrize("text", FORMULAS)
def test_text_that_starts_a_formula_is_prefixed_with_a_quote(text):
    assert inert(text) == f"'{text}"


def test_other_values_are_left_alone():
    assert [inert(value) for value in ["Granskning", "", " =1", 12, None, -3]] == ["Granskning", "", " =1", 12, None, -3]


@pytest.fixture
def hostile_texts(demo):
    audit = Audit.objects.get(municipality__slug="eskilstuna")
    audit.title = FORMULAS[3]
    audit.save()
    recommendations = list(Recommendation.objects.filter(audit=audit).order_by("pk"))
    for recommendation, text in zip(recommendations, FORMULAS):
        recommendation.text = text
        recommendation.save()
    return audit


def _xlsx_cells(content):
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    return [cell for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row]


def _no_formula(cells):
    assert cells
    assert not [cell.value for cell in cells if cell.data_type == "f"]
    assert not [cell.value for cell in cells if isinstance(cell.value, str) and cell.value.startswith(("=", "+", "-", "@", "\t", "\r"))]


@pytest.mark.parametrize("path", ["/recommendations/", "/audits/"])
def test_table_exports_are_inert(client_as, hostile_texts, path):
    client = client_as("revisor.eskilstuna")
    exported = client.get(path, {"_export": "csv"}).content.decode("utf-8")
    values = [value for row in csv.reader(io.StringIO(exported)) for value in row]
    assert FORMULAS[3] not in values and f"'{FORMULAS[3]}" in values
    assert not [value for value in values if value.startswith(("=", "+", "-", "@", "\t", "\r"))]
    _no_formula(_xlsx_cells(client.get(path, {"_export": "xlsx"}).content))


def test_annual_report_workbook_is_inert(hostile_texts):
    cells = _xlsx_cells(annual_report_xlsx(hostile_texts.municipality, hostile_texts.year))
    _no_formula(cells)
    assert f"'{FORMULAS[0]}" in [cell.value for cell in cells]
