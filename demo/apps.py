from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The four municipalities' public cases and the load generator, for development only."""

    name = "demo"
    verbose_name = "Demodata"
