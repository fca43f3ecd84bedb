"""Settings come from the environment: embedded defaults, and production refuses to start
without a secret key."""

import json
import subprocess
import sys
from pathlib import Path

import yaml

PROJECT = Path(__file__).resolve().parent.parent
PRINT_SETTINGS = (
    "import django, json; django.setup(); from django.conf import settings as s; "
    "print(json.dumps({'engine': s.DATABASES['default']['ENGINE'], 'name': str(s.DATABASES['default']['NAME']),"
    " 'eager': s.CELERY_TASK_ALWAYS_EAGER, 'broker': s.CELERY_BROKER_URL, 'email': s.EMAIL_BACKEND,"
    " 'debug': s.DEBUG}))"
)


def run_settings(**environment):
    env = {"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "revisionsspar.settings", **environment}
    return subprocess.run(
        [sys.executable, "-c", PRINT_SETTINGS], cwd=PROJECT, env=env, capture_output=True, text=True, timeout=60
    )


def test_embedded_defaults_in_debug_mode():
    result = run_settings(DEBUG="1")
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout)
    assert values["engine"] == "django.db.backends.sqlite3"
    assert values["name"].endswith("var/db.sqlite3")
    assert values["eager"] is True
    assert values["email"] == "django.core.mail.backends.filebased.EmailBackend"


def test_production_mode_refuses_to_start_without_secret_key():
    result = run_settings()
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_postgres_redis_and_smtp_from_the_environment():
    result = run_settings(
        SECRET_KEY="k",
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/revisionsspar",
        REDIS_URL="redis://127.0.0.1:6379/0",
        EMAIL_URL="smtp://user:pw@127.0.0.1:2525",
    )
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout)
    assert values["engine"] == "django.db.backends.postgresql"
    assert values["eager"] is False
    assert values["broker"] == "redis://127.0.0.1:6379/0"
    assert values["email"] == "django.core.mail.backends.smtp.EmailBackend"
    assert values["debug"] is False


def test_docker_compose_describes_production():
    compose = yaml.safe_load((PROJECT / "docker-compose.yml").read_text())
    services = compose["services"]
    assert {"web", "worker", "beat", "db", "redis", "mail"} <= set(services)
    assert "gunicorn" in services["web"]["command"]
    assert services["worker"]["command"][:4] == ["celery", "-A", "revisionsspar", "worker"]
    assert services["beat"]["command"][:4] == ["celery", "-A", "revisionsspar", "beat"]


def test_default_mail_goes_to_the_local_folder():
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); from django.conf import settings; print(settings.EMAIL_FILE_PATH)"],
        cwd=PROJECT,
        env={"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "revisionsspar.settings", "DEBUG": "1"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.strip() == str(PROJECT / "var" / "mail")
