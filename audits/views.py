import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, Prefetch, Window
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.decorators import method_decorator
from django.utils.text import slugify
from django.views.decorators.http import require_POST, require_safe
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin
from django_tables2.export import ExportMixin

from committees.models import User
from committees.spreadsheets import InertTableExport
from recommendations.models import Addressee, FollowUp
from responses.models import Response

from . import ordering, services
from .filters import AuditFilter
from .forms import AuditForm, DeadlineForAllForm, DeadlinesForm, ExtensionForm, RevisionQuestionForm, SignatoryFormSet
from .history import case_history
from .models import Audit, Recipient
from .permissions import get_audit_for_revisor, get_audit_for_user
from .tables import AuditTable


def is_htmx(request):
    return request.headers.get("HX-Request") == "true"


class ExportLinksMixin:
    """Links to the CSV and XLSX export of the rows the current filters select."""

    export_formats = ("csv", "xlsx")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query.pop("page", None)
        links = []
        for export_format in self.export_formats:
            query[self.export_trigger_param] = export_format
            links.append((export_format.upper(), f"?{query.urlencode()}"))
        context["export_links"] = links
        return context


# Each row of a table page carries the number of rows all pages hold.
ROWS_IN_TOTAL = "rows_in_total"
# A page's OFFSET must fit in the databases' 64-bit integers.
LARGEST_OFFSET = 2**63 - 1


class BoundedPaginator(Paginator):
    """Pages of 1 to 100 rows, whatever page size the address asks for.

    A page's rows come with COUNT(*) OVER () (see FilteredTableView), so the page and the
    number of pages cost one query; the separate COUNT runs only for a page past the end.
    """

    def __init__(self, object_list, per_page, *args, **kwargs):
        super().__init__(object_list, min(max(int(per_page), 1), 100), *args, **kwargs)

    def page(self, number):
        if not isinstance(number, int) or not 1 <= number <= LARGEST_OFFSET // self.per_page:
            # Django's checks against the count raise the error django-tables2 turns into the
            # first or the last page.
            return super().page(number)
        bottom = (number - 1) * self.per_page
        # django-tables2 pages its bound rows; each holds the record of its row.
        rows = self.object_list[bottom : bottom + self.per_page]
        first = next(iter(rows), None)
        if first is None:
            if number == 1 and self.allow_empty_first_page:
                self.count = 0
            return super().page(number)
        self.count = getattr(first.record, ROWS_IN_TOTAL)
        return self._get_page(rows, number, self)


@method_decorator(transaction.non_atomic_requests, name="dispatch")
class FilteredTableView(LoginRequiredMixin, ExportLinksMixin, ExportMixin, SingleTableMixin, FilterView):
    """A sortable, paginated table of the rows the filters select, exportable as CSV and XLSX.

    It only reads, so it runs without the request's transaction and its two round trips.
    """

    table_pagination = {"per_page": 25, "paginator_class": BoundedPaginator}
    export_class = InertTableExport

    def get_table_data(self):
        # The window runs after the filters' WHERE: it counts the rows the table shows.
        return super().get_table_data().annotate(**{ROWS_IN_TOTAL: Window(Count("*"))})


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
    recipients = list(audit.recipients.select_related("committee", "response"))
    readable_responses = set(
        Response.objects.visible_to(request.user).filter(recipient__audit=audit).values_list("pk", flat=True)
    )
    for recipient in recipients:
        response = getattr(recipient, "response", None)
        recipient.readable_response = response if response and response.pk in readable_responses else None
        recipient.status_text, recipient.status_class = services.deadline_status(recipient)
    recommendations = audit.recommendations.prefetch_related(
        Prefetch(
            "addressees",
            queryset=Addressee.objects.select_related("recipient__committee").prefetch_related(
                Prefetch("follow_ups", queryset=FollowUp.objects.order_by("-date", "-id"))
            ),
        )
    )
    return render(
        request,
        "audits/audit_detail.html",
        {
            "audit": audit,
            "can_edit": Audit.objects.editable_by(request.user).filter(pk=audit.pk).exists(),
            "questions": audit.questions.all(),
            "signatories": audit.signatories.all(),
            "informed": audit.informed_committees.all(),
            "recipients": recipients,
            "recommendations": recommendations,
            "documents": audit.documents.all(),
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
    return FileResponse(
        report, content_type="application/pdf", filename=f"{slugify(audit.title)[:80] or 'granskningsrapport'}.pdf"
    )


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
def audit_send(request, pk):
    audit = get_audit_for_revisor(request.user, pk)
    errors = []
    if request.method == "POST":
        try:
            services.send_for_response(audit, request.user)
        except ValidationError as error:
            errors = error.messages
        else:
            count = audit.recipients.count()
            messages.success(
                request, f"Granskningen har skickats för yttrande till {count} {'nämnd' if count == 1 else 'nämnder'}."
            )
            return redirect(audit)
    recipients = list(audit.recipients.select_related("committee"))
    secretaries = User.objects.filter(role=User.Role.SEKRETERARE, is_active=True).exclude(email="")
    for recipient in recipients:
        recipient.secretary_count = secretaries.filter(committees=recipient.committee).count()
    return render(
        request,
        "audits/send.html",
        {
            "audit": audit,
            "recipients": recipients,
            "errors": errors,
            "problems": [] if audit.is_sent else services.send_problems(audit),
        },
    )


@login_required
@require_safe
def audit_history(request, pk):
    audit = get_audit_for_user(request.user, pk)
    if not (request.user.is_superuser or request.user.sees_whole_municipality):
        raise PermissionDenied("Historiken visas för revisorer och kommunledningskontoret.")
    page = Paginator(case_history(audit), 50).get_page(request.GET.get("page"))
    return render(request, "audits/history.html", {"audit": audit, "page": page})


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
