"""Every model is administrable: list, search, add and change pages work for the administrator."""

import pytest
from django.contrib import admin
from django.urls import reverse

pytestmark = pytest.mark.django_db

PROJECT_APPS = {"committees", "audits", "recommendations", "responses"}
REGISTERED = sorted(
    (model._meta.app_label, model._meta.model_name)
    for model in admin.site._registry
    if model._meta.app_label in PROJECT_APPS
)


def test_every_project_model_is_registered():
    from django.apps import apps

    project_models = {
        (m._meta.app_label, m._meta.model_name)
        for m in apps.get_models()
        if m._meta.app_label in PROJECT_APPS and not m.__name__.startswith("Historical")
    }
    assert project_models == set(REGISTERED)


@pytest.mark.parametrize("app_label,model_name", REGISTERED)
def test_admin_pages_render(client_as, demo, app_label, model_name):
    client = client_as("admin")
    changelist = reverse(f"admin:{app_label}_{model_name}_changelist")
    assert client.get(changelist).status_code == 200
    assert client.get(changelist, {"q": "digitalisering"}).status_code == 200
    assert client.get(reverse(f"admin:{app_label}_{model_name}_add")).status_code == 200
    model = next(m for m in admin.site._registry if m._meta.model_name == model_name and m._meta.app_label == app_label)
    obj = model.objects.order_by("pk").first()
    if obj is not None:
        change = reverse(f"admin:{app_label}_{model_name}_change", args=[obj.pk])
        assert client.get(change).status_code == 200


def test_admin_is_refused_to_non_staff(client_as, demo):
    response = client_as("revisor.eskilstuna").get("/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
