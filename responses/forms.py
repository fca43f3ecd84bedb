from django import forms
from django.conf import settings

from core.fields import IdsChoiceField
from core.forms import StyledFormMixin, date_input

from .models import Attachment, ExtensionRequest, Position, Response
from .services import POSITION_FIELDS, RESPONSE_FIELDS, check_requested_deadline
from .uploads import EXTENSIONS, check_upload


class StyledForm(StyledFormMixin):
    """Radio buttons and checkboxes laid out one by one the Bootstrap way (responses/_field.html)."""

    choice_class = "form-check-input"


class ResponseForm(StyledForm, forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Response
        fields = RESPONSE_FIELDS
        widgets = {
            "meeting_date": date_input(),
            "beslut": forms.Textarea(attrs={"rows": 4}),
            "summary": forms.Textarea(attrs={"rows": 6}),
        }
        help_texts = {
            "meeting_date": "Datum då nämnden beslutade om yttrandet (ÅÅÅÅ-MM-DD).",
            "paragraf": "Paragrafen i protokollet, till exempel § 6.",
            "diarienummer": "Nämndens diarienummer, till exempel KFN-2021/323.",
            "handlaggare": "Den som skrev tjänsteutlåtandet.",
            "beslut": "Nämndens beslut enligt protokollet.",
            "summary": "Nämndens svar i korthet.",
        }


class PositionForm(StyledForm, forms.ModelForm):
    position = forms.ChoiceField(
        label="Ställningstagande",
        choices=Position.Choice.choices,
        required=False,
        widget=forms.RadioSelect,
    )

    class Meta:
        model = Position
        fields = POSITION_FIELDS
        widgets = {"planned_actions": forms.Textarea(attrs={"rows": 4}), "planned_date": date_input()}
        help_texts = {"planned_date": "När åtgärderna ska vara klara (ÅÅÅÅ-MM-DD)."}


ACCEPTED_FILES = ",".join([*(f".{extension}" for extension in EXTENSIONS.values()), *EXTENSIONS])
MAX_MEGABYTES = settings.MAX_UPLOAD_SIZE // (1024 * 1024)


class AttachmentsForm(StyledForm, forms.Form):
    """New files, one field per kind of attachment, and the attachments to remove."""

    def __init__(self, *args, response, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind_fields = []
        for kind, label in Attachment.Kind.choices:
            name = f"bilaga_{kind}"
            self.fields[name] = forms.FileField(
                label=label,
                required=False,
                help_text=f"PDF, DOCX eller ODT, högst {MAX_MEGABYTES} MB.",
                widget=forms.FileInput(attrs={"accept": ACCEPTED_FILES}),
            )
            self.kind_fields.append(name)
        self.fields["remove"] = IdsChoiceField(
            label="Ta bort bilagor",
            queryset=response.attachments.all(),
            required=False,
            widget=forms.CheckboxSelectMultiple,
        )
        self.style_fields()
        self.checked_uploads = []

    def clean(self):
        cleaned = super().clean()
        for name in self.kind_fields:
            uploaded = cleaned.get(name)
            if uploaded:
                try:
                    self.checked_uploads.append(check_upload(name.removeprefix("bilaga_"), uploaded))
                except forms.ValidationError as error:
                    self.add_error(name, error)
        return cleaned

    def kind_field_list(self):
        return [self[name] for name in self.kind_fields]


class AnswerForm:
    """The edit page: the answer's meeting facts, one position per addressed recommendation
    and new attachments, validated together so that an error anywhere saves nothing."""

    def __init__(self, response, addressees, data=None, files=None):
        self.response = response
        self.response_form = ResponseForm(data, instance=response, initial={"version": response.version})
        existing = {p.addressee_id: p for p in response.positions.all()}
        self.positions = [
            (number, addressee, PositionForm(data, instance=existing.get(addressee.pk), prefix=f"rek-{addressee.pk}"))
            for number, addressee in enumerate(addressees, start=1)
        ]
        self.attachments = AttachmentsForm(data, files, response=response)

    @property
    def forms(self):
        return [self.response_form, *(form for _, _, form in self.positions), self.attachments]

    def is_valid(self, submitting=False):
        valid = all([form.is_valid() for form in self.forms])
        if valid and submitting:
            valid = self._check_complete()
        return valid

    def _check_complete(self):
        facts = self.response_form
        if not facts.cleaned_data["meeting_date"]:
            facts.add_error("meeting_date", "Ange sammanträdesdatum för att kunna skicka in yttrandet.")
        if not facts.cleaned_data["paragraf"].strip():
            facts.add_error("paragraf", "Ange paragraf för att kunna skicka in yttrandet.")
        for number, _, form in self.positions:
            if not form.cleaned_data["position"]:
                form.add_error("position", f"Välj ställningstagande till rekommendation {number} för att kunna skicka in.")
        return not any(form.errors for form in self.forms)

    @property
    def version(self):
        return self.response_form.cleaned_data["version"]

    @property
    def fields(self):
        return {name: self.response_form.cleaned_data[name] for name in RESPONSE_FIELDS}

    @property
    def position_values(self):
        return {addressee.pk: {name: form.cleaned_data[name] for name in POSITION_FIELDS} for _, addressee, form in self.positions}

    def error_summary(self):
        """Every error as (field id, message), for the list at the top of the page."""
        labelled = [
            (self.response_form, ""),
            *((form, f"Rekommendation {number}, ") for number, _, form in self.positions),
            (self.attachments, ""),
        ]
        summary = []
        for form, context in labelled:
            for name, errors in form.errors.items():
                target, label = "", ""
                if name in form.fields:
                    field = form[name]
                    target = f"{field.auto_id}_0" if field.use_fieldset else field.auto_id
                    label = f"{context}{field.label.lower() if context else field.label}: "
                for error in errors:
                    summary.append((target, error if "rekommendation" in error else f"{label}{error}"))
        return summary

    def differences_from(self, current):
        """What someone else saved that differs from this form's input, as (label, saved value)."""
        differences = []
        for name in RESPONSE_FIELDS:
            saved = getattr(current, name)
            if saved != self.response_form.cleaned_data.get(name):
                field = current._meta.get_field(name)
                differences.append((field.verbose_name.capitalize(), _display(saved)))
        saved_positions = {p.addressee_id: p for p in current.positions.all()}
        for number, addressee, form in self.positions:
            saved = saved_positions.get(addressee.pk)
            for name in POSITION_FIELDS:
                saved_value = getattr(saved, name) if saved else ""
                if (saved_value or "") != (form.cleaned_data.get(name) or ""):
                    label = Position._meta.get_field(name).verbose_name
                    shown = saved.get_position_display() if saved and name == "position" else saved_value
                    differences.append((f"Rekommendation {number}, {label}", _display(shown)))
        return differences


def _display(value):
    if value in (None, ""):
        return "(tomt)"
    if hasattr(value, "strftime"):
        return value.strftime("%Y-%m-%d")
    return str(value)


class ExtensionRequestForm(StyledForm, forms.ModelForm):
    def __init__(self, *args, recipient, **kwargs):
        super().__init__(*args, **kwargs)
        self.recipient = recipient

    def clean_requested_deadline(self):
        requested = self.cleaned_data["requested_deadline"]
        check_requested_deadline(self.recipient, requested)
        return requested

    class Meta:
        model = ExtensionRequest
        fields = ("requested_deadline", "reason")
        labels = {"requested_deadline": "Ny svarsdag"}
        widgets = {"requested_deadline": date_input(), "reason": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "requested_deadline": "Den dag nämnden kan svara senast (ÅÅÅÅ-MM-DD).",
            "reason": "Till exempel att nämnden inte sammanträder före svarsdagen.",
        }


class ExtensionDecisionForm(StyledForm, forms.Form):
    decision_comment = forms.CharField(
        label="Kommentar till beslutet",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Krävs när begäran avslås. Kommentaren skickas till nämnden.",
    )


class ReopenForm(StyledForm, forms.Form):
    reason = forms.CharField(
        label="Skäl till att yttrandet öppnas igen",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Skälet visas för nämndens sekreterare och sparas i historiken.",
        error_messages={"required": "Skriv varför yttrandet öppnas igen."},
    )
