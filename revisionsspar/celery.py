import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "revisionsspar.settings")

app = Celery("revisionsspar")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
