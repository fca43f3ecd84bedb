"""End to end in Chromium: Burlöv's kommunstyrelsen answers its open case with the minutes
attached, the revisor reads it and downloads the minutes, and the answer is closed to edits;
a revisor pages back through many answered cases."""

import re

import pytest
from playwright.sync_api import expect

from audits.models import Audit
from responses.models import Response

from .factories import make_inbox_with_many_answers, make_pdf_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db, pytest.mark.usefixtures("eager_celery")]


def log_out(page):
    page.get_by_role("button", name="Logga ut").click()
    page.wait_for_load_state()


def answer_recommendation(page, number, position, actions):
    section = page.get_by_role("region", name=f"Rekommendation {number}")
    section.get_by_label(position, exact=True).check()
    section.get_by_label("Planerade åtgärder").fill(actions)
    section.get_by_label("Ansvarig").fill("Kommundirektören")
    section.get_by_label("Planerat klart").fill("2022-06-30")


def test_burlov_answer_submitted_read_and_closed(demo, page, browser_login, axe, tmp_path, mailoutbox):
    minutes = make_pdf_bytes("Protokollsutdrag Kommunstyrelsen 2021-09-28 § 112")
    minutes_file = tmp_path / "protokollsutdrag.pdf"
    minutes_file.write_bytes(minutes)

    browser_login("sekr.burlov.ks")
    page.goto("/responses/")
    page.get_by_role("heading", name="Att besvara").wait_for()
    assert "dagar försenat" in page.content()
    axe(page)
    page.get_by_role("button", name=re.compile("Börja svara")).click()
    page.get_by_role("heading", name="Yttrande från Kommunstyrelsen").wait_for()
    assert page.get_by_role("heading", name="Granskningen").is_visible()
    axe(page)

    page.get_by_label("Sammanträdesdatum").fill("2021-09-28")
    page.get_by_label("Paragraf").fill("§ 112")
    page.get_by_label("Diarienummer").fill("KS/2021:245")
    page.get_by_label("Handläggare").fill("Camilla Nilsson")
    page.get_by_label("Beslut", exact=True).fill("Kommunstyrelsen antar förvaltningens yttrande som sitt eget.")
    answer_recommendation(page, 1, "Instämmer", "Handlingsplaner krävs i nämndernas verksamhetsplaner från 2022.")
    page.get_by_role("button", name="Skicka in yttrandet").click()

    summary = page.locator("#error-summary")
    summary.wait_for()
    assert "Välj ställningstagande till rekommendation 2" in summary.inner_text()
    assert page.evaluate("document.activeElement.id") == "error-summary"
    assert page.get_by_label("Paragraf").input_value() == "§ 112"
    assert "Handlingsplaner krävs" in page.get_by_role("region", name="Rekommendation 1").get_by_label("Planerade åtgärder").input_value()
    axe(page)

    answer_recommendation(page, 2, "Instämmer delvis", "En modell för nyttokalkyler tas fram.")
    page.get_by_label("Protokollsutdrag").set_input_files(str(minutes_file))
    page.get_by_role("button", name="Spara utkast").click()
    page.get_by_text("Utkastet är sparat.").wait_for()
    assert page.get_by_role("link", name="protokollsutdrag.pdf").is_visible()
    page.get_by_role("button", name="Skicka in yttrandet").click()
    page.get_by_text("Yttrandet är inskickat.").wait_for()
    axe(page)

    response = Response.objects.get(recipient__audit__municipality__slug="burlov")
    assert response.status == Response.Status.INSKICKAD
    assert [p.position for p in response.positions.order_by("addressee__recommendation__order")] == [
        "instammer",
        "delvis",
    ]
    assert response.recipient.audit.status == Audit.Status.BESVARAD
    assert sorted(message.to[0] for message in mailoutbox) == ["revisor.burlov@example.se", "sekr.burlov.ks@example.se"]

    log_out(page)
    browser_login("revisor.burlov")
    page.goto("/responses/")
    page.get_by_role("region", name="Besvarade").get_by_role("link", name="Granskning av digitaliseringsarbete").click()
    page.get_by_role("heading", name="Yttrande från Kommunstyrelsen").wait_for()
    assert "§ 112" in page.content()
    assert page.get_by_text("Instämmer delvis").is_visible()
    axe(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="protokollsutdrag.pdf").click()
    assert download.value.suggested_filename == "protokollsutdrag.pdf"
    with open(download.value.path(), "rb") as downloaded:
        assert downloaded.read() == minutes

    log_out(page)
    browser_login("sekr.burlov.ks")
    page.goto(f"/responses/{response.pk}/")
    assert page.get_by_role("link", name="Skriv yttrandet").count() == 0
    refused = page.goto(f"/responses/{response.pk}/edit/")
    assert refused.status == 403
    assert page.get_by_role("heading", name="Åtkomst nekad").is_visible()
    axe(page)


