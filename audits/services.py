from django.core.exceptions import ValidationError
from django.db import transaction


@transaction.atomic
def grant_extension(recipient, new_deadline, reason, user):
    """Give a committee a later deadline for its answer, with the reason recorded."""
    if recipient.deadline is None or new_deadline < recipient.deadline:
        raise ValidationError(
            {"extended_deadline": "Den förlängda svarstiden kan inte vara före den ursprungliga."}
        )
    recipient.extended_deadline = new_deadline
    recipient.extension_reason = reason
    recipient._change_reason = "Förlängd svarstid"
    recipient._history_user = user
    recipient.save()
    return recipient
