import filetype
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db.models import Q
from django.utils import timezone

from core.fields import IdsChoiceField
from core.forms import StyledFormMixin, date_input, textarea
from committees.models import Committee

from .models import Audit, RevisionQuestion, Signatory


class AuditForm(StyledFormMixin, forms.ModelForm):
    remove_report = forms.BooleanField(label="Ta bort den sparade granskningsrapporten", required=False)

    class Meta:
        model = Audit
        field_classes = {"informed_committees": IdsChoiceField}
        fields = [
            "title",
            "kind",
            "year",
            "status",
            "diarienummer",
            "auditor_group",
            "consultant_firm",
            "consultant_people",
            "report_date",
            "missiv_date",
            "place",
            "purpose",
            "summary",
            "overall_assessment",
            "informed_committees",
            "report_file",
        ]
        widgets = {
            "report_date": date_input(),
            "missiv_date": date_input(),
            "purpose": textarea(3),
            "summary": textarea(5),
            "overall_assessment": textarea(5),
            "informed_committees": forms.CheckboxSelectMultiple,
            "report_file": forms.FileInput(attrs={"accept": "application/pdf,.pdf"}),
        }
        help_texts = {
            "consultant_people": "Till exempel: Jan Darrell, Anna Maria Karlsson",
            "summary": "Sammanfattningen av iakttagelserna som står i missivet.",
            "report_file": f"PDF, högst {settings.MAX_UPLOAD_SIZE // (1024 * 1024)} MB.",
            "report_date": "ÅÅÅÅ-MM-DD",
            "missiv_date": "ÅÅÅÅ-MM-DD",
        }

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.municipality = municipality
        already_informed = self.instance.informed_committees.all() if self.instance.pk else []
        self.fields["informed_committees"].queryset = (
            Committee.objects.filter(Q(active=True) | Q(pk__in=already_informed), municipality=municipality)
            .exclude(kind=Committee.Kind.REVISIONEN)
            .in_letter_order()
        )
        statuses = Audit.Status.sent() if self.instance.is_sent else [Audit.Status.PLANERAD, Audit.Status.PAGAENDE]
        self.fields["status"].choices = [(value, label) for value, label in Audit.Status.choices if value in statuses]
        if not self.instance.is_sent:
            self.fields["status"].help_text = "Granskningen får status Skickad för yttrande när den skickas."
        if not self.instance.pk:
            self.initial.setdefault("year", timezone.localdate().year)
        if not self.instance.report_file:
            del self.fields["remove_report"]

    def clean_report_file(self):
        upload = self.cleaned_data.get("report_file")
        if isinstance(upload, UploadedFile):
            if upload.size > settings.MAX_UPLOAD_SIZE:
                raise ValidationError(
                    f"Filen är för stor: högst {settings.MAX_UPLOAD_SIZE // (1024 * 1024)} MB. Välj en mindre fil."
                )
            kind = filetype.guess(upload.read(2048))
            upload.seek(0)
            if kind is None or kind.mime != "application/pdf":
                raise ValidationError("Granskningsrapporten måste vara en PDF-fil.")
            upload.name = "granskningsrapport.pdf"
        return upload

    def save(self, commit=True):
        if self.cleaned_data.get("remove_report") and not isinstance(
            self.cleaned_data.get("report_file"), UploadedFile
        ):
            self.instance.report_file = None
        return super().save(commit)


class BaseSignatoryFormSet(forms.BaseInlineFormSet):
    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = "Ta bort"

    def save(self, commit=True):
        for position, form in enumerate(self.forms, start=1):
            form.instance.order = position
        return super().save(commit)


class SignatoryForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = Signatory
        fields = ["name", "title"]
        labels = {"title": "Befattning"}
        help_texts = {"title": "Till exempel: ordförande"}


SignatoryFormSet = forms.inlineformset_factory(
    Audit, Signatory, form=SignatoryForm, formset=BaseSignatoryFormSet, extra=2, max_num=12, can_delete=True
)


class RevisionQuestionForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = RevisionQuestion
        fields = ["text", "answer", "comment"]
        widgets = {"text": textarea(3), "comment": textarea(2)}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["answer"].choices = [("", "Inget svar ännu"), *RevisionQuestion.Answer.choices]


class DeadlineForAllForm(StyledFormMixin, forms.Form):
    deadline = forms.DateField(label="Svarsdag för alla nämnder", widget=date_input(), help_text="ÅÅÅÅ-MM-DD")


class DeadlinesForm(StyledFormMixin, forms.Form):
    """One deadline field per committee asked to answer."""

    def __init__(self, *args, recipients, **kwargs):
        self.recipients = list(recipients)
        super().__init__(*args, **kwargs)
        for recipient in self.recipients:
            self.fields[self.field_name(recipient)] = forms.DateField(
                label=str(recipient.committee),
                required=False,
                widget=date_input(),
                initial=recipient.deadline,
                help_text=(
                    f"Förlängd till {recipient.extended_deadline:%Y-%m-%d}." if recipient.extended_deadline else ""
                ),
            )
        self.style_fields()

    @staticmethod
    def field_name(recipient):
        return f"deadline_{recipient.pk}"

    def clean(self):
        cleaned = super().clean()
        for recipient in self.recipients:
            name = self.field_name(recipient)
            if recipient.extended_deadline and name in cleaned and not cleaned[name]:
                self.add_error(name, "Nämnden har förlängd svarstid och behöver en ordinarie svarsdag.")
        return cleaned

    def deadlines(self):
        return {recipient: self.cleaned_data[self.field_name(recipient)] for recipient in self.recipients}


class ExtensionForm(StyledFormMixin, forms.Form):
    extended_deadline = forms.DateField(label="Ny svarsdag", widget=date_input(), help_text="ÅÅÅÅ-MM-DD")
    extension_reason = forms.CharField(label="Skäl för förlängningen", widget=textarea(3))
