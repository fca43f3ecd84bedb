"""In Chromium: KS staff use the dashboard and download the annual report, a secretary
subscribes to the deadline calendar, a resident reads the Eskilstuna case on a phone; axe-core
checks every page."""

import io
import re

import openpyxl
import pytest

from .test_documents import ESKILSTUNA_COMMITTEES, pdf_text

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

expect = pytest.importorskip("playwright.sync_api").expect


def fits_the_width(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_ks_staff_open_the_dashboard_and_download_the_annual_report(demo, page, browser_login, axe, eager_celery):
    page.emulate_media(reduced_motion="reduce")
    browser_login("ks.eskilstuna")
    expect(page.get_by_role("heading", name="Översikt för Eskilstuna")).to_be_visible()
    expect(page.get_by_role("img", name="Uppföljning per nämnd")).to_be_visible()
    axe(page)

    page.get_by_role("link", name="Årsrapport till kommunfullmäktige").click()
    expect(page.get_by_role("heading", name="Årsrapport till kommunfullmäktige 2022")).to_be_visible()
    axe(page)
    page.get_by_role("button", name="Framställ PDF").click()
    expect(page.get_by_text("Klar", exact=True)).to_be_visible()
    axe(page)

    pdf_link = page.get_by_role("link", name="Årsrapport 2022 (PDF)")
    download = page.request.get(pdf_link.get_attribute("href"))
    assert download.headers["content-type"] == "application/pdf"
    text = pdf_text(download.body())
    assert "Revisorernas rekommendationer 2022" in text
    for committee in ESKILSTUNA_COMMITTEES:
        assert committee in text

    with page.expect_download() as spreadsheet:
        page.get_by_role("link", name=re.compile("som kalkylblad")).click()
    assert spreadsheet.value.suggested_filename == "arsrapport-eskilstuna-2022.xlsx"
    with open(spreadsheet.value.path(), "rb") as handle:
        workbook = openpyxl.load_workbook(io.BytesIO(handle.read()))
    answers = {row[0]: row[1:] for row in workbook["Svar per nämnd"].iter_rows(min_row=2, values_only=True)}
    assert set(answers) == set(ESKILSTUNA_COMMITTEES)
    assert all(counts[:2] == (1, 1) for counts in answers.values())


def test_secretary_subscribes_to_the_deadline_calendar(demo, page, browser_login, axe):
    page.emulate_media(reduced_motion="reduce")
    browser_login("sekr.eskilstuna.kfn")
    expect(page.get_by_role("heading", name="Dina nämnders svarsdagar")).to_be_visible()
    axe(page)
    page.get_by_role("link", name="Kalender", exact=True).click()
    page.get_by_role("button", name="Skapa kalenderadress").click()
    feed = page.get_by_label("Din kalenderadress").input_value()
    axe(page)
    calendar = page.request.get(feed)
    assert calendar.headers["content-type"] == "text/calendar; charset=utf-8"
    assert "DTSTART;VALUE=DATE:20230324" in calendar.text()
    page.get_by_role("button", name="Återkalla adressen").click()
    expect(page.get_by_text("Du har ingen kalenderadress.")).to_be_visible()
    assert page.request.get(feed).status == 404


def test_resident_reads_the_eskilstuna_case_on_a_phone(demo, page, axe):
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto("/public/eskilstuna/")
    expect(page.get_by_role("heading", name="Kommunrevisionens granskningar i Eskilstuna")).to_be_visible()
    answers = page.get_by_role("table", name="Nämndernas svar på Granskning av kommunens digitaliseringsarbete")
    expect(answers.locator("tbody tr")).to_have_count(7)
    assert "Logga ut" not in page.content()
    assert fits_the_width(page)
    axe(page)

    page.get_by_role("link", name="Granskning av kommunens digitaliseringsarbete", exact=True).click()
    expect(page.get_by_role("heading", name="Granskning av kommunens digitaliseringsarbete", level=1)).to_be_visible()
    for committee in ESKILSTUNA_COMMITTEES:
        expect(page.get_by_role("heading", name=committee, exact=True)).to_be_visible()
    assert fits_the_width(page)
    axe(page)
