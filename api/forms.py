from django import forms

from audits.forms import StyledFormMixin

from .models import AccessToken

VALID_DAYS = [(30, "30 dagar"), (90, "90 dagar"), (180, "180 dagar"), (365, "1 år")]


class AccessTokenForm(StyledFormMixin, forms.ModelForm):
    valid_days = forms.TypedChoiceField(
        label="Giltig i",
        choices=VALID_DAYS,
        coerce=int,
        initial=90,
        widget=forms.RadioSelect,
        error_messages={"required": "Välj hur länge nyckeln ska gälla."},
    )

    class Meta:
        model = AccessToken
        fields = ["name", "scope"]
        widgets = {"scope": forms.RadioSelect}
        labels = {"name": "Namn på nyckeln", "scope": "Nyckeln får"}
        help_texts = {"name": "Till exempel ”Diariet” eller ”Ärendesystemets import”, så att du känner igen den."}
        error_messages = {
            "name": {"required": "Ge nyckeln ett namn."},
            "scope": {"required": "Välj vad nyckeln får göra."},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scope"].choices = AccessToken.Scope.choices
