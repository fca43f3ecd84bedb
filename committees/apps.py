from django.apps import AppConfig


class CommitteesConfig(AppConfig):
    name = "committees"
    verbose_name = "Kommuner och nämnder"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from .middleware import remember_login_time

        user_logged_in.connect(remember_login_time, dispatch_uid="remember_login_time")
