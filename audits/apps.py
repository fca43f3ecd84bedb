from django.apps import AppConfig


class AuditsConfig(AppConfig):
    name = "audits"
    verbose_name = "Granskningar"

    def ready(self):
        from django.contrib.auth import get_user_model
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from committees.models import Committee

        from .filter_choices import forget_filter_choices
        from .models import Audit, Recipient

        # A user's role and municipality decide which choices they see.
        for model in (Audit, Committee, Recipient, get_user_model()):
            post_save.connect(forget_filter_choices, sender=model, dispatch_uid=f"filter_choices_saved_{model.__name__}")
            post_delete.connect(forget_filter_choices, sender=model, dispatch_uid=f"filter_choices_deleted_{model.__name__}")
        m2m_changed.connect(
            forget_filter_choices, sender=get_user_model().committees.through, dispatch_uid="forget_filter_choices_secretaries"
        )
