"""The demo data reproduces the seed documents, and loading it twice changes nothing."""

import datetime
import io
import re
from collections import Counter
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command
from django.test import RequestFactory

from audits.models import Audit, Recipient, RevisionQuestion
from committees.models import Committee, Municipality, User
from recommendations.models import Addressee, Recommendation
from responses.models import Position, Response

from .conftest import unavailable

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def development(settings):
    """The loader's own tests run in development mode, where the demo users get "demo"."""
    settings.DEBUG = True

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
HUDDINGE_NAMNDER = {"FSN", "GSN", "GAN", "KFN", "SN", "KSN", "VON", "BTN", "KS"}
ESKILSTUNA_ANSWERS = {
    "KS": ("§ 85", "KSKF/2022:442", datetime.date(2023, 3, 14)),
    "GSN": ("§ 19", "GSN/2022:817", datetime.date(2023, 2, 23)),
    "GN": ("§ 16", "GN/2022:136", datetime.date(2023, 2, 22)),
    "KFN": ("§ 20", "KFN/2023:41", datetime.date(2023, 3, 23)),
    "SOCN": ("§ 12", "SOCN/2022:114", datetime.date(2023, 1, 26)),
    "SBN": ("§ 45", "SBN/2022:725", datetime.date(2023, 3, 16)),
    "VON": ("§ 19", "VON/2022:125", datetime.date(2023, 2, 16)),
}


def audit_of(slug):
    return Audit.objects.get(municipality__slug=slug)


def addressee_counts(audit):
    addressees = Addressee.objects.filter(recommendation__audit=audit)
    return Counter(addressees.values_list("recipient__committee__short_name", flat=True))


def test_four_municipalities_each_with_council_board_and_auditors(demo):
    assert set(Municipality.objects.values_list("slug", "name")) == {
        ("huddinge", "Huddinge"),
        ("eskilstuna", "Eskilstuna"),
        ("burlov", "Burlöv"),
        ("haninge", "Haninge"),
    }
    for municipality in Municipality.objects.all():
        kinds = Counter(municipality.committees.values_list("kind", flat=True))
        assert kinds[Committee.Kind.KOMMUNFULLMAKTIGE] == 1
        assert kinds[Committee.Kind.KOMMUNSTYRELSEN] == 1
        assert kinds[Committee.Kind.REVISIONEN] == 1
        assert municipality.committees.get(short_name="KF").kind == Committee.Kind.KOMMUNFULLMAKTIGE
        assert municipality.committees.get(short_name="KS").kind == Committee.Kind.KOMMUNSTYRELSEN
    huddinge = Committee.objects.filter(municipality__slug="huddinge")
    assert set(huddinge.answering().values_list("name", flat=True)) == {
        "Förskolenämnden",
        "Grundskolenämnden",
        "Gymnasie- och arbetsmarknadsnämnden",
        "Kultur- och fritidsnämnden",
        "Socialnämnden",
        "Klimat- och stadsmiljönämnden",
        "Vård- och omsorgsnämnden",
        "Bygg- och tillståndsnämnden",
        "Kommunstyrelsen",
    }


def test_huddinge_forstudie_to_all_committees_with_kfn_late_answer(demo):
    audit = audit_of("huddinge")
    assert audit.title.startswith("Granskningsrapport, dialoger, webbenkät och dokumentanalys")
    assert (audit.kind, audit.consultant_firm) == ("forstudie", "Grant Thornton")
    assert audit.auditor_group == "Revisionsgrupp 2"
    assert (audit.missiv_date, audit.year, audit.place) == (datetime.date(2021, 12, 5), 2021, "Huddinge")
    assert audit.status == Audit.Status.SKICKAD and audit.sent_at and audit.published
    assert [(s.name, s.title) for s in audit.signatories.all()] == [("Klas Hamrin", "Kommunrevisor 2019-2022")]
    assert [c.short_name for c in audit.informed_committees.all()] == ["KF"]
    assert audit.purpose.startswith("Syfte med förstudien var att få tillräcklig information")

    recipients = audit.recipients.all()
    assert {r.committee.short_name for r in recipients} == HUDDINGE_NAMNDER
    assert {r.deadline for r in recipients} == {datetime.date(2022, 2, 15)}
    assert audit.recommendations.count() == 5
    assert addressee_counts(audit) == Counter({short_name: 5 for short_name in HUDDINGE_NAMNDER})

    response = Response.objects.get(recipient__audit=audit)
    assert response.committee.short_name == "KFN"
    assert response.status == Response.Status.INSKICKAD
    assert (response.meeting_date, response.paragraf, response.diarienummer) == (
        datetime.date(2022, 3, 15),
        "§ 6",
        "KFN-2021/323",
    )
    assert response.handlaggare == "Nick Johnson Jones"
    assert response.submitted_at.astimezone(datetime.UTC).date() == datetime.date(2022, 3, 15)
    assert response.was_late
    assert response.beslut.startswith("Kultur- och fritidsförvaltningens tjänsteutlåtande, daterat den 21 februari")
    positions = {p.addressee.recommendation.order: p.position for p in response.positions.all()}
    assert positions == {1: "delvis", 2: "instammer", 3: "instammer", 4: "instammer", 5: "instammer"}
    assert all(p.planned_actions for p in response.positions.all())


