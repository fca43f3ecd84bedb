from outbox import dispatch as outbox

from . import tasks


def invite(user):
    """Send the user a one-time link to choose a password (after the commit); False if the
    user cannot receive one."""
    if not (user.is_active and user.email):
        return False
    outbox.send_on_commit(tasks.send_invitation, user.pk)
    return True
