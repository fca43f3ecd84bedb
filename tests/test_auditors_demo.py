"""Done when: as revisor.eskilstuna the recommendation overview exports exactly Eskilstuna's
recommendations, and the demo cases open in every auditors' page."""

import csv
import io

import openpyxl
import pytest
from django.urls import reverse

from audits.models import Audit
from recommendations.models import Recommendation

pytestmark = pytest.mark.django_db


def eskilstuna_texts():
    return sorted(Recommendation.objects.filter(audit__municipality__slug="eskilstuna").values_list("text", flat=True))


def test_revisor_eskilstuna_exports_the_eskilstuna_recommendations_as_csv(client_as, demo):
    response = client_as("revisor.eskilstuna").get("/recommendations/", {"_export": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8"))))
    assert sorted(row["Rekommendation"] for row in rows) == eskilstuna_texts()
    assert {row["Granskning"] for row in rows} == {"Granskning av kommunens digitaliseringsarbete"}
    assert any("Kultur- och fritidsnämnden" in row["Riktad till"] for row in rows)


def test_revisor_eskilstuna_exports_the_eskilstuna_recommendations_as_xlsx(client_as, demo):
    response = client_as("revisor.eskilstuna").get("/recommendations/", {"_export": "xlsx"})
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    header, *rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    column = header.index("Rekommendation")
    assert sorted(row[column] for row in rows) == eskilstuna_texts()


@pytest.mark.parametrize("slug", ["huddinge", "eskilstuna", "burlov", "haninge"])
def test_demo_cases_open_in_the_auditors_pages(client_as, demo, slug):
    client = client_as(f"revisor.{slug}")
    audit = Audit.objects.get(municipality__slug=slug)
    for url in [
        audit.get_absolute_url(),
        reverse("audits:edit", args=[audit.pk]),
        reverse("audits:questions", args=[audit.pk]),
        reverse("audits:recipients", args=[audit.pk]),
        reverse("responses:send", args=[audit.pk]),
        reverse("documents:history", args=[audit.pk]),
        reverse("recommendations:follow_up_matrix", args=[audit.pk]),
        reverse("recommendations:create", args=[audit.pk]),
    ]:
        assert client.get(url).status_code == 200, url
    assert audit.title in client.get("/audits/", {"q": audit.title.split()[-1]}).content.decode()
