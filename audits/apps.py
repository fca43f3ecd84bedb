from django.apps import AppConfig


class AuditsConfig(AppConfig):
    name = "audits"
    verbose_name = "Granskningar"

    def ready(self):
        from django.contrib.auth import get_user_model
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from committees.models import Committee

        from core.filter_choices import forget_filter_choices, forget_filter_choices_for_user
        from .models import Audit, Recipient

        user_model = get_user_model()
        for model in (Audit, Committee, Recipient, user_model):
            post_delete.connect(forget_filter_choices, sender=model, dispatch_uid=f"filter_choices_deleted_{model.__name__}")
        for model in (Audit, Committee, Recipient):
            post_save.connect(forget_filter_choices, sender=model, dispatch_uid=f"filter_choices_saved_{model.__name__}")
        post_save.connect(forget_filter_choices_for_user, sender=user_model, dispatch_uid="filter_choices_saved_User")
        m2m_changed.connect(forget_filter_choices, sender=user_model.committees.through, dispatch_uid="filter_choices_secretaries")
