"""load_demo outside development: refused unless forced, and never the password "demo"."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from committees.models import Municipality, User

pytestmark = pytest.mark.django_db


def test_refused_in_production_mode(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="bara i utvecklingsläge"):
        call_command("load_demo", stdout=io.StringIO())
    assert not Municipality.objects.exists()
    assert not User.objects.exists()


def test_forced_in_production_mode_without_the_demo_password(settings):
    settings.DEBUG = False
    output = io.StringIO()
    call_command("load_demo", "--force", stdout=output)
    assert "inget användbart lösenord" in output.getvalue()
    users = User.objects.all()
    assert users.count() == 27
    assert not any(user.has_usable_password() or user.check_password("demo") for user in users)


def test_development_mode_gives_the_demo_password(settings):
    settings.DEBUG = True
    output = io.StringIO()
    call_command("load_demo", stdout=output)
    assert "lösenord för nya användare: demo" in output.getvalue()
    assert User.objects.get(username="revisor.eskilstuna").check_password("demo")
