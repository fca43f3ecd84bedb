"""A revisor enters Haninge's audit of digitalisation (seed 004) end to end in Chromium, and
axe-core checks every page of the workflow."""

import csv
import datetime
import io
import re

import openpyxl
import pytest

from audits.models import Audit
from responses.models import Response

from .factories import make_audit, make_town

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

expect = pytest.importorskip("playwright.sync_api").expect

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
TITLE = "Granskning av digitalisering"
PURPOSE = (
    "Granskningens syfte är att bedöma om kommunens verksamhetsutveckling med stöd av digitalisering är "
    "effektiv och ändamålsenlig samt huruvida den interna kontrollen rörande digitaliseringsprocessen är tillräcklig."
)
ASSESSMENT = (
    "Vår sammanfattande bedömning är att det saknas en tillräcklig intern kontroll i arbetet med digitalisering "
    "och vi identifierar att det finns utvecklingsområden i form av kostnads- och nyttokalkyler liksom en samlad "
    "överblick och uppföljning av arbetet, för att det i helhet ska kunna bedömas som ändamålsenligt."
)
QUESTIONS = [
    ("Har inriktningsmålen för digitalisering konkretiserats på förvaltningsnivå genom verksamhetsplaner och handlingsplaner?", "Delvis"),
    ("Finns det en tydlig roll- och ansvarsfördelning när det gäller kommunens digitalisering och är arbetet samordnat?", "Ja"),
    ("Finns det strukturerade arbetssätt kring kostnads- och nyttokalkyler för digitalisering?", "Nej"),
    ("Följer kommunstyrelsen upp att de förväntade nyttorna realiserar?", "Nej"),
    ("Säkerställer kommunstyrelsen att verksamheterna beaktar säkerhet, juridik, teknik, arkitektur, ekonomi och användarnytta i sitt digitaliseringsarbete?", "Nej"),
    ("Finns det ett strukturerat arbetssätt för att identifiera och hantera övergripande hinder och utmaningar i den digitala utvecklingen?", "Delvis"),
    ("Beaktas risker kopplade till digitalisering i styrelsens och nämndernas interna kontroll?", "Delvis"),
]
RECOMMENDATIONS = [
    "Utarbetar riktlinjer för risk- och nyttokalkyler inom digitaliseringsprojekt för en ökad intern kontroll, "
    "struktur och transparens samt bättre möjligheter till prioritering",
    "Säkerställer en strukturerad uppföljning (uppsikt) av kommunens samlade digitaliseringsarbete för att "
    "säkerställa att förväntade nyttor realiseras samt effektivitet och ändamålsenlighet i arbetet med digitalisering",
    "Föreslår kommunfullmäktige fastställande av en digital utvecklingspolicy med förankring i de "
    "fullmäktigemål som utgör styrmodell.",
]


