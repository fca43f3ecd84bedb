from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from core.forms import StyledFormMixin, date_input, textarea
from core.fields import IdsChoiceField
from committees.models import Committee

from .models import FollowUp, Recommendation
from .services import AddresseeShortcut, addressable_committees, committees_for_shortcut


class CommitteeCheckboxes(forms.CheckboxSelectMultiple):
    """Checkboxes that say which shortcuts each committee belongs to, so that the page script
    can tick a shortcut's committees without a round trip."""

    shortcut_members = None

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        pk = getattr(value, "value", value)
        option["attrs"]["data-shortcuts"] = " ".join((self.shortcut_members or {}).get(pk, []))
        return option


class RecommendationForm(StyledFormMixin, forms.ModelForm):
    committees = IdsChoiceField(
        label="Riktad till",
        queryset=Committee.objects.none(),
        widget=CommitteeCheckboxes,
        required=False,
        help_text="Kryssa i nämnderna, eller välj samtliga nämnder med knapparna och ändra sedan urvalet.",
    )

    class Meta:
        model = Recommendation
        fields = ["text"]
        widgets = {"text": textarea(4)}
        labels = {"text": "Rekommendation"}
        error_messages = {"text": {"required": "Skriv rekommendationens text."}}

    def __init__(self, *args, audit, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.audit = audit
        self.fields["committees"].queryset = addressable_committees(audit)
        members = {}
        for shortcut in AddresseeShortcut:
            for committee in committees_for_shortcut(audit.municipality, shortcut):
                members.setdefault(committee.pk, []).append(shortcut.value)
        self.fields["committees"].widget.shortcut_members = members
        if self.instance.pk and "committees" not in self.initial:
            self.initial["committees"] = [
                addressee.recipient.committee_id for addressee in self.instance.addressees.select_related("recipient")
            ]


class FollowUpForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = FollowUp
        fields = ["status", "date", "comment"]
        widgets = {"status": forms.RadioSelect, "date": date_input(), "comment": textarea(3)}
        labels = {"status": "Bedömning"}
        help_texts = {"date": "ÅÅÅÅ-MM-DD", "comment": "Vad bedömningen grundar sig på."}
        error_messages = {"status": {"required": "Välj en bedömning."}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = FollowUp.Status.choices
        self.initial.setdefault("date", timezone.localdate())

    def clean_date(self):
        date = self.cleaned_data["date"]
        if date > timezone.localdate():
            raise ValidationError("Datumet kan inte vara i framtiden.")
        return date
