"""Two people saving the same burlov_draft: the later save is refused with their input kept, never a
silent overwrite."""

import threading

import pytest
from django.db import connection, connections, transaction
from django.test import Client

from responses.models import Response
from responses.services import EditConflict, save_draft

from .factories import answer_form_data, make_user


@pytest.fixture
def two_secretaries(burlov_draft, user):
    """The committee's secretary and a colleague, each in their own browser."""
    colleague = make_user(
        role="sekreterare", municipality=burlov_draft.recipient.audit.municipality, committees=[burlov_draft.recipient.committee]
    )
    clients = []
    for person in (user("sekr.burlov.ks"), colleague):
        client = Client()
        client.force_login(person)
        clients.append(client)
    return clients


@pytest.mark.django_db
def test_later_save_of_the_same_version_is_refused_with_input_kept(burlov_draft, two_secretaries):
    first, second = two_secretaries
    url = f"/responses/{burlov_draft.pk}/edit/"
    assert 'name="version" value="1"' in first.get(url).content.decode()
    assert 'name="version" value="1"' in second.get(url).content.decode()

    saved = first.post(url, {**answer_form_data(burlov_draft, paragraf="§ 112", diarienummer="KS/2021:245"), "save": ""})
    assert saved.status_code == 302
    late = second.post(url, {**answer_form_data(burlov_draft, paragraf="§ 113", beslut="Ett annat beslut"), "save": ""})
    content = late.content.decode()
    assert late.status_code == 409
    assert "Någon annan har sparat yttrandet medan du arbetade" in content
    assert 'value="§ 113"' in content
    assert "Ett annat beslut</textarea>" in content
    assert "Paragraf: <span class=\"prose\">§ 112</span>" in content
    assert 'name="version" value="2"' in content
    current = Response.objects.get(pk=burlov_draft.pk)
    assert (current.version, current.paragraf, current.beslut) == (2, "§ 112", "Nämnden antar yttrandet som sitt eget.")
    assert current.history.count() == 2

    overwrite = second.post(url, {**answer_form_data(current, paragraf="§ 113"), "save": ""})
    assert overwrite.status_code == 302
    assert Response.objects.get(pk=burlov_draft.pk).paragraf == "§ 113"


@pytest.mark.django_db
def test_save_after_a_colleague_submitted_keeps_input_and_changes_nothing(burlov_draft, two_secretaries):
    first, second = two_secretaries
    url = f"/responses/{burlov_draft.pk}/edit/"
    first.post(url, {**answer_form_data(burlov_draft), "submit": ""})
    late = second.post(url, {**answer_form_data(burlov_draft, summary="Min text som inte får försvinna"), "save": ""})
    assert late.status_code == 409
    content = late.content.decode()
    assert "Yttrandet har redan skickats in" in content
    assert "Min text som inte får försvinna</textarea>" in content
    submitted = Response.objects.get(pk=burlov_draft.pk)
    assert submitted.is_submitted
    assert submitted.summary == "Nämnden instämmer i rekommendationerna."


@pytest.mark.django_db
def test_stale_version_is_refused_by_the_service(burlov_draft, user):
    secretary = user("sekr.burlov.ks")
    fields = {name: getattr(burlov_draft, name) for name in ("meeting_date", "paragraf", "diarienummer", "handlaggare", "beslut", "summary")}
    save_draft(Response.objects.get(pk=burlov_draft.pk), 1, {**fields, "paragraf": "§ 1"}, {}, secretary)
    with pytest.raises(EditConflict) as conflict:
        save_draft(Response.objects.get(pk=burlov_draft.pk), 1, {**fields, "paragraf": "§ 2"}, {}, secretary)
    assert conflict.value.current.version == 2
    assert Response.objects.get(pk=burlov_draft.pk).paragraf == "§ 1"
    with pytest.raises(EditConflict):
        save_draft(Response.objects.get(pk=burlov_draft.pk), 7, fields, {}, secretary)


@pytest.mark.django_db(transaction=True)
def test_simultaneous_saves_from_two_connections_let_exactly_one_through(burlov_draft, user):
    if connection.vendor != "postgresql":
        pytest.skip("Samtidiga transaktioner provas på PostgreSQL; SQLite låser hela databasen.")
    secretary = user("sekr.burlov.ks")
    fields = {name: "" for name in ("paragraf", "diarienummer", "handlaggare", "beslut", "summary")}
    start = threading.Barrier(2)
    outcomes = {}

    def save(paragraf):
        try:
            with transaction.atomic():
                response = Response.objects.get(pk=burlov_draft.pk)
                start.wait(timeout=10)
                save_draft(response, 1, {**fields, "meeting_date": None, "paragraf": paragraf}, {}, secretary)
            outcomes[paragraf] = "saved"
        except EditConflict:
            outcomes[paragraf] = "conflict"
        finally:
            connections.close_all()

    threads = [threading.Thread(target=save, args=(paragraf,)) for paragraf in ("§ 1", "§ 2")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes.values()) == ["conflict", "saved"]
    winner = next(paragraf for paragraf, outcome in outcomes.items() if outcome == "saved")
    final = Response.objects.get(pk=burlov_draft.pk)
    assert (final.version, final.paragraf) == (2, winner)
    assert final.history.filter(version=2).count() == 1