def test_eskilstuna_recommendations_grouped_by_addressee_as_in_section_4_2(demo):
    audit = audit_of("eskilstuna")
    assert (audit.consultant_firm, audit.report_date, audit.missiv_date, audit.year) == (
        "KPMG",
        datetime.date(2022, 11, 28),
        datetime.date(2022, 12, 1),
        2022,
    )
    assert audit.status == Audit.Status.ANMALD and audit.sent_at and audit.published
    assert [(s.name, s.title) for s in audit.signatories.all()] == [
        ("Tommy Kvarsell", "Ordförande"),
        ("Majvor Gyllhamn", "Vice ordförande"),
    ]
    assert [c.short_name for c in audit.informed_committees.all()] == ["KF"]
    assert audit.questions.count() == 8
    assert audit.ks_office_view.startswith("Kommunledningskontoret instämmer i de rekommendationer")
    assert audit.council_proposal.endswith("läggs till handlingarna.")

    recipients = {r.committee.short_name: r for r in audit.recipients.all()}
    assert set(recipients) == set(ESKILSTUNA_ANSWERS)
    assert {r.deadline for r in recipients.values()} == {datetime.date(2023, 3, 20)}
    kfn = recipients.pop("KFN")
    assert kfn.extended_deadline == datetime.date(2023, 3, 24)
    assert "förlängd svarstid till 2023-03-24" in kfn.extension_reason
    assert all(r.extended_deadline is None for r in recipients.values())

    assert audit.recommendations.count() == 9
    assert addressee_counts(audit) == Counter({"KS": 6, "GSN": 4, "GN": 4, "KFN": 4, "SOCN": 4, "SBN": 3, "VON": 3})
    shared = audit.recommendations.get(text__startswith="Säkerställa att digitaliseringsarbetet genomförs")
    assert shared.addressees.count() == 7
    plan = audit.recommendations.get(text__startswith="Upprätta och fastställa plan")
    assert {a.committee.short_name for a in plan.addressees.all()} == {"GSN", "GN", "KFN", "SOCN"}


def test_eskilstuna_all_seven_answers_take_a_position_on_every_recommendation(demo):
    audit = audit_of("eskilstuna")
    responses = Response.objects.filter(recipient__audit=audit)
    assert {
        r.committee.short_name: (r.paragraf, r.diarienummer, r.meeting_date) for r in responses
    } == ESKILSTUNA_ANSWERS
    for response in responses:
        assert response.status == Response.Status.INSKICKAD
        assert response.beslut and response.summary
        assert response.submitted_at and response.submitted_by.committees.get() == response.committee
        addressed = set(Addressee.objects.filter(recipient=response.recipient))
        assert {p.addressee for p in response.positions.all()} == addressed
        assert all(p.position and p.planned_actions for p in response.positions.all())
    assert not responses.get(recipient__committee__short_name="KFN").was_late


@pytest.mark.parametrize(
    ("slug", "place", "report_date", "answers", "recommendation_count"),
    [
        ("burlov", "Arlöv", datetime.date(2021, 6, 14), ["ja", "delvis", "delvis", "nej"], 2),
        (
            "haninge",
            "Handen",
            datetime.date(2019, 12, 11),
            ["delvis", "ja", "nej", "nej", "nej", "delvis", "delvis"],
            3,
        ),
    ],
)
def test_open_ey_cases_sent_to_kommunstyrelsen_and_unanswered(
    demo, slug, place, report_date, answers, recommendation_count
):
    audit = audit_of(slug)
    assert (audit.consultant_firm, audit.place, audit.report_date) == ("EY", place, report_date)
    assert audit.status == Audit.Status.SKICKAD and audit.sent_at and not audit.published
    assert list(audit.questions.values_list("answer", flat=True)) == answers
    assert [r.committee.short_name for r in audit.recipients.all()] == ["KS"]
    assert audit.recipients.get().deadline > report_date
    assert addressee_counts(audit) == Counter({"KS": recommendation_count})
    assert not Response.objects.filter(recipient__audit=audit).exists()


