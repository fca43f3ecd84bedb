from celery import shared_task

from . import documents


@shared_task(soft_time_limit=120, time_limit=180)
def render_document(audit_id, kind):
    """Render and store one PDF of an audit (missiv or report to fullmäktige)."""
    document = documents.render_and_store(audit_id, kind)
    return document.state if document else None
