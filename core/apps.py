from django.apps import AppConfig


class CoreConfig(AppConfig):
    """The ground floor every app stands on: form styling, tables, storage, helpers. It imports
    no domain app."""

    name = "core"
    verbose_name = "Gemensamt"