def test_every_sent_audit_has_sent_at(demo):
    assert not Audit.objects.filter(status__in=Audit.Status.sent(), sent_at__isnull=True).exists()
    assert Audit.objects.count() == 4


def _normalized(text):
    text = re.sub(r"<[^>]+>", " ", text).replace("*", "").replace("▶", "")
    return re.sub(r"\s+", " ", text).strip().lower().replace("lakttagelser", "iakttagelser")


def _demo_texts():
    """Every text the loader took from the seeds, with where it is stored."""
    for audit in Audit.objects.all():
        for field in ("summary", "purpose", "overall_assessment", "ks_office_view", "council_proposal"):
            yield f"{audit.municipality.slug} {field}", getattr(audit, field)
        yield f"{audit.municipality.slug} title", audit.title
    for question in RevisionQuestion.objects.all():
        yield f"question {question.pk}", question.text
        yield f"question {question.pk} comment", question.comment
    for recommendation in Recommendation.objects.all():
        yield f"recommendation {recommendation.pk}", recommendation.text
    for recipient in Recipient.objects.exclude(extension_reason=""):
        yield f"extension {recipient.committee}", recipient.extension_reason
    for response in Response.objects.all():
        yield f"response {response.committee} beslut", response.beslut
        yield f"response {response.committee} summary", response.summary
        yield f"response {response.committee} handläggare", response.handlaggare
    for position in Position.objects.all():
        yield f"position {position.pk}", position.planned_actions


def test_texts_are_verbatim_from_the_seeds(demo):
    if not SEEDS.is_dir():
        unavailable(f"seed-dokumenten i {SEEDS} (../shared bredvid projektet)")
    seeds = _normalized(" ".join(path.read_text(encoding="utf-8") for path in SEEDS.glob("*.txt")))
    checked = 0
    for where, text in _demo_texts():
        for line in filter(None, (line.strip().removeprefix("- ") for line in text.split("\n"))):
            assert _normalized(line) in seeds, f"{where}: {line!r} is not in the seeds"
            checked += 1
    assert checked > 150


def _row_counts():
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


def test_loading_twice_changes_no_table():
    output = io.StringIO()
    call_command("load_demo", stdout=output)
    assert "4 kommuner" in output.getvalue() and "27 användare" in output.getvalue()
    first = _row_counts()
    call_command("load_demo", stdout=io.StringIO())
    assert _row_counts() == first
    assert first["recommendations.Addressee"] == 45 + 28 + 2 + 3
    assert first["recommendations.HistoricalAddressee"] == first["recommendations.Addressee"]


def test_reloading_restores_changed_demo_values(demo):
    recipient = Recipient.objects.get(audit__municipality__slug="eskilstuna", committee__short_name="KFN")
    recipient.extended_deadline = None
    recipient.extension_reason = ""
    recipient.save()
    call_command("load_demo", verbosity=0)
    recipient.refresh_from_db()
    assert recipient.extended_deadline == datetime.date(2023, 3, 24)


def test_reloading_keeps_existing_users_as_they_are(demo):
    revisor = User.objects.get(username="revisor.burlov")
    revisor.set_password("ett-eget-lösenord")
    revisor.save()
    call_command("load_demo", verbosity=0)
    revisor.refresh_from_db()
    assert revisor.check_password("ett-eget-lösenord")


def test_demo_users_log_in_with_demo(demo, client):
    expected = {"admin"}
    for slug, secretaries in {
        "huddinge": HUDDINGE_NAMNDER,
        "eskilstuna": set(ESKILSTUNA_ANSWERS),
        "burlov": {"KS"},
        "haninge": {"KS"},
    }.items():
        expected |= {f"revisor.{slug}", f"ks.{slug}"}
        expected |= {f"sekr.{slug}.{short_name.lower()}" for short_name in secretaries}
        for short_name in secretaries:
            secretary = User.objects.get(username=f"sekr.{slug}.{short_name.lower()}")
            assert secretary.role == User.Role.SEKRETERARE and secretary.municipality.slug == slug
            assert [c.short_name for c in secretary.committees.all()] == [short_name]
        assert User.objects.get(username=f"revisor.{slug}").role == User.Role.REVISOR
        assert User.objects.get(username=f"ks.{slug}").role == User.Role.KS_HANDLAGGARE
    assert set(User.objects.values_list("username", flat=True)) == expected
    admin = User.objects.get(username="admin")
    assert admin.is_superuser and admin.is_staff
    for user in User.objects.all():
        assert user.first_name and user.last_name and user.email.endswith("@example.se")
        # django-axes checks every password login against its request.
        assert client.login(request=RequestFactory().post("/"), username=user.username, password="demo"), user.username
        client.logout()
    assert not client.login(request=RequestFactory().post("/"), username="revisor.huddinge", password="fel")
