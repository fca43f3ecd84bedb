"""The load data of the benchmark: the same seed gives the same data, in realistic proportions."""

from django.db.models import Count

from demo.load import LoadSize, generate_load
from audits.models import Audit, Recipient
from committees.models import Committee, Municipality, User
from recommendations.models import Addressee, FollowUp, Recommendation
from responses.models import Position, Response

SIZE = LoadSize(municipalities=2, years=3, audits_per_year=6, end_year=2026, seed=7)


def snapshot():
    """Everything generated except the primary keys."""
    return {
        "audits": list(
            Audit.objects.order_by("municipality__name", "year", "diarienummer").values_list(
                "municipality__name", "title", "kind", "status", "year", "consultant_firm", "summary", "sent_at"
            )
        ),
        "recommendations": list(
            Recommendation.objects.order_by("audit__municipality__name", "audit__diarienummer", "order").values_list(
                "text", flat=True
            )
        ),
        "addressees": sorted(
            Addressee.objects.values_list("recommendation__text", "recipient__committee__short_name", "recipient__deadline")
        ),
        "positions": sorted(Position.objects.values_list("addressee__recommendation__text", "position", "planned_date")),
        "follow_ups": sorted(FollowUp.objects.values_list("addressee__recommendation__text", "date", "status")),
        "users": sorted(User.objects.values_list("username", "first_name", "role")),
    }


def delete_everything():
    Audit.objects.all().delete()
    User.objects.all().delete()
    Committee.objects.all().delete()
    Municipality.objects.all().delete()


def test_the_same_seed_gives_the_same_data_and_another_seed_other_data(db):
    generate_load(SIZE)
    first = snapshot()
    delete_everything()
    generate_load(SIZE)
    assert snapshot() == first
    delete_everything()
    generate_load(LoadSize(municipalities=2, years=3, audits_per_year=6, end_year=2026, seed=8))
    assert snapshot()["recommendations"] != first["recommendations"]


def test_counts_and_proportions(db):
    totals = generate_load(LoadSize(municipalities=3, years=4, audits_per_year=10, end_year=2026))
    assert totals["Audit"] == Audit.objects.count() == 120
    assert totals["Addressee"] == Addressee.objects.count()
    assert 5 <= Recommendation.objects.count() / 120 <= 7
    assert 2.8 <= Addressee.objects.count() / Recommendation.objects.count() <= 4
    # Old cases are answered by every committee, one position per recommendation addressed to it.
    old = Recipient.objects.filter(audit__year__lte=2024)
    assert old.count() == Response.objects.submitted().filter(recipient__in=old).count()
    assert Position.objects.count() == Addressee.objects.filter(recipient__response__status="inskickad").count()
    # This year's cases are partly still open; follow-ups come a year after the answers.
    assert Recipient.objects.open().filter(audit__year=2026).exists()
    assert not FollowUp.objects.filter(addressee__recommendation__audit__year=2026).exists()
    followed = Addressee.objects.filter(recommendation__audit__year__lte=2024).annotate(n=Count("follow_ups"))
    assert 0.5 <= followed.filter(n__gt=0).count() / followed.count() <= 0.85
    assert set(Audit.objects.filter(year__lte=2024).values_list("status", flat=True)) <= {"anmald", "avslutad"}


def test_the_load_users_log_in_and_see_their_municipality(client, db):
    generate_load(LoadSize(municipalities=1, years=1, audits_per_year=3, end_year=2026))
    logged_in = client.post("/accounts/login/", {"username": "revisor.last-001", "password": "last"})
    assert logged_in.status_code == 302
    assert client.get("/audits/").content.decode().count('<tr class="') == 3
