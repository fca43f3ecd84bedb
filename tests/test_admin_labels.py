"""Every label of the admin is Swedish: no model, field, column, filter, inline or action keeps
the English name Django derives from the code, and the clerk's pickers name the municipality."""

import pytest
from django.contrib import admin
from django.contrib.admin.utils import label_for_field
from django.db import models
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation
from django.utils.text import camel_case_to_spaces

from committees.models import Committee

from .factories import make_committee, make_municipality, make_user

pytestmark = pytest.mark.django_db


# Field names that are Swedish words already: their derived label is Swedish.
SWEDISH_NAMES = {"status", "diarienummer", "paragraf", "beslut", "version"}


def derived(name):
    """The label Django makes from a name in the code when none is given."""
    return None if name in SWEDISH_NAMES else name.replace("_", " ").strip().lower()


def english_labels():
    found = []
    request = RequestFactory().get("/admin/")
    request.user = make_user(is_staff=True, is_superuser=True)
    with translation.override("sv"):
        for model, model_admin in admin.site._registry.items():
            admins = [model_admin, *(inline(model, admin.site) for inline in model_admin.inlines)]
            for each in admins:
                opts = each.model._meta
                where = f"{opts.label} ({type(each).__name__})"
                if str(opts.verbose_name) == camel_case_to_spaces(each.model.__name__):
                    found.append(f"{where}: modellens namn")
                if str(opts.verbose_name_plural) == f"{opts.verbose_name}s":
                    found.append(f"{where}: modellens namn i plural")
                for field in opts.get_fields():
                    if isinstance(field, models.Field) and not field.auto_created:
                        if str(field.verbose_name).lower() == derived(field.name):
                            found.append(f"{where}: fältet {field.name}")
                for name in each.get_list_display(request) if hasattr(each, "get_list_display") else ():
                    if isinstance(name, str) and name != "__str__":
                        label = str(label_for_field(name, each.model, each))
                        if label.lower() == derived(name):
                            found.append(f"{where}: kolumnen {name}")
                for entry in getattr(each, "list_filter", ()):
                    if isinstance(entry, str) and "__" not in entry:
                        if str(opts.get_field(entry).verbose_name).lower() == derived(entry):
                            found.append(f"{where}: filtret {entry}")
                if hasattr(each, "get_actions"):
                    for name, (_, _, description) in each.get_actions(request).items():
                        if str(description).lower() == derived(name):
                            found.append(f"{where}: åtgärden {name}")
    return found


def test_no_english_label_is_left_in_the_admin():
    assert english_labels() == []


def test_every_admin_page_of_accounts_renders(client_as, client):
    make_user(username="admin", is_staff=True, is_superuser=True)
    client_as("admin")
    for name in ("accounts_identityprovider", "accounts_externalidentity", "committees_user"):
        assert client.get(reverse(f"admin:{name}_changelist")).status_code == 200
    assert client.get(reverse("admin:accounts_identityprovider_add")).status_code == 200


def test_committee_pickers_name_the_municipality(client_as, client):
    make_user(username="admin", is_staff=True, is_superuser=True)
    eskilstuna = make_municipality(name="Eskilstuna")
    make_committee(eskilstuna, name="Kultur- och fritidsnämnden", short_name="KFN")
    client_as("admin")
    page = client.get(reverse("admin:committees_user_add")).content.decode()
    assert "Kultur- och fritidsnämnden (Eskilstuna)" in page


def test_short_name_is_explained_and_takes_swedish_letters(client_as, client):
    make_user(username="admin", is_staff=True, is_superuser=True)
    municipality = make_municipality()
    client_as("admin")
    page = client.get(reverse("admin:committees_committee_add")).content.decode()
    assert str(Committee._meta.get_field("short_name").help_text) in page
    response = client.post(
        reverse("admin:committees_committee_add"),
        {"municipality": municipality.pk, "kind": "namnd", "name": "Äldre- och omsorgsnämnden", "short_name": "ÄON", "active": "on"},
    )
    assert response.status_code == 302, response.content.decode()
    assert Committee.objects.get(municipality=municipality).short_name == "ÄON"
    response = client.post(
        reverse("admin:committees_committee_add"),
        {"municipality": municipality.pk, "kind": "namnd", "name": "Fel", "short_name": "Ä O/N", "active": "on"},
    )
    assert "Förkortningen får bara innehålla" in response.content.decode()


def test_permissions_are_named_in_swedish(client_as, client):
    admin_user = make_user(username="admin", is_staff=True, is_superuser=True)
    client_as("admin")
    for url in (reverse("admin:auth_group_add"), reverse("admin:committees_user_change", args=[admin_user.pk])):
        page = client.get(url).content.decode()
        assert "Kommuner och nämnder | nämnd | Kan lägga till" in page
        assert "Can add" not in page


def test_history_pages_are_swedish(client_as, client):
    from .factories import make_audit

    make_user(username="admin", is_staff=True, is_superuser=True)
    audit = make_audit()
    client_as("admin")
    page = client.get(reverse("admin:audits_audit_history", args=[audit.pk])).content.decode()
    assert "Datum och tid" in page and "Ändrad av" in page
    assert "Date/time" not in page


def test_an_audits_committee_pickers_offer_its_municipalitys_committees(client_as, client):
    from .factories import make_audit

    make_user(username="admin", is_staff=True, is_superuser=True)
    eskilstuna, huddinge = make_municipality(name="Eskilstuna"), make_municipality(name="Huddinge")
    make_committee(eskilstuna, name="Kultur- och fritidsnämnden", short_name="KFN")
    make_committee(huddinge, name="Kultur- och fritidsnämnden", short_name="KFN")
    audit = make_audit(eskilstuna)
    client_as("admin")
    page = client.get(reverse("admin:audits_audit_change", args=[audit.pk])).content.decode()
    assert "Kultur- och fritidsnämnden (Eskilstuna)" in page
    assert "Kultur- och fritidsnämnden (Huddinge)" not in page
    page = client.get(reverse("admin:audits_audit_add")).content.decode()
    assert "Kultur- och fritidsnämnden (Huddinge)" in page