def test_extension_request_decision_and_reopening(demo, page, browser_login, axe, mailoutbox):
    browser_login("sekr.haninge.ks")
    page.goto("/responses/")
    page.get_by_role("button", name=re.compile("Börja svara")).click()
    page.get_by_role("link", name="Yttranden").first.click()
    page.get_by_role("link", name="Granskning av digitalisering").click()
    page.get_by_role("link", name="Begär förlängd svarstid").click()
    page.get_by_label("Ny svarsdag").fill("2020-01-01")
    page.get_by_role("button", name="Skicka begäran").click()
    assert page.get_by_text("Välj ett datum efter nuvarande svarsdag").is_visible()
    axe(page)
    page.get_by_label("Ny svarsdag").fill("2020-04-30")
    page.get_by_label("Skäl").fill("Kommunstyrelsen sammanträder först i mars.")
    page.get_by_role("button", name="Skicka begäran").click()
    page.get_by_text("Begäran om förlängd svarstid är skickad till revisorerna.").wait_for()

    log_out(page)
    browser_login("revisor.haninge")
    page.goto("/responses/")
    page.get_by_role("link", name=re.compile("Besluta")).click()
    page.get_by_role("heading", name="Förlängd svarstid för Kommunstyrelsen").wait_for()
    axe(page)
    page.get_by_role("button", name="Bevilja till 2020-04-30").click()
    page.get_by_text("Förlängd svarstid är beviljad.").wait_for()
    assert "2020-04-30" in page.get_by_role("region", name="Att besvara").inner_text()
    assert {message.to[0] for message in mailoutbox} == {"revisor.haninge@example.se", "sekr.haninge.ks@example.se"}

    log_out(page)
    browser_login("revisor.huddinge")
    answered = Response.objects.get(recipient__audit__municipality__slug="huddinge")
    page.goto(f"/responses/{answered.pk}/")
    page.get_by_role("link", name="Öppna yttrandet igen").click()
    page.get_by_role("button", name="Öppna yttrandet igen").click()
    assert page.get_by_text("Skriv varför yttrandet öppnas igen.").first.is_visible()
    axe(page)
    page.get_by_label("Skäl till att yttrandet öppnas igen").fill("Diarienumret saknar årtal.")
    page.get_by_role("button", name="Öppna yttrandet igen").click()
    page.get_by_text("Yttrandet är öppnat igen.").wait_for()
    assert page.get_by_text("Diarienumret saknar årtal.").first.is_visible()
    axe(page)


def test_revisor_pages_back_through_the_answered_cases(page, browser_login, axe):
    revisor = make_inbox_with_many_answers()
    browser_login(revisor.username)
    page.goto("/responses/")
    answered = page.get_by_role("region", name="Besvarade")
    expect(answered.get_by_role("link", name="Besvarad 26")).to_be_visible()
    expect(answered.get_by_role("link", name="Besvarad 01")).to_have_count(0)
    axe(page)
    answered.get_by_role("link", name="Äldre").click()
    answered = page.get_by_role("region", name="Besvarade")
    expect(answered.get_by_text("Sida 2 av 2")).to_be_visible()
    expect(answered.get_by_role("link", name="Besvarad 00")).to_be_visible()
    expect(page.get_by_role("region", name="Att besvara")).to_contain_text("Öppen granskning")
    answered.get_by_role("link", name="Nyare").click()
    expect(page.get_by_role("region", name="Besvarade").get_by_role("link", name="Besvarad 26")).to_be_visible()