def test_haninge_case_end_to_end(page, browser_login, axe, mailoutbox, eager_celery, client):
    town = make_town("Haninge")
    make_audit(town.municipality, title="Granskning av lokalförsörjning", year=2021, consultant_firm="KPMG")
    deadline = datetime.date.today() + datetime.timedelta(days=60)
    # Without colour transitions axe never measures a button halfway into its hover colours.
    page.emulate_media(reduced_motion="reduce")

    browser_login("revisor.haninge")
    expect(page.get_by_role("heading", name="Översikt för Haninge")).to_be_visible()
    page.get_by_role("link", name="Granskningar", exact=True).click()
    expect(page.get_by_role("heading", name="Granskningar")).to_be_visible()
    axe(page)

    # The audit with its report.
    page.get_by_role("link", name="Ny granskning").click()
    page.get_by_label("Titel").fill(TITLE)
    page.get_by_label("Typ").select_option(label="Granskning")
    page.get_by_label("År").fill("2019")
    page.get_by_label("Status").select_option(label="Pågående")
    page.get_by_label("Konsultföretag").fill("EY")
    page.get_by_label("Konsulter").fill("Jan Darrell, Anna Maria Karlsson, Steven Wall")
    page.get_by_label("Rapportdatum").fill("2019-12-11")
    page.get_by_label("Ort", exact=True).fill("Handen")
    page.get_by_label("Syfte").fill(PURPOSE)
    page.get_by_label("Sammanfattande bedömning").fill(ASSESSMENT)
    page.get_by_label("Kommunfullmäktige").check()
    page.get_by_label("Granskningsrapport (PDF)").set_input_files(
        {"name": "Granskning av digitalisering.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    axe(page)
    page.get_by_role("button", name="Spara", exact=True).click()
    expect(page.get_by_role("heading", name=TITLE, level=1)).to_be_visible()
    expect(page.get_by_text("Granskningen har lagts upp.")).to_be_visible()
    audit = Audit.objects.get(title=TITLE)
    report = page.request.get(f"/audits/{audit.pk}/report/")
    assert report.ok and report.body() == PDF
    axe(page)
    enter_questions(page, axe)
    enter_recommendations(page, axe, audit)
    set_deadline_and_send(page, axe, audit, deadline)

    # The KS secretary's e-mail links to the committee's answer.
    answer = Response.objects.get(recipient__audit=audit, recipient__committee=town.ks)
    [message] = mailoutbox
    assert message.to == [town.ks_secretary.email]
    link = re.search(r"https?://\S+/responses/(\d+)/", message.body)
    assert link and int(link.group(1)) == answer.pk
    client.force_login(town.ks_secretary)
    assert client.get(f"/responses/{answer.pk}/").status_code == 200

    grant_extension(page, axe, audit, deadline)
    check_overviews(page, axe, audit)
    follow_up(page, axe, audit)

    page.goto(f"/audits/{audit.pk}/history/")
    expect(page.get_by_text("Skickad för yttrande").first).to_be_visible()
    expect(page.get_by_text("Förlängd svarstid").first).to_be_visible()
    axe(page)


def enter_questions(page, axe):
    page.get_by_role("link", name="Revisionsfrågor").click()
    axe(page)
    rows = page.locator("#questions-section tbody tr")
    text = page.get_by_label("Revisionsfråga")
    page.get_by_role("button", name="Lägg till fråga").click()
    expect(page.locator("#id_text_error")).to_have_text("Detta fält måste fyllas i.")
    expect(text).to_be_focused()
    axe(page)
    for number, (question, answer) in enumerate(QUESTIONS, start=1):
        page.keyboard.type(question)
        page.get_by_label("Svar", exact=True).select_option(label=answer)
        page.get_by_role("button", name="Lägg till fråga").click()
        expect(rows).to_have_count(number)
        expect(page.get_by_role("status")).to_contain_text(f"Revisionsfråga {number} har lagts till.")
        expect(text).to_be_focused()
    expect(page.locator("#questions-section tbody tr td:nth-child(3)")).to_have_text(
        [answer for _, answer in QUESTIONS]
    )
    # Reorder with the keyboard-reachable buttons and put it back.
    page.get_by_role("button", name="Ned fråga 1").click()
    expect(rows.first).to_contain_text(QUESTIONS[1][0])
    expect(page.get_by_role("button", name="Ned fråga 2")).to_be_focused()
    page.get_by_role("button", name="Upp fråga 2").click()
    expect(rows.first).to_contain_text(QUESTIONS[0][0])
    axe(page)
    # A question added by mistake is deleted after the confirmation dialog.
    text.fill("Felaktig fråga?")
    page.get_by_role("button", name="Lägg till fråga").click()
    expect(rows).to_have_count(8)
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Ta bort fråga 8").click()
    expect(rows).to_have_count(7)
    expect(page.locator("#questions-heading")).to_be_focused()
    page.get_by_role("link", name="Ändra fråga 4").click()
    axe(page)
    page.get_by_label("Kommentar").fill("Ingen samlad uppföljning av nyttorna görs.")
    page.get_by_role("button", name="Spara").click()
    expect(rows.nth(3)).to_contain_text("Ingen samlad uppföljning av nyttorna görs.")
    page.get_by_role("link", name="Tillbaka till granskningen").click()


def enter_recommendations(page, axe, audit):
    page.get_by_role("link", name="Lägg till rekommendation").click()
    axe(page)
    committees = page.get_by_role("group", name=re.compile("Riktad till"))
    # The shortcut ticks the committees it stands for; the revisor then adjusts.
    page.get_by_role("button", name="Samtliga nämnder utom kommunstyrelsen").click()
    expect(committees.get_by_label("Socialnämnden")).to_be_checked()
    expect(committees.get_by_label("Kommunstyrelsen")).not_to_be_checked()
    expect(page.locator("#shortcut-status")).to_contain_text("valda (2)")
    page.get_by_role("button", name="Samtliga nämnder", exact=True).click()
    expect(committees.get_by_label("Kommunstyrelsen")).to_be_checked()
    for number, text in enumerate(RECOMMENDATIONS, start=1):
        page.get_by_label("Rekommendation").fill(text)
        for box in committees.get_by_role("checkbox").all():
            box.set_checked(box.get_attribute("value") == str(audit.municipality.committees.get(short_name="KS").pk))
        last = number == len(RECOMMENDATIONS)
        page.get_by_role("button", name="Spara" if last else "Spara och lägg till nästa", exact=True).click()
        expect(page.get_by_text(f"Rekommendation {number} har sparats.")).to_be_visible()
    items = page.locator("ol.recommendations > li")
    expect(items).to_have_count(3)
    for item in items.all():
        expect(item).to_contain_text("Riktad till: Kommunstyrelsen")
    axe(page)
    page.get_by_role("link", name="Ta bort rekommendation 3").click()
    axe(page)
    page.get_by_role("link", name="Avbryt").click()
    page.get_by_role("link", name="Ändra uppgifter").click()
    expect(page.get_by_label("Titel")).to_have_value(TITLE)
    axe(page)
    page.get_by_role("link", name="Avbryt").click()
    expect(items).to_have_count(3)


def set_deadline_and_send(page, axe, audit, deadline):
    page.get_by_role("link", name="Skicka för yttrande").click()
    expect(page.get_by_text("Ange svarsdag för Kommunstyrelsen.")).to_be_visible()
    axe(page)
    page.get_by_role("link", name="Ange svarsdagar").click()
    page.get_by_label("Svarsdag för alla nämnder").fill(deadline.isoformat())
    page.get_by_role("button", name="Sätt svarsdag för alla").click()
    expect(page.get_by_text("Svarsdagarna har sparats (1 ändrade).")).to_be_visible()
    axe(page)
    page.get_by_role("link", name="Tillbaka till granskningen").click()
    page.get_by_role("link", name="Skicka för yttrande").click()
    axe(page)
    page.get_by_role("button", name="Skicka för yttrande").click()
    expect(page.get_by_text("Granskningen har skickats för yttrande till 1 nämnd.")).to_be_visible()
    expect(page.get_by_text("Skickad för yttrande").first).to_be_visible()
    progress = page.locator("#progress + .table-responsive tbody tr")
    expect(progress).to_have_count(1)
    expect(progress).to_contain_text(deadline.isoformat())
    expect(progress).to_contain_text("60 dagar kvar")
    expect(progress.get_by_role("link", name=re.compile("Utkast"))).to_be_visible()
    expect(page.get_by_role("link", name="Skicka för yttrande")).to_have_count(0)
    axe(page)


def grant_extension(page, axe, audit, deadline):
    later = deadline + datetime.timedelta(days=4)
    page.goto(f"/audits/{audit.pk}/recipients/")
    page.get_by_role("link", name="Förläng svarstiden för Kommunstyrelsen").click()
    page.get_by_label("Ny svarsdag").fill(deadline.isoformat())
    page.get_by_label("Skäl för förlängningen").fill("Kommunstyrelsen sammanträder först efter svarsdagen.")
    page.get_by_role("button", name="Bevilja förlängning").click()
    expect(page.locator("#id_extended_deadline_error")).to_contain_text("måste vara senare")
    expect(page.get_by_label("Skäl för förlängningen")).to_have_value("Kommunstyrelsen sammanträder först efter svarsdagen.")
    axe(page)
    page.get_by_label("Ny svarsdag").fill(later.isoformat())
    page.get_by_role("button", name="Bevilja förlängning").click()
    expect(page.get_by_text(f"Kommunstyrelsen har fått förlängd svarstid till {later.isoformat()}.")).to_be_visible()
    axe(page)


def export_rows(page, url):
    response = page.request.get(url)
    assert response.ok
    return list(csv.reader(io.StringIO(response.text())))


def xlsx_rows(page, url):
    response = page.request.get(url)
    assert response.ok
    return [[cell.value for cell in row] for row in openpyxl.load_workbook(io.BytesIO(response.body())).active.iter_rows()]


def check_overviews(page, axe, audit):
    page.goto("/audits/")
    expect(page.get_by_role("link", name=TITLE)).to_be_visible()
    expect(page.get_by_role("link", name="Granskning av lokalförsörjning")).to_be_visible()
    page.get_by_label("År").select_option("2019")
    page.get_by_role("button", name="Filtrera").click()
    expect(page.get_by_role("link", name=TITLE)).to_be_visible()
    expect(page.get_by_role("link", name="Granskning av lokalförsörjning")).to_have_count(0)
    axe(page)
    page.get_by_label("Sök i text").fill("digitalisering")
    page.get_by_role("button", name="Filtrera").click()
    expect(page.get_by_role("link", name=TITLE)).to_be_visible()
    csv_link = page.get_by_role("link", name="CSV (granskningar)").get_attribute("href")
    assert [row[0] for row in export_rows(page, f"/audits/{csv_link}")[1:]] == [TITLE]
    xlsx_link = page.get_by_role("link", name="XLSX (granskningar)").get_attribute("href")
    assert [row[0] for row in xlsx_rows(page, f"/audits/{xlsx_link}")[1:]] == [TITLE]

    page.goto("/recommendations/")
    page.get_by_label("Granskning").select_option(label=TITLE)
    page.get_by_role("button", name="Filtrera").click()
    rows = page.locator("table tbody tr")
    expect(rows).to_have_count(3)
    expect(rows.first).to_contain_text("KS: Ej bedömd")
    axe(page)
    link = page.get_by_role("link", name="CSV (rekommendationer)").get_attribute("href")
    assert [row[1] for row in export_rows(page, f"/recommendations/{link}")[1:]] == RECOMMENDATIONS
    link = page.get_by_role("link", name="XLSX (rekommendationer)").get_attribute("href")
    assert [row[1] for row in xlsx_rows(page, f"/recommendations/{link}")[1:]] == RECOMMENDATIONS


def follow_up(page, axe, audit):
    page.goto(audit.get_absolute_url())
    page.get_by_role("link", name="Uppföljning").click()
    axe(page)
    page.get_by_role("link", name="Ej bedömd – rekommendation 2, Kommunstyrelsen").click()
    axe(page)
    page.get_by_label("Delvis åtgärdad").check()
    page.get_by_label("Kommentar").fill("En uppföljningsmodell är beslutad men inte införd.")
    page.get_by_role("button", name="Spara bedömningen").click()
    expect(page.get_by_text("Bedömningen för Kommunstyrelsen har sparats.")).to_be_visible()
    cell = page.locator("table.follow-up-matrix tbody tr").nth(1).locator("td")
    expect(cell).to_contain_text("Delvis åtgärdad")
    cell.get_by_text("Historik (1)").click()
    expect(cell.get_by_text("En uppföljningsmodell är beslutad men inte införd.")).to_be_visible()
    axe(page)
