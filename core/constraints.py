from django.db import models
from django.db.models import Q


def choices_constraint(field, choices, name):
    """A check that the field holds one of the TextChoices' values."""
    return models.CheckConstraint(condition=Q(**{f"{field}__in": list(choices.values)}), name=name)
