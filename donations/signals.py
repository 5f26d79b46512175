"""Attach donations made before signing up to the donor's account, by verified e-mail only.

A donor gives without an account; later they sign up with the same address. Once allauth
has verified that address (or when a user whose address is verified signs in, in case a
donation arrived in between), every Donor row with that e-mail and no account is theirs.
An unverified address never attaches anything: anyone can type someone else's e-mail.
"""

from allauth.account.models import EmailAddress
from allauth.account.signals import email_confirmed
from django.contrib.auth.signals import user_logged_in

from .models import Donor


def attach_donors(user, emails):
    """Give `user` every unattached Donor whose e-mail is one of `emails` (any case)."""
    attached = 0
    for email in {email.strip().lower() for email in emails if email}:
        attached += Donor.objects.filter(email__iexact=email, user__isnull=True).update(user=user)
    return attached


def on_email_confirmed(sender, request=None, email_address=None, **kwargs):
    if email_address is not None and email_address.verified:
        attach_donors(email_address.user, [email_address.email])


def on_user_logged_in(sender, request=None, user=None, **kwargs):
    if user is None:
        return
    verified = EmailAddress.objects.filter(user=user, verified=True).values_list("email", flat=True)
    attach_donors(user, list(verified))


def connect_signals():
    email_confirmed.connect(on_email_confirmed, dispatch_uid="donations-attach-on-confirm")
    user_logged_in.connect(on_user_logged_in, dispatch_uid="donations-attach-on-login")
