from django import forms
from django.contrib.auth import forms as auth_forms

from outbox import dispatch as outbox

from . import tasks


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Kod från appen",
        min_length=6,
        max_length=6,
        error_messages={
            "required": "Skriv koden som appen visar.",
            "min_length": "Koden har sex siffror.",
            "max_length": "Koden har sex siffror.",
        },
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )

    def clean_code(self):
        code = "".join(self.cleaned_data["code"].split())
        if not code.isdigit():
            raise forms.ValidationError("Koden har bara siffror.")
        return code


class PasswordResetForm(auth_forms.PasswordResetForm):
    """Django's reset form, with the mail sent by the worker after the commit."""

    def save(self, **kwargs):
        for user in self.get_users(self.cleaned_data["email"]):
            outbox.send_on_commit(tasks.send_password_reset, user.pk)
