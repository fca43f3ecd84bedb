import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST, require_safe

from core import ordering
from core.views import FilteredTableView, is_htmx

from . import services
from .filters import AuditFilter
from .forms import AuditForm, DeadlineForAllForm, DeadlinesForm, ExtensionForm, RevisionQuestionForm, SignatoryFormSet
from .models import Audit, Recipient
from .permissions import get_audit_for_revisor, get_audit_for_user
from .tables import AuditTable


class AuditListView(FilteredTableView):
    table_class = AuditTable
    filterset_class = AuditFilter
    template_name = "audits/audit_list.html"
    export_name = "granskningar"

    def get_queryset(self):
        return (
            Audit.objects.visible_to(self.request.user)
            .only("title", "year", "kind", "status", "consultant_firm", "diarienummer", "sent_at")
            .prefetch_related(
                Prefetch(
                    "recipients",
                    queryset=Recipient.objects.select_related("committee").only(
                        "audit_id", "committee__kind", "committee__name", "committee__short_name"
                    ),
                )
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_create"] = self.request.user.is_revisor
        return context


audit_list = AuditListView.as_view()


@login_required
@require_safe
def audit_detail(request, pk):
    audit = get_audit_for_user(request.user, pk, Audit.objects.select_related("sent_by"))
    return render(
        request,
        "audits/audit_detail.html",
        {
            "audit": audit,
            "can_edit": Audit.objects.editable_by(request.user).filter(pk=audit.pk).exists(),
            "questions": audit.questions.all(),
            "signatories": audit.signatories.all(),
            "informed": audit.informed_committees.all(),
        },
    )


def _save_audit_form(request, form, signatories):
    form_valid = form.is_valid()
    if not (signatories.is_valid() and form_valid):
        return None
    return services.save_audit(form, signatories)


@login_required
def audit_create(request):
    if not request.user.is_revisor:
        raise PermissionDenied("Bara kommunens revisorer kan lägga upp granskningar.")
    form = AuditForm(request.POST or None, request.FILES or None, municipality=request.user.municipality)
    signatories = SignatoryFormSet(request.POST or None, instance=form.instance, prefix="signatories")
    if request.method == "POST" and (audit := _save_audit_form(request, form, signatories)):
        messages.success(request, "Granskningen har lagts upp.")
        return redirect(audit)
    return render(request, "audits/audit_form.html", {"form": form, "signatories": signatories})


@login_required
def audit_edit(request, pk):
    audit = get_audit_for_revisor(request.user, pk)
    form = AuditForm(request.POST or None, request.FILES or None, instance=audit, municipality=audit.municipality)
    signatories = SignatoryFormSet(request.POST or None, instance=audit, prefix="signatories")
    if request.method == "POST" and _save_audit_form(request, form, signatories):
        messages.success(request, "Ändringarna har sparats.")
        return redirect(audit)
    return render(request, "audits/audit_form.html", {"form": form, "signatories": signatories, "audit": audit})


@login_required
@require_safe
def audit_report(request, pk):
    audit = get_audit_for_user(request.user, pk)
    try:
        report = audit.report_file.open("rb")
    except (ValueError, FileNotFoundError):
        raise Http404("Ingen granskningsrapport är uppladdad.") from None
    return FileResponse(report, content_type="application/pdf", filename=audit.report_filename)


def _render_questions(request, audit, form=None, notice="", focus=()):
    """The questions page, or for htmx only its questions section, moving focus to the first
    of the focus ids that exists after the swap."""
    context = {
        "audit": audit,
        "questions": audit.questions.all(),
        "form": form or RevisionQuestionForm(),
        "notice": notice,
        "htmx": is_htmx(request),
    }
    if not is_htmx(request):
        return render(request, "audits/questions.html", context)
    response = render(request, "audits/_questions.html", context)
    if focus:
        response["HX-Trigger-After-Settle"] = json.dumps({"revisionsspar:focus": {"ids": list(focus)}})
    return response


@login_required
@require_safe
def question_list(request, pk):
    audit = get_audit_for_revisor(request.user, pk)
    return _render_questions(request, audit)


@login_required
@require_POST
def question_add(request, pk):
    audit = get_audit_for_revisor(request.user, pk)
    form = RevisionQuestionForm(request.POST)
    if not form.is_valid():
        return _render_questions(request, audit, form, notice="Revisionsfrågan kunde inte sparas.", focus=["id_text"])
    question = form.save(commit=False)
    question.audit = audit
    question.order = ordering.next_order(audit.questions.all())
    question.save()
    notice = f"Revisionsfråga {question.order} har lagts till."
    if is_htmx(request):
        return _render_questions(request, audit, notice=notice, focus=["id_text"])
    messages.success(request, notice)
    return redirect("audits:questions", pk=audit.pk)


@login_required
def question_edit(request, pk, question_pk):
    audit = get_audit_for_revisor(request.user, pk)
    question = get_object_or_404(audit.questions, pk=question_pk)
    form = RevisionQuestionForm(request.POST or None, instance=question)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Revisionsfrågan har sparats.")
        return redirect("audits:questions", pk=audit.pk)
    return render(request, "audits/question_form.html", {"audit": audit, "question": question, "form": form})


@login_required
@require_POST
def question_move(request, pk, question_pk):
    audit = get_audit_for_revisor(request.user, pk)
    question = get_object_or_404(audit.questions, pk=question_pk)
    direction = "up" if request.POST.get("direction") == "up" else "down"
    ordering.move(question, audit.questions.all(), direction)
    question.refresh_from_db()
    notice = f"Frågan är nu nummer {question.order}."
    if is_htmx(request):
        other = "down" if direction == "up" else "up"
        focus = [f"question-{question.pk}-{direction}", f"question-{question.pk}-{other}"]
        return _render_questions(request, audit, notice=notice, focus=focus)
    messages.success(request, notice)
    return redirect("audits:questions", pk=audit.pk)


@login_required
@require_POST
def question_delete(request, pk, question_pk):
    audit = get_audit_for_revisor(request.user, pk)
    question = get_object_or_404(audit.questions, pk=question_pk)
    question.delete()
    ordering.renumber(audit.questions.all())
    notice = "Revisionsfrågan har tagits bort."
    if is_htmx(request):
        return _render_questions(request, audit, notice=notice, focus=["questions-heading"])
    messages.success(request, notice)
    return redirect("audits:questions", pk=audit.pk)


@login_required
def recipient_deadlines(request, pk):
    audit = get_audit_for_revisor(request.user, pk)
    recipients = list(audit.recipients.select_related("committee"))
    action = request.POST.get("action")
    all_form = DeadlineForAllForm(
        request.POST if action == "all" else None,
        prefix="all",
        initial={"deadline": services.common_deadline(audit)},
    )
    each_form = DeadlinesForm(request.POST if action == "each" else None, recipients=recipients, prefix="each")
    if request.method == "POST":
        deadlines = None
        if action == "all" and all_form.is_valid():
            deadlines = {recipient: all_form.cleaned_data["deadline"] for recipient in recipients}
        elif action == "each" and each_form.is_valid():
            deadlines = each_form.deadlines()
        if deadlines is not None:
            changed = services.set_deadlines(deadlines)
            messages.success(request, f"Svarsdagarna har sparats ({changed} ändrade).")
            return redirect("audits:recipients", pk=audit.pk)
    return render(
        request,
        "audits/recipients.html",
        {"audit": audit, "recipients": recipients, "all_form": all_form, "each_form": each_form},
    )


@login_required
def recipient_extension(request, pk, recipient_pk):
    audit = get_audit_for_revisor(request.user, pk)
    recipient = get_object_or_404(audit.recipients.select_related("committee"), pk=recipient_pk)
    form = ExtensionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.grant_extension(
                recipient, form.cleaned_data["extended_deadline"], form.cleaned_data["extension_reason"], request.user
            )
        except ValidationError as error:
            for field, field_errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, field_errors)
        else:
            messages.success(
                request, f"{recipient.committee} har fått förlängd svarstid till {recipient.extended_deadline:%Y-%m-%d}."
            )
            return redirect("audits:recipients", pk=audit.pk)
    return render(request, "audits/extension_form.html", {"audit": audit, "recipient": recipient, "form": form})


@login_required
@require_POST
def audit_publish(request, pk):
    """Publish the case for the residents, or withdraw it (the button says which)."""
    audit = get_audit_for_revisor(request.user, pk)
    publish = request.POST.get("published") == "1"
    try:
        services.set_published(audit, publish, request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            "Granskningen är publicerad på kommunens sida för invånare."
            if publish
            else "Granskningen visas inte längre för invånare.",
        )
    return redirect(f"{audit.get_absolute_url()}#publication")
