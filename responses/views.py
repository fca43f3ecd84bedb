from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from audits.models import Audit
from audits.permissions import get_audit_for_revisor

from . import requests, uploads
from .forms import AnswerForm, ExtensionDecisionForm, ExtensionRequestForm, ReopenForm
from .models import ExtensionRequest, Response
from .permissions import (
    answered_for,
    get_attachment_for_user,
    get_draft_for_secretary,
    get_extension_request_for_revisor,
    get_recipient_for_secretary,
    get_response_for_revisor,
    get_response_for_secretary,
    get_response_for_user,
    recipients_visible_to,
)
from .services import (
    EditConflict,
    addressees_of,
    decide_extension,
    get_or_create_draft,
    reopen_response,
    request_extension,
    save_draft,
    submit_response,
)

ANSWERED_PER_PAGE = 25
RESPONSE_WITH_CASE = Response.objects.select_related("recipient__audit", "recipient__committee", "submitted_by")


def _add_service_errors(form, error):
    """Put a service's ValidationError next to the form's fields where it names one."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


@login_required
@require_safe
def response_list(request):
    """The inbox: open cases by deadline, then the answered ones, newest first, a page at a time."""
    today = timezone.localdate()
    visible = recipients_visible_to(request.user).select_related("audit", "committee", "response")
    requested_deadline = ExtensionRequest.objects.pending().filter(recipient=OuterRef("pk")).values("requested_deadline")
    open_cases = list(visible.open().by_deadline().annotate(requested_deadline=Subquery(requested_deadline[:1])))
    answered = Paginator(visible.answered().order_by("-response__submitted_at", "pk"), ANSWERED_PER_PAGE).get_page(
        request.GET.get("page")
    )
    answerable = answered_for(request.user, open_cases)
    for recipient in open_cases:
        recipient.can_start = recipient.pk in answerable
        recipient.answer = getattr(recipient, "response", None)
        recipient.days = recipient.days_left(today)
    for recipient in answered:
        recipient.answer = recipient.response
    pending_decisions = (
        ExtensionRequest.objects.pending()
        .filter(recipient__in=visible, recipient__audit__in=Audit.objects.editable_by(request.user))
        .select_related("recipient__audit", "recipient__committee")
        .order_by("requested_at")
    )
    return render(
        request,
        "responses/response_list.html",
        {
            "open_cases": open_cases,
            "answered": answered,
            "pending_decisions": pending_decisions,
            "shows_committee": not request.user.is_secretary or request.user.committees.count() > 1,
        },
    )


@login_required
@require_POST
def response_start(request, recipient_pk):
    """Open the committee's answer, starting a draft the first time."""
    response = get_or_create_draft(get_recipient_for_secretary(request.user, recipient_pk))
    return redirect("responses:detail" if response.is_submitted else "responses:edit", response.pk)


@login_required
@require_safe
def response_detail(request, pk):
    response = get_response_for_user(request.user, pk, RESPONSE_WITH_CASE)
    positions = {position.addressee_id: position for position in response.positions.all()}
    recipient = response.recipient
    extension_requests = list(recipient.extension_requests.select_related("requested_by", "decided_by"))
    can_edit = Response.objects.editable_by(request.user).filter(pk=response.pk).exists()
    is_revisor = Audit.objects.editable_by(request.user).filter(pk=recipient.audit_id).exists()
    return render(
        request,
        "responses/response_detail.html",
        {
            "response": response,
            "recipient": recipient,
            "rows": [
                (number, addressee, positions.get(addressee.pk))
                for number, addressee in enumerate(addressees_of(recipient), start=1)
            ],
            "attachments": response.attachments.all(),
            "extension_requests": extension_requests,
            "events": response.history.filter(history_change_reason__isnull=False).select_related("history_user"),
            "can_edit": can_edit,
            "can_request_extension": can_edit
            and recipient.effective_deadline is not None
            and not any(e.state == ExtensionRequest.State.PENDING for e in extension_requests),
            "can_reopen": is_revisor and response.is_submitted,
            "can_decide": is_revisor,
        },
    )


def _render_edit(request, response, form, status=200, conflict=None):
    return render(
        request,
        "responses/response_form.html",
        {"response": response, "form": form, "audit": response.recipient.audit, "conflict": conflict},
        status=status,
    )


def _render_conflict(request, addressees, form, current):
    """Show the user's input again on top of what someone else saved, with the differences."""
    data = request.POST.copy()
    data["version"] = current.version
    last_change = current.history.select_related("history_user").first()
    conflict = {
        "current": current,
        "by": last_change.history_user if last_change else None,
        "at": last_change.history_date if last_change else None,
        "differences": form.differences_from(current) if form.is_valid() else [],
        "had_files": bool(request.FILES),
    }
    return _render_edit(request, current, AnswerForm(current, addressees, data), status=409, conflict=conflict)


