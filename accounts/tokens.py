from django.contrib.auth.tokens import PasswordResetTokenGenerator


class InvitationTokenGenerator(PasswordResetTokenGenerator):
    """One-time links in invitations: the token stops working once a password is set (the
    hash it is made from changes) or PASSWORD_RESET_TIMEOUT has passed, and a password-reset
    token is not an invitation token (another salt)."""

    key_salt = "accounts.tokens.InvitationTokenGenerator"


invitation_tokens = InvitationTokenGenerator()
