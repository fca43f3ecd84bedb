from celery import shared_task

from audits.models import Audit

from . import annual_report, rendering


@shared_task(soft_time_limit=120, time_limit=180)
def render_document(audit_id, kind):
    """Render and store one PDF of an audit (missiv or report to fullmäktige)."""
    document = rendering.render_and_store(audit_id, kind)
    return document.state if document else None


@shared_task(soft_time_limit=300, time_limit=360)
def render_annual_report(report_id):
    """Render and store one annual report to fullmäktige."""
    report = annual_report.render_and_store(report_id)
    return report.state if report else None


@shared_task(soft_time_limit=60, time_limit=90)
def refresh_documents(audit_id):
    """Queue new renders of the audit's documents after a change to the case."""
    audit = Audit.objects.filter(pk=audit_id).first()
    if audit is None:
        return 0
    return len(rendering.refresh_documents(audit))
