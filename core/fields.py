from django import forms
from django.core.exceptions import ValidationError

# The range of the BigAutoField primary keys.
LARGEST_ID = 2**63 - 1


class IdsChoiceField(forms.ModelMultipleChoiceField):
    """A multiple choice of objects that refuses ids outside the database's integer range
    before they reach `pk__in` (an OverflowError on SQLite, a DataError on PostgreSQL)."""

    def _check_values(self, value):
        for pk in value:
            try:
                out_of_range = abs(int(pk)) > LARGEST_ID
            except (TypeError, ValueError):
                continue  # the parent refuses it as not a valid id
            if out_of_range:
                raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice", params={"value": pk})
        return super()._check_values(value)
