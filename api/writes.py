"""The API's writes: the browser's forms judge the input and the browser's services make the
change, so a rule lives in one place whichever way the data comes in."""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from rest_framework import exceptions

from audits import services as audit_services
from audits.forms import AuditForm, SignatoryFormSet
from recommendations import services as recommendation_services
from recommendations.forms import FollowUpForm, RecommendationForm
from recommendations.models import Recommendation
from responses.forms import AnswerForm
from responses.services import POSITION_FIELDS, RESPONSE_FIELDS, EditConflict, addressees_of, save_draft, submit_response

AUDIT_FIELDS = set(AuditForm._meta.fields) - {"report_file"}
SIGNATORIES = "signatories"


class AnswerConflict(Exception):
    """The answer was saved, submitted or reopened by someone else since the client read it."""

    def __init__(self, current):
        super().__init__("Yttrandet har ändrats eller skickats in sedan det lästes. Läs det igen.")
        self.current = current


def form_errors(form):
    """A form's errors as the API reports them: by field, the form's own as non_field_errors."""
    return {
        ("non_field_errors" if name == NON_FIELD_ERRORS else name): list(messages)
        for name, messages in form.errors.items()
    }


def _refuse(errors):
    raise exceptions.ValidationError(errors)


def _signatory_data(signatories):
    data = {
        f"{SIGNATORIES}-TOTAL_FORMS": len(signatories),
        f"{SIGNATORIES}-INITIAL_FORMS": 0,
        f"{SIGNATORIES}-MIN_NUM_FORMS": 0,
        f"{SIGNATORIES}-MAX_NUM_FORMS": 1000,
    }
    for index, signatory in enumerate(signatories):
        for name, value in signatory.items():
            data[f"{SIGNATORIES}-{index}-{name}"] = value
    return data


@transaction.atomic
def create_audit(user, data):
    """Create the audit, its signatories and its recommendations as the browser's forms do;
    any error anywhere creates nothing.

    1. The audit form and the signatories' formset judge the audit.
    2. Saved, the audit gives each recommendation form its committees to choose from.
    3. Every recommendation is saved through save_recommendation, which asks its committees.
    """
    form = AuditForm({name: value for name, value in data.items() if name in AUDIT_FIELDS}, None, municipality=user.municipality)
    signatories = SignatoryFormSet(_signatory_data(data.get(SIGNATORIES, [])), instance=form.instance, prefix=SIGNATORIES)
    form_valid = form.is_valid()
    if not (signatories.is_valid() and form_valid):
        errors = form_errors(form)
        if any(signatories.errors) or signatories.non_form_errors():
            errors[SIGNATORIES] = [dict(form_errors(signatory)) for signatory in signatories.forms]
            if signatories.non_form_errors():
                errors.setdefault("non_field_errors", []).extend(signatories.non_form_errors())
        _refuse(errors)
    audit = audit_services.save_audit(form, signatories)
    recommendation_errors, forms = [], []
    for recommendation in data.get("recommendations", []):
        recommendation_form = RecommendationForm(recommendation, instance=Recommendation(audit=audit), audit=audit)
        recommendation_errors.append(form_errors(recommendation_form) if not recommendation_form.is_valid() else {})
        forms.append(recommendation_form)
    if any(recommendation_errors):
        # Raised inside the transaction: the audit saved above is rolled back.
        _refuse({"recommendations": recommendation_errors})
    for recommendation_form in forms:
        recommendation_services.save_recommendation(
            recommendation_form.save(commit=False), recommendation_form.cleaned_data["committees"]
        )
    return audit


def submit_answer(user, response, data):
    """Save the committee's answer and submit it, as the secretary's edit page does."""
    if response.is_submitted:
        raise AnswerConflict(response)
    addressees = list(addressees_of(response.recipient))
    known = {addressee.pk for addressee in addressees}
    positions = data.get("positions", [])
    unknown = sorted({position["addressee"] for position in positions} - known)
    if unknown:
        _refuse({"positions": [f"Rekommendationen (adressat {pk}) är inte riktad till nämnden i det här ärendet." for pk in unknown]})
    form_data = {"version": data["version"], **{name: data.get(name) for name in RESPONSE_FIELDS}}
    for position in positions:
        for name in POSITION_FIELDS:
            form_data[f"rek-{position['addressee']}-{name}"] = position.get(name)
    form = AnswerForm(response, addressees, form_data, {})
    if not form.is_valid(submitting=True):
        errors = form_errors(form.response_form) | form_errors(form.attachments)
        by_addressee = {str(addressee.pk): form_errors(position_form) for _, addressee, position_form in form.positions if position_form.errors}
        if by_addressee:
            errors["positions"] = by_addressee
        _refuse(errors)
    try:
        with transaction.atomic():
            save_draft(response, form.version, form.fields, form.position_values, user)
            submit_response(response, user)
    except EditConflict as conflict:
        raise AnswerConflict(conflict.current) from None
    except ValidationError as error:
        _refuse({"non_field_errors": error.messages})
    response.refresh_from_db()
    return response


def record_follow_up(user, addressee, data):
    """Record the auditors' judgement as the follow-up page does."""
    form = FollowUpForm(data)
    if not form.is_valid():
        _refuse(form_errors(form))
    return recommendation_services.record_follow_up(addressee, **form.cleaned_data, user=user)