@login_required
def response_edit(request, pk):
    response = get_response_for_secretary(request.user, pk, RESPONSE_WITH_CASE)
    addressees = list(addressees_of(response.recipient))
    if request.method != "POST":
        if response.is_submitted:
            raise PermissionDenied("Yttrandet är inskickat och kan inte längre ändras.")
        return _render_edit(request, response, AnswerForm(response, addressees))

    form = AnswerForm(response, addressees, request.POST, request.FILES)
    if response.is_submitted:
        return _render_conflict(request, addressees, form, response)

    submitting = "submit" in request.POST
    if not form.is_valid(submitting=submitting):
        return _render_edit(request, response, form, status=400)
    try:
        with transaction.atomic():
            save_draft(
                response,
                form.version,
                form.fields,
                form.position_values,
                request.user,
                new_attachments=form.attachments.checked_uploads,
                removed_attachments=form.attachments.cleaned_data["remove"],
            )
            if submitting:
                submit_response(response, request.user)
    except EditConflict as conflict:
        return _render_conflict(request, addressees, form, conflict.current)
    except ValidationError as error:
        form.response_form.add_error(None, error)
        return _render_edit(request, Response.objects.get(pk=response.pk), form, status=400)
    if submitting:
        messages.success(request, "Yttrandet är inskickat. Revisorerna har fått besked och du får en kvittens med e-post.")
        return redirect("responses:detail", response.pk)
    messages.success(request, "Utkastet är sparat.")
    return redirect("responses:edit", response.pk)


@login_required
@require_safe
def attachment_download(request, pk):
    """Serve an attachment to those who may read its answer, always as a download."""
    download = uploads.attachment_download(get_attachment_for_user(request.user, pk))
    download["Cache-Control"] = "private, no-store"
    return download


@login_required
def response_reopen(request, pk):
    response = get_response_for_revisor(request.user, pk, RESPONSE_WITH_CASE)
    if not response.is_submitted:
        messages.info(request, "Yttrandet är redan öppet för nämnden.")
        return redirect("responses:detail", response.pk)
    form = ReopenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            reopen_response(response, request.user, form.cleaned_data["reason"])
        except EditConflict:
            messages.info(request, "Yttrandet är redan öppet för nämnden.")
        except ValidationError as error:
            _add_service_errors(form, error)
        else:
            messages.success(request, "Yttrandet är öppnat igen. Nämndens sekreterare får besked med e-post.")
            return redirect("responses:detail", response.pk)
    return render(
        request,
        "responses/response_reopen.html",
        {"response": response, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
def extension_request_create(request, pk):
    response = get_draft_for_secretary(request.user, pk, RESPONSE_WITH_CASE)
    pending = response.recipient.extension_requests.pending().first()
    form = ExtensionRequestForm(request.POST or None, recipient=response.recipient)
    if request.method == "POST" and form.is_valid():
        try:
            request_extension(
                response, form.cleaned_data["requested_deadline"], form.cleaned_data["reason"], request.user
            )
        except ValidationError as error:
            _add_service_errors(form, error)
        else:
            messages.success(request, "Begäran om förlängd svarstid är skickad till revisorerna.")
            return redirect("responses:detail", response.pk)
    return render(
        request,
        "responses/extension_request_form.html",
        {"response": response, "recipient": response.recipient, "pending": pending, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
def extension_decide(request, pk):
    extension_request = get_extension_request_for_revisor(request.user, pk)
    form = ExtensionDecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        decision = request.POST.get("decision")
        if decision not in ("grant", "refuse"):
            form.add_error(None, "Välj att bevilja eller avslå begäran.")
        else:
            try:
                decide_extension(
                    extension_request, request.user, decision == "grant", form.cleaned_data["decision_comment"]
                )
            except ValidationError as error:
                _add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    "Förlängd svarstid är beviljad." if decision == "grant" else "Begäran om förlängd svarstid är avslagen.",
                )
                return redirect("responses:list")
    return render(
        request,
        "responses/extension_decide.html",
        {
            "extension_request": extension_request,
            "recipient": extension_request.recipient,
            "response": getattr(extension_request.recipient, "response", None),
            "form": form,
        },
        status=400 if form.errors else 200,
    )


@login_required
def send_for_response(request, pk):
    """The check before sending a case to its committees, and the sending itself."""
    audit = get_audit_for_revisor(request.user, pk)
    errors = []
    if request.method == "POST":
        try:
            requests.send_for_response(audit, request.user)
        except ValidationError as error:
            errors = error.messages
        else:
            count = audit.recipients.count()
            messages.success(
                request, f"Granskningen har skickats för yttrande till {count} {'nämnd' if count == 1 else 'nämnder'}."
            )
            return redirect(audit)
    recipients = list(audit.recipients.select_related("committee"))
    for recipient in recipients:
        recipient.secretary_count = recipient.committee.secretaries_to_mail().count()
    return render(
        request,
        "responses/send.html",
        {
            "audit": audit,
            "recipients": recipients,
            "errors": errors,
            "problems": [] if audit.is_sent else requests.send_problems(audit),
        },
    )
